import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconPencil, IconPlayerStop } from '@tabler/icons-react';
import type { Schedule } from '../../../../server/orders/orders.models';
import { type Translate, useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { formatCalendarDate } from '../../shared/format';
import type { Prescription } from '../orders.api';
import { doseText } from '../orders.rules';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const STATE_COLORS = { active: 'teal', planned: 'blue', ended: 'gray', replaced: 'gray' } as const;

/** "Tous les jours", "lun., mer., ven.", "Tous les 2 jours depuis le 01/11/2026". */
export function scheduleText(t: Translate, schedule: Schedule): string {
  if (schedule.kind === 'weekdays') {
    return schedule.weekdays.map((d) => t(`orders.day.${WEEKDAYS[d - 1] ?? 'mon'}`)).join(', ');
  }
  if (schedule.kind === 'every_n_days') {
    return t('prescriptions.everyNFrom', { n: schedule.n, from: formatCalendarDate(schedule.from) });
  }
  return t('prescriptions.schedule.daily');
}

export function dosesText(doses: Record<string, number>, times: readonly string[]): string {
  const known = times.filter((time) => doses[time] !== undefined);
  const others = Object.keys(doses).filter((name) => !times.includes(name));
  return [...known, ...others].map((time) => `${time} ${doseText(doses[time] ?? 0)}`).join(' · ');
}

/**
 * A resident's PDA lines: product (hors PDA and "si besoin" marked), doses per administration
 * time, days, dates, prescriber and state; pharmacists change or stop the current ones.
 */
export function PrescriptionsTable({
  label,
  lines,
  times,
  empty,
  onReplace,
  onStop,
}: {
  label: string;
  lines: Prescription[] | undefined;
  times: readonly string[];
  empty: string;
  onReplace?: (line: Prescription) => void;
  onStop?: (line: Prescription) => void;
}) {
  const { t } = useI18n();
  // A version already replaced from a later day stays in force until then, but only the newest
  // version can be changed or stopped.
  const editable = (line: Prescription) =>
    (line.state === 'active' || line.state === 'planned') && line.replacedById === null;
  const datesText = (line: Prescription) => {
    const from = formatCalendarDate(line.startDate);
    // Ended the day before its start: withdrawn or replaced before it ever applied.
    if (line.endDate && line.endDate < line.startDate) return t('prescriptions.neverApplied', { from });
    if (line.state === 'active' && line.endDate && line.replacedById !== null) {
      return t('prescriptions.untilNext', { to: formatCalendarDate(line.endDate) });
    }
    if (line.endDate) return t('prescriptions.fromTo', { from, to: formatCalendarDate(line.endDate) });
    return line.state === 'planned' ? t('prescriptions.startsOn', { from }) : t('prescriptions.since', { from });
  };
  return (
    <DataTable<Prescription>
      label={label}
      rows={lines}
      rowKey={(line) => line.id}
      empty={empty}
      minWidth={720}
      phoneMinWidth={340}
      rowTestId={(line) => `prescription-${line.id}`}
      columns={[
        {
          key: 'product',
          header: t('prescriptions.col.product'),
          sortBy: (line) => line.productLabel,
          cell: (line) => (
            <Stack gap={2}>
              <Text size="sm" fw={500}>
                {line.productLabel}
              </Text>
              {/* A phone has no room for the doses, rhythm and dates columns: they go under the name. */}
              <Text size="sm" hiddenFrom="sm">
                {dosesText(line.doses, times)} · {scheduleText(t, line.schedule)}
              </Text>
              <Text size="xs" c="dimmed" hiddenFrom="sm">
                {datesText(line)}
              </Text>
              <Group gap={4}>
                {line.pdaExcluded ? (
                  <Badge size="xs" color="orange" variant="light">
                    {t('orders.route.hors_pda')}
                  </Badge>
                ) : null}
                {line.asNeeded ? (
                  <Badge size="xs" color="gray" variant="light">
                    {t('prescriptions.asNeeded')}
                  </Badge>
                ) : null}
              </Group>
            </Stack>
          ),
        },
        {
          key: 'doses',
          header: t('prescriptions.col.doses'),
          visibleFrom: 'sm',
          cell: (line) => dosesText(line.doses, times),
        },
        {
          key: 'schedule',
          header: t('prescriptions.col.schedule'),
          visibleFrom: 'sm',
          cell: (line) => scheduleText(t, line.schedule),
        },
        {
          key: 'dates',
          visibleFrom: 'sm',
          header: t('prescriptions.col.dates'),
          sortBy: (line) => line.startDate,
          cell: (line) => datesText(line),
        },
        {
          key: 'prescriber',
          header: t('prescriptions.col.prescriber'),
          visibleFrom: 'md',
          cell: (line) => line.prescriber,
        },
        {
          key: 'state',
          header: t('common.status'),
          cell: (line) => (
            <Badge color={STATE_COLORS[line.state]} variant="light">
              {t(`prescriptions.state.${line.state}`)}
            </Badge>
          ),
        },
      ]}
      rowName={(line) => line.productLabel}
      actions={
        onReplace && onStop
          ? (line) =>
              editable(line)
                ? [
                    { label: t('prescriptions.replace'), icon: IconPencil, onClick: () => onReplace(line) },
                    { label: t('prescriptions.stop'), icon: IconPlayerStop, color: 'red', onClick: () => onStop(line) },
                  ]
                : []
          : undefined
      }
    />
  );
}

import { Anchor, Badge, Button, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconCalendarCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { addCalendarDays } from '../../../../server/shared/dates';
import { useI18n } from '../../i18n/i18n';
import { formatCalendarDate } from '../../shared/format';
import { QueryState } from '../../shared/QueryState';
import { type OrderAbsence, type OrderDetail, type Prescription, usePrescriptions, useResident } from '../orders.api';
import { absenceOn, dayPouches, doseText, treatmentsOn } from '../orders.rules';
import type { Cell } from './OrderGrid';
import { scheduleText } from './PrescriptionsTable';

function LineText({ line, time }: { line: Prescription; time?: string }) {
  const { t } = useI18n();
  const doses = time
    ? doseText(line.doses[time] ?? 0)
    : Object.entries(line.doses)
        .map(([name, units]) => `${name} ${doseText(units)}`)
        .join(', ');
  return (
    <Text size="sm">
      {line.productLabel}{' '}
      <Text span size="sm" fw={600}>
        × {doses}
      </Text>
      {line.schedule.kind !== 'daily' ? (
        <Text span size="xs" c="dimmed">
          {' '}
          ({scheduleText(t, line.schedule)})
        </Text>
      ) : null}
    </Text>
  );
}

/**
 * What is behind one cell of the order: the resident's treatments that day, per administration
 * time (from the prescription lines), what is delivered apart (hors PDA) or given only if needed,
 * and the absence covering the day while the order can change: this day back (the absence
 * shortened by a day at its start or end), or the whole absence undone.
 */
export function CellTreatments({
  order,
  cell,
  onUndoAbsence,
  onChangeAbsence,
  undoing,
}: {
  order: OrderDetail;
  cell: Cell;
  /** Asks to undo the whole absence (the page confirms first). */
  onUndoAbsence?: (absence: OrderAbsence) => void;
  /** Gives the absence new days: `cell.date` comes back, the rest of the absence stays. */
  onChangeAbsence?: (absenceId: number, days: { from: string; to: string }) => void;
  undoing?: boolean;
}) {
  const { t } = useI18n();
  const resident = order.residents.find((r) => r.residentId === cell.residentId);
  const day = resident?.days.find((d) => d.date === cell.date);
  const prescriptions = usePrescriptions(cell.residentId);
  if (!resident || !day) return null;
  const absence = absenceOn(order.absences, cell.residentId, cell.date);
  const treatments = prescriptions.data ? treatmentsOn(prescriptions.data, cell.date, order.administrationTimes) : null;
  return (
    <Card withBorder component="section" aria-labelledby="cell-title" data-testid="cell-treatments">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2} size="h5" id="cell-title">
              {resident.name}
            </Title>
            <Text size="sm" c="dimmed">
              {t('orders.cell.subtitle', { date: formatCalendarDate(cell.date), room: resident.room })}
            </Text>
          </div>
          <Badge variant="light" color={day.absent ? 'gray' : 'teal'}>
            {day.absent ? t('orders.grid.absent') : t('orders.cell.pouches', { count: dayPouches(day) })}
          </Badge>
        </Group>
        {day.absent && absence ? (
          <Text size="sm">
            {absence
              ? t('orders.cell.absence', {
                  reason: t(`orders.absence.reason.${absence.reason}`),
                  from: formatCalendarDate(absence.from),
                  to: formatCalendarDate(absence.to),
                })
              : null}
          </Text>
        ) : null}
        {day.absent && !absence ? <AwayByStatus residentId={cell.residentId} /> : null}
        {absence && onUndoAbsence ? (
          <Stack gap={4} align="flex-start">
            {/* Back a day early (or gone a day late): this day only comes back, the rest stays away. */}
            {absence.from !== absence.to && onChangeAbsence ? (
              <Button
                variant="light"
                size="xs"
                // The panel is narrow: the sentence wraps rather than being cut.
                h="auto"
                py={6}
                styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                leftSection={<IconCalendarCheck size={16} />}
                loading={undoing}
                onClick={() =>
                  onChangeAbsence(
                    absence.id,
                    cell.date === absence.from
                      ? { from: addCalendarDays(cell.date, 1), to: absence.to }
                      : { from: absence.from, to: addCalendarDays(cell.date, -1) },
                  )
                }
              >
                {cell.date === absence.from
                  ? t('orders.cell.presentFirstDay', { from: formatCalendarDate(addCalendarDays(cell.date, 1)) })
                  : t('orders.cell.backOn', { to: formatCalendarDate(addCalendarDays(cell.date, -1)) })}
              </Button>
            ) : null}
            <Button
              variant="subtle"
              color="red"
              size="xs"
              leftSection={<IconArrowBackUp size={16} />}
              disabled={undoing}
              onClick={() => onUndoAbsence(absence)}
            >
              {absence.from === absence.to ? t('orders.cell.undoAbsence') : t('orders.cell.undoWholeAbsence')}
            </Button>
          </Stack>
        ) : null}
        <QueryState query={{ error: prescriptions.error, isPending: false }} />
        {prescriptions.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        {treatments ? (
          <>
            {/* Away: the usual treatments are listed once as not prepared, not « pas de sachet » at each time. */}
            {day.absent ? (
              <Text size="sm" c="dimmed">
                {t('orders.cell.absentTreatments')}
              </Text>
            ) : null}
            {treatments.byTime.map(({ time, lines }) => (
              <div key={time}>
                <Text size="xs" tt="uppercase" fw={700} c="dimmed">
                  {time} {day.absent || day.pouchesByTime[time] ? '' : `· ${t('orders.cell.noPouch')}`}
                </Text>
                {lines.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                ) : (
                  <List size="sm" spacing={2}>
                    {lines.map((line) => (
                      <List.Item key={line.id}>
                        <LineText line={line} time={time} />
                      </List.Item>
                    ))}
                  </List>
                )}
              </div>
            ))}
            {treatments.horsPda.length > 0 ? (
              <div>
                <Text size="xs" tt="uppercase" fw={700} c="orange.8">
                  {t('orders.cell.horsPda')}
                </Text>
                <List size="sm" spacing={2}>
                  {treatments.horsPda.map((line) => (
                    <List.Item key={line.id}>
                      <LineText line={line} />
                    </List.Item>
                  ))}
                </List>
              </div>
            ) : null}
            {treatments.asNeeded.length > 0 ? (
              <div>
                <Text size="xs" tt="uppercase" fw={700} c="dimmed">
                  {t('orders.cell.asNeeded')}
                </Text>
                <List size="sm" spacing={2}>
                  {treatments.asNeeded.map((line) => (
                    <List.Item key={line.id}>
                      <LineText line={line} />
                    </List.Item>
                  ))}
                </List>
              </div>
            ) : null}
          </>
        ) : null}
        <Anchor component={Link} to={`/residents/${cell.residentId}`} size="sm">
          {t('orders.cell.openResident')}
        </Anchor>
      </Stack>
    </Card>
  );
}

/**
 * A day away by the resident's record (hospitalised, discharged, deceased), not by an absence of
 * the order: says which, from when (until when), and that the days follow the record, with a link
 * to it. Until the record is read: « Absence (hospitalisation ou départ). ».
 */
function AwayByStatus({ residentId }: { residentId: number }) {
  const { t } = useI18n();
  const resident = useResident(residentId).data;
  if (!resident || resident.status === 'active' || !resident.statusFrom)
    return <Text size="sm">{t('orders.cell.awayByStatus')}</Text>;
  const from = formatCalendarDate(resident.statusFrom);
  const text =
    resident.status === 'hospitalised'
      ? resident.statusTo
        ? t('orders.cell.away.hospitalisedUntil', { from, to: formatCalendarDate(resident.statusTo) })
        : t('orders.cell.away.hospitalised', { from })
      : t(`orders.cell.away.${resident.status}`, { from });
  return (
    <Stack gap={2} data-testid="away-by-status">
      <Text size="sm">{text}</Text>
      <Anchor component={Link} to={`/residents/${residentId}`} size="sm">
        {t('orders.cell.away.record')}
      </Anchor>
    </Stack>
  );
}

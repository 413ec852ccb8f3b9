import { Anchor, Button, Group, Paper, Select, Text } from '@mantine/core';
import { IconUserOff, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { ABSENCE_REASONS, type AbsenceReason } from '../../../../server/orders/orders.models';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { formatCalendarDate } from '../../shared/format';
import type { OrderDetail } from '../orders.api';
import { consecutiveRuns, dayPouches } from '../orders.rules';
import type { Cell } from './OrderGrid';

/**
 * Shown while days of one resident are selected in the grid: which days, how many pouches they
 * hold, the reason, and the button that marks the resident absent on them (one absence per run
 * of consecutive days).
 */
export function AbsenceBar({
  order,
  selected,
  pending,
  onConfirm,
  onClear,
  sticky = true,
}: {
  order: OrderDetail;
  selected: Cell[];
  pending: boolean;
  onConfirm: (runs: { from: string; to: string }[], reason: AbsenceReason) => void;
  onClear: () => void;
  /** Stays under the header while the grid scrolls (off inside a phone's bottom sheet). */
  sticky?: boolean;
}) {
  const { t } = useI18n();
  const user = useSessionUser();
  const [reason, setReason] = useState<AbsenceReason>('hospitalisation');
  const residentId = selected[0]?.residentId;
  const resident = order.residents.find((r) => r.residentId === residentId);
  if (!resident) return null;
  const dates = selected.map((c) => c.date);
  const runs = consecutiveRuns(dates, order.days);
  // A hospitalisation up to the week's last day may go on: an order holds its own week only, the
  // resident's record holds a stay (hospitalised from–to) that every order then follows; staff set it.
  const staysOn = reason === 'hospitalisation' && dates.includes(order.days.at(-1) ?? '');
  const drop = resident.days.filter((d) => dates.includes(d.date)).reduce((s, d) => s + dayPouches(d), 0);
  const runText = runs
    .map((r) =>
      r.from === r.to
        ? formatCalendarDate(r.from)
        : t('orders.absence.run', { from: formatCalendarDate(r.from), to: formatCalendarDate(r.to) }),
    )
    .join(', ');
  return (
    <Paper
      withBorder
      p="sm"
      bg="orange.0"
      data-testid="absence-bar"
      style={sticky ? { position: 'sticky', top: 60, zIndex: 5 } : undefined}
    >
      <Group justify="space-between" gap="sm">
        {/* Said to a screen reader as days are chosen in the grid (the bar sits above it). With the
            room: two residents of one care home may share a name. */}
        <Text size="sm" role="status">
          {t('orders.absence.summary', { name: resident.name, room: resident.room, days: runText, count: drop })}
        </Text>
        <Group gap="xs">
          <Select
            aria-label={t('orders.absence.reason')}
            size="xs"
            w={170}
            value={reason}
            allowDeselect={false}
            onChange={(value) => value && setReason(value as AbsenceReason)}
            data={ABSENCE_REASONS.map((r) => ({ value: r, label: t(`orders.absence.reason.${r}`) }))}
          />
          <Button
            size="xs"
            color="orange"
            leftSection={<IconUserOff size={16} />}
            loading={pending}
            onClick={() => onConfirm(runs, reason)}
          >
            {t('orders.absence.mark')}
          </Button>
          <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={16} />} onClick={onClear}>
            {t('orders.absence.clear')}
          </Button>
        </Group>
      </Group>
      {staysOn ? (
        <Text size="xs" mt="xs" data-testid="absence-stay-hint">
          {t(user.role === 'carehome' ? 'orders.absence.stay.carehome' : 'orders.absence.stay.staff')}{' '}
          {user.role === 'carehome' ? null : (
            <Anchor component={Link} to={`/residents/${resident.residentId}`} size="xs">
              {t('orders.absence.stay.record', { name: resident.name })}
            </Anchor>
          )}
        </Text>
      ) : null}
    </Paper>
  );
}

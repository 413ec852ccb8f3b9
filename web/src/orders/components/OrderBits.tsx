import { Badge, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { OPEN_STATUSES, type OrderStatus } from '../../../../server/orders/orders.models';
import { isoWeekDays } from '../../../../server/shared/dates';
import { useI18n } from '../../i18n/i18n';
import { countdown } from '../../shared/dates';
import { formatCalendarDate, formatDateTime } from '../../shared/format';
import { serverNow } from '../../shared/server-clock';

const STATUS_COLORS: Record<OrderStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  planned: 'indigo',
  in_production: 'violet',
  produced: 'grape',
  verified: 'teal',
  delivered: 'green',
  cancelled: 'red',
};

/**
 * An order's status; a planned order whose robot batch went by its slot unstarted (`slotMissed`,
 * from the server) reads "Créneau passé — à replanifier" instead of "Planifiée", and a draft whose
 * cut-off has passed (`cutoffAt`, when given) "Non envoyée" in red: it will not be prepared unless
 * the pharmacy sends it (as the home card and the order page say).
 */
export function OrderStatusBadge({
  status,
  slotMissed,
  cutoffAt,
}: {
  status: OrderStatus;
  slotMissed?: boolean;
  cutoffAt?: string;
}) {
  const { t } = useI18n();
  const missed = status === 'planned' && slotMissed === true;
  const notSent = status === 'draft' && cutoffAt !== undefined && Date.parse(cutoffAt) <= serverNow().getTime();
  return (
    <Badge
      color={missed ? 'orange' : notSent ? 'red' : STATUS_COLORS[status]}
      variant="light"
      data-testid="order-status"
      data-slot-missed={missed || undefined}
      data-not-sent={notSent || undefined}
    >
      {missed ? t('orders.status.slotMissed') : notSent ? t('orders.status.notSent') : t(`orders.status.${status}`)}
    </Badge>
  );
}

/** "Semaine 49 · du 30/11 au 06/12/2026". */
export function weekLabel(t: ReturnType<typeof useI18n>['t'], week: string): string {
  const days = isoWeekDays(week);
  return t('orders.weekLabel', {
    number: Number(week.slice(6)),
    from: formatCalendarDate(days[0] as string).slice(0, 5),
    to: formatCalendarDate(days[6] as string),
  });
}

/** "du 30/11 au 06/12/2026". */
export function weekDates(t: ReturnType<typeof useI18n>['t'], week: string): string {
  const days = isoWeekDays(week);
  return t('orders.weekDates', {
    from: formatCalendarDate(days[0] as string).slice(0, 5),
    to: formatCalendarDate(days[6] as string),
  });
}

/** The clock's now, re-read every 30 s so countdowns move while the page stays open. */
export function useNow(): Date {
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * "Clôture dans 2 j 3 h (mer. 25/11 12:00)" while the cut-off is ahead, "Clôturée le …" after it
 * ("Non envoyée avant la clôture du …" in red for a draft left past it);
 * nothing once the order has left the statuses the cut-off governs (`OPEN_STATUSES`: in
 * production … delivered, cancelled). A planned order is booked for after its cut-off, which
 * still matters to it.
 */
export function CutoffCountdown({
  cutoffAt,
  size = 'sm',
  status,
}: {
  cutoffAt: string;
  size?: string;
  status?: OrderStatus;
}) {
  const { t } = useI18n();
  const now = useNow();
  if (status && !OPEN_STATUSES.includes(status)) return null;
  const at = new Date(cutoffAt);
  if (at.getTime() <= now.getTime() && status === 'draft') {
    return (
      <Text size={size} c="red.8" fw={600} data-testid="cutoff">
        {t('orders.cutoff.missed', { at: formatDateTime(at) })}
      </Text>
    );
  }
  if (at.getTime() <= now.getTime()) {
    return (
      <Text size={size} c="dimmed" data-testid="cutoff">
        {t('orders.cutoff.passed', { at: formatDateTime(at) })}
      </Text>
    );
  }
  const left = countdown(now, at);
  const urgent = left.days === 0;
  return (
    <Text size={size} c={urgent ? 'orange.8' : undefined} fw={urgent ? 600 : undefined} data-testid="cutoff">
      {t('orders.cutoff.in', { days: left.days, hours: left.hours, minutes: left.minutes, at: formatDateTime(at) })}
    </Text>
  );
}

/** Says why a week's delivery and cut-off come earlier than usual: a public holiday (SPEC §5, orders.models). */
export function MovedForHoliday({ holiday }: { holiday: string | null | undefined }) {
  const { t } = useI18n();
  if (!holiday) return null;
  return (
    <Text size="sm" c="orange.8" data-testid="moved-for-holiday">
      {t('orders.card.movedFor', { holiday })}
    </Text>
  );
}

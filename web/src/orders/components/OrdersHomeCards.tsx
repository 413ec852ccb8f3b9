import { Anchor, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconClipboardList, IconMessageExclamation } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { TodoCard } from '../../home/TodoCard';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { useChangeRequests, useOrderSchedule, useOrders } from '../orders.api';
import { missedCutoff, weekToOrder } from '../orders.rules';
import { CutoffCountdown, OrderStatusBadge, useNow, weekLabel } from './OrderBits';

/**
 * The care home's card: the orders still open to change (cut-off ahead), each with its status,
 * pouches, delivery and countdown, and first the drafts left unsent past their cut-off (`missedCutoff`),
 * said in red. With none open, the first week still to order (a care home that joined after
 * Monday's job created the week's orders, or whose order was cancelled), with its cut-off and the
 * way to create it. The count is the drafts not yet sent, or that week.
 */
export function CareHomeOrderCard() {
  const { t } = useI18n();
  const now = useNow();
  const orders = useOrders();
  const schedule = useOrderSchedule(useSessionUser().careHome?.id);
  const open = (orders.data ?? [])
    .filter((o) => missedCutoff(o, now) || (o.status !== 'cancelled' && new Date(o.cutoffAt).getTime() > now.getTime()))
    .sort((a, b) => a.week.localeCompare(b.week));
  // Only when no order is open: the next week's order is otherwise created on Monday by the job.
  const next = orders.data && open.length === 0 ? weekToOrder(orders.data, schedule.data ?? [], now) : undefined;
  const toCreate = next?.week;
  const reopening = next?.reopening ?? false;
  const drafts = open.filter((o) => o.status === 'draft').length + (toCreate ? 1 : 0);
  return (
    <TodoCard
      testId="card-weekly-order"
      icon={IconClipboardList}
      title={t('home.orders.title')}
      count={orders.data ? drafts : undefined}
      empty={t('home.orders.empty')}
      link={{ to: '/orders', label: t('home.orders.link') }}
    >
      {open.length > 0 || toCreate ? (
        <Stack gap="xs">
          {toCreate ? (
            <div data-testid="home-order-to-create">
              <Anchor component={Link} to="/orders" fw={500} size="sm">
                {t(reopening ? 'home.orders.reopen' : 'home.orders.create', { week: weekLabel(t, toCreate.week) })}
              </Anchor>
              <Text size="sm">{t(reopening ? 'orders.card.reopen' : 'orders.card.missing')}</Text>
              <Text size="sm">{t('orders.delivery', { at: formatDateTime(toCreate.deliveryAt) })}</Text>
              <CutoffCountdown cutoffAt={toCreate.cutoffAt} size="xs" status="draft" />
            </div>
          ) : null}
          {open.slice(0, 3).map((order) => (
            <div key={order.id}>
              <Anchor component={Link} to={`/orders/${order.id}`} fw={500} size="sm">
                {weekLabel(t, order.week)}
              </Anchor>{' '}
              <OrderStatusBadge status={order.status} slotMissed={order.slotMissed} />
              <Text size="sm">{t('home.orders.pouches', { count: order.totals.pouches })}</Text>
              <Text size="sm">{t('orders.delivery', { at: formatDateTime(order.deliveryAt) })}</Text>
              <CutoffCountdown cutoffAt={order.cutoffAt} size="xs" status={order.status} />
            </div>
          ))}
        </Stack>
      ) : undefined}
    </TodoCard>
  );
}

/** Pharmacy staff: late change requests of their care homes waiting for an answer. */
export function PharmacyChangesCard() {
  const { t } = useI18n();
  const pending = useChangeRequests('pending');
  const items = pending.data ?? [];
  return (
    <TodoCard
      testId="card-order-changes"
      icon={IconMessageExclamation}
      title={t('home.orderChanges.title')}
      count={pending.data ? items.length : undefined}
      empty={t('home.orderChanges.empty')}
      link={{ to: '/orders', label: t('home.orderChanges.link') }}
    >
      {items.length > 0 ? (
        <List size="sm" spacing={4}>
          {items.slice(0, 5).map((request) => (
            <List.Item key={request.id}>
              <Anchor component={Link} to={`/orders/${request.orderId}`}>
                {t('orders.change.orderLine', { careHome: request.careHomeName, week: weekLabel(t, request.week) })}
              </Anchor>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {request.message}
              </Text>
            </List.Item>
          ))}
        </List>
      ) : undefined}
    </TodoCard>
  );
}

/**
 * Pharmacy staff: their care homes' drafts left unsent past the cut-off (`missedCutoff`, SPEC §5),
 * which they may still submit for the care home; each links to its order.
 */
export function PharmacyMissedCutoffCard() {
  const { t } = useI18n();
  const now = useNow();
  const orders = useOrders({ status: 'draft' });
  const missed = (orders.data ?? []).filter((o) => missedCutoff(o, now)).sort((a, b) => a.week.localeCompare(b.week));
  return (
    <TodoCard
      testId="card-missed-cutoff"
      icon={IconAlertTriangle}
      title={t('home.missedCutoff.title')}
      count={orders.data ? missed.length : undefined}
      empty={t('home.missedCutoff.empty')}
      link={{ to: '/orders', label: t('home.orderChanges.link') }}
    >
      {missed.length > 0 ? (
        <List size="sm" spacing={4}>
          {missed.slice(0, 5).map((order) => (
            <List.Item key={order.id}>
              <Anchor component={Link} to={`/orders/${order.id}`}>
                {t('orders.change.orderLine', { careHome: order.careHomeName, week: weekLabel(t, order.week) })}
              </Anchor>
              <CutoffCountdown cutoffAt={order.cutoffAt} size="xs" status={order.status} />
            </List.Item>
          ))}
        </List>
      ) : undefined}
    </TodoCard>
  );
}

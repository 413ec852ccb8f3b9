import { Anchor, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconEye, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ORDER_STATUSES } from '../../../../server/orders/orders.models';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { isoWeekOf } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { formatDateTime, parisParts } from '../../shared/format';
import { useMutation } from '../../shared/mutation';
import { notifyFailed, notifySaved } from '../../shared/notify';
import { PageHeader } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { ChangeRequestList } from '../components/ChangeRequests';
import {
  CutoffCountdown,
  MovedForHoliday,
  OrderStatusBadge,
  useNow,
  weekDates,
  weekLabel,
} from '../components/OrderBits';
import {
  createOrder,
  deliveryNoteUrl,
  type OrderSummary,
  refreshOrders,
  type ScheduleWeek,
  useChangeRequests,
  useOrderSchedule,
  useOrders,
} from '../orders.api';
import { splitByWeek } from '../orders.rules';

const currentWeek = (now: Date) => {
  const p = parisParts(now);
  return isoWeekOf(p.year, p.month, p.day);
};

function OrderCard({ order }: { order: OrderSummary }) {
  const { t } = useI18n();
  return (
    <Card withBorder data-testid={`order-card-${order.week}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Title order={3} size="h4">
              {t('orders.weekNumber', { number: Number(order.week.slice(6)) })}
            </Title>
            <Text size="sm" c="dimmed">
              {weekDates(t, order.week)}
            </Text>
          </div>
          <OrderStatusBadge status={order.status} slotMissed={order.slotMissed} cutoffAt={order.cutoffAt} />
        </Group>
        <CutoffCountdown cutoffAt={order.cutoffAt} status={order.status} />
        <Text size="sm">
          {t('orders.card.totals', {
            pouches: order.totals.pouches.toLocaleString('fr-FR'),
            at: formatDateTime(order.deliveryAt),
          })}
        </Text>
        {/* An order keeps the deadlines it was created with: the note shows when they are the moved ones. */}
        <MovedForHoliday holiday={order.deliveryMovedFor} />
        {order.pendingChangeRequests > 0 ? (
          <Text size="sm" c="orange.8">
            {t('orders.card.pendingChanges', { count: order.pendingChangeRequests })}
          </Text>
        ) : null}
        <Group gap="xs">
          <Button component={Link} to={`/orders/${order.id}`} size="sm">
            {order.editable ? t('orders.card.openEditable') : t('orders.card.open')}
          </Button>
          <Button
            component="a"
            href={deliveryNoteUrl(order.id)}
            size="sm"
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            {t('orders.deliveryNote')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function HistoryTable({ orders, showCareHome }: { orders: OrderSummary[]; showCareHome?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <DataTable<OrderSummary>
      label={t('orders.history.weeks')}
      rows={orders}
      rowKey={(o) => o.id}
      empty={t('orders.empty')}
      pageSize={15}
      minWidth={640}
      phoneMinWidth={360}
      initialSort={{ key: 'week', direction: 'desc' }}
      rowTestId={(o) => `order-row-${o.id}`}
      columns={[
        ...(showCareHome
          ? [
              {
                key: 'careHome',
                header: t('orders.col.careHome'),
                sortBy: (o: OrderSummary) => o.careHomeName,
                cell: (o: OrderSummary) => o.careHomeName,
              },
            ]
          : []),
        {
          key: 'week',
          header: t('orders.col.week'),
          sortBy: (o) => o.week,
          cell: (o) => (
            <Anchor component={Link} to={`/orders/${o.id}`} fw={500}>
              {weekLabel(t, o.week)}
            </Anchor>
          ),
        },
        {
          key: 'status',
          header: t('common.status'),
          sortBy: (o) => o.status,
          cell: (o) => <OrderStatusBadge status={o.status} slotMissed={o.slotMissed} cutoffAt={o.cutoffAt} />,
        },
        {
          key: 'pouches',
          header: t('orders.col.pouches'),
          align: 'right',
          sortBy: (o) => o.totals.pouches,
          cell: (o) => o.totals.pouches.toLocaleString('fr-FR'),
        },
        {
          key: 'horsPda',
          header: t('orders.col.horsPda'),
          align: 'right',
          visibleFrom: 'md',
          cell: (o) => o.totals.horsPdaUnits.toLocaleString('fr-FR'),
        },
        {
          key: 'delivery',
          header: t('orders.col.delivery'),
          visibleFrom: 'md',
          sortBy: (o) => o.deliveryAt,
          cell: (o) => formatDateTime(o.deliveryAt),
        },
        {
          key: 'changes',
          header: t('orders.col.changes'),
          align: 'right',
          // On a phone the order's own page says it; the table keeps week, status and pouches.
          visibleFrom: 'sm',
          cell: (o) =>
            o.pendingChangeRequests > 0 ? (
              <Text c="orange.8" fw={600}>
                {o.pendingChangeRequests}
              </Text>
            ) : (
              '—'
            ),
        },
      ]}
      rowName={(o) => `${o.careHomeName} ${o.week}`}
      actions={(o) => [
        { label: t('orders.open'), icon: IconEye, onClick: () => navigate(`/orders/${o.id}`) },
        {
          label: t('orders.deliveryNote'),
          icon: IconDownload,
          onClick: () => window.location.assign(deliveryNoteUrl(o.id)),
        },
      ]}
    />
  );
}

/** The care home: the weeks to fill in (with their cut-off), the one to create, and the past weeks. */
function CareHomeOrders({ careHomeId }: { careHomeId: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow();
  const orders = useOrders({ careHomeId });
  const schedule = useOrderSchedule(careHomeId);
  const create = useMutation({
    mutationFn: (week: string) => createOrder(careHomeId, week),
    onSuccess: async (order, week) => {
      const reopened = orders.data?.some((o) => o.week === week && o.status === 'cancelled');
      await refreshOrders(queryClient);
      if (reopened) notifySaved(t('orders.reopened'));
      navigate(`/orders/${order.id}`);
    },
    // Ordered meanwhile (another tab, a colleague): the list shows it as it now is.
    onError: async (error) => {
      await refreshOrders(queryClient);
      notifyFailed(describeError(t, error));
    },
  });
  if (!orders.data) return <QueryState query={orders} />;
  const split = splitByWeek(orders.data, currentWeek(now));
  const ahead = (w: ScheduleWeek) => new Date(w.cutoffAt).getTime() > now.getTime();
  const open = schedule.data?.find(ahead);
  // A cancelled week whose cut-off is still ahead is ordered again from its own card (the same
  // order, reopened), whichever week it is; the first open week with no order at all is created.
  const reopenable = (schedule.data ?? []).filter(
    (w) => ahead(w) && split.current.some((o) => o.week === w.week && o.status === 'cancelled'),
  );
  const missing = open && !orders.data.some((o) => o.week === open.week) ? open : undefined;
  const toOrder = [
    ...reopenable.map((week) => ({ week, reopening: true })),
    ...(missing ? [{ week: missing, reopening: false }] : []),
  ].sort((a, b) => (a.week.week < b.week.week ? -1 : 1));
  const current = split.current.filter((o) => !reopenable.some((w) => w.week === o.week));
  const { history } = split;
  return (
    <Stack gap="lg">
      <Title order={2} size="h3">
        {t('orders.current.weeks')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {current.map((order) => (
          <OrderCard key={order.id} order={order} />
        ))}
        {toOrder.map(({ week, reopening }) => (
          <Card key={week.week} withBorder style={{ borderStyle: 'dashed' }} data-testid={`order-card-${week.week}`}>
            <Stack gap="xs">
              <div>
                <Title order={3} size="h4">
                  {t('orders.weekNumber', { number: Number(week.week.slice(6)) })}
                </Title>
                <Text size="sm" c="dimmed">
                  {weekDates(t, week.week)}
                </Text>
              </div>
              <CutoffCountdown cutoffAt={week.cutoffAt} />
              <Text size="sm">{t('orders.delivery', { at: formatDateTime(week.deliveryAt) })}</Text>
              <MovedForHoliday holiday={week.deliveryMovedFor} />
              <Text size="sm">{t(reopening ? 'orders.card.reopen' : 'orders.card.missing')}</Text>
              <Button
                leftSection={<IconPlus size={16} />}
                loading={create.isPending && create.variables === week.week}
                disabled={create.isPending && create.variables !== week.week}
                onClick={() => create.mutate(week.week)}
                w="fit-content"
              >
                {t(reopening ? 'orders.reopen' : 'orders.create')}
              </Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Title order={2} size="h3">
        {t('orders.history.weeks')}
      </Title>
      <HistoryTable orders={history} />
    </Stack>
  );
}

/** Pharmacy staff: late changes to answer, then every order of the care homes they serve. */
function PharmacyOrders() {
  const { t } = useI18n();
  const orders = useOrders();
  const pending = useChangeRequests('pending');
  const [week, setWeek] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const weeks = [...new Set(orders.data?.map((o) => o.week))].sort().reverse();
  const shown = orders.data?.filter((o) => (!week || o.week === week) && (!status || o.status === status));
  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('orders.inbox.title', { count: pending.data?.length ?? 0 })}
        </Title>
        <QueryState query={pending} />
        {pending.data && pending.data.length === 0 ? <Text c="dimmed">{t('orders.inbox.empty')}</Text> : null}
        {pending.data && pending.data.length > 0 ? (
          <ChangeRequestList requests={pending.data} canDecide showOrder />
        ) : null}
      </Stack>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3">
            {t('orders.received')}
          </Title>
          <Group gap="sm">
            <Select
              label={t('orders.col.week')}
              placeholder={t('orders.filter.allWeeks')}
              clearable
              w={240}
              data={weeks.map((w) => ({ value: w, label: weekLabel(t, w) }))}
              value={week}
              onChange={setWeek}
            />
            <Select
              label={t('common.status')}
              placeholder={t('orders.filter.allStatuses')}
              clearable
              w={180}
              data={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
              value={status}
              onChange={setStatus}
            />
          </Group>
        </Group>
        {shown ? <HistoryTable orders={shown} showCareHome /> : <QueryState query={orders} />}
      </Stack>
    </Stack>
  );
}

/** `/orders`: the care home's weekly orders, or the orders a pharmacy receives from its care homes. */
export function OrdersPage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const careHomeId = user.careHome?.id;
  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title={careHomeId ? t('orders.title.carehome') : t('orders.title.staff')}
        subtitle={careHomeId ? t('orders.subtitle.carehome') : t('orders.subtitle.staff')}
      />
      {careHomeId ? (
        <CareHomeOrders careHomeId={careHomeId} />
      ) : user.pharmacy?.careHomes === 0 ? (
        // Reached by its address only (the menu leaves it out): say why it is empty.
        <Text c="dimmed" data-testid="orders-no-care-home">
          {t('orders.noCareHome')}
        </Text>
      ) : (
        <PharmacyOrders />
      )}
    </Stack>
  );
}

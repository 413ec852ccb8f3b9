import {
  Affix,
  Alert,
  Box,
  Button,
  Card,
  CloseButton,
  Grid,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconCalendarOff,
  IconDots,
  IconDownload,
  IconInfoCircle,
  IconMessagePlus,
  IconPlus,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { type AbsenceReason, LATE_CHANGE_STATUSES, OPEN_STATUSES } from '../../../../server/orders/orders.models';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { OrderProgressPanel } from '../../robot/production/OrderProgressPanel';
import { isNotFound } from '../../shared/api';
import { ConfirmModal } from '../../shared/ConfirmModal';
import { describeError } from '../../shared/errors';
import { formatCalendarDate, formatDateTime } from '../../shared/format';
import { useMutation } from '../../shared/mutation';
import { notifyFailed, notifySaved } from '../../shared/notify';
import { PageHeader } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { serverNow } from '../../shared/server-clock';
import { NotFoundState } from '../../shell/NotFoundPage';
import { AbsenceBar } from '../components/AbsenceBar';
import { CellTreatments } from '../components/CellTreatments';
import { ChangeRequestDialog } from '../components/ChangeRequestDialog';
import { ChangeRequestList } from '../components/ChangeRequests';
import { CutoffCountdown, MovedForHoliday, OrderStatusBadge, weekLabel } from '../components/OrderBits';
import { type Cell, OrderGrid } from '../components/OrderGrid';
import { OrderHistory, OrderNotes, OrderProducts } from '../components/OrderSections';
import {
  addAbsence,
  cancelOrder,
  changeAbsenceDays,
  createOrder,
  deliveryNoteUrl,
  type OrderAbsence,
  type OrderDetail,
  refreshOrders,
  removeAbsence,
  saveNotes,
  submitOrder,
  useOrder,
} from '../orders.api';

/** A phone's bottom sheet (the day's treatments, the absence being declared) takes at most this. */
const SHEET_HEIGHT = '45vh';

function Total({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value.toLocaleString('fr-FR')}
      </Text>
    </Card>
  );
}

function OrderView({ order }: { order: OrderDetail }) {
  const { t } = useI18n();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const isCareHome = user.role === 'carehome';
  const isStaff = user.role === 'pharmacist' || user.role === 'technician';
  const [selected, setSelected] = useState<Cell[]>([]);
  const [focused, setFocused] = useState<Cell | null>(null);
  const [confirm, setConfirm] = useState<'submit' | 'cancel' | null>(null);
  const [changing, setChanging] = useState(false);
  // The notes being typed live here, not in their card: « Envoyer la commande » saves them first,
  // so a remark typed and not saved is not left behind when the order goes.
  const [notes, setNotes] = useState(order.notes);
  const notesUnsaved = order.editable && notes !== order.notes;
  // Beside the grid from Mantine's lg up; below, the day's treatments would land under a grid of
  // fifty residents, so they slide up from the bottom over it instead (a phone, a tablet).
  const besideGrid = useMediaQuery('(min-width: 75em)', true, { getInitialValueInEffect: false });
  // A touch screen has no Shift key: its hint says to tap the days one by one.
  const touch = useMediaQuery('(hover: none) and (pointer: coarse)', false, { getInitialValueInEffect: false });
  const cutoffPassed = new Date(order.cutoffAt).getTime() <= serverNow().getTime();
  const canRequestChange = isCareHome && cutoffPassed && LATE_CHANGE_STATUSES.includes(order.status);
  const canSubmit = order.status === 'draft' && (order.editable || isStaff);
  // The care home while it may edit (cut-off ahead); staff until production starts (a planned
  // order leaves its robot batch).
  const canCancel = isStaff ? OPEN_STATUSES.includes(order.status) : order.editable;
  // A public holiday that moved this week's cut-off and delivery earlier, said here as on the week's card.
  const movedFor = order.deliveryMovedFor;

  // Once the absence bar goes (absence declared, days cleared), focus goes back to the grid's day
  // it was chosen from, not to the top of the page.
  const backToGrid = () =>
    requestAnimationFrame(() => document.querySelector<HTMLElement>('table [data-cell][tabindex="0"]')?.focus());

  // A day chosen is added to the resident's days, or let go when chosen already; with Shift
  // (`extend`), every day from the last one chosen to it is added, days already away skipped.
  // The last one chosen is the next Shift's starting point.
  const onCell = (cell: Cell, extend = false) => {
    setFocused(cell);
    const days = order.residents.find((r) => r.residentId === cell.residentId)?.days ?? [];
    const day = days.find((d) => d.date === cell.date);
    if (!order.editable || !day || day.absent) return;
    setSelected((previous) => {
      const sameResident = previous.every((c) => c.residentId === cell.residentId);
      const base = sameResident ? previous : [];
      const anchor = base.at(-1);
      if (extend && anchor) {
        const [from, to] = anchor.date < cell.date ? [anchor.date, cell.date] : [cell.date, anchor.date];
        const run = days
          .filter((d) => !d.absent && from <= d.date && d.date <= to && d.date !== cell.date)
          .filter((d) => !base.some((c) => c.date === d.date))
          .map((d) => ({ residentId: cell.residentId, date: d.date }));
        return [...base.filter((c) => c.date !== cell.date), ...run, cell];
      }
      return base.some((c) => c.date === cell.date) ? base.filter((c) => c.date !== cell.date) : [...base, cell];
    });
  };

  // Escape in the grid lets go of the days chosen for an absence, then of the day shown (on a
  // phone, its sheet closes).
  const onEscape = () => {
    if (selected.length > 0) setSelected([]);
    else setFocused(null);
  };

  const absenceBar = (sticky: boolean) =>
    selected.length > 0 ? (
      <AbsenceBar
        order={order}
        selected={selected}
        pending={absent.isPending}
        onConfirm={(runs, reason) => absent.mutate({ runs, reason })}
        onClear={() => {
          setSelected([]);
          backToGrid();
        }}
        sticky={sticky}
      />
    ) : null;
  const treatments = (cell: Cell) => (
    <CellTreatments
      order={order}
      cell={cell}
      undoing={undo.isPending || change.isPending}
      onUndoAbsence={order.editable ? setUndoing : undefined}
      onChangeAbsence={order.editable ? (id, days) => change.mutate({ id, days }) : undefined}
    />
  );

  const done = async (message: string) => {
    await refreshOrders(queryClient);
    notifySaved(message);
  };
  const absent = useMutation({
    mutationFn: async ({ runs, reason }: { runs: { from: string; to: string }[]; reason: AbsenceReason }) => {
      const residentId = selected[0]?.residentId as number;
      for (const run of runs) await addAbsence(order.id, { residentId, ...run, reason });
    },
    onSuccess: async () => {
      setSelected([]);
      backToGrid();
      await done(t('orders.absence.saved'));
    },
    onError: async (error) => {
      await refreshOrders(queryClient);
      notifyFailed(describeError(t, error));
    },
  });
  // Undoing a whole absence brings back every day's pouches: asked first (a click on one day
  // used to undo three).
  const [undoing, setUndoing] = useState<OrderAbsence | null>(null);
  const undo = useMutation({
    mutationFn: (absenceId: number) => removeAbsence(order.id, absenceId),
    onSuccess: async () => {
      setUndoing(null);
      await done(t('orders.absence.undone'));
    },
  });
  const change = useMutation({
    mutationFn: ({ id, days }: { id: number; days: { from: string; to: string } }) =>
      changeAbsenceDays(order.id, id, days),
    onSuccess: () => done(t('orders.absence.changed')),
    onError: (error) => notifyFailed(describeError(t, error)),
  });
  // A cancelled week whose cut-off is ahead is ordered again from here too (the same order, reopened
  // as a draft), as from its card on the orders page.
  const canReopen = isCareHome && order.status === 'cancelled' && !cutoffPassed;
  const reopen = useMutation({
    mutationFn: () => createOrder(order.careHomeId, order.week),
    onSuccess: () => done(t('orders.reopened')),
    onError: (error) => notifyFailed(describeError(t, error)),
  });
  const step = useMutation({
    mutationFn: async (action: 'submit' | 'cancel') => {
      if (action === 'cancel') return cancelOrder(order.id);
      if (notesUnsaved) await saveNotes(order.id, notes);
      return submitOrder(order.id);
    },
    onSuccess: async (_, action) => {
      setConfirm(null);
      // The day's sheet closes: on a phone it covered the progress the order just made.
      setFocused(null);
      setSelected([]);
      // Sent by the pharmacy itself, the order is not « sent to the pharmacy »: what comes next is its batch.
      const sent = isStaff ? 'orders.submittedByStaff' : 'orders.submitted';
      await done(t(action === 'submit' ? sent : 'orders.cancelled'));
    },
  });

  return (
    <Stack gap="md">
      <PageHeader
        title={t('orders.page.title', { week: weekLabel(t, order.week) })}
        subtitle={order.careHomeName}
        actions={
          <>
            <Button
              component="a"
              href={deliveryNoteUrl(order.id)}
              variant="default"
              leftSection={<IconDownload size={18} />}
            >
              {t('orders.deliveryNote')}
            </Button>
            {canRequestChange ? (
              <Button leftSection={<IconMessagePlus size={18} />} onClick={() => setChanging(true)}>
                {t('orders.change.open')}
              </Button>
            ) : null}
            {canSubmit ? (
              <Button leftSection={<IconSend size={18} />} onClick={() => setConfirm('submit')}>
                {t('orders.submit')}
              </Button>
            ) : null}
            {canCancel ? (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="subtle" color="gray" aria-label={t('orders.moreActions')} px="xs">
                    <IconDots size={18} />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirm('cancel')}>
                    {t('orders.cancel')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        }
      />
      <Group gap="md">
        <OrderStatusBadge status={order.status} slotMissed={order.slotMissed} />
        <CutoffCountdown cutoffAt={order.cutoffAt} status={order.status} />
        {order.status === 'cancelled' ? (
          <Text size="sm" c="dimmed">
            {t('orders.notDelivered')}
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('orders.delivery', { at: formatDateTime(order.deliveryAt) })}
            </Text>
            <MovedForHoliday holiday={movedFor} />
          </>
        )}
      </Group>
      {order.status === 'cancelled' ? (
        <Alert color="red" icon={<IconTrash size={18} />} data-testid="order-cancelled">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {canReopen ? t('orders.reopenUntil', { at: formatDateTime(order.cutoffAt) }) : t('orders.cancelledNote')}
            </Text>
            {canReopen ? (
              <Button leftSection={<IconPlus size={16} />} loading={reopen.isPending} onClick={() => reopen.mutate()}>
                {t('orders.reopen')}
              </Button>
            ) : null}
          </Stack>
        </Alert>
      ) : null}
      {order.status === 'draft' && cutoffPassed ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="missed-cutoff">
          {t(isCareHome ? 'orders.missedCutoff.carehome' : 'orders.missedCutoff.staff', {
            at: formatDateTime(order.cutoffAt),
          })}
        </Alert>
      ) : null}
      {!order.editable && order.status !== 'cancelled' ? (
        <Alert color="gray" icon={<IconInfoCircle size={18} />} data-testid="read-only" role="status">
          {cutoffPassed ? t('orders.readOnly.cutoff') : t('orders.readOnly.status')}
          {canRequestChange ? ` ${t('orders.readOnly.askChange')}` : ''}
        </Alert>
      ) : null}
      {order.status !== 'draft' && order.status !== 'cancelled' ? (
        <Card withBorder>
          <OrderProgressPanel orderId={order.id} />
        </Card>
      ) : null}
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Total label={t('orders.totals.pouches')} value={order.totals.pouches} testId="order-total-pouches" />
        <Total label={t('orders.totals.robot')} value={order.totals.robotUnits} testId="order-total-robot" />
        <Total label={t('orders.totals.manual')} value={order.totals.manualUnits} testId="order-total-manual" />
        <Total label={t('orders.totals.horsPda')} value={order.totals.horsPdaUnits} testId="order-total-hors-pda" />
      </SimpleGrid>
      <Tabs defaultValue="grid" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="grid">{t('orders.tab.grid')}</Tabs.Tab>
          <Tabs.Tab value="products">{t('orders.tab.products')}</Tabs.Tab>
          <Tabs.Tab value="history">
            {t('orders.tab.history', { count: order.changeRequests.filter((r) => r.status === 'pending').length })}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="grid" pt="md">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {order.editable
                ? t(touch ? 'orders.grid.hintEditableTouch' : 'orders.grid.hintEditable')
                : t('orders.grid.hint')}
            </Text>
            {besideGrid ? absenceBar(true) : null}
            {besideGrid ? (
              <Grid gap="md">
                <Grid.Col span={8}>
                  <OrderGrid order={order} selected={selected} focused={focused} onCell={onCell} onEscape={onEscape} />
                </Grid.Col>
                <Grid.Col span={4}>
                  <div style={{ position: 'sticky', top: 70 }}>
                    {focused ? (
                      treatments(focused)
                    ) : (
                      <Card withBorder>
                        <Text size="sm" c="dimmed">
                          {t('orders.cell.pick')}
                        </Text>
                      </Card>
                    )}
                  </div>
                </Grid.Col>
              </Grid>
            ) : (
              <>
                <OrderGrid
                  order={order}
                  selected={selected}
                  focused={focused}
                  onCell={onCell}
                  onEscape={onEscape}
                  coveredBelow={focused || selected.length > 0 ? SHEET_HEIGHT : undefined}
                />
                {focused || selected.length > 0 ? (
                  <>
                    {/* Room under the last rows, so the sheet never hides them. */}
                    <Box h={SHEET_HEIGHT} aria-hidden />
                    <Affix position={{ bottom: 0, left: 0, right: 0 }} zIndex={150}>
                      <Paper
                        shadow="lg"
                        withBorder
                        radius={0}
                        p="xs"
                        mah={SHEET_HEIGHT}
                        style={{ overflowY: 'auto' }}
                        data-testid="cell-sheet"
                      >
                        <Group justify="flex-end">
                          <CloseButton
                            size="xl"
                            aria-label={t('common.close')}
                            onClick={() => {
                              setFocused(null);
                              setSelected([]);
                            }}
                          />
                        </Group>
                        <Stack gap="xs">
                          {absenceBar(false)}
                          {focused ? treatments(focused) : null}
                        </Stack>
                      </Paper>
                    </Affix>
                  </>
                ) : null}
              </>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="products" pt="md">
          <OrderProducts order={order} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <Stack>
            {order.changeRequests.length > 0 ? (
              <ChangeRequestList
                requests={order.changeRequests}
                canDecide={isStaff}
                residentName={(id) => order.residents.find((r) => r.residentId === id)?.name}
              />
            ) : null}
            <OrderHistory order={order} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <OrderNotes order={order} notes={notes} onNotesChange={setNotes} />
      <ConfirmModal
        opened={confirm !== null}
        title={confirm === 'cancel' ? t('orders.cancel.title') : t('orders.submit.title')}
        message={
          confirm === 'cancel'
            ? t(order.status === 'planned' ? 'orders.cancel.messagePlanned' : 'orders.cancel.message', {
                week: weekLabel(t, order.week),
              })
            : // Past the cut-off (staff sending it for the care home), nothing can be changed after.
              t(cutoffPassed ? 'orders.submit.messageLate' : 'orders.submit.message', { count: order.totals.pouches })
        }
        details={
          confirm === 'submit' && notesUnsaved ? <Text size="sm">{t('orders.submit.withNotes')}</Text> : undefined
        }
        confirmLabel={confirm === 'cancel' ? t('orders.cancel') : t('orders.submit')}
        cancelLabel={confirm === 'cancel' ? t('common.back') : undefined}
        color={confirm === 'cancel' ? 'red' : undefined}
        loading={step.isPending}
        error={step.error}
        onConfirm={() => confirm && step.mutate(confirm)}
        onClose={() => {
          setConfirm(null);
          step.reset();
        }}
      />
      <ConfirmModal
        opened={undoing !== null}
        title={t('orders.absence.undoTitle')}
        message={
          undoing
            ? t('orders.absence.undoConfirm', {
                name: order.residents.find((r) => r.residentId === undoing.residentId)?.name ?? '',
                reason: t(`orders.absence.reason.${undoing.reason}`),
                from: formatCalendarDate(undoing.from),
                to: formatCalendarDate(undoing.to),
              })
            : ''
        }
        confirmLabel={t('orders.absence.undoSubmit')}
        cancelLabel={t('common.back')}
        color="red"
        loading={undo.isPending}
        error={undo.error}
        onConfirm={() => undoing && undo.mutate(undoing.id)}
        onClose={() => {
          setUndoing(null);
          undo.reset();
        }}
      />
      <ChangeRequestDialog order={order} opened={changing} onClose={() => setChanging(false)} />
    </Stack>
  );
}

/** One weekly order (`/orders/:id`): the care home fills it in; the pharmacy reads it and answers late changes. */
export function OrderPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const order = useOrder(Number(id));
  // An id that is none of this user's (another pharmacy's, a mistyped link): a way back, not a bare line.
  if (isNotFound(order.error))
    return (
      <NotFoundState
        icon={IconCalendarOff}
        title={t('orders.notFound')}
        body={t('orders.notFound.body')}
        backTo="/orders"
        backLabel={t('orders.notFound.back')}
      />
    );
  if (!order.data) return <QueryState query={order} />;
  // Keyed by the order: what is being typed or selected in one week is not carried into another.
  return <OrderView key={order.data.id} order={order.data} />;
}

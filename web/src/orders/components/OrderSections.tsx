import { Badge, Box, Button, Card, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { UnitRoute } from '../../../../server/orders/orders.models';
import { auditActorLabel } from '../../admin/audit-labels';
import { isMessageKey, useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { describeError } from '../../shared/errors';
import { formatCalendarDate, formatDateTime } from '../../shared/format';
import { LeaveGuard } from '../../shared/LeaveGuard';
import { LimitedTextarea } from '../../shared/LimitedTextarea';
import { useMutation } from '../../shared/mutation';
import { notifyFailed, notifySaved } from '../../shared/notify';
import { type OrderDetail, refreshOrders, saveNotes } from '../orders.api';
import { doseText } from '../orders.rules';

type Product = OrderDetail['products'][number];
const ROUTE_COLORS: Record<UnitRoute, string> = { robot: 'teal', manual: 'yellow', hors_pda: 'orange' };

export function RouteBadge({ route }: { route: UnitRoute }) {
  const { t } = useI18n();
  return (
    <Badge color={ROUTE_COLORS[route]} variant="light">
      {t(`orders.route.${route}`)}
    </Badge>
  );
}

/** Units per product of the order and how they are packed (robot, manual tray, hors PDA). */
export function OrderProducts({ order }: { order: OrderDetail }) {
  const { t } = useI18n();
  return (
    <DataTable<Product>
      label={t('orders.tab.products')}
      rows={order.products}
      rowKey={(p) => `${p.cip13}-${p.route}`}
      empty={t('orders.products.empty')}
      minWidth={560}
      phoneMinWidth={340}
      initialSort={{ key: 'label', direction: 'asc' }}
      columns={[
        {
          key: 'label',
          header: t('orders.products.product'),
          sortBy: (p) => p.label,
          cell: (p) => (
            <>
              {p.label}
              {/* A phone has no room for the route column: its badge goes under the name. */}
              <Box hiddenFrom="sm" mt={4}>
                <RouteBadge route={p.route} />
              </Box>
            </>
          ),
        },
        { key: 'cip13', header: 'CIP13', cell: (p) => <code>{p.cip13}</code>, visibleFrom: 'md' },
        {
          key: 'units',
          header: t('orders.products.units'),
          align: 'right',
          sortBy: (p) => p.units,
          cell: (p) => p.units,
        },
        {
          key: 'route',
          header: t('orders.products.route'),
          visibleFrom: 'sm',
          sortBy: (p) => p.route,
          cell: (p) => <RouteBadge route={p.route} />,
        },
      ]}
    />
  );
}

/** What happened to the order, newest first: creation, absences, prescription changes, steps. */
export function OrderHistory({ order }: { order: OrderDetail }) {
  const { t } = useI18n();
  const events = [...order.events].reverse();
  const pouches = (value: unknown) => (value as { pouches?: number } | undefined)?.pouches;
  // A resident is named with the room, as in the grid: two residents of one care home may share a name.
  const residentName = (residentId: number | undefined) => {
    const resident = order.residents.find((r) => r.residentId === residentId);
    return resident && t('orders.history.resident', { name: resident.name, room: resident.room });
  };
  // An absence names its resident and days (« Absence déclarée » alone said neither).
  const absence = (details: Record<string, unknown>) => {
    const { residentId, from, to } = details as { residentId?: number; from?: string; to?: string };
    const name = residentName(residentId);
    if (!name || !from || !to) return null;
    return from === to
      ? t('orders.history.absenceDay', { name, day: formatCalendarDate(from) })
      : t('orders.history.absenceDays', { name, from: formatCalendarDate(from), to: formatCalendarDate(to) });
  };
  // A changed absence says which days it had before.
  const previousRun = (details: Record<string, unknown>) => {
    const { previousFrom, previousTo } = details as { previousFrom?: string; previousTo?: string };
    if (!previousFrom || !previousTo) return null;
    const run = t('orders.absence.run', { from: formatCalendarDate(previousFrom), to: formatCalendarDate(previousTo) });
    return t('orders.history.absenceBefore', { run });
  };
  // A replaced line says its doses before and after, and from when (events since 2026-12 carry them).
  const dosesOf = (doses: Record<string, number>) =>
    order.administrationTimes
      .filter((time) => (doses[time] ?? 0) > 0)
      .map((time) => `${time} ${doseText(doses[time] ?? 0)}`)
      .join(', ') || '—';
  const doseChange = (details: Record<string, unknown>) => {
    const { change, doses, previousDoses, startDate } = details as {
      change?: string;
      doses?: Record<string, number>;
      previousDoses?: Record<string, number>;
      startDate?: string;
    };
    if (change !== 'replaced' || !doses || !previousDoses || !startDate) return null;
    return t('orders.history.doses', {
      before: dosesOf(previousDoses),
      after: dosesOf(doses),
      from: formatCalendarDate(startDate),
    });
  };
  // A prescription change names its resident, its product (when the order lists it) and what changed.
  const prescription = (details: Record<string, unknown>) => {
    const { residentId, cip13, change } = details as { residentId?: number; cip13?: string; change?: string };
    const name = residentName(residentId);
    if (!name) return null;
    const product = order.products.find((p) => p.cip13 === cip13)?.label ?? cip13 ?? '';
    const how = `orders.history.prescription.${change}`;
    return t('orders.history.prescription', {
      name,
      product,
      change: isMessageKey(how) ? t(how) : (change ?? ''),
    });
  };
  // The notes as they were and as they became (events since 2026-12 carry them): none is lost.
  const notesChange = (details: Record<string, unknown>) => {
    const { previousNotes, notes } = details as { previousNotes?: string; notes?: string };
    if (previousNotes === undefined || notes === undefined) return null;
    const quoted = (text: string) => (text.trim() ? `« ${text.trim()} »` : t('orders.history.notesEmpty'));
    return (
      <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }} data-testid="notes-change">
        {t('orders.history.notes', { before: quoted(previousNotes), after: quoted(notes) })}
      </Text>
    );
  };
  // Planned on, or taken out of, which robot batch.
  const batch = (details: Record<string, unknown>) =>
    typeof details.batchId === 'number' ? t('orders.history.batch', { id: details.batchId }) : null;
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="sm">
        {t('orders.history.title')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2}>
        {events.map((event) => {
          // Back from planned to submitted: the order left its robot batch (batch cancelled, or outgrown).
          const unplanned = event.kind === 'submitted' && event.details.from === 'planned';
          const key = unplanned ? 'orders.event.unplanned' : `orders.event.${event.kind}`;
          const before = pouches(event.details.before);
          const after = pouches(event.details.after);
          return (
            <Timeline.Item key={event.id} title={isMessageKey(key) ? t(key) : event.kind}>
              <Text size="xs" c="dimmed">
                {formatDateTime(event.at)} · {auditActorLabel(t, event.actor).label}
              </Text>
              {event.kind === 'absence_added' ||
              event.kind === 'absence_removed' ||
              event.kind === 'absence_changed' ? (
                <Text size="sm">{absence(event.details)}</Text>
              ) : null}
              {event.kind === 'absence_changed' ? <Text size="sm">{previousRun(event.details)}</Text> : null}
              {event.kind === 'prescription_changed' ? <Text size="sm">{prescription(event.details)}</Text> : null}
              {event.kind === 'prescription_changed' && doseChange(event.details) ? (
                <Text size="sm">{doseChange(event.details)}</Text>
              ) : null}
              {event.kind === 'notes_changed' ? notesChange(event.details) : null}
              {event.kind === 'planned' || unplanned ? <Text size="sm">{batch(event.details)}</Text> : null}
              {before !== undefined && after !== undefined && before !== after ? (
                <Text size="sm">{t('orders.history.pouches', { before, after })}</Text>
              ) : null}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Card>
  );
}

/**
 * The care home's notes for the pharmacy; editable until the cut-off. The text being typed is held
 * by the order page (`notes`), which saves it with the order when it is sent.
 */
export function OrderNotes({
  order,
  notes,
  onNotesChange: setNotes,
}: {
  order: OrderDetail;
  notes: string;
  onNotesChange: (notes: string) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => saveNotes(order.id, notes),
    onSuccess: async () => {
      await refreshOrders(queryClient);
      notifySaved(t('common.saved'));
    },
    onError: (error) => notifyFailed(describeError(t, error)),
  });
  if (!order.editable) {
    return order.notes ? (
      <Card withBorder>
        <Text size="sm" fw={600}>
          {t('orders.notes')}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {order.notes}
        </Text>
      </Card>
    ) : null;
  }
  return (
    <Card withBorder>
      <LeaveGuard unsaved={() => notes !== order.notes && !save.isPending} />
      <Stack gap="xs">
        <LimitedTextarea
          label={t('orders.notes')}
          description={t('orders.notes.help')}
          autosize
          minRows={2}
          maxLength={2000}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button
            size="xs"
            variant="light"
            loading={save.isPending}
            disabled={notes === order.notes}
            onClick={() => save.mutate()}
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCalendarEvent,
  IconFileTypePdf,
  IconPlayerPlay,
  IconRobotOff,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { useNow, weekLabel } from '../../orders/components/OrderBits';
import { isNotFound } from '../../shared/api';
import { DataTable } from '../../shared/DataTable';
import { Fact } from '../../shared/Fact';
import { formatDateTime, formatTime } from '../../shared/format';
import { usePageTitle } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { NotFoundState } from '../../shell/NotFoundPage';
import { type BatchDetail, deliveryNoteUrl, productionSheetUrl, useBatchDetail } from '../production.api';
import { formatMinutes, weekOfInstant } from '../robot.rules';
import { CompleteDialog, StartDialog } from './ProductionDialogs';
import { ProductionTimeline } from './ProductionTimeline';
import {
  formatCount,
  mayMoveOrCancel,
  mayPrintDeliveryNotes,
  mayRun,
  mayVerify,
  ranTimes,
  startsAfter,
} from './production.rules';
import { ShortagePanel } from './ShortagePanel';
import { SlotMissedPanel } from './SlotMissedPanel';
import { VerificationPanel } from './VerificationPanel';

/** On a phone, each order of the batch reads as one summary, its delivery note in reach (no sideways scroll). */
function OrdersTable({ batch, notes }: { batch: BatchDetail; notes: boolean }) {
  const { t } = useI18n();
  const noteLink = (o: BatchDetail['orders'][number]) => (
    <Anchor href={deliveryNoteUrl(o.orderId)} target="_blank" size="sm">
      {t('production.orders.deliveryNote')}
    </Anchor>
  );
  return (
    <DataTable
      label={t('production.orders')}
      rows={batch.orders}
      rowKey={(o) => o.orderId}
      empty={t('production.orders.empty')}
      phoneMinWidth={0}
      columns={[
        {
          key: 'summary',
          header: t('production.orders.careHome'),
          hiddenFrom: 'sm',
          cell: (o) => (
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {o.careHomeName}
              </Text>
              <Text size="sm">
                {t('production.orders.phoneFacts', { week: weekLabel(t, o.week), pouches: formatCount(o.pouches) })}
              </Text>
              <Text size="xs" c="dimmed">
                {t('production.orders.deadline')} : {formatDateTime(o.deadline)}
              </Text>
              {notes ? noteLink(o) : null}
            </Stack>
          ),
        },
        { key: 'home', header: t('production.orders.careHome'), cell: (o) => o.careHomeName, visibleFrom: 'sm' },
        { key: 'week', header: t('production.orders.week'), cell: (o) => weekLabel(t, o.week), visibleFrom: 'sm' },
        {
          key: 'pouches',
          header: t('production.orders.pouches'),
          cell: (o) => formatCount(o.pouches),
          align: 'right',
          visibleFrom: 'sm',
        },
        {
          key: 'manual',
          header: t('production.orders.manual'),
          cell: (o) => formatCount(o.manualUnits),
          align: 'right',
          visibleFrom: 'md',
        },
        {
          key: 'deadline',
          header: t('production.orders.deadline'),
          cell: (o) => formatDateTime(o.deadline),
          visibleFrom: 'sm',
        },
        ...(notes
          ? [{ key: 'note', header: t('production.orders.documents'), cell: noteLink, visibleFrom: 'sm' as const }]
          : []),
      ]}
    />
  );
}

/** On a phone, each lot used reads as one summary: medicine, then lot, expiry and units (no sideways scroll). */
function ConsumptionTable({ batch }: { batch: BatchDetail }) {
  const { t } = useI18n();
  const homes = new Map(batch.orders.map((o) => [o.orderId, o.careHomeName]));
  const expiry = (c: BatchDetail['consumption'][number]) => c.expiry.split('-').reverse().join('/');
  return (
    <DataTable
      label={t('production.consumption')}
      rows={batch.consumption}
      rowKey={(c) => `${c.orderId}-${c.cip13}-${c.lot}`}
      empty={t('production.consumption.empty')}
      pageSize={15}
      minWidth={640}
      phoneMinWidth={0}
      columns={[
        {
          key: 'summary',
          header: t('production.product'),
          hiddenFrom: 'sm',
          cell: (c) => (
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {c.label}
              </Text>
              <Text size="sm">
                {t('production.consumption.phoneFacts', { lot: c.lot, expiry: expiry(c), units: formatCount(c.units) })}
              </Text>
              {homes.size > 1 ? (
                <Text size="xs" c="dimmed">
                  {homes.get(c.orderId)}
                </Text>
              ) : null}
            </Stack>
          ),
        },
        ...(homes.size > 1
          ? [
              {
                key: 'home',
                header: t('production.orders.careHome'),
                cell: (c: BatchDetail['consumption'][number]) => homes.get(c.orderId) ?? c.orderId,
                visibleFrom: 'sm' as const,
              },
            ]
          : []),
        {
          key: 'product',
          header: t('production.product'),
          cell: (c) => c.label,
          sortBy: (c) => c.label,
          visibleFrom: 'sm',
        },
        { key: 'cip13', header: 'CIP13', cell: (c) => c.cip13, visibleFrom: 'md' },
        { key: 'lot', header: t('production.lot'), cell: (c) => c.lot, sortBy: (c) => c.lot, visibleFrom: 'sm' },
        { key: 'expiry', header: t('production.expiry'), cell: expiry, visibleFrom: 'sm' },
        { key: 'units', header: t('production.units'), cell: (c) => c.units, align: 'right', visibleFrom: 'sm' },
      ]}
    />
  );
}

function Batch({ batch }: { batch: BatchDetail }) {
  const { t } = useI18n();
  const user = useSessionUser();
  const [dialog, setDialog] = useState<'start' | 'complete' | null>(null);
  const run = mayRun(user, batch);
  const verify = mayVerify(user, batch);
  const now = useNow();
  const waitCutoff = startsAfter(batch, now);
  const running = batch.production.runningBatchId;
  const title = t('production.title', { id: batch.id });
  usePageTitle(title);
  const b = batch.breakdown;
  const ranRun = ranTimes(batch);
  const ran = ranRun?.minutes ?? null;
  return (
    <Stack gap="lg" maw={1200}>
      <Anchor component={Link} to={`/robot?week=${weekOfInstant(batch.start)}`} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} />
          {t('production.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1} size="h2">
            {title}
          </Title>
          <Group gap="xs">
            <Badge data-testid="batch-status" color={batch.status === 'cancelled' ? 'gray' : undefined}>
              {t(`robot.status.${batch.status}`)}
            </Badge>
            {batch.slotMissed ? (
              <Badge color="orange" data-testid="batch-slot-missed-badge">
                {t('robot.status.slotMissed')}
              </Badge>
            ) : null}
            <Text size="sm" c="dimmed">
              {t('production.subtitle', {
                robot: batch.production.robotName,
                host: batch.production.hostPharmacyName,
                pharmacy: batch.pharmacyName,
              })}
            </Text>
          </Group>
        </Stack>
        <Group gap="sm" align="flex-start">
          {run && batch.status !== 'cancelled' ? (
            <Button
              component="a"
              href={productionSheetUrl(batch.id)}
              target="_blank"
              variant="default"
              leftSection={<IconFileTypePdf size={16} />}
            >
              {t('production.sheet')}
            </Button>
          ) : null}
          {mayMoveOrCancel(user, batch) ? (
            // Moving and cancelling live in the calendar's batch dialog, which this opens.
            <Button
              component={Link}
              to={`/robot?week=${weekOfInstant(batch.start)}&batch=${batch.id}`}
              variant="default"
              leftSection={<IconCalendarEvent size={16} />}
            >
              {t('production.moveOrCancel')}
            </Button>
          ) : null}
          {run && batch.status === 'booked' ? (
            <Stack gap={4} align="flex-end">
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                onClick={() => setDialog('start')}
                disabled={waitCutoff !== null || running !== null}
                aria-describedby={
                  [waitCutoff ? 'start-after-cutoff' : '', running !== null ? 'start-robot-busy' : '']
                    .filter(Boolean)
                    .join(' ') || undefined
                }
              >
                {t('production.start')}
              </Button>
              {waitCutoff ? (
                <Text
                  id="start-after-cutoff"
                  size="sm"
                  c="dimmed"
                  maw={320}
                  ta="right"
                  data-testid="start-after-cutoff"
                >
                  {t('production.start.afterCutoff', { at: formatDateTime(waitCutoff) })}
                </Text>
              ) : null}
              {running !== null ? (
                <Text id="start-robot-busy" size="sm" c="dimmed" maw={320} ta="right" data-testid="start-robot-busy">
                  {t('production.start.robotBusy', { id: running })}{' '}
                  <Anchor component={Link} to={`/robot/batches/${running}`} size="sm" underline="always">
                    {t('production.start.robotBusyLink', { id: running })}
                  </Anchor>
                </Text>
              ) : null}
            </Stack>
          ) : null}
          {run && batch.status === 'in_production' ? (
            <Button leftSection={<IconShieldCheck size={16} />} onClick={() => setDialog('complete')}>
              {t('production.complete')}
            </Button>
          ) : null}
        </Group>
      </Group>

      {batch.slotMissed ? <SlotMissedPanel batch={batch} now={now} mayRun={run} /> : null}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md" radius="md">
          <SimpleGrid cols={2} spacing="md">
            {/* Once produced, the times are those the robot ran (the calendar shows them too),
                and the planned length is said beside the real one: « 30 min » beside 12:05–12:06 read wrong. */}
            <Fact label={t(ran === null ? 'production.slot' : 'production.ran')}>
              {formatDateTime(ranRun?.start ?? batch.start)}–{formatTime(ranRun?.end ?? batch.end)}
            </Fact>
            <Fact label={t('production.duration')}>
              {ran === null || ran === batch.durationMinutes
                ? formatMinutes(batch.durationMinutes)
                : t('production.durationRan', {
                    ran: formatMinutes(ran),
                    planned: formatMinutes(batch.durationMinutes),
                  })}
            </Fact>
            <Fact label={t('production.pouches')}>{formatCount(batch.pouches)}</Fact>
            <Fact label={t('production.manualUnits')}>{formatCount(batch.manualUnits)}</Fact>
          </SimpleGrid>
          <Text size="sm" c="dimmed" mt="md">
            {t('production.breakdown', { setup: b.setup, pouches: b.pouches, manual: b.manual, cleaning: b.cleaning })}
          </Text>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="md">
            {t('production.steps')}
          </Title>
          {/* A cancelled batch has no production to come: its steps would read « à venir ». */}
          {batch.status === 'cancelled' ? (
            <Text size="sm" c="dimmed" data-testid="batch-cancelled-steps">
              {t('production.cancelledSteps')}
            </Text>
          ) : (
            <ProductionTimeline batch={batch} />
          )}
        </Paper>
      </SimpleGrid>

      {batch.production.incident ? (
        <Alert
          color="orange"
          icon={<IconAlertTriangle />}
          title={t('production.incident')}
          data-testid="batch-incident"
        >
          {batch.production.incident}
        </Alert>
      ) : null}
      {batch.production.rejections.length > 0 ? (
        <Alert color="gray" title={t('production.rejections')} data-testid="batch-rejections">
          <Stack gap={2}>
            {batch.production.rejections.map((r) => (
              <div key={r.rejectedAt}>
                <Text size="sm">
                  {t(`production.rejection.${r.decision}`, {
                    at: formatDateTime(r.rejectedAt),
                    by: r.rejectedBy ?? '',
                    reason: r.reason,
                  })}
                </Text>
                {r.runStartedAt && r.runCompletedAt && r.runPouchesProduced !== null ? (
                  <Text size="xs" c="dimmed">
                    {t('production.rejection.run', {
                      start: formatDateTime(r.runStartedAt),
                      end: formatTime(r.runCompletedAt),
                      count: r.runPouchesProduced,
                    })}
                  </Text>
                ) : null}
              </div>
            ))}
          </Stack>
        </Alert>
      ) : null}

      <section aria-labelledby="batch-orders">
        <Title order={2} size="h4" mb="sm" id="batch-orders">
          {t('production.orders')}
        </Title>
        <OrdersTable batch={batch} notes={mayPrintDeliveryNotes(user, batch)} />
      </section>

      {run && (batch.status === 'booked' || batch.status === 'in_production') ? <ShortagePanel batch={batch} /> : null}
      {run && (batch.status === 'produced' || batch.status === 'verified') ? (
        <VerificationPanel batch={batch} mayVerify={verify} />
      ) : null}
      {batch.consumption.length > 0 ? (
        <section aria-labelledby="batch-lots">
          <Title order={2} size="h4" mb="sm" id="batch-lots">
            {t('production.consumption')}
          </Title>
          <ConsumptionTable batch={batch} />
        </section>
      ) : null}
      <StartDialog batch={dialog === 'start' ? batch : null} onClose={() => setDialog(null)} />
      <CompleteDialog batch={dialog === 'complete' ? batch : null} onClose={() => setDialog(null)} />
    </Stack>
  );
}

/** A robot batch: its orders and times, the stock check, production and verification, its documents. */
export function BatchPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const batch = useBatchDetail(id);
  if (isNotFound(batch.error)) {
    return (
      <NotFoundState
        icon={IconRobotOff}
        title={t('production.notFound')}
        body={t('production.notFound.body')}
        backTo="/robot"
        backLabel={t('production.back')}
      />
    );
  }
  return batch.data ? <Batch batch={batch.data} /> : <QueryState query={batch} />;
}

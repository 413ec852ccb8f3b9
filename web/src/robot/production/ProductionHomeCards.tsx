import { Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconChecklist, IconRobot, IconTruckDelivery } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { TodoCard } from '../../home/TodoCard';
import { useI18n } from '../../i18n/i18n';
import { weekLabel } from '../../orders/components/OrderBits';
import { formatDateTime, formatTime } from '../../shared/format';
import { useBatchesToVerify, useMyOrders, useUpcomingBatches, useUpcomingShortages } from '../production.api';
import { OrderProgressPanel } from './OrderProgressPanel';
import { followedOrders } from './production.rules';

/**
 * Home card (staff, the technician's day): my pharmacy's batches in production (first, with when
 * they started), or booked to start before the end of tomorrow, each with its slot, status and care
 * homes, linking to its page.
 */
export function UpcomingBatchesCard() {
  const { t } = useI18n();
  const batches = useUpcomingBatches();
  const items = batches.data?.items ?? [];
  const next = batches.data?.next ?? null;
  return (
    <TodoCard
      testId="card-upcoming-batches"
      icon={IconRobot}
      title={t('home.production.upcoming')}
      count={batches.data ? items.length : undefined}
      empty={t('home.production.upcomingEmpty')}
      link={{ to: '/robot', label: t('home.production.robotLink') }}
    >
      {items.length > 0 ? (
        <List size="sm" spacing={4}>
          {items.slice(0, 5).map((b) => (
            <List.Item key={b.id}>
              <Anchor component={Link} to={`/robot/batches/${b.id}`}>
                {t('production.title', { id: b.id })}
              </Anchor>
              {b.status === 'in_production' ? (
                <Badge ml={6} size="sm" variant="light" color="blue">
                  {t('robot.status.in_production')}
                </Badge>
              ) : null}
              <Text size="sm" c="dimmed">
                {/* A batch in production runs now: when it started, not the slot it was booked at. */}
                {b.status === 'in_production' && b.production.startedAt
                  ? t('home.production.startedAt', { date: formatDateTime(b.production.startedAt) })
                  : `${formatDateTime(b.start)}–${formatTime(b.end)}`}{' '}
                · {b.careHomes.map((c) => c.name).join(', ')}
              </Text>
            </List.Item>
          ))}
        </List>
      ) : next ? (
        // None today nor tomorrow: when the next one is.
        <Stack gap={4} data-testid="next-batch">
          <Text size="sm" c="dimmed">
            {t('home.production.upcomingEmpty')}
          </Text>
          <Text size="sm">
            {t('home.production.nextBatch', { date: formatDateTime(next.start) })}{' '}
            <Anchor component={Link} to={`/robot/batches/${next.id}`}>
              {t('production.title', { id: next.id })}
            </Anchor>
          </Text>
        </Stack>
      ) : undefined}
    </TodoCard>
  );
}

/**
 * Home card (staff): produced batches of my pharmacy waiting for a pharmacist's verification. The
 * pharmacist reads it as work to do; the technician, who cannot verify (`robot_production.verify`),
 * as batches waiting for the pharmacist.
 */
export function BatchesToVerifyCard() {
  const { t } = useI18n();
  const verifies = useSessionUser().role === 'pharmacist';
  const batches = useBatchesToVerify();
  const items = batches.data ?? [];
  return (
    <TodoCard
      testId="card-batches-to-verify"
      icon={IconChecklist}
      title={t(verifies ? 'home.production.toVerify' : 'home.production.awaitingVerification')}
      count={batches.data ? items.length : undefined}
      empty={t(verifies ? 'home.production.toVerifyEmpty' : 'home.production.awaitingVerificationEmpty')}
      link={{ to: '/robot', label: t('home.production.robotLink') }}
    >
      {items.length > 0 ? (
        <List size="sm" spacing={4}>
          {items.slice(0, 5).map((b) => (
            <List.Item key={b.id}>
              <Anchor component={Link} to={`/robot/batches/${b.id}`}>
                {t('production.title', { id: b.id })}
              </Anchor>{' '}
              <Text span size="sm" c="dimmed">
                {b.careHomes.map((c) => c.name).join(', ')} · {formatDateTime(b.production.completedAt ?? b.end)}
              </Text>
              {b.production.openAnomalies > 0 ? (
                <Badge ml={6} color="red" size="sm" variant="light">
                  {t('production.anomalies.open', { count: b.production.openAnomalies })}
                </Badge>
              ) : null}
            </List.Item>
          ))}
        </List>
      ) : undefined}
    </TodoCard>
  );
}

/** Home card (staff): products the host lacks for my batches starting before the end of tomorrow. */
export function UpcomingShortagesCard() {
  const { t } = useI18n();
  const shortages = useUpcomingShortages();
  const items = shortages.data?.items ?? [];
  return (
    <TodoCard
      testId="card-robot-shortages"
      icon={IconAlertTriangle}
      title={t('home.production.shortages')}
      count={shortages.data ? items.length : undefined}
      empty={t('home.production.shortagesEmpty')}
      link={{ to: '/robot', label: t('home.production.robotLink') }}
    >
      {items.length > 0 ? (
        <Stack gap={6}>
          {items.slice(0, 4).map((b) => (
            <div key={b.batchId}>
              <Anchor component={Link} to={`/robot/batches/${b.batchId}`} size="sm">
                {t('production.title', { id: b.batchId })}
              </Anchor>{' '}
              <Text span size="sm" c="dimmed">
                {formatDateTime(b.start)} · {b.careHomes.map((c) => c.name).join(', ')}
              </Text>
              <Text size="sm">
                {b.shortages
                  .map((s) => t('production.shortage.line', { product: s.label, missing: s.missing }))
                  .join(' ; ')}
              </Text>
            </div>
          ))}
        </Stack>
      ) : undefined}
    </TodoCard>
  );
}

/** Home card (care home): its orders from planning to delivery, those waiting for its signature first (followedOrders). */
export function CareHomeProgressCard() {
  const { t } = useI18n();
  const orders = useMyOrders();
  const { shown: followed, waiting } = followedOrders(orders.data ?? []);
  return (
    <TodoCard
      testId="card-order-progress"
      icon={IconTruckDelivery}
      title={t('home.production.progress')}
      // The badge counts deliveries to sign; a grey 0 beside the orders it follows read as a mismatch.
      count={orders.data && waiting > 0 ? waiting : undefined}
      empty={t('home.production.progressEmpty')}
      link={{ to: '/orders', label: t('home.production.ordersLink') }}
    >
      {followed.length > 0 ? (
        <Stack gap="md">
          {followed.map((o) => (
            <Stack key={o.id} gap={4}>
              <Group gap="xs">
                <Text fw={600} size="sm">
                  {weekLabel(t, o.week)}
                </Text>
                <Badge size="sm" variant="light" data-testid={`order-status-${o.id}`}>
                  {t(`production.progress.${o.status as 'planned'}`)}
                </Badge>
              </Group>
              <OrderProgressPanel orderId={o.id} compact />
            </Stack>
          ))}
        </Stack>
      ) : undefined}
    </TodoCard>
  );
}

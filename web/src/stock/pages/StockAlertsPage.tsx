import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  NumberInput,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFlame, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { formatMoney } from '../../shared/format';
import { DestroyModal } from '../components/DestroyModal';
import { ExpiryDate } from '../components/ExpiryDate';
import { LotDrawer } from '../components/LotDrawer';
import { ThresholdModal } from '../components/ThresholdModal';
import { type Lot, type ThresholdItem, useExpiring, useLowStock, useThresholds } from '../stock.api';
import { daysBetween, parisToday } from '../stock.rules';

const TABS = ['expiring', 'low', 'thresholds'] as const;
type Tab = (typeof TABS)[number];

function ErrorAndLoading({ query }: { query: { error: unknown; isPending: boolean } }) {
  const { t } = useI18n();
  return (
    <>
      {query.error ? (
        <Alert color="red" role="alert">
          {describeError(t, query.error)}
        </Alert>
      ) : null}
      {query.isPending ? <Loader aria-label={t('common.loading')} /> : null}
    </>
  );
}

function ExpiringPanel() {
  const { t } = useI18n();
  const [days, setDays] = useState<number | string>(90);
  const [debouncedDays] = useDebouncedValue(days, 300);
  const horizon = typeof debouncedDays === 'number' ? Math.min(730, Math.max(0, debouncedDays)) : 90;
  const expiring = useExpiring(horizon);
  const [destroying, setDestroying] = useState<Lot | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  const today = parisToday();
  const items = expiring.data ?? [];
  const value = items.reduce((sum, lot) => sum + lot.available * lot.unitCostCents, 0);
  return (
    <Stack>
      <Group align="flex-end">
        <NumberInput
          label={t('stockAlerts.expiring.days')}
          description={t('stockAlerts.expiring.daysHint')}
          value={days}
          onChange={setDays}
          min={0}
          max={730}
          step={30}
          allowDecimal={false}
          allowNegative={false}
          w={220}
        />
        {expiring.data ? (
          <Text size="sm" c="dimmed" mb={4} aria-live="polite">
            {t('stockAlerts.expiring.summary', { count: items.length, value: formatMoney(value) })}
          </Text>
        ) : null}
      </Group>
      <ErrorAndLoading query={expiring} />
      {expiring.data ? (
        <Table.ScrollContainer minWidth={820}>
          <Table striped withTableBorder aria-label={t('stockAlerts.tab.expiring')} bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stock.col.product')}</Table.Th>
                <Table.Th>{t('stock.col.lot')}</Table.Th>
                <Table.Th>{t('stock.col.expiry')}</Table.Th>
                <Table.Th ta="right">{t('stockAlerts.col.daysLeft')}</Table.Th>
                <Table.Th ta="right">{t('stock.col.available')}</Table.Th>
                <Table.Th ta="right">{t('stockAlerts.col.value')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text c="dimmed">{t('stockAlerts.expiring.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {items.map((lot) => {
                const left = daysBetween(today, lot.expiryDate);
                return (
                  <Table.Tr key={lot.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {lot.productLabel}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {lot.cip13}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        ff="monospace"
                        onClick={() => setDetailId(lot.id)}
                      >
                        {lot.lotNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <ExpiryDate date={lot.expiryDate} soonDays={horizon} />
                    </Table.Td>
                    <Table.Td ta="right" c={left < 0 ? 'red.8' : undefined}>
                      {left}
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {lot.available}
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(lot.available * lot.unitCostCents)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {left < 0 && lot.available > 0 ? (
                        <Button
                          size="compact-sm"
                          color="red"
                          variant="light"
                          leftSection={<IconFlame size={14} />}
                          onClick={() => setDestroying(lot)}
                        >
                          {t('stock.destroy.action')}
                        </Button>
                      ) : (
                        <Anchor component={Link} to="/pool/rebalance" size="sm">
                          {t('stockAlerts.expiring.rebalance')}
                        </Anchor>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <DestroyModal lot={destroying} onClose={() => setDestroying(null)} />
      <LotDrawer lotId={detailId} onClose={() => setDetailId(null)} />
    </Stack>
  );
}

function LowStockPanel() {
  const { t } = useI18n();
  const low = useLowStock();
  const items = low.data ?? [];
  return (
    <Stack>
      <ErrorAndLoading query={low} />
      {low.data ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder aria-label={t('stockAlerts.tab.low')} bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stock.col.product')}</Table.Th>
                <Table.Th ta="right">{t('stockAlerts.col.minQuantity')}</Table.Th>
                <Table.Th ta="right">{t('stock.col.onHand')}</Table.Th>
                <Table.Th ta="right">{t('stockAlerts.col.missing')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('stockAlerts.low.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {items.map((item) => (
                <Table.Tr key={item.cip13}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {item.productLabel}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {item.cip13}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{item.minQuantity}</Table.Td>
                  <Table.Td ta="right">{item.onHand}</Table.Td>
                  <Table.Td ta="right" fw={600} c="red.8">
                    {item.missing}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Anchor component={Link} to={`/pool?q=${item.cip13}`} size="sm">
                      {t('stockAlerts.low.findInPool')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}

function ThresholdsPanel() {
  const { t } = useI18n();
  const thresholds = useThresholds();
  const [target, setTarget] = useState<{ threshold: ThresholdItem | null } | null>(null);
  const items = thresholds.data ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('stockAlerts.thresholds.hint')}
        </Text>
        <Button leftSection={<IconPlus size={18} />} onClick={() => setTarget({ threshold: null })}>
          {t('stockAlerts.thresholds.new')}
        </Button>
      </Group>
      <ErrorAndLoading query={thresholds} />
      {thresholds.data ? (
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder aria-label={t('stockAlerts.tab.thresholds')} bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stock.col.product')}</Table.Th>
                <Table.Th ta="right">{t('stockAlerts.col.minQuantity')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text c="dimmed">{t('stockAlerts.thresholds.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {items.map((item) => (
                <Table.Tr key={item.cip13}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {item.productLabel}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {item.cip13}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{item.minQuantity}</Table.Td>
                  <Table.Td ta="right">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`${t('common.edit')} ${item.productLabel}`}
                      onClick={() => setTarget({ threshold: item })}
                    >
                      <IconPencil size={18} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <ThresholdModal target={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}

/** What is about to expire, what is running short, and the minimums that decide it. */
export function StockAlertsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = TABS.includes(raw as Tab) ? (raw as Tab) : 'expiring';
  return (
    <Stack gap="lg" maw={1200}>
      <div>
        <Title order={1} size="h2">
          {t('stockAlerts.title')}
        </Title>
        <Text c="dimmed">{t('stockAlerts.subtitle')}</Text>
      </div>
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'expiring' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`stockAlerts.tab.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="expiring" pt="md">
          <ExpiringPanel />
        </Tabs.Panel>
        <Tabs.Panel value="low" pt="md">
          <LowStockPanel />
        </Tabs.Panel>
        <Tabs.Panel value="thresholds" pt="md">
          <ThresholdsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

import { Stack, Tabs } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { ExpiringLotsPanel } from '../components/ExpiringLotsPanel';
import { LowStockPanel } from '../components/LowStockPanel';
import { ThresholdsPanel } from '../components/ThresholdsPanel';

const TABS = ['expiring', 'low', 'thresholds'] as const;
type Tab = (typeof TABS)[number];

/** What is about to expire, what is running short, and the minimums that decide it. */
export function StockAlertsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = TABS.includes(raw as Tab) ? (raw as Tab) : 'expiring';
  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader title={t('stockAlerts.title')} subtitle={t('stockAlerts.subtitle')} />
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
          <ExpiringLotsPanel />
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

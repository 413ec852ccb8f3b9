import { Stack, Text } from '@mantine/core';
import { IconCalendarDollar } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n';
import { formatMoney, formatMonth } from '../shared/format';
import { useSettlement } from '../stock/stock.api';
import { parisToday, previousMonth } from '../stock/stock.rules';
import { TodoCard } from './TodoCard';

/** Last month's settlement between pharmacies (what the treasurer closes): volume and payments, with the statement. */
export function SettlementCard() {
  const { t } = useI18n();
  const month = previousMonth(parisToday());
  const settlement = useSettlement(month);
  const pairs = settlement.data?.pairs ?? [];
  const transfers = pairs.reduce((sum, p) => sum + p.transfersAToB + p.transfersBToA, 0);
  const value = pairs.reduce((sum, p) => sum + p.sentAToBCents + p.sentBToACents, 0);
  const payments = pairs.filter((p) => p.debtorId !== null).length;
  return (
    <TodoCard
      testId="card-settlement"
      icon={IconCalendarDollar}
      title={t('nav.settlement')}
      count={settlement.data ? payments : undefined}
      link={{ to: '/transfers/settlement', label: t('home.settlement.link') }}
    >
      {settlement.data ? (
        <Stack gap={4}>
          <Text size="sm">
            {t('home.settlement.summary', { month: formatMonth(month), transfers, value: formatMoney(value) })}
          </Text>
          <Text size="sm">{t('home.settlement.payments', { count: payments })}</Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      )}
    </TodoCard>
  );
}

import { Stack, Text } from '@mantine/core';
import { IconCalendarDollar } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n';
import { formatMoney, formatMonth } from '../shared/format';
import { type Settlement, useSettlement } from '../stock/settlement.api';
import { parisToday, previousMonth } from '../stock/stock.rules';
import { TodoCard } from './TodoCard';

/** A month's line: its name (marked provisional while open), dépannages received and value exchanged. */
function MonthLine({ settlement }: { settlement: Settlement }) {
  const { t, lang } = useI18n();
  const value = settlement.pairs.reduce((sum, p) => sum + p.sentAToBCents + p.sentBToACents, 0);
  const month = formatMonth(settlement.month, lang);
  return (
    <Text size="sm" data-testid={`card-settlement-${settlement.month}`}>
      {t('home.settlement.month', {
        month: settlement.provisional ? t('home.settlement.monthProvisional', { month }) : month,
        transfers: settlement.transfers.length,
        value: formatMoney(value),
      })}
    </Text>
  );
}

/**
 * The settlement between pharmacies on the treasurer's home: this month so far (provisional) and
 * last month, the one to settle, with how many of its payments are still to mark paid (the
 * count); the link opens last month's statement.
 */
export function SettlementCard() {
  const { t, lang } = useI18n();
  const today = parisToday();
  const lastMonth = previousMonth(today);
  const current = useSettlement(today.slice(0, 7));
  const last = useSettlement(lastMonth);
  // Payments due and final (a provisional line waits for its open transfers), not yet marked paid.
  const unpaid = last.data?.pairs.filter((p) => p.netCents > 0 && !p.provisional && p.payment === null).length;
  return (
    <TodoCard
      testId="card-settlement"
      icon={IconCalendarDollar}
      title={t('nav.settlement')}
      count={unpaid}
      link={{ to: `/transfers/settlement?month=${lastMonth}`, label: t('home.settlement.link') }}
    >
      {current.data && last.data ? (
        <Stack gap={4}>
          <MonthLine settlement={current.data} />
          <MonthLine settlement={last.data} />
          {last.data.provisional ? (
            <Text size="sm">{t('home.settlement.lastProvisional', { month: formatMonth(lastMonth, lang) })}</Text>
          ) : null}
          {!last.data.provisional || (unpaid ?? 0) > 0 ? (
            <Text size="sm">
              {t('home.settlement.toPay', { count: unpaid ?? 0, month: formatMonth(lastMonth, lang) })}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      )}
    </TodoCard>
  );
}

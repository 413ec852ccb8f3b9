import { Text } from '@mantine/core';
import { IconHourglassLow } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n';
import { formatCalendarDate } from '../shared/format';
import { useExpiring } from '../stock/stock.api';
import { daysToEndOfMonth, parisToday } from '../stock/stock.rules';
import { CardList } from './CardList';
import { TodoCard } from './TodoCard';

/** Our lots that expire before the month is out: dispense them first, offer them, or destroy them. */
export function ExpiringLotsCard() {
  const { t } = useI18n();
  const expiring = useExpiring(daysToEndOfMonth(parisToday()));
  // Lots already past expiry are another job (the expiring list); this card is about this month.
  const today = parisToday();
  const items = (expiring.data ?? []).filter((lot) => lot.expiryDate >= today && lot.quantity > 0);
  return (
    <TodoCard
      testId="card-expiring"
      icon={IconHourglassLow}
      title={t('home.expiring.title')}
      count={expiring.data ? items.length : undefined}
      empty={t('home.expiring.empty')}
      link={{ to: '/stock/alerts', label: t('home.expiring.link') }}
    >
      {items.length > 0 ? (
        <CardList items={items} itemKey={(lot) => lot.id}>
          {(lot) => (
            <Text size="sm">
              {t('home.expiring.item', {
                product: lot.productLabel,
                lotNumber: lot.lotNumber,
                date: formatCalendarDate(lot.expiryDate),
                quantity: lot.quantity,
              })}
            </Text>
          )}
        </CardList>
      ) : expiring.data ? undefined : (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      )}
    </TodoCard>
  );
}

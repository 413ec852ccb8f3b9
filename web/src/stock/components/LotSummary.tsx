import { Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { formatCalendarDate } from '../../shared/format';
import type { Lot } from '../stock.api';

/** The lot a dialog acts on, in one sentence: product, number, expiry, units available. */
export function LotSummary({ lot }: { lot: Lot }) {
  const { t } = useI18n();
  return (
    <Text>
      {t('stock.lotSummary', {
        product: lot.productLabel,
        lotNumber: lot.lotNumber,
        expiryDate: formatCalendarDate(lot.expiryDate),
        available: lot.available,
      })}
    </Text>
  );
}

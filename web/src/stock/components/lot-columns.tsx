import type { Translate } from '../../i18n/i18n';
import type { Column } from '../../shared/DataTable';
import type { Lot } from '../stock.api';
import { ExpiryDate } from './ExpiryDate';
import { LotNumberLink } from './LotNumberLink';
import { ProductName } from './ProductName';

/**
 * The first three columns of every table of our lots: the drug, the lot number (opens the
 * lot's movements) and its expiry, flagged within `soonDays`. All three sort.
 */
export function lotColumns(t: Translate, onOpen: (lotId: number) => void, soonDays = 90): Column<Lot>[] {
  return [
    {
      key: 'product',
      header: t('stock.col.product'),
      sortBy: (lot) => lot.productLabel,
      cell: (lot) => <ProductName label={lot.productLabel} cip13={lot.cip13} />,
    },
    {
      key: 'lot',
      header: t('stock.col.lot'),
      sortBy: (lot) => lot.lotNumber,
      cell: (lot) => <LotNumberLink lot={lot} onOpen={onOpen} />,
    },
    {
      key: 'expiry',
      header: t('stock.col.expiry'),
      sortBy: (lot) => lot.expiryDate,
      cell: (lot) => <ExpiryDate date={lot.expiryDate} soonDays={soonDays} />,
    },
  ];
}

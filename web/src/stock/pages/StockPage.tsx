import { Button, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconEye, IconFlame, IconPill, IconPlus, IconScale, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { ProductSearch } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatMoney } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { AdjustModal } from '../components/AdjustModal';
import { DestroyModal } from '../components/DestroyModal';
import { DispenseModal } from '../components/DispenseModal';
import { LotDrawer } from '../components/LotDrawer';
import { lotColumns } from '../components/lot-columns';
import { ReceiptModal } from '../components/ReceiptModal';
import { type Lot, useLots } from '../stock.api';

/** Our pharmacy's lots, first-expired first, with the four ways stock moves by hand. */
export function StockPage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const [params, setParams] = useSearchParams();
  const cip13 = params.get('cip13');
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const [includeEmpty, setIncludeEmpty] = useState(false);
  const lots = useLots({ q: debouncedSearch, cip13: cip13 ?? undefined, includeEmpty });

  const [receiving, setReceiving] = useState(false);
  const [dispensing, setDispensing] = useState<{ lot: Lot | null } | null>(null);
  const [adjusting, setAdjusting] = useState<Lot | null>(null);
  const [destroying, setDestroying] = useState<Lot | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);

  const setProduct = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set('cip13', value);
    else next.delete('cip13');
    setParams(next, { replace: true });
  };

  const columns: Column<Lot>[] = [
    ...lotColumns(t, setDetailId),
    {
      key: 'onHand',
      header: t('stock.col.onHand'),
      align: 'right',
      sortBy: (lot) => lot.quantity,
      cell: (lot) => lot.quantity,
    },
    {
      key: 'reserved',
      header: t('stock.col.reserved'),
      align: 'right',
      visibleFrom: 'md',
      cell: (lot) => lot.reserved,
      td: (lot) => ({ c: lot.reserved > 0 ? 'orange.9' : 'dimmed' }),
    },
    {
      key: 'available',
      header: t('stock.col.available'),
      align: 'right',
      sortBy: (lot) => lot.available,
      cell: (lot) => lot.available,
      td: () => ({ fw: 600 }),
    },
    {
      key: 'unitCost',
      header: t('stock.col.unitCost'),
      align: 'right',
      visibleFrom: 'md',
      cell: (lot) => formatMoney(lot.unitCostCents),
    },
  ];

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('stock.title')}
        subtitle={t('stock.subtitle', { pharmacy: user.pharmacy?.name ?? '' })}
        actions={
          <>
            <Button variant="default" leftSection={<IconPill size={18} />} onClick={() => setDispensing({ lot: null })}>
              {t('stock.dispense.action')}
            </Button>
            <Button leftSection={<IconPlus size={18} />} onClick={() => setReceiving(true)}>
              {t('stock.receive.action')}
            </Button>
          </>
        }
      />

      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('stock.filter.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={280}
        />
        <ProductSearch
          label={t('stock.filter.product')}
          value={cip13}
          onChange={(product) => setProduct(product?.cip13 ?? null)}
          w={360}
        />
        <Switch
          label={t('stock.filter.includeEmpty')}
          checked={includeEmpty}
          onChange={(event) => setIncludeEmpty(event.currentTarget.checked)}
          mb={8}
        />
      </Group>

      {lots.data ? (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('stock.count', { count: lots.data.length })}
        </Text>
      ) : null}
      <DataTable
        label={t('stock.title')}
        columns={columns}
        rows={lots.data}
        query={lots}
        rowKey={(lot) => lot.id}
        rowTestId={(lot) => `lot-row-${lot.lotNumber}`}
        empty={t('stock.empty')}
        pageSize={50}
        rowName={(lot) => `${t('stock.col.lot')} ${lot.lotNumber}`}
        actions={(lot) => [
          { label: t('stock.lot.open'), icon: IconEye, onClick: () => setDetailId(lot.id) },
          {
            label: t('stock.dispense.action'),
            icon: IconPill,
            disabled: lot.available === 0,
            onClick: () => setDispensing({ lot }),
          },
          { label: t('stock.adjust.action'), icon: IconScale, onClick: () => setAdjusting(lot) },
          {
            label: t('stock.destroy.action'),
            icon: IconFlame,
            color: 'red',
            disabled: lot.available === 0,
            onClick: () => setDestroying(lot),
          },
        ]}
      />

      <ReceiptModal opened={receiving} onClose={() => setReceiving(false)} />
      <DispenseModal target={dispensing} onClose={() => setDispensing(null)} />
      <AdjustModal lot={adjusting} onClose={() => setAdjusting(null)} />
      <DestroyModal lot={destroying} onClose={() => setDestroying(null)} />
      <LotDrawer lotId={detailId} onClose={() => setDetailId(null)} />
    </Stack>
  );
}

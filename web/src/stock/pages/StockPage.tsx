import { Button, Group, Pagination, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconEye, IconFlame, IconPill, IconPlus, IconScale, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { ProductSearch } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatMoney, formatUnitCost } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { AdjustModal } from '../components/AdjustModal';
import { DestroyModal } from '../components/DestroyModal';
import { DispenseModal } from '../components/DispenseModal';
import { LotDrawer } from '../components/LotDrawer';
import { lotColumns } from '../components/lot-columns';
import { ProductName } from '../components/ProductName';
import { ReceiptModal } from '../components/ReceiptModal';
import { type Lot, useLots } from '../stock.api';
import { groupByProduct, PRODUCT_SORTS, type ProductGroup, type ProductSort } from '../stock-groups';

const PRODUCTS_PER_PAGE = 20;
const isProductSort = (v: string | null): v is ProductSort => PRODUCT_SORTS.includes(v as ProductSort);

/** A product's header in the grouped view: its name and the totals of its lots. */
function ProductHeader({ group }: { group: ProductGroup }) {
  const { t } = useI18n();
  return (
    <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
      <ProductName label={group.productLabel} cip13={group.cip13} />
      <Text size="sm" fw={500} data-testid={`product-total-${group.cip13}`}>
        {t('stock.productTotal', {
          quantity: group.quantity,
          lots: group.lots.length,
          available: group.available,
          value: formatMoney(group.valueCents),
        })}
      </Text>
    </Group>
  );
}

/**
 * Our pharmacy's lots with the four ways stock moves by hand: grouped by product with totals
 * (the default; sorted by name, nearest expiry, quantity or value) or as one list of lots.
 * Grouping and order live in the address (`group=0`, `sort=`).
 */
export function StockPage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const [params, setParams] = useSearchParams();
  const cip13 = params.get('cip13');
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const [includeEmpty, setIncludeEmpty] = useState(false);
  const lots = useLots({ q: debouncedSearch, cip13: cip13 ?? undefined, includeEmpty });
  const grouped = params.get('group') !== '0';
  const rawSort = params.get('sort');
  const sort: ProductSort = isProductSort(rawSort) ? rawSort : 'product';
  const [productPage, setProductPage] = useState(1);
  const groups = lots.data && grouped ? groupByProduct(lots.data, sort) : [];
  const productPages = Math.ceil(groups.length / PRODUCTS_PER_PAGE);
  const shownPage = Math.min(productPage, Math.max(1, productPages));
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
    setProductPage(1);
  };

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

  const allColumns: Column<Lot>[] = [
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
      cell: (lot) => formatUnitCost(lot.unitCostMillicents),
    },
  ];
  // Grouped, the product is the group's header: its lots are listed first-expired first.
  const columns = grouped ? allColumns.filter((c) => c.key !== 'product').map(({ sortBy: _, ...c }) => c) : allColumns;

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
        <Switch
          label={t('stock.groupByProduct')}
          checked={grouped}
          onChange={(event) => setParam('group', event.currentTarget.checked ? null : '0')}
          mb={8}
          data-testid="stock-group"
        />
        {grouped ? (
          <Select
            label={t('stock.sortBy')}
            data={PRODUCT_SORTS.map((value) => ({ value, label: t(`stock.sort.${value}`) }))}
            value={sort}
            onChange={(value) => setParam('sort', value === 'product' ? null : value)}
            allowDeselect={false}
            w={260}
            data-testid="stock-sort"
          />
        ) : null}
      </Group>

      {lots.data ? (
        <Text size="sm" c="dimmed" aria-live="polite">
          {grouped
            ? `${t('stock.productCount', { count: groups.length })} · ${t('stock.count', { count: lots.data.length })}`
            : t('stock.count', { count: lots.data.length })}
        </Text>
      ) : null}
      {grouped && lots.data ? (
        <Stack gap="md">
          {groups.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('stock.empty')}
            </Text>
          ) : null}
          {groups.slice((shownPage - 1) * PRODUCTS_PER_PAGE, shownPage * PRODUCTS_PER_PAGE).map((group) => (
            <Paper key={group.cip13} withBorder radius="md" p="sm" data-testid={`product-group-${group.cip13}`}>
              <Stack gap="xs">
                <ProductHeader group={group} />
                {lotTable(`${t('stock.title')} — ${group.productLabel}`, group.lots)}
              </Stack>
            </Paper>
          ))}
          {productPages > 1 ? (
            <Pagination
              total={productPages}
              value={shownPage}
              onChange={setProductPage}
              getControlProps={(control) => ({
                'aria-label': control === 'previous' ? t('common.previousPage') : t('common.nextPage'),
              })}
            />
          ) : null}
        </Stack>
      ) : (
        lotTable(t('stock.title'), lots.data)
      )}

      <ReceiptModal opened={receiving} onClose={() => setReceiving(false)} />
      <DispenseModal target={dispensing} onClose={() => setDispensing(null)} />
      <AdjustModal lot={adjusting} onClose={() => setAdjusting(null)} />
      <DestroyModal lot={destroying} onClose={() => setDestroying(null)} />
      <LotDrawer lotId={detailId} onClose={() => setDetailId(null)} />
    </Stack>
  );

  function lotTable(label: string, rows: Lot[] | undefined) {
    return (
      <DataTable
        label={label}
        columns={columns}
        rows={rows}
        query={lots}
        rowKey={(lot) => lot.id}
        rowTestId={(lot) => `lot-row-${lot.lotNumber}`}
        empty={t('stock.empty')}
        pageSize={grouped ? undefined : 50}
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
    );
  }
}

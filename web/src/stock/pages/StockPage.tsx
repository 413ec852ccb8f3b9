import { Button, Group, Pagination, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconChevronDown,
  IconChevronUp,
  IconEye,
  IconFlame,
  IconPill,
  IconPlus,
  IconScale,
  IconSearch,
} from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { LOT_SORTS, type LotSort, PRODUCT_SORTS, type ProductSort } from '../../../../server/stock/stock-list.models';
import { useSessionUser } from '../../auth/auth-context';
import { ProductSearch } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatMoney, formatUnitCost } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { AdjustModal } from '../components/AdjustModal';
import { DestroyModal } from '../components/DestroyModal';
import { DispenseModal } from '../components/DispenseModal';
import { ExpiryDate } from '../components/ExpiryDate';
import { LotDrawer } from '../components/LotDrawer';
import { LotNumberLink } from '../components/LotNumberLink';
import { lotColumns } from '../components/lot-columns';
import { ProductName } from '../components/ProductName';
import { ReceiptModal } from '../components/ReceiptModal';
import {
  type Lot,
  type LotFilters,
  type ProductTotals,
  STOCK_PAGE_SIZE,
  useLotPage,
  useLots,
  useStockProducts,
} from '../stock.api';

const isProductSort = (v: string | null): v is ProductSort => PRODUCT_SORTS.includes(v as ProductSort);
const isLotSort = (v: string | null): v is LotSort => LOT_SORTS.includes(v as LotSort);
/** The flat list's sortable columns and the server's lot orders. */
const LOT_SORT_OF: Record<string, LotSort> = {
  product: 'product',
  lot: 'lot',
  expiry: 'expiry',
  onHand: 'quantity',
  available: 'available',
};
/**
 * Groups open at once, their lots shown as before, when the page's products hold this many lots
 * or fewer (a usual stock: one to three lots a product), or when a search or a product narrows
 * the list to `OPEN_PRODUCTS_AT_MOST` products. A big stock shows closed groups with their totals.
 */
const OPEN_LOTS_AT_MOST = 60;
const OPEN_PRODUCTS_AT_MOST = 3;

/**
 * A product of the grouped view: its name and totals (from the server, over its listed lots),
 * and its lots, fetched when the group is opened.
 */
function ProductGroup({
  product,
  filters,
  defaultOpen,
  lotTable,
}: {
  product: ProductTotals;
  filters: LotFilters;
  defaultOpen: boolean;
  lotTable: (label: string, rows: Lot[] | undefined, query: { error: unknown; isPending: boolean }) => ReactNode;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(defaultOpen);
  const lots = useLots({ ...filters, cip13: product.cip13 }, open);
  const panelId = `product-lots-${product.cip13}`;
  const names = { lots: product.lots, product: product.productLabel };
  return (
    <Paper withBorder radius="md" p="sm" data-testid={`product-group-${product.cip13}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <div style={{ minWidth: 0 }}>
            <ProductName label={product.productLabel} cip13={product.cip13} />
          </div>
          <Stack gap={4} align="flex-end" style={{ flexShrink: 0, maxWidth: '60%' }}>
            <Text size="sm" fw={500} ta="right" data-testid={`product-total-${product.cip13}`}>
              {t('stock.productTotal', {
                quantity: product.quantity,
                lots: product.lots,
                available: product.available,
                value: formatMoney(product.valueCents),
              })}
            </Text>
            <Button
              variant="subtle"
              size="compact-sm"
              rightSection={open ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
              aria-expanded={open}
              aria-controls={panelId}
              aria-label={open ? t('stock.hideLotsOf', names) : t('stock.showLotsOf', names)}
              onClick={() => setOpen(!open)}
            >
              {open ? t('stock.hideLots') : t('stock.showLots', names)}
            </Button>
          </Stack>
        </Group>
        <div id={panelId}>
          {open ? lotTable(`${t('stock.title')} — ${product.productLabel}`, lots.data, lots) : null}
        </div>
      </Stack>
    </Paper>
  );
}

/**
 * Our pharmacy's lots with the four ways stock moves by hand: grouped by product with totals
 * (the default; sorted by name, nearest expiry, quantity or value), or as one list of lots.
 * Grouping, totals, order, search and pages are the server's (GET /api/stock/products and
 * /api/stock/lots), so a stock of 20 000 lots shows one page at a time; all of it lives in
 * the address (`q`, `cip13`, `group=0`, `sort`, `lotSort` and `order`, `page`).
 */
export function StockPage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const [params, setParams] = useSearchParams();
  const cip13 = params.get('cip13');
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const [includeEmpty, setIncludeEmpty] = useState(false);
  const filters: LotFilters = { q: debouncedSearch, cip13: cip13 ?? undefined, includeEmpty };
  const grouped = params.get('group') !== '0';
  const rawSort = params.get('sort');
  const sort: ProductSort = isProductSort(rawSort) ? rawSort : 'product';
  const rawLotSort = params.get('lotSort');
  const lotSort = {
    key: isLotSort(rawLotSort) ? rawLotSort : 'expiry',
    direction: params.get('order') === 'desc' ? 'desc' : 'asc',
  } as const;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const products = useStockProducts(filters, sort, page, grouped);
  const lotPage = useLotPage(filters, lotSort, page, !grouped);
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    // Another filter or order starts again from the first page.
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const setParam = (key: string, value: string | null) => update({ [key]: value });

  // The search is kept in the address, so a link (or going back) lands on the same lots.
  useEffect(() => {
    setParams(
      (current) => {
        if ((current.get('q') ?? '') === debouncedSearch) return current;
        const next = new URLSearchParams(current);
        if (debouncedSearch) next.set('q', debouncedSearch);
        else next.delete('q');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [debouncedSearch, setParams]);

  const total = grouped ? products.data?.total : lotPage.data?.total;
  const openAtOnce =
    !!products.data &&
    (products.data.total <= OPEN_PRODUCTS_AT_MOST ||
      products.data.items.reduce((sum, p) => sum + p.lots, 0) <= OPEN_LOTS_AT_MOST);
  const pages =
    total === undefined ? 0 : Math.ceil(total / (grouped ? STOCK_PAGE_SIZE.products : STOCK_PAGE_SIZE.lots));

  const [receiving, setReceiving] = useState(false);
  const [dispensing, setDispensing] = useState<{ lot: Lot | null } | null>(null);
  const [adjusting, setAdjusting] = useState<Lot | null>(null);
  const [destroying, setDestroying] = useState<Lot | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);

  const setProduct = (value: string | null) => setParam('cip13', value);

  const allColumns: Column<Lot>[] = [
    // On a phone: the lot and its expiry (and, listed flat, its drug) in one column, so that the
    // units on hand, the units available and the lot's menu stay on the screen.
    {
      key: 'summary',
      header: t('stock.col.lot'),
      hiddenFrom: 'sm',
      cell: (lot) => (
        <Stack gap={2}>
          {grouped ? null : <ProductName label={lot.productLabel} cip13={lot.cip13} />}
          <LotNumberLink lot={lot} onOpen={setDetailId} />
          <ExpiryDate date={lot.expiryDate} soonDays={90} />
        </Stack>
      ),
    },
    ...lotColumns(t, setDetailId).map((c): Column<Lot> => ({ ...c, visibleFrom: 'sm' })),
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
  const lotSortColumn = Object.keys(LOT_SORT_OF).find((key) => LOT_SORT_OF[key] === lotSort.key) ?? 'expiry';
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
          onChange={(event) => {
            setIncludeEmpty(event.currentTarget.checked);
            setParam('page', null);
          }}
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

      {total !== undefined ? (
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="stock-count">
          {grouped
            ? `${t('stock.productCount', { count: total })} · ${t('stock.count', { count: products.data?.lotCount ?? 0 })}`
            : t('stock.count', { count: total })}
        </Text>
      ) : null}
      {grouped ? (
        products.data ? (
          <Stack gap="md">
            {products.data.items.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('stock.empty')}
              </Text>
            ) : null}
            {products.data.items.map((product) => (
              <ProductGroup
                // Narrowing the list to a few products opens them, even those already shown closed.
                key={`${product.cip13}|${openAtOnce}`}
                product={product}
                filters={filters}
                defaultOpen={openAtOnce}
                lotTable={lotTable}
              />
            ))}
          </Stack>
        ) : (
          <QueryState query={products} />
        )
      ) : (
        lotTable(t('stock.title'), lotPage.data?.items, lotPage)
      )}
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={(p) => update({ page: p > 1 ? String(p) : null })}
          getControlProps={(control) => ({
            'aria-label': control === 'previous' ? t('common.previousPage') : t('common.nextPage'),
          })}
        />
      ) : null}

      <ReceiptModal opened={receiving} onClose={() => setReceiving(false)} />
      <DispenseModal target={dispensing} onClose={() => setDispensing(null)} />
      <AdjustModal lot={adjusting} onClose={() => setAdjusting(null)} />
      <DestroyModal lot={destroying} onClose={() => setDestroying(null)} />
      <LotDrawer lotId={detailId} onClose={() => setDetailId(null)} />
    </Stack>
  );

  function lotTable(label: string, rows: Lot[] | undefined, query: { error: unknown; isPending: boolean }) {
    return (
      <DataTable
        label={label}
        columns={columns}
        rows={rows}
        query={query}
        rowKey={(lot) => lot.id}
        rowTestId={(lot) => `lot-row-${lot.lotNumber}`}
        empty={t('stock.empty')}
        phoneMinWidth={280}
        // Grouped, a product's lots page by ten; the flat list is paged and sorted by the server.
        pageSize={grouped ? 10 : undefined}
        sort={grouped ? undefined : { key: lotSortColumn, direction: lotSort.direction }}
        onSortChange={
          grouped
            ? undefined
            : (next) =>
                update({
                  lotSort: next.key === 'expiry' ? null : (LOT_SORT_OF[next.key] ?? null),
                  order: next.direction === 'desc' ? 'desc' : null,
                })
        }
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

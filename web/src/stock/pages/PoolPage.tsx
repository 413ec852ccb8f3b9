import { Badge, Button, Group, Loader, Stack, Switch, Text, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { parseUnitsPerBox } from '../../../../server/catalogue/catalogue.models';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { PharmacyContactButton } from '../../pharmacies/PharmacyContact';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatCalendarDate, formatCount } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { ProductName } from '../components/ProductName';
import { type TransferAsk, TransferRequestModal } from '../components/TransferRequestModal';
import { usePharmacyTown } from '../pharmacy-town';
import { POOL_ALL_LIMIT, type PoolAvailability, type PoolProduct, usePoolSearch } from '../stock.api';

const OWN_BG = 'var(--mantine-color-teal-0)';

/**
 * A box as a button's name says it: « boîte de 30 » (the units its label counts), not the
 * label's whole packaging (« plaquette(s) PVC PVDC aluminium de 30 gélule(s) »); the label when
 * it counts no units.
 */
function boxName(t: ReturnType<typeof useI18n>['t'], boxLabel: string): string {
  const units = parseUnitsPerBox(boxLabel);
  return units === null ? boxLabel : t('pool.boxOf', { count: units });
}

/** Units another pharmacy can lend: bold when some, dimmed at 0; a screen reader hears « N unités disponibles ». */
function Units({ available, size }: { available: number; size: 'sm' | 'md' }) {
  const { t } = useI18n();
  return (
    <Text size={size} fw={available > 0 ? 700 : 400} c={available > 0 ? undefined : 'dimmed'}>
      {formatCount(available)}
      <VisuallyHidden> {t('pool.unitsAvailable', { count: available })}</VisuallyHidden>
    </Text>
  );
}

function Availability({
  product,
  availability,
  own,
  onAsk,
}: {
  product: PoolProduct;
  availability: PoolAvailability;
  own: boolean;
  onAsk: (ask: TransferAsk) => void;
}) {
  const { t } = useI18n();
  const { available, nearestExpiry } = availability;
  return (
    <Stack gap={2} align="flex-start">
      <Units available={available} size="md" />
      {nearestExpiry && available > 0 ? (
        <Text size="xs" c="dimmed">
          {t('pool.nearestExpiry', { date: formatCalendarDate(nearestExpiry) })}
        </Text>
      ) : null}
      {!own && available > 0 ? (
        <Group gap={4} mt={4} wrap="wrap">
          <AskButton product={product} availability={availability} onAsk={onAsk} />
          <PharmacyContactButton pharmacyId={availability.pharmacyId} pharmacyName={availability.pharmacyName} />
        </Group>
      ) : null}
    </Stack>
  );
}

function AskButton({
  product,
  availability,
  onAsk,
}: {
  product: PoolProduct;
  availability: PoolAvailability;
  onAsk: (ask: TransferAsk) => void;
}) {
  const { t } = useI18n();
  const { available, nearestExpiry } = availability;
  return (
    <Tooltip label={t('pool.askTooltip', { pharmacy: availability.pharmacyName })} withArrow>
      <Button
        size="compact-xs"
        variant="light"
        // The box too: two presentations of one name (30 or 90 tablets) are two rows, two buttons.
        aria-label={t('pool.askFor', {
          pharmacy: availability.pharmacyName,
          product: product.boxLabel
            ? `${product.productLabel} (${boxName(t, product.boxLabel)})`
            : product.productLabel,
        })}
        onClick={() =>
          onAsk({
            cip13: product.cip13,
            productLabel: product.productLabel,
            fromPharmacyId: availability.pharmacyId,
            fromPharmacyName: availability.pharmacyName,
            available,
            nearestExpiry,
          })
        }
      >
        {t('pool.ask')}
      </Button>
    </Tooltip>
  );
}

/**
 * A product on a phone, as a card: its name, then one line per pharmacy (town, units, nearest
 * expiry, the request and contact buttons), where a tablet has one column per pharmacy.
 */
function PhoneCard({
  product,
  ownId,
  town,
  onAsk,
}: {
  product: PoolProduct;
  ownId: number | undefined;
  town: (pharmacyId: number, pharmacyName: string) => string;
  onAsk: (ask: TransferAsk) => void;
}) {
  const { t } = useI18n();
  return (
    <Stack gap={6} data-testid="pool-card">
      <ProductName label={product.productLabel} cip13={product.cip13} box={product.boxLabel} />
      {product.pharmacies.map((availability) => {
        const own = availability.pharmacyId === ownId;
        const { available, nearestExpiry } = availability;
        return (
          <Group
            key={availability.pharmacyId}
            justify="space-between"
            wrap="nowrap"
            gap="xs"
            px={6}
            py={2}
            style={own ? { background: OWN_BG, borderRadius: 4 } : undefined}
            data-testid={`pool-card-${availability.pharmacySlug}`}
          >
            <div>
              <Group gap={6}>
                <Text size="sm" fw={500} title={availability.pharmacyName}>
                  {town(availability.pharmacyId, availability.pharmacyName)}
                </Text>
                {own ? (
                  <Badge size="xs" variant="light">
                    {t('pool.mine')}
                  </Badge>
                ) : null}
              </Group>
              {nearestExpiry && available > 0 ? (
                <Text size="xs" c="dimmed">
                  {t('pool.nearestExpiry', { date: formatCalendarDate(nearestExpiry) })}
                </Text>
              ) : null}
            </div>
            <Group gap={6} wrap="nowrap">
              <Units available={available} size="sm" />
              {!own && available > 0 ? (
                <>
                  <AskButton product={product} availability={availability} onAsk={onAsk} />
                  <PharmacyContactButton
                    pharmacyId={availability.pharmacyId}
                    pharmacyName={availability.pharmacyName}
                  />
                </>
              ) : null}
            </Group>
          </Group>
        );
      })}
    </Stack>
  );
}

/** What the five pharmacies could lend: one search, one row per product, one column per pharmacy. */
export function PoolPage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [inStock, setInStock] = useState(params.get('inStock') === '1');
  const pool = usePoolSearch(debounced, inStock);
  const [ask, setAsk] = useState<TransferAsk | null>(null);

  // The search and the filter are kept in the address, so a link (or going back) lands on the same results.
  useEffect(() => {
    setParams({ ...(debounced ? { q: debounced } : {}), ...(inStock ? { inStock: '1' } : {}) }, { replace: true });
  }, [debounced, inStock, setParams]);

  // "In stock only" lists without a search too: the first POOL_ALL_LIMIT lendable products by name.
  const browsing = inStock && debounced === '';
  const searching = debounced.length >= 2 || browsing;
  const items = searching ? (pool.data ?? []) : [];
  const ownId = user.pharmacy?.id;
  // Five columns must fit a tablet: headed by the town, the full name stays in the cells' labels.
  const town = usePharmacyTown();

  const columns: Column<PoolProduct>[] = [
    {
      key: 'card',
      header: t('pool.col.product'),
      hiddenFrom: 'sm',
      cell: (product) => <PhoneCard product={product} ownId={ownId} town={town} onAsk={setAsk} />,
    },
    {
      key: 'product',
      header: t('pool.col.product'),
      visibleFrom: 'sm',
      width: '28%',
      cell: (product) => <ProductName label={product.productLabel} cip13={product.cip13} box={product.boxLabel} />,
    },
    ...(items[0]?.pharmacies ?? []).map(
      (pharmacy, index): Column<PoolProduct> => ({
        key: String(pharmacy.pharmacyId),
        visibleFrom: 'sm',
        th: {
          style: pharmacy.pharmacyId === ownId ? { background: OWN_BG } : undefined,
          title: pharmacy.pharmacyName,
        },
        header: (
          <Stack gap={2} align="flex-start">
            <span>{town(pharmacy.pharmacyId, pharmacy.pharmacyName)}</span>
            {pharmacy.pharmacyId === ownId ? (
              <Badge size="xs" variant="light">
                {t('pool.mine')}
              </Badge>
            ) : null}
          </Stack>
        ),
        td: () => ({
          style: pharmacy.pharmacyId === ownId ? { background: OWN_BG } : undefined,
          'data-testid': `pool-cell-${pharmacy.pharmacySlug}`,
        }),
        cell: (product) => {
          const availability = product.pharmacies[index];
          return availability ? (
            <Availability
              product={product}
              availability={availability}
              own={availability.pharmacyId === ownId}
              onAsk={setAsk}
            />
          ) : null;
        },
      }),
    ),
  ];

  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader title={t('pool.title')} subtitle={t('pool.subtitle')} />
      <TextInput
        label={t('pool.search')}
        description={t('pool.searchHint')}
        leftSection={<IconSearch size={16} />}
        rightSection={pool.isFetching ? <Loader size="xs" /> : undefined}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={480}
      />
      <Switch
        label={t('pool.inStockOnly')}
        description={t('pool.inStockOnlyHint')}
        checked={inStock}
        onChange={(event) => setInStock(event.currentTarget.checked)}
        data-testid="pool-in-stock"
      />
      <QueryState query={{ error: pool.error, isPending: false }} />
      {!searching ? <Text c="dimmed">{t('pool.typeMore')}</Text> : null}
      {browsing && pool.data ? (
        <Text size="sm" data-testid="pool-in-stock-count">
          {pool.data.length >= POOL_ALL_LIMIT
            ? t('pool.inStockFirst', { count: pool.data.length })
            : t('pool.inStockAll', { count: pool.data.length })}
        </Text>
      ) : null}
      {/* What the table below shows, said to a screen reader as the search answers. */}
      <VisuallyHidden role="status" data-testid="pool-found">
        {searching && pool.data && !pool.isFetching ? t('pool.found', { count: items.length }) : ''}
      </VisuallyHidden>
      {items.length > 0 ? (
        <Text size="sm" c="dimmed">
          {t('pool.legend')}
        </Text>
      ) : null}
      {searching && pool.data ? (
        <DataTable
          label={t('pool.title')}
          columns={columns}
          rows={items}
          rowKey={(product) => product.cip13}
          rowTestId={(product) => `pool-row-${product.cip13}`}
          empty={inStock ? t('pool.noneInStock') : t('pool.none')}
          minWidth={700}
          phoneMinWidth={0}
          tableProps={{ striped: false, withColumnBorders: true, layout: 'fixed', verticalSpacing: 'xs' }}
        />
      ) : null}
      <TransferRequestModal ask={ask} onClose={() => setAsk(null)} />
    </Stack>
  );
}

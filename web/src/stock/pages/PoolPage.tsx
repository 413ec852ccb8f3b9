import {
  Alert,
  Badge,
  Button,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { usePharmacies } from '../../pharmacies/pharmacies.api';
import { describeError } from '../../shared/errors';
import { formatCalendarDate } from '../../shared/format';
import { ProductName } from '../components/ProductName';
import { type TransferAsk, TransferRequestModal } from '../components/TransferRequestModal';
import { type PoolAvailability, type PoolProduct, usePoolSearch } from '../stock.api';

const OWN_BG = 'var(--mantine-color-teal-0)';

function AvailabilityCell({
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
    <Table.Td style={own ? { background: OWN_BG } : undefined} data-testid={`pool-cell-${availability.pharmacySlug}`}>
      <Stack gap={2} align="flex-start">
        <Text size="md" fw={available > 0 ? 700 : 400} c={available > 0 ? undefined : 'dimmed'}>
          {available}
          <VisuallyHidden> {t('pool.unitsAvailable')}</VisuallyHidden>
        </Text>
        {nearestExpiry && available > 0 ? (
          <Text size="xs" c="dimmed">
            {t('pool.nearestExpiry', { date: formatCalendarDate(nearestExpiry) })}
          </Text>
        ) : null}
        {!own && available > 0 ? (
          <Tooltip label={t('pool.askTooltip', { pharmacy: availability.pharmacyName })} withArrow>
            <Button
              size="compact-xs"
              variant="light"
              mt={4}
              aria-label={t('pool.askFor', { pharmacy: availability.pharmacyName, product: product.productLabel })}
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
        ) : null}
      </Stack>
    </Table.Td>
  );
}

/** What the five pharmacies could lend: one search, one row per product, one column per pharmacy. */
export function PoolPage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const pool = usePoolSearch(debounced);
  const [ask, setAsk] = useState<TransferAsk | null>(null);

  // The search is kept in the address, so a link (or going back) lands on the same results.
  useEffect(() => {
    setParams(debounced ? { q: debounced } : {}, { replace: true });
  }, [debounced, setParams]);

  const items = debounced.length >= 2 ? (pool.data ?? []) : [];
  const columns = items[0]?.pharmacies ?? [];
  const ownId = user.pharmacy?.id;
  // Five columns must fit a tablet: headed by the town, the full name stays in the cells' labels.
  const pharmacies = usePharmacies();
  const townOf = (id: number) => pharmacies.data?.find((p) => p.id === id)?.town;

  return (
    <Stack gap="lg" maw={1400}>
      <div>
        <Title order={1} size="h2">
          {t('pool.title')}
        </Title>
        <Text c="dimmed">{t('pool.subtitle')}</Text>
      </div>
      <TextInput
        label={t('pool.search')}
        description={t('pool.searchHint')}
        leftSection={<IconSearch size={16} />}
        rightSection={pool.isFetching ? <Loader size="xs" /> : undefined}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={480}
      />
      {pool.error ? (
        <Alert color="red" role="alert">
          {describeError(t, pool.error)}
        </Alert>
      ) : null}
      {debounced.length >= 2 && pool.data && items.length === 0 ? <Text c="dimmed">{t('pool.none')}</Text> : null}
      {items.length > 0 ? (
        <Text size="sm" c="dimmed">
          {t('pool.legend')}
        </Text>
      ) : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={700}>
          <Table
            withTableBorder
            withColumnBorders
            layout="fixed"
            aria-label={t('pool.title')}
            bg="white"
            verticalSpacing="xs"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="28%">{t('pool.col.product')}</Table.Th>
                {columns.map((pharmacy) => (
                  <Table.Th
                    key={pharmacy.pharmacyId}
                    style={pharmacy.pharmacyId === ownId ? { background: OWN_BG } : undefined}
                    title={pharmacy.pharmacyName}
                  >
                    <Stack gap={2} align="flex-start">
                      <span>{townOf(pharmacy.pharmacyId) ?? pharmacy.pharmacyName}</span>
                      {pharmacy.pharmacyId === ownId ? (
                        <Badge size="xs" variant="light">
                          {t('pool.mine')}
                        </Badge>
                      ) : null}
                    </Stack>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((product) => (
                <Table.Tr key={product.cip13} data-testid={`pool-row-${product.cip13}`}>
                  <Table.Td>
                    <ProductName label={product.productLabel} cip13={product.cip13} box={product.boxLabel} />
                  </Table.Td>
                  {product.pharmacies.map((availability) => (
                    <AvailabilityCell
                      key={availability.pharmacyId}
                      product={product}
                      availability={availability}
                      own={availability.pharmacyId === ownId}
                      onAsk={setAsk}
                    />
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {debounced.length < 2 ? <Text c="dimmed">{t('pool.typeMore')}</Text> : null}
      <TransferRequestModal ask={ask} onClose={() => setAsk(null)} />
    </Stack>
  );
}

import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Menu,
  Pagination,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDots, IconEye, IconFlame, IconPill, IconPlus, IconScale, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { ProductSearch } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../shared/format';
import { AdjustModal } from '../components/AdjustModal';
import { DestroyModal } from '../components/DestroyModal';
import { DispenseModal } from '../components/DispenseModal';
import { ExpiryDate } from '../components/ExpiryDate';
import { LotDrawer } from '../components/LotDrawer';
import { ProductName } from '../components/ProductName';
import { QueryState } from '../components/QueryState';
import { ReceiptModal } from '../components/ReceiptModal';
import { type Lot, useLots } from '../stock.api';

const PAGE_SIZE = 50;

/** Our pharmacy's lots, first-expired first, with the four ways stock moves by hand. */
export function StockPage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const [params, setParams] = useSearchParams();
  const cip13 = params.get('cip13');
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const [includeEmpty, setIncludeEmpty] = useState(false);
  const [page, setPage] = useState(1);
  const lots = useLots({ q: debouncedSearch, cip13: cip13 ?? undefined, includeEmpty });

  const [receiving, setReceiving] = useState(false);
  const [dispensing, setDispensing] = useState<{ lot: Lot | null } | null>(null);
  const [adjusting, setAdjusting] = useState<Lot | null>(null);
  const [destroying, setDestroying] = useState<Lot | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);

  const items = lots.data ?? [];
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const shown = items.slice((Math.min(page, pages) - 1) * PAGE_SIZE, Math.min(page, pages) * PAGE_SIZE);
  const setProduct = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set('cip13', value);
    else next.delete('cip13');
    setParams(next, { replace: true });
    setPage(1);
  };

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('stock.title')}
          </Title>
          <Text c="dimmed">{t('stock.subtitle', { pharmacy: user.pharmacy?.name ?? '' })}</Text>
        </div>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconPill size={18} />} onClick={() => setDispensing({ lot: null })}>
            {t('stock.dispense.action')}
          </Button>
          <Button leftSection={<IconPlus size={18} />} onClick={() => setReceiving(true)}>
            {t('stock.receive.action')}
          </Button>
        </Group>
      </Group>

      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('stock.filter.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
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
            setPage(1);
          }}
          mb={8}
        />
      </Group>

      <QueryState query={lots} />

      {lots.data ? (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('stock.count', { count: items.length })}
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table striped withTableBorder aria-label={t('stock.title')} bg="white">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('stock.col.product')}</Table.Th>
                  <Table.Th>{t('stock.col.lot')}</Table.Th>
                  <Table.Th>{t('stock.col.expiry')}</Table.Th>
                  <Table.Th ta="right">{t('stock.col.onHand')}</Table.Th>
                  <Table.Th ta="right" visibleFrom="md">
                    {t('stock.col.reserved')}
                  </Table.Th>
                  <Table.Th ta="right">{t('stock.col.available')}</Table.Th>
                  <Table.Th ta="right" visibleFrom="md">
                    {t('stock.col.unitCost')}
                  </Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={8}>
                      <Text c="dimmed">{t('stock.empty')}</Text>
                    </Table.Td>
                  </Table.Tr>
                ) : null}
                {shown.map((lot) => (
                  <Table.Tr key={lot.id} data-testid={`lot-row-${lot.lotNumber}`}>
                    <Table.Td>
                      <ProductName label={lot.productLabel} cip13={lot.cip13} />
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        ff="monospace"
                        onClick={() => setDetailId(lot.id)}
                      >
                        {lot.lotNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <ExpiryDate date={lot.expiryDate} />
                    </Table.Td>
                    <Table.Td ta="right">{lot.quantity}</Table.Td>
                    <Table.Td ta="right" c={lot.reserved > 0 ? 'orange.9' : 'dimmed'} visibleFrom="md">
                      {lot.reserved}
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {lot.available}
                    </Table.Td>
                    <Table.Td ta="right" visibleFrom="md">
                      {formatMoney(lot.unitCostCents)}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={t('common.actionsFor', { name: `${t('stock.col.lot')} ${lot.lotNumber}` })}
                          >
                            <IconDots size={18} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconEye size={16} />} onClick={() => setDetailId(lot.id)}>
                            {t('stock.lot.open')}
                          </Menu.Item>
                          <Menu.Item
                            leftSection={<IconPill size={16} />}
                            disabled={lot.available === 0}
                            onClick={() => setDispensing({ lot })}
                          >
                            {t('stock.dispense.action')}
                          </Menu.Item>
                          <Menu.Item leftSection={<IconScale size={16} />} onClick={() => setAdjusting(lot)}>
                            {t('stock.adjust.action')}
                          </Menu.Item>
                          <Menu.Item
                            color="red"
                            leftSection={<IconFlame size={16} />}
                            disabled={lot.available === 0}
                            onClick={() => setDestroying(lot)}
                          >
                            {t('stock.destroy.action')}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 ? (
            <Pagination
              total={pages}
              value={Math.min(page, pages)}
              onChange={setPage}
              getControlProps={(control) => ({
                'aria-label': control === 'previous' ? t('common.previousPage') : t('common.nextPage'),
              })}
            />
          ) : null}
        </>
      ) : null}

      <ReceiptModal opened={receiving} onClose={() => setReceiving(false)} />
      <DispenseModal opened={dispensing !== null} lot={dispensing?.lot ?? null} onClose={() => setDispensing(null)} />
      <AdjustModal lot={adjusting} onClose={() => setAdjusting(null)} />
      <DestroyModal lot={destroying} onClose={() => setDestroying(null)} />
      <LotDrawer lotId={detailId} onClose={() => setDetailId(null)} />
    </Stack>
  );
}

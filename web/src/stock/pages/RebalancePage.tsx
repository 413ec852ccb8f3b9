import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconGift, IconTruckDelivery } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatCalendarDate, formatCount, formatMoney } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { LotDrawer } from '../components/LotDrawer';
import { type LotOffer, OfferLotModal } from '../components/OfferLotModal';
import { OfferOutcomesPanel, OffersPanel } from '../components/OffersPanel';
import { ProductName } from '../components/ProductName';
import { type TransferAsk, TransferRequestModal } from '../components/TransferRequestModal';
import { usePharmacyTown } from '../pharmacy-town';
import { type RebalanceSuggestion, useRebalancing } from '../stock.api';

/**
 * Anti-waste suggestions (SPEC §4): lots that will expire on one shelf, paired with the
 * pharmacy that uses the product faster, most urgent first (soonest expiry, then most units
 * at risk: the server's order). When we are that pharmacy, "Demander ce lot" opens the request
 * dialog pre-filled; when we hold the lot, we open it (its drawer) or offer it. Offers made to
 * us wait above the list, ours below it.
 */
export function RebalancePage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const suggestions = useRebalancing();
  const [ask, setAsk] = useState<TransferAsk | null>(null);
  const [offer, setOffer] = useState<LotOffer | null>(null);
  const [lotId, setLotId] = useState<number | null>(null);
  // "Demander ce lot" opens the request dialog, pre-filled: the user checks quantity, reason and urgency.
  const askFor = (s: RebalanceSuggestion) =>
    setAsk({
      cip13: s.cip13,
      productLabel: s.productLabel,
      fromPharmacyId: s.fromPharmacyId,
      fromPharmacyName: s.fromPharmacyName,
      available: s.suggestedQuantity,
      nearestExpiry: s.expiryDate,
      quantity: s.suggestedQuantity,
      reason: t('rebalance.reason', { lotNumber: s.lotNumber, date: formatCalendarDate(s.expiryDate) }),
    });
  const offerTo = (s: RebalanceSuggestion) =>
    setOffer({
      lotId: s.lotId,
      lotNumber: s.lotNumber,
      expiryDate: s.expiryDate,
      productLabel: s.productLabel,
      toPharmacyId: s.toPharmacyId,
      toPharmacyName: s.toPharmacyName,
      quantity: s.suggestedQuantity,
    });
  const mine = user.pharmacy?.id;
  // Towns keep the route readable in a narrow column; the full name is in the title.
  const town = usePharmacyTown();
  const openLink = (s: RebalanceSuggestion, size: 'xs' | 'sm') =>
    s.openTransferId !== null ? (
      <Anchor component={Link} to={`/transfers/${s.openTransferId}`} size={size}>
        {t('rebalance.open', { id: s.openTransferId })}
      </Anchor>
    ) : null;

  const columns: Column<RebalanceSuggestion>[] = [
    {
      key: 'product',
      header: t('stock.col.product'),
      sortBy: (s) => s.productLabel,
      cell: (s) => <ProductName label={s.productLabel} cip13={s.cip13} />,
    },
    {
      key: 'lot',
      header: t('rebalance.col.lot'),
      sortBy: (s) => s.expiryDate,
      cell: (s) => (
        <>
          {s.fromPharmacyId === mine ? (
            <Anchor
              component="button"
              type="button"
              size="sm"
              ff="monospace"
              aria-label={t('rebalance.openLot', { lotNumber: s.lotNumber })}
              onClick={() => setLotId(s.lotId)}
            >
              {s.lotNumber}
            </Anchor>
          ) : (
            <Text size="sm" ff="monospace">
              {s.lotNumber}
            </Text>
          )}
          <Text size="sm">{t('rebalance.expires', { date: formatCalendarDate(s.expiryDate) })}</Text>
          <Text size="xs" c={s.daysLeft <= 90 ? 'orange.9' : 'dimmed'}>
            {t('rebalance.daysLeft', { days: s.daysLeft })}
          </Text>
        </>
      ),
    },
    {
      key: 'route',
      header: t('rebalance.col.route'),
      cell: (s) => (
        <Group gap={4} wrap="wrap">
          <Text size="sm" fw={s.fromPharmacyId === mine ? 700 : 400} title={s.fromPharmacyName}>
            {town(s.fromPharmacyId, s.fromPharmacyName)}
          </Text>
          <IconArrowRight size={16} aria-label={t('rebalance.to')} style={{ flexShrink: 0 }} />
          <Text size="sm" fw={s.toPharmacyId === mine ? 700 : 400} title={s.toPharmacyName}>
            {town(s.toPharmacyId, s.toPharmacyName)}
          </Text>
        </Group>
      ),
    },
    {
      key: 'atRisk',
      header: t('rebalance.col.atRisk'),
      align: 'right',
      sortBy: (s) => s.valueAtRiskCents ?? 0,
      cell: (s) => (
        <>
          <Text size="sm">{t('rebalance.units', { count: formatCount(s.atRiskQuantity) })}</Text>
          {s.valueAtRiskCents !== null ? (
            <Text size="xs" c="dimmed">
              {formatMoney(s.valueAtRiskCents)}
            </Text>
          ) : null}
        </>
      ),
    },
    {
      key: 'suggested',
      header: t('rebalance.col.suggested'),
      align: 'right',
      cell: (s) => formatCount(s.suggestedQuantity),
      td: () => ({ fw: 600 }),
    },
    {
      key: 'action',
      header: t('common.actions'),
      cell: (s) => {
        if (s.toPharmacyId === mine) {
          if (s.openOfferId !== null) {
            return (
              <Text size="sm" c="teal.9" fw={500}>
                {t('rebalance.offerReceived')}
              </Text>
            );
          }
          return (
            <Stack gap={2} align="flex-start">
              <Button
                size="compact-sm"
                leftSection={<IconTruckDelivery size={14} />}
                disabled={s.openTransferId !== null}
                onClick={() => askFor(s)}
              >
                {t('rebalance.ask')}
              </Button>
              {openLink(s, 'xs')}
            </Stack>
          );
        }
        const open = openLink(s, 'sm');
        if (open) return open;
        if (s.openOfferId !== null) {
          return (
            <Text size="sm" c="dimmed">
              {t('rebalance.offerOpen', { id: s.openOfferId })}
            </Text>
          );
        }
        return (
          <Button size="compact-sm" variant="light" leftSection={<IconGift size={14} />} onClick={() => offerTo(s)}>
            {t('rebalance.offer')}
          </Button>
        );
      },
    },
  ];

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader title={t('rebalance.title')} subtitle={t('rebalance.subtitle')} />
      <OffersPanel box="received" />
      <Text size="sm" c="dimmed" mb={-8}>
        {t('rebalance.order')}
      </Text>
      <DataTable
        label={t('rebalance.title')}
        columns={columns}
        rows={suggestions.data}
        query={suggestions}
        rowKey={(s) => `${s.lotId}-${s.toPharmacyId}`}
        rowTestId={(s) => `rebalance-row-${s.lotNumber}`}
        empty={t('rebalance.empty')}
        // A 20 000-lot pharmacy has hundreds of suggestions: 25 a page, most urgent first.
        pageSize={25}
        minWidth={680}
        // Tighter cells: six columns and their buttons fit a 768 px tablet without scrolling.
        tableProps={{ horizontalSpacing: 6 }}
      />
      <OffersPanel box="sent" />
      <OfferOutcomesPanel />
      <TransferRequestModal ask={ask} onClose={() => setAsk(null)} />
      <OfferLotModal offer={offer} onClose={() => setOffer(null)} />
      <LotDrawer lotId={lotId} onClose={() => setLotId(null)} />
    </Stack>
  );
}

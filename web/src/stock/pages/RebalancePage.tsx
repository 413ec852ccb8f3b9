import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowRight, IconTruckDelivery } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { usePharmacies } from '../../pharmacies/pharmacies.api';
import { describeError } from '../../shared/errors';
import { formatCalendarDate, formatMoney } from '../../shared/format';
import { ProductName } from '../components/ProductName';
import { QueryState } from '../components/QueryState';
import { type RebalanceSuggestion, refreshStock, requestTransfer, useRebalancing } from '../stock.api';

/**
 * Anti-waste suggestions (SPEC §4): lots that will expire on one shelf, paired with the
 * pharmacy that uses the product faster. When we are that pharmacy, one click asks for them.
 */
export function RebalancePage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const suggestions = useRebalancing();
  const ask = useMutation({
    mutationFn: (s: RebalanceSuggestion) =>
      requestTransfer({
        fromPharmacyId: s.fromPharmacyId,
        cip13: s.cip13,
        quantity: s.suggestedQuantity,
        reason: t('rebalance.reason', { lotNumber: s.lotNumber, date: formatCalendarDate(s.expiryDate) }),
        urgency: 'normal',
      }),
    onSuccess: async (_transfer, s) => {
      await refreshStock(queryClient);
      notifications.show({ color: 'teal', message: t('pool.request.done', { pharmacy: s.fromPharmacyName }) });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(t, error) }),
  });
  const items = suggestions.data ?? [];
  const mine = user.pharmacy?.id;
  // Towns keep the route readable in a narrow column; the full name is in the title.
  const pharmacies = usePharmacies();
  const townOf = (id: number, name: string) => pharmacies.data?.find((p) => p.id === id)?.town ?? name;

  return (
    <Stack gap="lg" maw={1300}>
      <div>
        <Title order={1} size="h2">
          {t('rebalance.title')}
        </Title>
        <Text c="dimmed">{t('rebalance.subtitle')}</Text>
      </div>
      <QueryState query={suggestions} />
      {suggestions.data ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder aria-label={t('rebalance.title')} bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stock.col.product')}</Table.Th>
                <Table.Th>{t('rebalance.col.lot')}</Table.Th>
                <Table.Th>{t('rebalance.col.route')}</Table.Th>
                <Table.Th ta="right">{t('rebalance.col.atRisk')}</Table.Th>
                <Table.Th ta="right">{t('rebalance.col.suggested')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed">{t('rebalance.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {items.map((s) => (
                <Table.Tr key={`${s.lotId}-${s.toPharmacyId}`} data-testid={`rebalance-row-${s.lotNumber}`}>
                  <Table.Td>
                    <ProductName label={s.productLabel} cip13={s.cip13} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {s.lotNumber}
                    </Text>
                    <Text size="sm">{t('rebalance.expires', { date: formatCalendarDate(s.expiryDate) })}</Text>
                    <Text size="xs" c={s.daysLeft <= 90 ? 'orange.9' : 'dimmed'}>
                      {t('rebalance.daysLeft', { days: s.daysLeft })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={s.fromPharmacyId === mine ? 700 : 400} title={s.fromPharmacyName}>
                        {townOf(s.fromPharmacyId, s.fromPharmacyName)}
                      </Text>
                      <IconArrowRight size={16} aria-label={t('rebalance.to')} style={{ flexShrink: 0 }} />
                      <Text size="sm" fw={s.toPharmacyId === mine ? 700 : 400} title={s.toPharmacyName}>
                        {townOf(s.toPharmacyId, s.toPharmacyName)}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{t('rebalance.units', { count: s.atRiskQuantity })}</Text>
                    {s.valueAtRiskCents !== null ? (
                      <Text size="xs" c="dimmed">
                        {formatMoney(s.valueAtRiskCents)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {s.suggestedQuantity}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {s.toPharmacyId === mine ? (
                      <Stack gap={2} align="flex-start">
                        <Button
                          size="compact-sm"
                          leftSection={<IconTruckDelivery size={14} />}
                          disabled={s.openTransferId !== null}
                          loading={ask.isPending && ask.variables?.lotId === s.lotId}
                          onClick={() => ask.mutate(s)}
                        >
                          {t('rebalance.ask')}
                        </Button>
                        {s.openTransferId !== null ? (
                          <Anchor component={Link} to={`/transfers/${s.openTransferId}`} size="xs">
                            {t('rebalance.open', { id: s.openTransferId })}
                          </Anchor>
                        ) : null}
                      </Stack>
                    ) : s.openTransferId !== null ? (
                      <Anchor component={Link} to={`/transfers/${s.openTransferId}`} size="sm">
                        {t('rebalance.open', { id: s.openTransferId })}
                      </Anchor>
                    ) : (
                      <Badge variant="light" color="gray">
                        {t('rebalance.waiting')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}

import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconTruckDelivery } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { newIdempotencyKey } from '../../shared/api';
import { DataTable } from '../../shared/DataTable';
import { describeError } from '../../shared/errors';
import { formatCalendarDate } from '../../shared/format';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { QueryState } from '../../shared/QueryState';
import { requestTransfer } from '../../stock/stock.api';
import { type BatchDetail, refreshProduction, type ShortageItem, useShortages } from '../production.api';
import { depannageFor } from './production.rules';

/** One click: the host asks the best-stocked pharmacy for what the batch lacks (an urgent dépannage). */
function DepannageButton({ batch, item }: { batch: BatchDetail; item: ShortageItem }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const ask = depannageFor(item);
  // One Idempotency-Key per shortage shown: a click retried after a lost answer asks only once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const request = useMutation({
    mutationFn: () =>
      requestTransfer(
        {
          fromPharmacyId: ask?.fromPharmacyId ?? 0,
          cip13: item.cip13,
          quantity: ask?.quantity ?? 0,
          reason: t('production.shortage.reason', { id: batch.id }),
          urgency: 'urgent',
        },
        idempotencyKey,
      ),
    onSuccess: async (transfer) => {
      await refreshProduction(queryClient);
      notifySaved(
        t('production.shortage.requested', {
          pharmacy: transfer.fromPharmacyName,
          quantity: transfer.quantityRequested,
        }),
      );
    },
  });
  if (!ask) return <Text size="sm">{t('production.shortage.nobody')}</Text>;
  if (request.isSuccess && request.data)
    return (
      <Button component={Link} to={`/transfers/${request.data.id}`} variant="subtle" size="xs">
        {t('production.shortage.seeTransfer', { id: request.data.id })}
      </Button>
    );
  return (
    <Stack gap={4}>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconTruckDelivery size={14} />}
        loading={request.isPending}
        onClick={() => request.mutate()}
      >
        {t('production.shortage.ask', { quantity: ask.quantity, pharmacy: ask.pharmacyName })}
      </Button>
      {request.error ? (
        <Text size="xs" c="red" role="alert">
          {describeError(t, request.error)}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * Before and during production: the products the host pharmacy's stock does not cover, with who
 * holds them in the pool; the host's staff ask for a dépannage in one click.
 */
export function ShortagePanel({ batch }: { batch: BatchDetail }) {
  const { t } = useI18n();
  const user = useSessionUser();
  const shortages = useShortages(batch.id, true);
  const host = user.pharmacy?.id === batch.production.hostPharmacyId;
  const items = shortages.data?.items;
  return (
    <section aria-labelledby="batch-stock">
      <Title order={2} size="h4" mb="sm" id="batch-stock">
        {t('production.shortage.title', { host: batch.production.hostPharmacyName })}
      </Title>
      <QueryState query={shortages} />
      {items && items.length === 0 ? (
        <Alert color="green" icon={<IconCircleCheck />} data-testid="stock-covered" role="status">
          {t('production.shortage.none')}
        </Alert>
      ) : null}
      {items && items.length > 0 ? (
        <Stack gap="sm">
          <Alert color="orange" icon={<IconAlertTriangle />} data-testid="stock-short">
            {t('production.shortage.some', { count: items.length })}
          </Alert>
          <DataTable
            label={t('production.shortage.title', { host: batch.production.hostPharmacyName })}
            rows={items}
            rowKey={(i) => i.cip13}
            empty=""
            minWidth={680}
            columns={[
              { key: 'product', header: t('production.product'), cell: (i) => i.label },
              { key: 'needed', header: t('production.shortage.needed'), cell: (i) => i.needed, align: 'right' },
              { key: 'available', header: t('production.shortage.held'), cell: (i) => i.available, align: 'right' },
              { key: 'missing', header: t('production.shortage.missing'), cell: (i) => i.missing, align: 'right' },
              {
                key: 'pool',
                header: t('production.shortage.pool'),
                cell: (i) =>
                  i.pool.length === 0
                    ? '—'
                    : i.pool
                        .map((p) =>
                          t('production.shortage.holder', {
                            pharmacy: p.pharmacyName,
                            available: p.available,
                            expiry: formatCalendarDate(p.nearestExpiry),
                          }),
                        )
                        .join(' · '),
              },
              ...(host
                ? [
                    {
                      key: 'ask',
                      header: t('production.shortage.depannage'),
                      cell: (i: ShortageItem) => <DepannageButton batch={batch} item={i} />,
                    },
                  ]
                : []),
            ]}
          />
        </Stack>
      ) : null}
    </section>
  );
}

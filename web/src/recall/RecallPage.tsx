import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFileTypePdf, IconSearch, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { RecallQuery } from '../../../server/recall/recall.schemas';
import { useSessionUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n';
import { weekLabel } from '../orders/components/OrderBits';
import { formatCount } from '../robot/production/production.rules';
import { destroyRecalled, type Recall, recallPdfUrl, refreshProduction, useRecall } from '../robot/production.api';
import { ConfirmModal } from '../shared/ConfirmModal';
import { DataTable } from '../shared/DataTable';
import { formatCalendarDate, formatDate, formatDateTime } from '../shared/format';
import { validateWith } from '../shared/forms';
import { useMutation } from '../shared/mutation';
import { notifySaved } from '../shared/notify';
import { PageHeader } from '../shared/PageHeader';
import { QueryState } from '../shared/QueryState';

type Holding = Recall['holdings'][number];

/** A transfer's number: a link for the two pharmacies it concerns (only they may open it). */
function TransferNumber({ x }: { x: Recall['transfers'][number] }) {
  const user = useSessionUser();
  const ours = x.fromPharmacyId === user.pharmacy?.id || x.toPharmacyId === user.pharmacy?.id;
  return ours ? (
    <Anchor component={Link} to={`/transfers/${x.transferId}`}>
      n° {x.transferId}
    </Anchor>
  ) : (
    <Text span>n° {x.transferId}</Text>
  );
}

function BatchLink({ id }: { id: number }) {
  const { t } = useI18n();
  return (
    <Anchor component={Link} to={`/robot/batches/${id}`}>
      {t('production.title', { id })}
    </Anchor>
  );
}

function Results({ recall }: { recall: Recall }) {
  const { t } = useI18n();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<Holding | null>(null);
  const destroy = useMutation({
    mutationFn: () => destroyRecalled({ cip13: recall.cip13, lot: recall.lot }),
    onSuccess: async (r) => {
      await refreshProduction(queryClient);
      notifySaved(t('recall.destroy.done', { count: -r.movements.reduce((s, m) => s + m.quantity, 0) }));
      setConfirm(null);
    },
  });
  const onShelves = recall.holdings.reduce((s, h) => s + h.quantity, 0);
  const inPouches = recall.batches.reduce((s, b) => s + b.units, 0);
  const atCounter = recall.dispensed.reduce((s, d) => s + d.units, 0);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            {recall.label}
          </Title>
          <Text c="dimmed">{t('recall.identity', { cip13: recall.cip13, lot: recall.lot })}</Text>
        </div>
        <Button
          component="a"
          href={recallPdfUrl(recall)}
          target="_blank"
          variant="default"
          leftSection={<IconFileTypePdf size={16} />}
        >
          {t('recall.pdf')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        {[
          [t('recall.kpi.shelves'), onShelves],
          [t('recall.kpi.transfers'), recall.transfers.length],
          [t('recall.kpi.counter'), atCounter],
          [t('recall.kpi.batches'), recall.batches.length],
          [t('recall.kpi.pouches'), inPouches],
        ].map(([label, value]) => (
          <Paper key={label} withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={700} size="xl">
              {formatCount(Number(value))}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>

      <section aria-labelledby="recall-holdings">
        <Title order={3} size="h4" mb="sm" id="recall-holdings">
          {t('recall.holdings')}
        </Title>
        <DataTable
          label={t('recall.holdings')}
          rows={recall.holdings}
          rowKey={(h) => h.lotId}
          empty={t('recall.holdings.empty')}
          rowName={(h) => h.pharmacyName}
          // On a phone: the pharmacy, its units still on the shelf (what a recall chases) and the menu.
          phoneMinWidth={0}
          columns={[
            { key: 'pharmacy', header: t('recall.pharmacy'), cell: (h) => h.pharmacyName },
            {
              key: 'expiry',
              header: t('production.expiry'),
              cell: (h) => formatCalendarDate(h.expiryDate),
              visibleFrom: 'sm',
            },
            { key: 'quantity', header: t('recall.onShelves'), cell: (h) => h.quantity, align: 'right' },
            {
              key: 'reserved',
              header: t('recall.reserved'),
              cell: (h) => h.reserved,
              align: 'right',
              visibleFrom: 'md',
            },
            { key: 'since', header: t('recall.since'), cell: (h) => formatDate(h.since), visibleFrom: 'md' },
          ]}
          actions={(h) =>
            h.pharmacyId === user.pharmacy?.id && h.quantity > 0
              ? [{ label: t('recall.destroy'), icon: IconTrash, color: 'red', onClick: () => setConfirm(h) }]
              : []
          }
        />
      </section>

      <section aria-labelledby="recall-transfers">
        <Title order={3} size="h4" mb="sm" id="recall-transfers">
          {t('recall.transfers')}
        </Title>
        <DataTable
          label={t('recall.transfers')}
          rows={recall.transfers}
          rowKey={(x) => x.transferId}
          empty={t('recall.transfers.empty')}
          // On a phone: one column says which transfer, from whom to whom and when, beside its units.
          phoneMinWidth={0}
          columns={[
            {
              key: 'summary',
              header: t('recall.transfer'),
              hiddenFrom: 'sm',
              cell: (x) => (
                <Stack gap={2}>
                  <TransferNumber x={x} />
                  <Text size="sm">{`${x.fromPharmacyName} → ${x.toPharmacyName}`}</Text>
                  <Text size="xs" c="dimmed">
                    {t('recall.shipped')} : {x.shippedAt ? formatDateTime(x.shippedAt) : '—'}
                  </Text>
                </Stack>
              ),
            },
            { key: 'id', header: t('recall.transfer'), visibleFrom: 'sm', cell: (x) => <TransferNumber x={x} /> },
            { key: 'from', header: t('recall.from'), cell: (x) => x.fromPharmacyName, visibleFrom: 'sm' },
            { key: 'to', header: t('recall.to'), cell: (x) => x.toPharmacyName, visibleFrom: 'sm' },
            // Units shipped and units received apart: a short receipt leaves units of the lot
            // unaccounted for, which a recall must chase (the PDF says so too).
            { key: 'sent', header: t('recall.unitsSent'), cell: (x) => formatCount(x.quantity), align: 'right' },
            {
              key: 'units',
              header: t('recall.unitsReceived'),
              cell: (x) => (x.quantityReceived === null ? '—' : formatCount(x.quantityReceived)),
              align: 'right',
            },
            {
              key: 'shipped',
              header: t('recall.shipped'),
              cell: (x) => (x.shippedAt ? formatDateTime(x.shippedAt) : '—'),
              visibleFrom: 'sm',
            },
            {
              key: 'received',
              header: t('recall.received'),
              cell: (x) => (x.receivedAt ? formatDateTime(x.receivedAt) : t(`recall.transferStatus.${x.status}`)),
              visibleFrom: 'md',
            },
          ]}
        />
      </section>

      <section aria-labelledby="recall-dispensed">
        <Title order={3} size="h4" mb="sm" id="recall-dispensed">
          {t('recall.dispensed')}
        </Title>
        {/* Boxes that reached patients over the counter: each pharmacy finds the patients in its LGO. */}
        <DataTable
          label={t('recall.dispensed')}
          rows={recall.dispensed}
          rowKey={(d) => d.pharmacyId}
          empty={t('recall.dispensed.empty')}
          phoneMinWidth={0}
          columns={[
            { key: 'pharmacy', header: t('recall.pharmacy'), cell: (d) => d.pharmacyName },
            { key: 'units', header: t('recall.dispensed.units'), cell: (d) => formatCount(d.units), align: 'right' },
            {
              key: 'days',
              header: t('recall.dispensed.days'),
              cell: (d) =>
                d.firstDay === d.lastDay
                  ? formatCalendarDate(d.firstDay)
                  : t('recall.dispensed.range', {
                      from: formatCalendarDate(d.firstDay),
                      to: formatCalendarDate(d.lastDay),
                    }),
            },
          ]}
        />
      </section>

      <section aria-labelledby="recall-batches">
        <Title order={3} size="h4" mb="sm" id="recall-batches">
          {t('recall.batches')}
        </Title>
        <DataTable
          label={t('recall.batches')}
          rows={recall.batches.flatMap((b) => b.careHomes.map((h) => ({ b, h })))}
          rowKey={(r) => `${r.b.batchId}-${r.h.orderId}`}
          empty={t('recall.batches.empty')}
          minWidth={640}
          // On a phone: one column says which batch, when and for which care home, beside its counts.
          phoneMinWidth={0}
          columns={[
            {
              key: 'summary',
              header: t('recall.batch'),
              hiddenFrom: 'sm',
              cell: (r) => (
                <Stack gap={2}>
                  <BatchLink id={r.b.batchId} />
                  <Text size="sm">{r.h.careHomeName}</Text>
                  <Text size="xs" c="dimmed">
                    {r.b.producedAt
                      ? `${t('recall.producedAt')} ${formatDateTime(r.b.producedAt)}`
                      : t(`robot.status.${r.b.status}`)}
                  </Text>
                </Stack>
              ),
            },
            { key: 'batch', header: t('recall.batch'), visibleFrom: 'sm', cell: (r) => <BatchLink id={r.b.batchId} /> },
            {
              key: 'produced',
              header: t('recall.producedAt'),
              visibleFrom: 'sm',
              cell: (r) => (r.b.producedAt ? formatDateTime(r.b.producedAt) : t(`robot.status.${r.b.status}`)),
            },
            { key: 'home', header: t('production.orders.careHome'), visibleFrom: 'sm', cell: (r) => r.h.careHomeName },
            {
              key: 'week',
              header: t('production.orders.week'),
              cell: (r) => weekLabel(t, r.h.week),
              visibleFrom: 'md',
            },
            {
              key: 'delivered',
              header: t('recall.delivered'),
              cell: (r) =>
                r.h.deliveredAt
                  ? formatDateTime(r.h.deliveredAt)
                  : t(`production.progress.${r.h.orderStatus as 'planned'}`),
              visibleFrom: 'md',
            },
            { key: 'residents', header: t('recall.residents'), cell: (r) => r.h.residents, align: 'right' },
            { key: 'units', header: t('production.units'), cell: (r) => formatCount(r.h.units), align: 'right' },
          ]}
        />
      </section>

      <section aria-labelledby="recall-residents">
        <Title order={3} size="h4" mb="sm" id="recall-residents">
          {t('recall.residentsTitle')}
        </Title>
        <DataTable
          label={t('recall.residentsTitle')}
          rows={recall.residents}
          rowKey={(r) => `${r.batchId}-${r.residentId}`}
          empty={t('recall.residents.empty')}
          pageSize={20}
          // On a phone: who, in which room, how many units (the week from a tablet up).
          phoneMinWidth={0}
          columns={[
            { key: 'name', header: t('production.anomalies.resident'), cell: (r) => r.name, sortBy: (r) => r.name },
            { key: 'room', header: t('recall.room'), cell: (r) => r.room },
            { key: 'home', header: t('production.orders.careHome'), cell: (r) => r.careHomeName, visibleFrom: 'md' },
            { key: 'week', header: t('production.orders.week'), cell: (r) => weekLabel(t, r.week), visibleFrom: 'sm' },
            { key: 'units', header: t('production.units'), cell: (r) => r.units, align: 'right' },
          ]}
        />
        {recall.hiddenResidents > 0 ? (
          <Text size="sm" c="dimmed" mt="xs">
            {t('recall.hidden', { count: recall.hiddenResidents })}
          </Text>
        ) : null}
      </section>
      <ConfirmModal
        opened={confirm !== null}
        title={t('recall.destroy.title')}
        message={t(confirm && confirm.reserved > 0 ? 'recall.destroy.bodyReserved' : 'recall.destroy.body', {
          count: confirm ? confirm.quantity : 0,
          reserved: confirm ? confirm.reserved : 0,
          lot: recall.lot,
          product: recall.label,
        })}
        confirmLabel={t('recall.destroy')}
        color="red"
        loading={destroy.isPending}
        error={destroy.error}
        onConfirm={() => destroy.mutate()}
        onClose={() => {
          destroy.reset();
          setConfirm(null);
        }}
      />
    </Stack>
  );
}

/** Lot recall (retrait de lot, SPEC §4): where a lot went — pharmacies, transfers, batches, residents. */
export function RecallPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const cip13 = params.get('cip13') ?? '';
  const lot = params.get('lot') ?? '';
  const asked = RecallQuery.safeParse({ cip13, lot });
  const recall = useRecall(asked.success ? asked.data : null);
  const form = useForm({ initialValues: { cip13, lot }, validate: validateWith(RecallQuery, t) });
  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader title={t('recall.title')} subtitle={t('recall.subtitle')} />
      <Paper withBorder p="md" radius="md">
        <form
          noValidate
          onSubmit={form.onSubmit(
            (v) => setParams({ cip13: v.cip13.trim(), lot: v.lot.trim() }),
            // A refused search clears the last answer: it was another lot's, read under the error.
            () => setParams({}),
          )}
          aria-label={t('recall.search')}
        >
          <Group align="flex-end">
            <TextInput
              label="CIP13"
              placeholder="3400930000000"
              required
              inputMode="numeric"
              maxLength={13}
              w={200}
              {...form.getInputProps('cip13')}
            />
            <TextInput label={t('production.lot')} required w={200} {...form.getInputProps('lot')} />
            <Button type="submit" leftSection={<IconSearch size={16} />}>
              {t('recall.search')}
            </Button>
          </Group>
        </form>
      </Paper>
      {asked.success ? <QueryState query={recall} /> : null}
      {recall.data ? (
        recall.data.holdings.length === 0 && recall.data.batches.length === 0 ? (
          <Alert color="green" role="status">
            {t('recall.nowhere', { lot: recall.data.lot })}
          </Alert>
        ) : (
          <Results recall={recall.data} />
        )
      ) : null}
    </Stack>
  );
}

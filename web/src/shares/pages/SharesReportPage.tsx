import { Alert, Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconCalendarPlus, IconDownload, IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { percentSumIfOff } from '../../../../server/shares/shares-report.models';
import { ALERTS_KEY } from '../../alerts/alerts.api';
import { useI18n } from '../../i18n/i18n';
import { ConfirmModal } from '../../shared/ConfirmModal';
import { type Column, DataTable } from '../../shared/DataTable';
import { Fact } from '../../shared/Fact';
import { formatCalendarDate, formatDateTime, formatMoney } from '../../shared/format';
import { serverFieldErrors } from '../../shared/forms';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { PageHeader } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { PeriodModal } from '../components/PeriodModal';
import { PeriodPicker } from '../components/PeriodPicker';
import { ReportWarnings, useKeysLabel } from '../components/ReportWarnings';
import {
  closePeriod,
  type Range,
  type ReportCategory,
  type ReportMember,
  refreshShares,
  reportFileUrl,
  usePeriods,
  useSharesReport,
} from '../shares.api';
import { defaultPeriod, parisToday, periodName, reportWarnings, signedMoney } from '../shares.rules';

const number = (n: number, digits = 0) =>
  n.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const DOWNLOAD_LABEL = {
  csv: 'shares.report.downloadCsv',
  pdf: 'shares.report.downloadPdf',
  json: 'shares.report.downloadJson',
} as const;

/**
 * The shares report of a period: preview it (figures computed now), download it as CSV, PDF or JSON,
 * and close the period for good (its report is then kept as a snapshot with its SHA-256).
 */
export function SharesReportPage() {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // A date being typed (« 01/1 ») is no range yet: the figures shown are still the last range's.
  const [typing, setTyping] = useState(false);
  const periods = usePeriods();
  const items = periods.data?.items ?? [];
  const fallback = defaultPeriod(items, parisToday());
  const from = params.get('from');
  const to = params.get('to');
  const range: Range | null = from && to ? { from, to } : fallback ? { from: fallback.start, to: fallback.end } : null;
  const setRange = (next: Range | null) => setParams(next ? { from: next.from, to: next.to } : {}, { replace: true });
  const report = useSharesReport(range);
  // A range the report refuses (400) says why under its date; the banner only for other errors.
  const rangeErrors = serverFieldErrors(report.error, t, {}, {}, 'query');
  const rangeRefused = Object.keys(rangeErrors).length > 0;
  // A report in error (or still loading) has nothing to download: the buttons wait for it.
  const r = report.isError ? undefined : report.data;
  const percentSum = r ? percentSumIfOff(r.members) : null;
  const period = items.find((p) => range && p.start === range.from && p.end === range.to);
  const today = parisToday();
  const ended = period ? period.end < today : false;
  const notEndedId = useId();
  const notBegun = range ? today < range.from : false;
  const close = useMutation({
    mutationFn: () => closePeriod(period?.id ?? 0),
    onSuccess: async (closed) => {
      // The home's draft card and the draft alerts of its months change with it.
      await Promise.all([refreshShares(queryClient), queryClient.invalidateQueries({ queryKey: ALERTS_KEY })]);
      notifySaved(t('shares.period.closedDone', { name: periodName(closed, lang) }));
      setConfirming(false);
    },
  });

  const keysLabel = useKeysLabel();
  const warnings = r ? reportWarnings(r) : [];
  const memberColumns: Column<ReportMember>[] = [
    {
      key: 'name',
      header: t('shares.col.member'),
      cell: (m) =>
        range ? (
          <Anchor
            component={Link}
            to={`/shares/statements/${m.pharmacyId}?from=${range.from}&to=${range.to}`}
            size="sm"
          >
            {m.name}
          </Anchor>
        ) : (
          m.name
        ),
    },
    {
      key: 'start',
      header: t('shares.col.sharesStart'),
      align: 'right',
      visibleFrom: 'md',
      cell: (m) => number(m.sharesAtStart),
    },
    {
      key: 'end',
      header: t('shares.col.sharesEnd'),
      align: 'right',
      visibleFrom: 'md',
      cell: (m) => number(m.sharesAtEnd),
    },
    // On a phone: the member, its part and its net fit the screen; the rest is on its statement.
    {
      key: 'avg',
      header: t('shares.col.average'),
      align: 'right',
      visibleFrom: 'sm',
      cell: (m) => number(m.averageShares, 2),
    },
    { key: 'pct', header: t('shares.col.averagePercent'), align: 'right', cell: (m) => `${number(m.percent, 2)} %` },
    {
      key: 'costs',
      header: t('shares.col.costs'),
      align: 'right',
      visibleFrom: 'sm',
      cell: (m) => formatMoney(m.costCents),
    },
    {
      key: 'revenues',
      header: t('shares.col.revenues'),
      align: 'right',
      visibleFrom: 'sm',
      cell: (m) => formatMoney(m.revenueCents),
    },
    {
      key: 'net',
      header: t('shares.col.net'),
      align: 'right',
      cell: (m) => signedMoney(m.netCents, formatMoney),
      td: (m) => ({ fw: 600, c: m.netCents < 0 ? 'red.8' : 'teal.8', 'data-testid': `net-${m.pharmacyId}` }),
      sortBy: (m) => m.netCents,
    },
  ];
  const categoryColumns: Column<ReportCategory>[] = [
    { key: 'name', header: t('shares.col.category'), cell: (c) => c.name },
    { key: 'kind', header: t('shares.field.kind'), visibleFrom: 'sm', cell: (c) => t(`shares.kind.${c.kind}`) },
    { key: 'keys', header: t('shares.col.keysUsed'), cell: (c) => keysLabel(c, r?.keyFallbacks) },
    {
      key: 'count',
      header: t('shares.col.entries'),
      align: 'right',
      visibleFrom: 'sm',
      cell: (c) => number(c.entryCount),
    },
    { key: 'total', header: t('shares.col.amount'), align: 'right', cell: (c) => formatMoney(c.totalCents) },
  ];

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('shares.report.title')}
        subtitle={t('shares.report.subtitle')}
        actions={
          <Button variant="default" leftSection={<IconCalendarPlus size={18} />} onClick={() => setCreating(true)}>
            {t('shares.period.createTitle')}
          </Button>
        }
      />
      <Group align="flex-end" justify="space-between">
        {/* A period just opened shows by its name, not under « Autres dates… » chosen before. */}
        <PeriodPicker
          key={items.length}
          periods={items}
          range={range}
          onChange={setRange}
          onPendingChange={setTyping}
          errors={rangeErrors}
        />
        {range ? (
          <Group gap="sm">
            {(['csv', 'pdf', 'json'] as const).map((format) => (
              <Button
                key={format}
                component="a"
                href={r && !typing ? reportFileUrl(range, format) : undefined}
                download
                // A file of the last range read, while another date is being typed, would be mistaken for it.
                disabled={!r || typing}
                variant="default"
                leftSection={<IconDownload size={18} />}
              >
                {t(DOWNLOAD_LABEL[format])}
              </Button>
            ))}
            {period?.status === 'open' ? (
              <Button
                color="red"
                leftSection={<IconLock size={18} />}
                disabled={!ended || !r}
                aria-describedby={ended ? undefined : notEndedId}
                onClick={() => setConfirming(true)}
              >
                {t('shares.period.close')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>
      {/* Why the period cannot be closed yet, on the page: a disabled button shows no tooltip and
          the keyboard does not reach it. */}
      {range && period?.status === 'open' && !ended ? (
        <Text size="sm" c="dimmed" id={notEndedId} data-testid="close-not-yet">
          {t('shares.period.notEnded', { date: formatCalendarDate(period.end) })}
        </Text>
      ) : null}
      {!range && periods.data ? <Text c="dimmed">{t('shares.report.noPeriod')}</Text> : null}
      <QueryState
        query={{ error: rangeRefused ? null : report.error, isPending: report.isPending && range !== null }}
      />
      {r && range && typing ? (
        <Text c="orange.9" role="status" data-testid="typing-note">
          {t('shares.report.typing', { from: formatCalendarDate(range.from), to: formatCalendarDate(range.to) })}
        </Text>
      ) : null}
      {r && range && notBegun ? (
        <Alert color="blue" title={t('shares.report.notBegunTitle')}>
          {t('shares.report.notBegun', { date: formatCalendarDate(range.from) })}
        </Alert>
      ) : null}
      {r ? (
        <>
          <Group gap="xl" align="flex-start">
            <Fact label={t('shares.report.status')}>
              {r.status === 'closed' ? (
                <Badge color="gray" leftSection={<IconLock size={12} />}>
                  {t('shares.report.closedOn', { date: formatDateTime(r.generatedAt) })}
                </Badge>
              ) : (
                <Badge color="yellow">{t(period ? 'shares.report.draft' : 'shares.report.customRange')}</Badge>
              )}
            </Fact>
            <Fact label={t('shares.col.costs')}>{formatMoney(r.totals.costCents)}</Fact>
            <Fact label={t('shares.col.revenues')}>{formatMoney(r.totals.revenueCents)}</Fact>
            <Fact label={t('shares.col.net')}>{signedMoney(r.totals.netCents, formatMoney)}</Fact>
            <Fact label={t('shares.col.entries')}>{number(r.totals.entryCount)}</Fact>
          </Group>
          <DataTable
            label={t('shares.report.members')}
            columns={memberColumns}
            rows={r.members}
            rowKey={(m) => m.pharmacyId}
            rowTestId={(m) => `member-${m.pharmacyId}`}
            empty={t('shares.register.noMembers')}
            minWidth={520}
            phoneMinWidth={320}
          />
          {/* Two members with the same holding may differ by cents: said here as on the PDF, not left to be wondered at. */}
          <Text size="sm" c="dimmed" data-testid="cents-rule">
            {t('shares.report.centsRule')}
            {percentSum !== null
              ? ` ${t('shares.report.percentRounding', { sum: `${number(percentSum, 2)} %` })}`
              : null}
          </Text>
          <Alert
            color={r.reconciliation.balanced ? 'teal' : 'red'}
            role={r.reconciliation.balanced ? 'status' : 'alert'}
            title={t('shares.report.check')}
          >
            {t(r.reconciliation.balanced ? 'shares.report.balanced' : 'shares.report.unbalanced', {
              ledgerCosts: formatMoney(r.reconciliation.ledgerCostCents),
              allocatedCosts: formatMoney(r.reconciliation.allocatedCostCents),
              ledgerRevenues: formatMoney(r.reconciliation.ledgerRevenueCents),
              allocatedRevenues: formatMoney(r.reconciliation.allocatedRevenueCents),
            })}
          </Alert>
          <Title order={2} size="h4">
            {t('shares.report.categories')}
          </Title>
          <DataTable
            label={t('shares.report.categories')}
            columns={categoryColumns}
            rows={r.categories}
            rowKey={(c) => c.id}
            empty={t('shares.ledger.empty')}
            phoneMinWidth={320}
          />
          <ReportWarnings report={r} skip={['unbalanced']} />
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('shares.report.hash', { hash: r.sha256 })}
          </Text>
        </>
      ) : null}
      <PeriodModal
        periods={items}
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(p) => setRange({ from: p.start, to: p.end })}
      />
      <ConfirmModal
        opened={confirming}
        title={t('shares.period.closeTitle', { name: period ? periodName(period, lang) : '' })}
        message={t('shares.period.closeMessage')}
        details={
          r && warnings.length > 0 ? (
            <Stack gap="xs" data-testid="close-warnings">
              <Text fw={500}>{t('shares.period.closeWarnings', { count: warnings.length })}</Text>
              <ReportWarnings report={r} />
            </Stack>
          ) : null
        }
        confirmLabel={t('shares.period.close')}
        color="red"
        loading={close.isPending}
        error={close.error}
        onConfirm={() => close.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}

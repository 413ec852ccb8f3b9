import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { useParams, useSearchParams } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { Fact } from '../../shared/Fact';
import { formatCalendarDate, formatMoney } from '../../shared/format';
import { serverFieldErrors } from '../../shared/forms';
import { PageHeader } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { PeriodPicker } from '../components/PeriodPicker';
import { useKeysLabel } from '../components/ReportWarnings';
import { type Range, type Statement, statementPdfUrl, usePeriods, useStatement } from '../shares.api';
import { parisToday, signedMoney } from '../shares.rules';

const number = (n: number, digits = 0) =>
  n.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** `partLabel`: "Votre quote-part" for the member itself, "Quote-part de l’officine" for the treasurer. */
function Lines({ statement, kind, partLabel }: { statement: Statement; kind: 'cost' | 'revenue'; partLabel: string }) {
  const { t } = useI18n();
  const keysLabel = useKeysLabel();
  const lines = kind === 'cost' ? statement.member.costs : statement.member.revenues;
  const total = kind === 'cost' ? statement.member.costCents : statement.member.revenueCents;
  const byId = new Map(statement.categories.map((c) => [c.id, c]));
  const title = t(kind === 'cost' ? 'shares.kind.costs' : 'shares.kind.revenues');
  // On a phone: the category, the cooperative's total and the member's part fit the screen; the keys
  // from a tablet up (the part, the figure the member reads, was past the screen's right edge).
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  if (lines.length === 0) return <Text c="dimmed">{t('shares.statement.none', { what: title })}</Text>;
  return (
    <Table.ScrollContainer minWidth={phone ? 300 : 480}>
      <Table aria-label={title} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('shares.col.category')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('shares.col.keysUsed')}</Table.Th>
            <Table.Th ta="right">{t('shares.col.cooperativeTotal')}</Table.Th>
            <Table.Th ta="right">{partLabel}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => {
            const c = byId.get(l.categoryId);
            return (
              <Table.Tr key={l.categoryId}>
                <Table.Td>{c?.name}</Table.Td>
                <Table.Td visibleFrom="sm">{c ? keysLabel(c, statement.keyFallbacks) : null}</Table.Td>
                <Table.Td ta="right">{formatMoney(c?.totalCents ?? 0)}</Table.Td>
                <Table.Td ta="right">{formatMoney(l.cents)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={phone ? 2 : 3}>{t('shares.col.total')}</Table.Th>
            <Table.Th ta="right">{formatMoney(total)}</Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * One member's statement for a period: its holdings, its part of each cost and revenue, its net.
 * The treasurer opens any member's (`/shares/statements/:pharmacyId`); a pharmacist its own (`/shares/statement`).
 */
export function StatementPage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const params = useParams();
  const pharmacyId = params.pharmacyId ? Number(params.pharmacyId) : (user.pharmacy?.id ?? null);
  const [search, setSearch] = useSearchParams();
  const periods = usePeriods();
  const items = periods.data?.items ?? [];
  // A member reads closed periods first: their figures are final.
  const fallback = items.find((p) => p.status === 'closed') ?? items.find((p) => p.start <= parisToday());
  const from = search.get('from');
  const to = search.get('to');
  const range: Range | null = from && to ? { from, to } : fallback ? { from: fallback.start, to: fallback.end } : null;
  const statement = useStatement(pharmacyId, range);
  // A range the statement refuses (400) says why under its date; the banner only for other errors.
  const rangeErrors = serverFieldErrors(statement.error, t, {}, {}, 'query');
  const rangeRefused = Object.keys(rangeErrors).length > 0;
  const s = statement.data;
  // "Votre" only for the member reading its own statement; the treasurer reads another's.
  const partLabel = t(s && user.pharmacy?.id === s.member.pharmacyId ? 'shares.col.yourPart' : 'shares.col.memberPart');
  return (
    <Stack gap="lg" maw={1000}>
      <PageHeader
        title={s ? t('shares.statement.titleOf', { name: s.member.name }) : t('shares.statement.title')}
        subtitle={t(
          s && user.pharmacy?.id !== s.member.pharmacyId ? 'shares.statement.subtitleOf' : 'shares.statement.subtitle',
        )}
      />
      <Group align="flex-end" justify="space-between">
        <PeriodPicker
          periods={items}
          range={range}
          onChange={(r) => setSearch(r ? { from: r.from, to: r.to } : {}, { replace: true })}
          errors={rangeErrors}
        />
        {/* The statement shown, as a PDF page to keep: offered once it has loaded (a refused range has none). */}
        {s && range && pharmacyId !== null ? (
          <Button
            component="a"
            href={statementPdfUrl(pharmacyId, range)}
            download
            variant="default"
            leftSection={<IconDownload size={18} />}
          >
            {t('shares.report.downloadPdf')}
          </Button>
        ) : null}
      </Group>
      <QueryState
        query={{ error: rangeRefused ? null : statement.error, isPending: statement.isPending && range !== null }}
      />
      {s ? (
        <>
          {s.status === 'draft' ? <Alert color="yellow">{t('shares.statement.draft')}</Alert> : null}
          <Group gap="xl" align="flex-start">
            <Fact label={t('shares.col.sharesStart')}>{number(s.member.sharesAtStart)}</Fact>
            <Fact label={t('shares.col.sharesEnd')}>{number(s.member.sharesAtEnd)}</Fact>
            <Fact label={t('shares.col.average')}>{number(s.member.averageShares, 2)}</Fact>
            <Fact label={t('shares.col.averagePercent')}>{`${number(s.member.percent, 2)} %`}</Fact>
            <Fact label={t('shares.statement.range')}>
              {`${formatCalendarDate(s.from)} – ${formatCalendarDate(s.to)}`}
            </Fact>
          </Group>
          <Text size="sm" c="dimmed" data-testid="statement-rounding">
            {t('shares.statement.rounding')}
          </Text>
          <Title order={2} size="h4">
            {t('shares.kind.costs')}
          </Title>
          <Lines statement={s} kind="cost" partLabel={partLabel} />
          <Title order={2} size="h4">
            {t('shares.kind.revenues')}
          </Title>
          <Lines statement={s} kind="revenue" partLabel={partLabel} />
          <Group justify="space-between" data-testid="statement-net">
            <Title order={2} size="h3">
              {t('shares.col.net')}
            </Title>
            <Text fz="xl" fw={700} c={s.member.netCents < 0 ? 'red.8' : 'teal.8'}>
              {signedMoney(s.member.netCents, formatMoney)}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {t(s.member.netCents < 0 ? 'shares.statement.owes' : 'shares.statement.receives')}
          </Text>
          {s.legalNote ? (
            <Alert color="yellow" title={t('shares.report.legalTitle')}>
              {t('shares.report.legalNote')}
            </Alert>
          ) : null}
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('shares.report.hash', { hash: s.sha256 })}
          </Text>
        </>
      ) : null}
    </Stack>
  );
}

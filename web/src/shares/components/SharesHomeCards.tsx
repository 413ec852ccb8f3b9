import { Stack, Text } from '@mantine/core';
import { IconFileDollar, IconLock, IconReceipt } from '@tabler/icons-react';
import { useSessionUser } from '../../auth/auth-context';
import { TodoCard } from '../../home/TodoCard';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../shared/format';
import { useDrafts, usePeriods, useStatement } from '../shares.api';
import { draftCardState, parisToday, periodName, signedMoney } from '../shares.rules';

const reportLink = (from: string, to: string) => `/shares/report?from=${from}&to=${to}`;

/**
 * Treasurer: last month's draft report, as the monthly-shares job left it on the 1st; once that
 * month is closed (its draft is superseded), that it is closed, with a link to its report.
 */
export function SharesDraftCard() {
  const { t, lang } = useI18n();
  const drafts = useDrafts();
  const periods = usePeriods();
  const state =
    drafts.data && periods.data ? draftCardState(drafts.data.items, periods.data.items, parisToday()) : null;
  const draft = state?.kind === 'draft' ? state.draft : undefined;
  const closed = state?.kind === 'closed' ? state : undefined;
  return (
    <TodoCard
      testId="card-shares-draft"
      icon={IconFileDollar}
      title={t('shares.home.draftTitle')}
      link={
        draft
          ? { to: reportLink(draft.from, draft.to), label: t('shares.home.draftLink') }
          : closed
            ? { to: reportLink(closed.period.start, closed.period.end), label: t('shares.home.closedLink') }
            : { to: '/shares/report', label: t('shares.home.reportLink') }
      }
      empty={state?.kind === 'none' ? t('shares.home.noDraft') : undefined}
    >
      {closed ? (
        <Text size="sm">
          {closed.period.kind === 'month'
            ? t('shares.home.monthClosed', { month: periodName({ kind: 'month', start: `${closed.month}-01` }, lang) })
            : t('shares.home.monthClosedIn', {
                month: periodName({ kind: 'month', start: `${closed.month}-01` }, lang),
                period: periodName(closed.period, lang),
              })}
        </Text>
      ) : draft ? (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {periodName({ kind: 'month', start: `${draft.month}-01` }, lang)}
          </Text>
          {draft.totals ? (
            <Text size="sm">
              {t('shares.home.draftSummary', {
                count: draft.totals.entryCount,
                costs: formatMoney(draft.totals.costCents),
                revenues: formatMoney(draft.totals.revenueCents),
                net: signedMoney(draft.totals.netCents, formatMoney),
              })}
            </Text>
          ) : (
            <Text size="sm" c="red">
              {t('errors.shares.no_allocation_weights')}
            </Text>
          )}
        </Stack>
      ) : null}
    </TodoCard>
  );
}

/** Treasurer: open periods that have ended, waiting to be previewed and closed. */
export function PeriodsToCloseCard() {
  const { t, lang } = useI18n();
  const periods = usePeriods();
  const today = parisToday();
  const due = (periods.data?.items ?? []).filter((p) => p.status === 'open' && p.end < today);
  const first = due[0];
  return (
    <TodoCard
      testId="card-shares-periods"
      icon={IconLock}
      title={t('shares.home.periodsTitle')}
      count={periods.data ? due.length : undefined}
      empty={t('shares.home.noPeriodToClose')}
      link={{ to: first ? reportLink(first.start, first.end) : '/shares/report', label: t('shares.home.reportLink') }}
    >
      {due.length > 0 ? (
        <Stack gap={4}>
          {due.map((p) => (
            <Text size="sm" key={p.id}>
              {t('shares.home.periodDue', { name: periodName(p, lang) })}
            </Text>
          ))}
        </Stack>
      ) : null}
    </TodoCard>
  );
}

/** Pharmacist: its pharmacy's statement for the last closed period (technicians do not read statements). */
export function MyStatementCard() {
  return useSessionUser().role === 'pharmacist' ? <StatementCard /> : null;
}

function StatementCard() {
  const { t, lang } = useI18n();
  const user = useSessionUser();
  const periods = usePeriods();
  const closed = periods.data?.items.find((p) => p.status === 'closed');
  const statement = useStatement(user.pharmacy?.id ?? null, closed ? { from: closed.start, to: closed.end } : null);
  const s = statement.data;
  return (
    <TodoCard
      testId="card-shares-statement"
      icon={IconReceipt}
      title={t('shares.home.statementTitle')}
      empty={periods.data && !closed ? t('shares.home.noClosedPeriod') : undefined}
      link={{
        to: closed ? `/shares/statement?from=${closed.start}&to=${closed.end}` : '/shares/statement',
        label: t('shares.home.statementLink'),
      }}
    >
      {s && closed ? (
        <Text size="sm">
          {t('shares.home.statementSummary', {
            period: periodName(closed, lang),
            net: signedMoney(s.member.netCents, formatMoney),
          })}
        </Text>
      ) : null}
    </TodoCard>
  );
}

import { createHash } from 'node:crypto';
import { raiseAlert } from '../alerts/alerts.usecases';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { listPharmacies } from '../pharmacies/pharmacies.repository';
import { canonicalJson } from '../shared/canonical-json';
import { addCalendarDays, parisDate, parisMonth } from '../shared/dates';
import { type ActivitySource, robotActivitySource } from './activity';
import { entriesForReport, ledgerTotals, listCategories, reversedDates } from './ledger.repository';
import { sharesErrors } from './shares.errors';
import { holdingsTimeline, type PeriodKind, periodEnd, previousMonth } from './shares.models';
import {
  findClosedExact,
  findPeriodByStart,
  findSnapshot,
  listMonthlyDrafts,
  listShareTransactions,
  saveMonthlyDraft,
} from './shares.repository';
import {
  buildSharesReport,
  COOPERATIVE_NAME,
  type Entry,
  LEGAL_NOTE_SURPLUS_BY_HOLDING,
  makeWeigher,
  UnallocatableError,
} from './shares-report.models';

type Db = Ctx['db'];

/**
 * The members and their holdings through time. A member is a pharmacy named in the register
 * (by a transaction dated on or before `upTo`, when given), in id order: a pharmacy that never
 * held a share is not part of the cooperative's accounts.
 */
export function loadRegister(db: Db, upTo?: string) {
  const transactions = listShareTransactions(db);
  const named = new Set<number>();
  for (const tx of transactions) {
    if (upTo && tx.date > upTo) continue;
    named.add(tx.pharmacyId);
    if (tx.toPharmacyId != null) named.add(tx.toPharmacyId);
  }
  const members = listPharmacies(db)
    .filter((p) => named.has(p.id))
    .map((p) => ({ pharmacyId: p.id, name: p.name }));
  return { members, holdings: holdingsTimeline(transactions) };
}

/** How entries are weighed today: members, holdings and the activity source, memoised per date. */
export function loadWeigher(db: Db, activity: ActivitySource = robotActivitySource(db)) {
  const { members, holdings } = loadRegister(db);
  return makeWeigher(members, holdings, activity);
}

export type SharesReportDoc = ReturnType<typeof envelope>;

/** Lowercase hex SHA-256 of a text (UTF-8). */
export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The report document: the content, the cooperative's name, the period it matches and the legal
 * note, hashed together (canonical JSON → SHA-256); then its status and generation instant, which
 * the hash leaves out so that a preview and the snapshot of the same figures carry the same hash.
 */
function envelope(
  content: ReturnType<typeof buildSharesReport>,
  meta: { status: 'draft' | 'closed'; period: { id: number; kind: PeriodKind } | null; generatedAt: string },
) {
  const hashed = {
    cooperative: COOPERATIVE_NAME,
    ...content,
    period: meta.period,
    legalNote: content.surplusSharedByHolding ? LEGAL_NOTE_SURPLUS_BY_HOLDING : null,
  };
  return { ...hashed, status: meta.status, generatedAt: meta.generatedAt, sha256: sha256Hex(canonicalJson(hashed)) };
}

/**
 * Computes the report of `from`…`to` from the ledger and the register as they stand (no policy
 * check: callers authorise). Throws 422 `shares.no_allocation_weights` listing the entries whose
 * key has no weight on their date even after the `activity` → `holding` fallback (nobody held
 * shares that day).
 */
export function computeSharesReport(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  range: { from: string; to: string },
  opts: {
    activity?: ActivitySource;
    status?: 'draft' | 'closed';
    period?: { id: number; kind: PeriodKind } | null;
  } = {},
): SharesReportDoc {
  const { from, to } = range;
  const { members, holdings } = loadRegister(ctx.db, to);
  const originals = reversedDates(ctx.db, from, to);
  // Read a month at a time: rows stay short-lived (a 100 000-row array would outlive the young
  // generation and cost more in garbage collection than the report itself).
  function* entries(): Generator<Entry> {
    for (let start = from; start <= to; start = nextMonthStart(start)) {
      const end = addCalendarDays(nextMonthStart(start), -1);
      for (const [id, date, categoryId, amountCents, reverses] of entriesForReport(ctx.db, start, end < to ? end : to))
        yield {
          id,
          date,
          allocationDate: reverses == null ? date : (originals.get(id) ?? date),
          categoryId,
          amountCents,
        };
    }
  }
  let content: ReturnType<typeof buildSharesReport>;
  try {
    content = buildSharesReport({
      from,
      to,
      members,
      holdings,
      categories: listCategories(ctx.db),
      entries: entries(),
      activity: opts.activity ?? robotActivitySource(ctx.db),
      ledger: ledgerTotals(ctx.db, from, to),
    });
  } catch (err) {
    if (err instanceof UnallocatableError) throw sharesErrors.noWeights(err.items);
    throw err;
  }
  const period = opts.period !== undefined ? opts.period : matchingPeriod(ctx.db, from, to);
  return envelope(content, { status: opts.status ?? 'draft', period, generatedAt: ctx.clock.now().toISOString() });
}

/** The period (open or closed) whose range is exactly `from`…`to`, if any. */
function matchingPeriod(db: Db, from: string, to: string) {
  for (const kind of ['month', 'quarter', 'year'] as const) {
    const p = findPeriodByStart(db, kind, from);
    if (p && p.end === to) return { id: p.id, kind };
  }
  return null;
}

/**
 * The shares report of `from`…`to` (SPEC §8) and its canonical JSON text. A range that is
 * exactly a closed period is answered from that period's snapshot, byte for byte; any other range
 * is computed now (status `draft`). Treasurer only.
 */
export function loadSharesReport({
  ctx,
  from,
  to,
  activity,
}: {
  ctx: Ctx;
  from: string;
  to: string;
  activity?: ActivitySource;
}): { report: SharesReportDoc; json: string } {
  authorize(ctx.actor, 'shares_report.read');
  return reportOf(ctx, from, to, activity);
}

function reportOf(ctx: Ctx, from: string, to: string, activity?: ActivitySource) {
  const closed = findClosedExact(ctx.db, from, to);
  const snapshot = closed && findSnapshot(ctx.db, closed.id);
  if (snapshot) return { report: JSON.parse(snapshot.reportJson) as SharesReportDoc, json: snapshot.reportJson };
  const report = computeSharesReport(ctx, { from, to }, { activity });
  return { report, json: canonicalJson(report) };
}

/**
 * One member's statement for `from`…`to`: its row of the report with the cooperative's category
 * totals, not the other members' detail. The treasurer reads any member's; a pharmacist only its
 * own pharmacy's (another pharmacy's answers 404); other roles get 403.
 */
export function loadStatement({
  ctx,
  pharmacyId,
  from,
  to,
  activity,
}: {
  ctx: Ctx;
  pharmacyId: number;
  from: string;
  to: string;
  activity?: ActivitySource;
}) {
  authorize(ctx.actor, 'shares_statement.read'); // a role that never reads statements: 403
  authorize(ctx.actor, 'shares_statement.read', { pharmacyId }); // another pharmacy's: 404
  const { report } = reportOf(ctx, from, to, activity);
  const member = report.members.find((m) => m.pharmacyId === pharmacyId);
  if (!member) throw sharesErrors.pharmacyNotFound(pharmacyId);
  const { members: _all, reconciliation: _check, ...shared } = report;
  return { ...shared, member };
}

/**
 * The `monthly-shares` job (SPEC §9, 1st of the month 05:00 Paris): the draft report of the Paris
 * month before `runMonth` (`YYYY-MM`, the job's period; default: the clock's month), kept for the
 * treasurer's home page with an alert. Idempotent per month: a re-run replaces the month's draft
 * and raises no second alert. A month that cannot be allocated is recorded with the reason.
 */
export function draftPreviousMonth(ctx: Ctx, runMonth?: string, activity?: ActivitySource): string {
  const { month, from, to } = previousMonth(runMonth ?? parisMonth(ctx.clock.now()));
  const createdAt = ctx.clock.now().toISOString();
  let outcome: string;
  try {
    const report = computeSharesReport(ctx, { from, to }, { activity });
    saveMonthlyDraft(ctx.db, {
      month,
      summary: {
        from,
        to,
        totals: report.totals,
        members: report.members.map((m) => ({ pharmacyId: m.pharmacyId, name: m.name, netCents: m.netCents })),
      },
      sha256: report.sha256,
      error: null,
      createdAt,
    });
    outcome = `draft ${month}: ${report.totals.entryCount} entries, net ${report.totals.netCents} cents`;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'shares.no_allocation_weights') throw err;
    saveMonthlyDraft(ctx.db, { month, summary: null, sha256: null, error: code, createdAt });
    outcome = `draft ${month}: ${code}`;
  }
  raiseAlert(ctx, {
    scope: { role: 'treasurer' },
    kind: 'shares.monthly_draft',
    entity: 'share_month',
    entityId: month,
    messageKey: 'alerts.shares.monthly_draft',
    params: { month, from, to },
    dedupe: 'ever',
  });
  return outcome;
}

/** The latest monthly drafts (newest first), for the treasurer's home. */
export function listDrafts({ ctx, limit = 3 }: { ctx: Ctx; limit?: number }) {
  authorize(ctx.actor, 'shares_report.read');
  return {
    items: listMonthlyDrafts(ctx.db, limit).map((d) => {
      const s = d.summary as { from: string; to: string; totals: SharesReportDoc['totals'] } | null;
      const first = `${d.month}-01`;
      return {
        month: d.month,
        from: s?.from ?? first,
        to: s?.to ?? periodEnd('month', first),
        createdAt: d.createdAt,
        sha256: d.sha256,
        error: d.error,
        totals: s?.totals ?? null,
      };
    }),
  };
}

/** The first day of the month after the one `date` is in. */
function nextMonthStart(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12
    ? `${String(y + 1).padStart(4, '0')}-01-01`
    : `${date.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Today's Paris date on the context's clock. */
export const todayOf = (ctx: Pick<Ctx, 'clock'>) => parisDate(ctx.clock.now());

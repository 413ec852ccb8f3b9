import type { z } from 'zod';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { canonicalJson } from '../shared/canonical-json';
import { parisDate } from '../shared/dates';
import type { ActivitySource } from './activity';
import { refuseTooFar } from './register.usecases';
import { computeSharesReport, sha256Hex } from './report.usecases';
import { sharesErrors } from './shares.errors';
import { periodEnd } from './shares.models';
import {
  dismissDraftAlerts,
  findClosedNotNested,
  findPeriod,
  findPeriodByStart,
  insertPeriod,
  insertSnapshot,
  listPeriods,
  markClosed,
  type PeriodRow,
} from './shares.repository';
import type { PeriodBody } from './shares.schemas';

/** Periods, newest first. The treasurer manages them; a pharmacist reads the list to pick a statement. */
export function listSharePeriods({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'periods.read');
  return { items: listPeriods(ctx.db) };
}

export function getSharePeriod({ ctx, id }: { ctx: Ctx; id: number }): PeriodRow {
  authorize(ctx.actor, 'periods.read');
  const period = findPeriod(ctx.db, id);
  if (!period) throw sharesErrors.periodNotFound(id);
  return period;
}

/**
 * Opens a month, quarter or year from its first day (the schema checks it is one). Refused:
 * the same period twice (409 `shares.period_exists`), a period whose days are (partly) in a
 * closed one that it does not contain, e.g. a month of a closed quarter (409
 * `shares.period_overlaps_closed`), one starting more than a year ahead (422 `shares.date_too_far`,
 * as a ledger entry: periods are never deleted, so one opened years ahead by mistake would stay
 * in every list). Periods of another kind may nest: a year made of closed
 * quarters or months opens and closes (its figures are theirs, entries being frozen in them). Its preview is the shares report over its range. Audited.
 */
export function createSharePeriod({ ctx, input }: { ctx: Ctx; input: z.output<typeof PeriodBody> }) {
  authorize(ctx.actor, 'periods.manage');
  refuseTooFar(ctx, input.start);
  const end = periodEnd(input.kind, input.start);
  return ctx.db.transaction(
    () => {
      if (findPeriodByStart(ctx.db, input.kind, input.start)) throw sharesErrors.periodExists(input.kind, input.start);
      const closed = findClosedNotNested(ctx.db, input.start, end);
      if (closed)
        throw sharesErrors.periodOverlapsClosed({ periodId: closed.id, start: closed.start, end: closed.end });
      const id = insertPeriod(ctx.db, {
        kind: input.kind,
        start: input.start,
        end,
        status: 'open',
        createdAt: ctx.clock.now().toISOString(),
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      });
      recordAudit(ctx, { action: 'periods.create', entity: 'share_period', entityId: id, details: { ...input, end } });
      return findPeriod(ctx.db, id) as PeriodRow;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Closes a period for good (SPEC §8): computes its report, stores it as canonical JSON with its
 * SHA-256, and from then on serves that snapshot byte for byte; no entry, share transaction or
 * key change may be dated inside it any more, and it never reopens; the monthly-draft alerts of
 * its months are resolved (and `listMonthlyDrafts` no longer shows their drafts). Refused: a closed period
 * (409 `shares.period_already_closed`), one that has not ended yet (409
 * `shares.period_not_ended`), entries that cannot be allocated (422). Audited.
 */
export function closeSharePeriod({ ctx, id, activity }: { ctx: Ctx; id: number; activity?: ActivitySource }) {
  authorize(ctx.actor, 'periods.manage');
  return ctx.db.transaction(
    () => {
      const period = findPeriod(ctx.db, id);
      if (!period) throw sharesErrors.periodNotFound(id);
      if (period.status === 'closed') throw sharesErrors.periodAlreadyClosed(id);
      const today = parisDate(ctx.clock.now());
      if (period.end >= today) throw sharesErrors.periodNotEnded(period.end, today);
      const report = computeSharesReport(
        ctx,
        { from: period.start, to: period.end },
        { activity, status: 'closed', period: { id: period.id, kind: period.kind } },
      );
      const now = ctx.clock.now().toISOString();
      if (!markClosed(ctx.db, id, now, ctx.actor.kind === 'user' ? ctx.actor.userId : null)) {
        throw sharesErrors.periodAlreadyClosed(id);
      }
      const reportJson = canonicalJson(report);
      insertSnapshot(ctx.db, { periodId: id, reportJson, sha256: report.sha256, createdAt: now });
      // The monthly drafts of its months are superseded: their home alerts are resolved.
      dismissDraftAlerts(
        ctx.db,
        { from: period.start, to: period.end },
        now,
        ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      );
      recordAudit(ctx, {
        action: 'periods.close',
        entity: 'share_period',
        entityId: id,
        details: { sha256: report.sha256, snapshotSha256: sha256Hex(reportJson), netCents: report.totals.netCents },
      });
      return findPeriod(ctx.db, id) as PeriodRow;
    },
    { behavior: 'immediate' },
  );
}

import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stockImports } from '../../db/schema';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { lapseUncoverableOffers } from './offers.lapse';
import { stockErrors } from './stock.errors';
import { checkExpiryPlausible } from './stock.models';
import { movementStamp, staffPharmacy, today } from './stock.usecases';
import {
  type CostUpdate,
  centsOfUnitCost,
  expiredRows,
  type PlannedAdjustment,
  parseSnapshotCsvAsync,
  planSnapshot,
  type RowError,
  type RowWarning,
  resolveBoxes,
  rowError,
  type SnapshotRow,
  snapshotCosts,
} from './stock-import.models';
import {
  type CatalogueFacts,
  catalogueFacts,
  currentLots,
  setUnknownLotCosts,
  stockFingerprint,
  writeSnapshotAdjustments,
} from './stock-import.repository';

/** What applying would do: row errors, quantity adjustments, and what the file's prices do to held lots. */
type Plan = {
  errors: RowError[];
  adjustments: PlannedAdjustment[];
  costs: { warnings: RowWarning[]; updates: CostUpdate[] };
};
const nothingToDo = (p: Plan) => p.adjustments.length === 0 && p.costs.updates.length === 0;

function unknownProducts(rows: SnapshotRow[], facts: Map<string, CatalogueFacts>): RowError[] {
  return rows
    .filter((r) => !facts.has(r.cip13))
    .map((r) =>
      rowError(r.line, 'cip13', 'unknownProduct', { value: r.cip13 }, `CIP13 ${r.cip13} is not in the catalogue`),
    );
}

/** Rows whose expiry no real box carries (checkExpiryPlausible): `expiryTooEarly` / `expiryTooFar` row errors. */
function implausibleExpiries(day: string, rows: { line: number; expiryDate: string }[]): RowError[] {
  return rows.flatMap((r) => {
    const check = checkExpiryPlausible(r.expiryDate, day);
    if (check.ok) return [];
    const [limit, reason] =
      check.code === 'expiryTooEarly'
        ? [check.earliest, `expiry ${r.expiryDate} is before ${check.earliest}`]
        : [check.latest, `expiry ${r.expiryDate} is over ten years ahead`];
    return [rowError(r.line, 'expiry', check.code, { value: r.expiryDate, limit }, reason)];
  });
}

/**
 * Stock snapshot from the pharmacy's own software (SPEC §4). A dry run (default) shows the row
 * errors, the warnings (lots already expired; prices of held lots, ignored — a held lot keeps
 * its cost as bought — or taken when the lot had no cost, `snapshotCosts`) and the adjustments
 * it would make, each naming its product; `apply` makes them as `adjustment` movements, all or nothing, and answers once
 * they are written. Applying the same file again finds nothing to change.
 *
 * Reading, checking and planning happen outside the write transaction and hand the event loop
 * back between pieces of the file, so other requests are served during a 20 000-row import;
 * the transaction re-plans only if the pharmacy's stock moved meanwhile (`stockFingerprint`)
 * and writes in three set-based statements, so a dispense made meanwhile is never overwritten. One audit row records the
 * import with its counts (the movements carry the import's id).
 */
export async function importSnapshot({ ctx, csv, apply }: { ctx: Ctx; csv: string; apply: boolean }) {
  const pharmacyId = staffPharmacy(ctx, 'stock.write');
  const day = today(ctx);
  const parsed = await parseSnapshotCsvAsync(csv);
  const facts = catalogueFacts(ctx.db, [...new Set(parsed.rows.map((r) => r.cip13))]);
  const boxed = resolveBoxes(
    parsed.rows.filter((r) => facts.has(r.cip13)),
    (cip13) => facts.get(cip13)?.unitsPerBox ?? null,
  );
  const fileErrors = [
    ...parsed.errors,
    ...unknownProducts(parsed.rows, facts),
    ...boxed.errors,
    ...implausibleExpiries(day, boxed.rows),
  ];
  const rows = boxed.rows;
  const plan = (): Plan => {
    if (fileErrors.length > 0) return { errors: fileErrors, adjustments: [], costs: { warnings: [], updates: [] } };
    const lots = currentLots(ctx.db, pharmacyId);
    return { ...planSnapshot(lots, rows), costs: snapshotCosts(lots, rows) };
  };
  const preview = (p: Plan, applied: boolean) => ({
    applied,
    rows: parsed.lines,
    quantityUnit: parsed.quantityUnit,
    errors: p.errors.sort((a, b) => a.line - b.line),
    warnings:
      p.errors.length > 0 ? [] : [...expiredRows(rows, day), ...p.costs.warnings].sort((a, b) => a.line - b.line),
    adjustments: p.adjustments.map(({ line, cip13, lotNumber, expiryDate, from, to }) => ({
      line,
      cip13,
      productLabel: facts.get(cip13)?.label ?? cip13,
      lotNumber,
      expiryDate,
      from,
      to,
      unlisted: line === null,
      expired: expiryDate < day,
    })),
  });

  const fingerprint = stockFingerprint(ctx.db, pharmacyId);
  const checked = plan();
  if (!apply) return preview(checked, false);
  if (checked.errors.length > 0) throw stockErrors.importInvalid(checked.errors);
  if (nothingToDo(checked)) return preview(checked, true);
  await nextTurn();

  return ctx.db.transaction(
    () => {
      // Stock may have moved since the plan (a dispense, an accepted transfer): plan again then.
      const p = stockFingerprint(ctx.db, pharmacyId) === fingerprint ? checked : plan();
      if (p.errors.length) throw stockErrors.importInvalid(p.errors);
      if (nothingToDo(p)) return preview(p, true);
      const stamp = movementStamp(ctx);
      const importId = ctx.db
        .insert(stockImports)
        .values({
          pharmacyId,
          sha256: createHash('sha256').update(csv).digest('hex'),
          rows: rows.length,
          adjustments: p.adjustments.length,
          appliedAt: stamp.createdAt,
          appliedBy: stamp.createdBy,
        })
        .returning({ id: stockImports.id })
        .get().id;
      const written = writeSnapshotAdjustments(ctx.db, {
        pharmacyId,
        importId,
        reason: `snapshot import #${importId}`,
        ...stamp,
        // A lot first seen in a snapshot without a cost is valued at 0 until a receipt tells better.
        rows: p.adjustments.map((a) => ({
          ...a,
          unitCostMillicents: a.unitCostMillicents ?? 0,
          unitCostCents: centsOfUnitCost(a.unitCostMillicents ?? 0),
        })),
      });
      // Cannot happen after the fingerprint check; refused rather than written over if it does.
      if (!written) throw stockErrors.importConflict();
      // Open offers of lots the snapshot lowered below what they promise lapse.
      lapseUncoverableOffers(ctx, { pharmacyId });
      const costsSet = setUnknownLotCosts(
        ctx.db,
        pharmacyId,
        p.costs.updates.map((u) => ({ ...u, unitCostCents: centsOfUnitCost(u.unitCostMillicents) })),
      );
      recordAudit(ctx, {
        action: 'stock.import',
        entity: 'stock_import',
        entityId: importId,
        details: {
          rows: rows.length,
          adjustments: p.adjustments.length,
          newLots: p.adjustments.filter((a) => a.lotId === null).length,
          unlistedToZero: p.adjustments.filter((a) => a.line === null).length,
          quantityUnit: parsed.quantityUnit,
          costsSet,
        },
      });
      return preview(p, true);
    },
    { behavior: 'immediate' },
  );
}

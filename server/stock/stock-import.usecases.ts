import { createHash } from 'node:crypto';
import type { Db } from '../../db/client';
import { stockImports } from '../../db/schema';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { stockErrors } from './stock.errors';
import { checkExpiryPlausible } from './stock.models';
import { applyAdjustmentsInBulk, findPresentationLabel, listLots } from './stock.repository';
import { movementStamp, staffPharmacy, today } from './stock.usecases';
import { parseSnapshotCsv, planSnapshot, type RowError, rowError } from './stock-import.models';

function unknownProducts(db: Db, rows: { line: number; cip13: string }[]): RowError[] {
  const known = new Map<string, boolean>();
  return rows.flatMap((r) => {
    if (!known.has(r.cip13)) known.set(r.cip13, findPresentationLabel(db, r.cip13) !== undefined);
    return known.get(r.cip13)
      ? []
      : [rowError(r.line, 'cip13', 'unknownProduct', { value: r.cip13 }, `CIP13 ${r.cip13} is not in the catalogue`)];
  });
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
 * Stock snapshot from the pharmacy's own software. A dry run (default) shows the row errors
 * and the adjustments it would make; `apply` makes them as `adjustment` movements, all or
 * nothing. Applying the same file again finds nothing to change.
 */
export function importSnapshot({ ctx, csv, apply }: { ctx: Ctx; csv: string; apply: boolean }) {
  const pharmacyId = staffPharmacy(ctx, 'stock.write');
  const parsed = parseSnapshotCsv(csv);
  const plan = () => {
    const errors = [
      ...parsed.errors,
      ...unknownProducts(ctx.db, parsed.rows),
      ...implausibleExpiries(today(ctx), parsed.rows),
    ];
    if (errors.length) return { errors, adjustments: [] };
    const current = listLots(ctx.db, pharmacyId, { includeEmpty: true }).map((l) => ({ ...l, lotId: l.id }));
    return planSnapshot(current, parsed.rows);
  };
  const preview = (p: ReturnType<typeof plan>, applied: boolean) => ({
    applied,
    rows: parsed.rows.length,
    errors: p.errors.sort((a, b) => a.line - b.line),
    adjustments: p.adjustments.map(({ line, cip13, lotNumber, expiryDate, from, to }) => ({
      line,
      cip13,
      lotNumber,
      expiryDate,
      from,
      to,
    })),
  });
  if (!apply) return preview(plan(), false);

  return ctx.db.transaction(
    () => {
      const p = plan();
      if (p.errors.length) throw stockErrors.importInvalid(p.errors);
      if (p.adjustments.length === 0) return preview(p, true);
      const stamp = movementStamp(ctx);
      const importId = ctx.db
        .insert(stockImports)
        .values({
          pharmacyId,
          sha256: createHash('sha256').update(csv).digest('hex'),
          rows: parsed.rows.length,
          adjustments: p.adjustments.length,
          appliedAt: stamp.createdAt,
          appliedBy: stamp.createdBy,
        })
        .returning({ id: stockImports.id })
        .get().id;
      const failed = applyAdjustmentsInBulk(ctx.db, {
        pharmacyId,
        importId,
        reason: `snapshot import #${importId}`,
        ...stamp,
        // A lot first seen in a snapshot without a cost is valued at 0 until a receipt tells better.
        rows: p.adjustments.map((a) => ({ ...a, unitCostCents: a.unitCostCents ?? 0, delta: a.to - a.from })),
      });
      if (failed !== null) {
        const a = p.adjustments[failed]!;
        throw stockErrors.insufficientQuantity({ cip13: a.cip13, requested: a.from - a.to, available: a.from });
      }
      recordAudit(ctx, {
        action: 'stock.import',
        entity: 'stock_import',
        entityId: importId,
        details: { rows: parsed.rows.length, adjustments: p.adjustments.length },
      });
      return preview(p, true);
    },
    { behavior: 'immediate' },
  );
}

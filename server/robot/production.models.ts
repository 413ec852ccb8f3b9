/**
 * Pure rules of robot production (SPEC §4, §6): which of the host pharmacy's lots go into which
 * order line (FEFO), what the host pharmacy lacks for a batch, and the production steps of a
 * batch and of its orders. No database, no clock, no I/O.
 */
import type { OrderStatus } from '../orders/orders.models';
import { addCalendarDays, isoWeekMonday } from '../shared/dates';
import type { BatchStatus } from './robot.models';

/** Units of one product for one resident in one order that go into pouches (robot or manual tray). */
export type PouchLine = {
  lineId: number;
  orderId: number;
  residentId: number;
  cip13: string;
  units: number;
  /** The earliest expiry a lot may carry for this line: the last day its pouches are taken (YYYY-MM-DD). */
  usableUntil: string;
};

/** A lot of the host pharmacy: units that may leave it (on hand minus what accepted transfers reserved). */
export type HostLot = { id: number; cip13: string; lotNumber: string; expiryDate: string; available: number };

/** Units of one lot put into one order line: what the delivery note, the recall and the sheet read. */
export type LotAllocation = {
  lineId: number;
  orderId: number;
  residentId: number;
  cip13: string;
  lotId: number;
  lotNumber: string;
  expiryDate: string;
  units: number;
};

/** A product the host pharmacy cannot cover: units the batch needs and units of usable lots it holds. */
export type Shortage = { cip13: string; needed: number; available: number; missing: number };

export type BatchAllocation = {
  /** Allocations of every line that lots cover, FEFO; partial when `shortages` is not empty. */
  allocations: LotAllocation[];
  /** Units taken per lot, in lot order: one `robot_consumption` movement each. */
  perLot: { lotId: number; cip13: string; units: number }[];
  shortages: Shortage[];
};

/** The last day of an order week's pouches: a lot must not expire before it (SPEC §6). */
export const lastPouchDay = (week: string): string => addCalendarDays(isoWeekMonday(week), 6);

/** Per product, the units the lines need and the latest `usableUntil` among them. */
export function productNeeds(lines: readonly PouchLine[]): Map<string, { needed: number; usableUntil: string }> {
  const needs = new Map<string, { needed: number; usableUntil: string }>();
  for (const l of lines) {
    if (l.units <= 0) continue;
    const n = needs.get(l.cip13);
    if (!n) needs.set(l.cip13, { needed: l.units, usableUntil: l.usableUntil });
    else {
      n.needed += l.units;
      if (l.usableUntil > n.usableUntil) n.usableUntil = l.usableUntil;
    }
  }
  return needs;
}

/** Items by CIP13, each product's in their given order. */
function groupByProduct<T extends { cip13: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.cip13);
    if (group) group.push(item);
    else groups.set(item.cip13, [item]);
  }
  return groups;
}

const byFefo = (a: HostLot, b: HostLot) => a.expiryDate.localeCompare(b.expiryDate) || a.id - b.id;
const byLine = (a: PouchLine, b: PouchLine) =>
  a.orderId - b.orderId || a.residentId - b.residentId || a.lineId - b.lineId;

/**
 * FEFO allocation of a batch across the host pharmacy's lots (SPEC §4 "consumption picks lots
 * FEFO", §6 "lot numbers recorded per order line"). Per product, a lot is usable when it has
 * units available and does not expire before the last pouch day of any line of that product;
 * usable lots are taken first-expired-first (ties: oldest lot id) and handed to the lines in
 * order (order id, resident id, line id), a line spanning two lots when the first runs out.
 * Products whose usable units fall short are listed in `shortages` (sorted by CIP13) and their
 * lines are covered as far as the lots go, so a production sheet can still show them.
 * `named` (CIP13 → lot ids) is what the operator says was actually loaded (SPEC §4 "unless a lot
 * is named"): for those products only the named lots are used, in the order given.
 */
export function allocateBatch(
  lines: readonly PouchLine[],
  lots: readonly HostLot[],
  named: ReadonlyMap<string, readonly number[]> = new Map(),
): BatchAllocation {
  const needs = productNeeds(lines);
  const allocations: LotAllocation[] = [];
  const perLot: BatchAllocation['perLot'] = [];
  const shortages: Shortage[] = [];
  // Lots and lines grouped by product once: a batch has thousands of lines and the host
  // hundreds of lots, and sorting every lot for every product cost milliseconds (issue 16).
  const lotsOf = groupByProduct(lots);
  const linesOf = groupByProduct(lines.filter((l) => l.units > 0));
  for (const [cip13, need] of [...needs].sort(([a], [b]) => a.localeCompare(b))) {
    const chosen = named.get(cip13);
    const usable = (
      chosen ? chosen.flatMap((id) => lots.filter((l) => l.id === id)) : [...(lotsOf.get(cip13) ?? [])].sort(byFefo)
    )
      .filter((l) => l.cip13 === cip13 && l.available > 0 && l.expiryDate >= need.usableUntil)
      .map((l) => ({ lot: l, left: l.available }));
    const available = usable.reduce((s, u) => s + u.left, 0);
    if (available < need.needed)
      shortages.push({ cip13, needed: need.needed, available, missing: need.needed - available });
    const taken = new Map<number, number>();
    let cursor = 0;
    for (const line of [...(linesOf.get(cip13) ?? [])].sort(byLine)) {
      let left = line.units;
      while (left > 0 && cursor < usable.length) {
        const u = usable[cursor] as (typeof usable)[number];
        const take = Math.min(left, u.left);
        allocations.push({
          lineId: line.lineId,
          orderId: line.orderId,
          residentId: line.residentId,
          cip13,
          lotId: u.lot.id,
          lotNumber: u.lot.lotNumber,
          expiryDate: u.lot.expiryDate,
          units: take,
        });
        taken.set(u.lot.id, (taken.get(u.lot.id) ?? 0) + take);
        u.left -= take;
        left -= take;
        if (u.left === 0) cursor++;
      }
    }
    for (const u of usable) {
      const units = taken.get(u.lot.id);
      if (units) perLot.push({ lotId: u.lot.id, cip13, units });
    }
  }
  return { allocations, perLot, shortages };
}

/**
 * A batch's production steps (SPEC §6): `booked` → `in_production` → `produced` → `verified`;
 * cancelling is only before the start (the robot domain's `MOVABLE_STATUSES`).
 */
export const PRODUCTION_STEPS = {
  start: { from: 'booked', to: 'in_production' },
  complete: { from: 'in_production', to: 'produced' },
  verify: { from: 'produced', to: 'verified' },
} as const satisfies Record<string, { from: BatchStatus; to: BatchStatus }>;
export type ProductionStep = keyof typeof PRODUCTION_STEPS;

/** The status a batch's orders take at each step, and the one they must be in before it (SPEC §5). */
export const ORDER_STEP: Record<ProductionStep, { from: OrderStatus; to: OrderStatus }> = {
  start: { from: 'planned', to: 'in_production' },
  complete: { from: 'in_production', to: 'produced' },
  verify: { from: 'produced', to: 'verified' },
};

/** A pharmacist's check ends `verified`, or `anomalies` when it found some (they block verification). */
export const VERIFICATION_OUTCOMES = ['verified', 'anomalies'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

/** What a pharmacist who rejects a produced batch decides: produce it again, or give it up. */
export const REJECTION_DECISIONS = ['redo', 'abandon'] as const;
export type RejectionDecision = (typeof REJECTION_DECISIONS)[number];

/** Who signs a delivery for receipt: the care home itself, or the pharmacy on its behalf. */
export const DELIVERY_SIGNERS = ['carehome', 'pharmacy'] as const;
export type DeliverySigner = (typeof DELIVERY_SIGNERS)[number];

/** An order's progress as a care home follows it, from planning to delivery. */
export const ORDER_PROGRESS: readonly OrderStatus[] = [
  'submitted',
  'planned',
  'in_production',
  'produced',
  'verified',
  'delivered',
];

/** A block of the robot's calendar: ISO instants (UTC, `toISOString` form), end exclusive. */
export type Block = { start: string; end: string };

/**
 * Where a batch's block goes when it starts at `at` (ISO, UTC) rather than on its booked slot
 * `booked`, so that the robot's week calendar (SPEC §6) shows when it really runs. The block keeps its
 * minutes and moves to `at` when no other block is in the way. A batch already produced
 * (`produced`, `verified`) holds its block up to its completion (`completeBatch` ends it there; a
 * batch completed late keeps its planned end), so the block then starts where the last such block
 * in the way ends, if that is still ahead of the booked slot (an early start). A booked batch or one in production in the way keeps the
 * block on its slot. `others`: the robot's other active blocks (not cancelled) ending after `at`.
 * Returns the new block, or null when the block stays on its slot.
 */
export function followedBlock(
  booked: Block,
  at: string,
  others: readonly (Block & { status: string })[],
): Block | null {
  if (at === booked.start) return null;
  const length = Date.parse(booked.end) - Date.parse(booked.start);
  let start = Date.parse(at);
  for (;;) {
    const block = { start: new Date(start).toISOString(), end: new Date(start + length).toISOString() };
    const inTheWay = others.filter((o) => o.start < block.end && o.end > block.start);
    if (inTheWay.length === 0) return at < booked.start && block.start >= booked.start ? null : block;
    if (inTheWay.some((o) => o.status === 'booked' || o.status === 'in_production')) return null;
    // Only finished batches in the way: after the last of them (each pass moves strictly later).
    start = Math.max(...inTheWay.map((o) => Date.parse(o.end)));
  }
}

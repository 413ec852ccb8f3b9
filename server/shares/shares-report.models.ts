import { addCalendarDays } from '../shared/dates';
import {
  allocate,
  allocateInto,
  NoWeightsError,
  type Part,
  type PreparedWeights,
  prepareWeights,
  type Weight,
} from '../shared/money';
import {
  type AllocationKey,
  daysBetween,
  type Holdings,
  type HoldingsTimeline,
  inForce,
  type LedgerKind,
} from './shares.models';

// The shares report as pure arithmetic (SPEC §8): every ledger entry of the period shared among
// the members by its category's key on its date, to the cent, then summed per member and
// category. The use case loads the rows; this file decides nothing about time or storage.

/** The name the report carries: the cooperative of the five pharmacies. */
export const COOPERATIVE_NAME = 'Officoop — coopérative des pharmacies du plateau de Millevaches';

/**
 * The legal note of SPEC §8, printed when a surplus is shared by holding: it is part of the
 * report document (hashed and snapshotted with it), hence in French here.
 */
export const LEGAL_NOTE_SURPLUS_BY_HOLDING =
  'Excédent réparti selon les parts détenues. En droit coopératif, l’excédent d’une coopérative ne se répartit ' +
  'pas au prorata du capital : il peut être attribué aux associés sous forme de ristournes, au prorata des ' +
  'opérations traitées avec chacun d’eux (loi n° 47-1775 du 10 septembre 1947 portant statut de la coopération, ' +
  'art. 15). Cette répartition par parts est une clé de gestion ; pour répartir l’excédent selon l’activité, la ' +
  'clé des catégories de recettes concernées peut passer à « activité » (sachets vérifiés de chaque officine), ' +
  'sous réserve de la décision de l’assemblée générale.';

/**
 * Verified pouches per pharmacy for a Paris month `YYYY-MM` (the `activity` key): the robot
 * production domain provides it. A pharmacy missing from the map made no pouches.
 */
export type ActivitySource = (month: string) => ReadonlyMap<number, number>;

export type Member = { pharmacyId: number; name: string };
export type CategoryKey = { validFrom: string; allocationKey: AllocationKey };
export type Category = { id: number; name: string; kind: LedgerKind; keys: readonly CategoryKey[] };
/** An entry to share: a reversal carries its original's date as `allocationDate`, so it cancels it exactly. */
export type Entry = { id: number; date: string; allocationDate: string; categoryId: number; amountCents: number };

/** Entries whose key has no weight on their date (nobody holds shares, no verified pouches that month). */
export class UnallocatableError extends Error {
  constructor(readonly items: { entryId: number; categoryId: number; allocationKey: AllocationKey; date: string }[]) {
    super(`${items.length} entries cannot be allocated: every weight is zero`);
    this.name = 'UnallocatableError';
  }
}

/** The key of a category in force on a date (`holding`, the SPEC's default, before any). */
export function keyOn(category: Pick<Category, 'keys'>, date: string): AllocationKey {
  return inForce(category.keys, date)?.allocationKey ?? 'holding';
}

/**
 * The weights of each key on a date, memoised: `holding` is the shares held at the end of that
 * day; `equal` is one for every member holding at least one share that day; `activity` is the
 * verified pouches of the date's month of every member holding shares that day (a pharmacy
 * outside the cooperative that day does not share its accounts). Every member is listed, with
 * weight 0 when it has none. Weights are kept per holding state (the register changes on a few
 * dates a year; `holdingsTimeline` gives one map per state) and key, and per month for
 * `activity`: every date between two share transactions gets the same array, which the report
 * then prepares once (`buildSharesReport`).
 */
export function makeWeigher(members: readonly Member[], holdings: HoldingsTimeline, activity: ActivitySource) {
  const byHolding = new Map<Holdings, Map<string, Weight[]>>();
  return (key: AllocationKey, date: string): Weight[] => {
    const held = holdings.on(date);
    let cache = byHolding.get(held);
    if (!cache) {
      cache = new Map();
      byHolding.set(held, cache);
    }
    const month = key === 'activity' ? date.slice(0, 7) : '';
    const cacheKey = key === 'activity' ? `activity|${month}` : key;
    let weights = cache.get(cacheKey);
    if (!weights) {
      const pouches = key === 'activity' ? activity(month) : undefined;
      weights = members.map((m) => {
        const shares = Math.max(0, held.get(m.pharmacyId) ?? 0);
        if (key === 'holding') return { id: m.pharmacyId, weight: shares };
        if (key === 'equal') return { id: m.pharmacyId, weight: shares > 0 ? 1 : 0 };
        return { id: m.pharmacyId, weight: shares > 0 ? (pouches?.get(m.pharmacyId) ?? 0) : 0 };
      });
      cache.set(cacheKey, weights);
    }
    return weights;
  };
}
export type Weigher = ReturnType<typeof makeWeigher>;

/**
 * The key an entry is actually shared by on `date`, and its weights (null when all are zero).
 * An `activity` key whose month has no verified pouch (zero weights) falls back to `holding` on
 * the same date, and says so (`fallbackFrom: 'activity'`): an entry recorded before the robot's
 * month is verified is still shared, and the report states it (SPEC §8 asks that a zero base be
 * said clearly; the issue refuses a division by zero, not a report). A `holding` or `equal` key
 * with no weight (nobody held shares that day) has no fallback.
 */
export function effectiveWeights(
  key: AllocationKey,
  date: string,
  weigh: Weigher,
): { key: AllocationKey; fallbackFrom: AllocationKey | null; weights: Weight[] | null } {
  const ws = weigh(key, date);
  if (ws.some((w) => w.weight > 0)) return { key, fallbackFrom: null, weights: ws };
  if (key !== 'activity') return { key, fallbackFrom: null, weights: null };
  const byHolding = weigh('holding', date);
  return {
    key: 'holding',
    fallbackFrom: 'activity',
    weights: byHolding.some((w) => w.weight > 0) ? byHolding : null,
  };
}

/**
 * One entry's split: the key used (after the `activity` → `holding` fallback of
 * `effectiveWeights`, then `keyFallback` names the category's own key), and every member's part
 * (zero parts included), or null parts when every weight is zero.
 */
export function splitEntry(
  entry: Pick<Entry, 'allocationDate' | 'amountCents'>,
  category: Pick<Category, 'keys'>,
  weigh: Weigher,
): { allocationKey: AllocationKey; keyFallback: AllocationKey | null; parts: Part[] | null } {
  const plan = effectiveWeights(keyOn(category, entry.allocationDate), entry.allocationDate, weigh);
  const base = { allocationKey: plan.key, keyFallback: plan.fallbackFrom };
  if (!plan.weights) return { ...base, parts: null };
  try {
    return { ...base, parts: allocate(entry.amountCents, plan.weights) };
  } catch (err) {
    if (err instanceof NoWeightsError) return { ...base, parts: null };
    throw err;
  }
}

export type ReportContent = ReturnType<typeof buildSharesReport>;

/**
 * Each member's share of the cooperative's share-days, in basis points (1 % = 100), each rounded
 * on its own to the nearest basis point, halves up, in exact integer arithmetic: equal holdings
 * always show equal percentages (a treasurer reads 15,52 % twice, never 15,52 % and 15,51 %, as
 * the largest remainder method gave one of two tied members). The parts may therefore add up to
 * 100 % give or take a few hundredths; the report's total line shows the whole instead,
 * `percentTotal`. Weights below zero count as zero; with no weight at all every part is 0.
 * The money is not shared this way: cents stay allocated by the largest remainder (SPEC §8,
 * `allocate`), so the parts of every entry add up exactly to the entry.
 */
export function percentBasisPoints(weights: readonly { id: number; weight: number }[]): Map<number, number> {
  const positive = weights.map((w) => ({ id: w.id, weight: BigInt(Math.max(0, Math.round(w.weight))) }));
  const total = positive.reduce((s, w) => s + w.weight, 0n);
  if (total === 0n) return new Map(weights.map((w) => [w.id, 0]));
  return new Map(positive.map((w) => [w.id, Number((w.weight * 20_000n + total) / (2n * total))]));
}

/**
 * What the report's total line shows in its percentage column (PDF, CSV): 100 % when any member
 * held shares during the period (the whole, not the sum of the rounded parts, see
 * percentBasisPoints), else 0 %. The same for reports closed before parts were rounded on their
 * own, whose parts add up to exactly 100.
 */
export function percentTotal(members: readonly { shareDays: number }[]): number {
  return members.some((m) => m.shareDays > 0) ? 100 : 0;
}

/**
 * The sum of the members' rounded percentages (`percentBasisPoints`, each to the hundredth) when
 * it is not the whole `percentTotal` shows, else null: 100.01 for five members at 34.83, 29.85,
 * 14.93, 14.93 and 5.47. The report says so beside its table rather than leave a treasurer adding
 * them by hand to wonder (a tester did).
 */
export function percentSumIfOff(members: readonly { percent: number; shareDays: number }[]): number | null {
  const basisPoints = members.reduce((s, m) => s + Math.round(m.percent * 100), 0);
  return basisPoints === percentTotal(members) * 100 ? null : basisPoints / 100;
}

/**
 * The report's content for `from`…`to` (both included). Per member: shares at the start (at the
 * end of the day before `from`, where the previous period closed: a transaction dated `from` is a
 * movement of this period, though it weighs the whole of that day, as a transaction dated D takes
 * effect for all of D in the share-days and the allocation) and at the end (end of `to`),
 * share-days, day-weighted average holding and its percentage (percentBasisPoints: each rounded on its own, so equal holdings show equal percentages), costs and
 * revenues per category in cents, and the net (revenues − costs). Per category: the keys its
 * entries used, their count and total. Totals and the reconciliation against `ledger` (sums the
 * caller read from the ledger by another path): `balanced` is true when they agree to the cent.
 * `keyFallbacks`: per category and month, the `activity` entries shared by `holding` because
 * that month had no verified pouch (`effectiveWeights`), which the report states.
 * Throws `UnallocatableError` listing the entries (at most 20) that no key can share (nobody
 * held shares on their date).
 */
export function buildSharesReport(input: {
  from: string;
  to: string;
  members: readonly Member[];
  holdings: HoldingsTimeline;
  categories: readonly Category[];
  entries: Iterable<Entry>;
  activity: ActivitySource;
  ledger: { costCents: number; revenueCents: number };
}) {
  const { from, to, holdings } = input;
  // Members in id order: the index of a member is its index in every prepared weight vector.
  const members = [...input.members].sort((a, b) => a.pharmacyId - b.pharmacyId);
  const weigh = makeWeigher(members, holdings, input.activity);
  const categoryById = new Map(input.categories.map((c) => [c.id, c]));
  // Per category: `keys` used, each with the first allocation date it shared (the order the report says them in).
  const perCategory = new Map<
    number,
    { cents: Float64Array; total: number; count: number; keys: AllocationKey[]; firstDay: Map<AllocationKey, string> }
  >();
  const failures: UnallocatableError['items'] = [];
  // category|month → entries shared by `holding` because their `activity` month had no pouch.
  const fallbacks = new Map<string, { categoryId: number; month: string; entryCount: number }>();
  // An entry's plan: its key (after the fallback) and prepared weights (null: every weight is
  // zero). The weigher hands out one array per holding state and key (and month, for
  // `activity`), so plans are kept per array: each is worked out and prepared once, not once per
  // entry date.
  type Plan = { key: AllocationKey; fallbackFrom: AllocationKey | null; weights: PreparedWeights | null };
  const plans = new Map<Weight[], Plan>();
  const planFor = (category: Category, date: string): Plan => {
    const key = keyOn(category, date);
    const asked = weigh(key, date);
    let plan = plans.get(asked);
    if (!plan) {
      const found = effectiveWeights(key, date, weigh);
      plan = {
        key: found.key,
        fallbackFrom: found.fallbackFrom,
        weights: found.weights ? prepareWeights(found.weights) : null,
      };
      plans.set(asked, plan);
    }
    return plan;
  };

  for (const entry of input.entries) {
    const category = categoryById.get(entry.categoryId);
    if (!category) throw new Error(`entry ${entry.id} has unknown category ${entry.categoryId}`);
    const plan = planFor(category, entry.allocationDate);
    if (!plan.weights) {
      if (failures.length < 20)
        failures.push({
          entryId: entry.id,
          categoryId: category.id,
          allocationKey: plan.key,
          date: entry.allocationDate,
        });
      continue;
    }
    let acc = perCategory.get(category.id);
    if (!acc) {
      acc = { cents: new Float64Array(members.length), total: 0, count: 0, keys: [], firstDay: new Map() };
      perCategory.set(category.id, acc);
    }
    acc.total += entry.amountCents;
    acc.count += 1;
    if (plan.fallbackFrom) {
      const month = entry.allocationDate.slice(0, 7);
      const fallback = fallbacks.get(`${category.id}|${month}`) ?? { categoryId: category.id, month, entryCount: 0 };
      fallback.entryCount += 1;
      fallbacks.set(`${category.id}|${month}`, fallback);
    }
    const first = acc.firstDay.get(plan.key);
    if (first === undefined) acc.keys.push(plan.key);
    if (first === undefined || entry.allocationDate < first) acc.firstDay.set(plan.key, entry.allocationDate);
    allocateInto(entry.amountCents, plan.weights, acc.cents);
  }
  if (failures.length > 0) throw new UnallocatableError(failures);

  const used = input.categories
    .filter((c) => perCategory.has(c.id))
    .sort((a, b) =>
      a.kind === b.kind ? a.name.localeCompare(b.name, 'fr') || a.id - b.id : a.kind === 'cost' ? -1 : 1,
    );
  const days = daysBetween(from, to) + 1;
  const shareDays = holdings.shareDays(from, to);
  const totalShareDays = members.reduce((s, m) => s + Math.max(0, shareDays.get(m.pharmacyId) ?? 0), 0);
  const basisPoints =
    totalShareDays > 0
      ? percentBasisPoints(members.map((m) => ({ id: m.pharmacyId, weight: shareDays.get(m.pharmacyId) ?? 0 })))
      : new Map<number, number>();
  // At the start = the holdings at the end of the day before, where the previous period closed:
  // a transaction dated on the first day is a movement of this period (it shows between the start
  // and the end), though it takes effect for the whole of that day in the share-days and the
  // allocation of that day's entries. So each period opens where the one before it closed.
  const atStart = holdings.on(addCalendarDays(from, -1));
  const atEnd = holdings.on(to);

  const memberRows = members.map((m, i) => {
    const lines = (kind: LedgerKind) =>
      used
        .filter((c) => c.kind === kind)
        .map((c) => ({ categoryId: c.id, cents: perCategory.get(c.id)?.cents[i] ?? 0 }));
    const costs = lines('cost');
    const revenues = lines('revenue');
    const costCents = costs.reduce((s, l) => s + l.cents, 0);
    const revenueCents = revenues.reduce((s, l) => s + l.cents, 0);
    const sd = shareDays.get(m.pharmacyId) ?? 0;
    return {
      pharmacyId: m.pharmacyId,
      name: m.name,
      sharesAtStart: atStart.get(m.pharmacyId) ?? 0,
      sharesAtEnd: atEnd.get(m.pharmacyId) ?? 0,
      shareDays: sd,
      averageShares: Math.round((sd * 100) / days) / 100,
      percent: (basisPoints.get(m.pharmacyId) ?? 0) / 100,
      costs,
      revenues,
      costCents,
      revenueCents,
      netCents: revenueCents - costCents,
    };
  });

  const categories = used.map((c) => {
    const acc = perCategory.get(c.id) as {
      total: number;
      count: number;
      keys: AllocationKey[];
      firstDay: Map<AllocationKey, string>;
    };
    // In the order they first shared an entry ("activité, puis parts détenues" reads as a story).
    const day = (key: AllocationKey) => acc.firstDay.get(key) as string;
    const keys = [...acc.keys].sort((a, b) => (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : a < b ? -1 : 1));
    return { id: c.id, name: c.name, kind: c.kind, keys, entryCount: acc.count, totalCents: acc.total };
  });
  const sumKind = (kind: LedgerKind) => categories.filter((c) => c.kind === kind).reduce((s, c) => s + c.totalCents, 0);
  const costCents = sumKind('cost');
  const revenueCents = sumKind('revenue');
  const allocatedCostCents = memberRows.reduce((s, m) => s + m.costCents, 0);
  const allocatedRevenueCents = memberRows.reduce((s, m) => s + m.revenueCents, 0);
  const netCents = revenueCents - costCents;
  return {
    from,
    to,
    days,
    members: memberRows,
    categories,
    totals: {
      costCents,
      revenueCents,
      netCents,
      entryCount: categories.reduce((s, c) => s + c.entryCount, 0),
    },
    reconciliation: {
      ledgerCostCents: input.ledger.costCents,
      ledgerRevenueCents: input.ledger.revenueCents,
      allocatedCostCents,
      allocatedRevenueCents,
      balanced:
        allocatedCostCents === input.ledger.costCents &&
        allocatedRevenueCents === input.ledger.revenueCents &&
        costCents === input.ledger.costCents &&
        revenueCents === input.ledger.revenueCents,
    },
    keyFallbacks: [...fallbacks.values()]
      .map((f) => ({
        ...f,
        categoryName: categoryById.get(f.categoryId)?.name ?? '',
        fromKey: 'activity' as AllocationKey,
        toKey: 'holding' as AllocationKey,
      }))
      .sort((a, b) => a.month.localeCompare(b.month) || a.categoryName.localeCompare(b.categoryName, 'fr')),
    surplusSharedByHolding: netCents > 0 && categories.some((c) => c.kind === 'revenue' && c.keys.includes('holding')),
  };
}

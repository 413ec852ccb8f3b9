// Sharing an amount of cents among members by weight, to the cent (SPEC §8): one algorithm,
// `allocate` for a single amount and `allocateInto` for the many entries of a report.

/** One member's claim in an allocation: a member id and a non-negative integer weight. */
export type Weight = { id: number; weight: number };
/** One member's part: its weight and the integer cents it bears (or receives). */
export type Part = { id: number; weight: number; cents: number };

/** All weights are zero (or there is nobody): nothing can be shared, and nothing is divided by zero. */
export class NoWeightsError extends Error {
  constructor() {
    super('cannot allocate: every weight is zero');
    this.name = 'NoWeightsError';
  }
}

/** Weights checked and ordered once, for many allocations: ids ascending, their weights and sum. */
export type PreparedWeights = {
  readonly ids: readonly number[];
  readonly weights: readonly number[];
  readonly sum: number;
};

/**
 * Checks and orders weights by member id. Throws `NoWeightsError` when every weight is zero or
 * the list is empty; a RangeError on a non-integer or negative weight or a repeated id.
 */
export function prepareWeights(weights: readonly Weight[]): PreparedWeights {
  const members = [...weights].sort((a, b) => a.id - b.id);
  let sum = 0;
  for (let i = 0; i < members.length; i++) {
    const m = members[i] as Weight;
    if (!Number.isSafeInteger(m.weight) || m.weight < 0) throw new RangeError(`bad weight ${m.weight} for ${m.id}`);
    if (i > 0 && (members[i - 1] as Weight).id === m.id) throw new RangeError(`member ${m.id} listed twice`);
    sum += m.weight;
  }
  if (sum === 0) throw new NoWeightsError();
  return { ids: members.map((m) => m.id), weights: members.map((m) => m.weight), sum };
}

/**
 * Shares `totalCents` (a safe integer, negative for a reversal) among members in proportion to
 * their integer weights (shares held, 1 each, verified pouches), by the largest-remainder
 * (Hamilton) method of SPEC §8: each member gets the floor of its exact quota, then the cents
 * left over go one each to the largest remainders; ties go to the larger weight, then the smaller
 * member id — never to list order. The parts always add up to `totalCents` exactly, a zero weight
 * gets nothing, `allocate(-t, w)` is the exact negation of `allocate(t, w)`, and the result is
 * in ascending id order whatever the input order. Arithmetic is exact for any safe integers
 * (BigInt when products leave the safe range).
 * Throws `NoWeightsError` when every weight is zero or the list is empty; a RangeError on a
 * non-integer amount or weight, a negative weight or a repeated id (programming errors).
 */
export function allocate(totalCents: number, weights: readonly Weight[]): Part[] {
  const prepared = prepareWeights(weights);
  const cents = prepared.ids.map(() => 0);
  allocateInto(totalCents, prepared, cents);
  return prepared.ids.map((id, i) => ({ id, weight: prepared.weights[i] as number, cents: cents[i] as number }));
}

// Scratch space reused between calls: a report allocates 100 000 entries without garbage.
let floors = new Float64Array(16);
let remainders = new Float64Array(16);
let extra = new Uint8Array(16);

/**
 * `allocate` for many amounts over the same weights: adds each member's part of `totalCents` to
 * `acc[i]`, `i` being the member's index in `prepared.ids`. Same parts as `allocate`, without
 * allocating memory for the usual sizes. Throws a RangeError on an amount that is not integer cents.
 */
export function allocateInto(totalCents: number, prepared: PreparedWeights, acc: number[] | Float64Array): void {
  if (!Number.isSafeInteger(totalCents)) throw new RangeError(`money must be integer cents, got ${totalCents}`);
  const { weights, ids, sum } = prepared;
  const n = weights.length;
  const abs = Math.abs(totalCents);
  const sign = totalCents < 0 ? -1 : 1;
  if (!(Number.isSafeInteger(sum) && abs * sum <= Number.MAX_SAFE_INTEGER / 2)) {
    allocateBig(abs, sign, prepared, acc);
    return;
  }
  if (floors.length < n) {
    floors = new Float64Array(n);
    remainders = new Float64Array(n);
    extra = new Uint8Array(n);
  }
  let left = abs;
  for (let i = 0; i < n; i++) {
    const num = abs * (weights[i] as number);
    let q = Math.floor(num / sum);
    let r = num - q * sum;
    // The float division may be off by one near an integer: settle it exactly.
    if (r < 0) {
      q -= 1;
      r += sum;
    } else if (r >= sum) {
      q += 1;
      r -= sum;
    }
    floors[i] = q;
    remainders[i] = r;
    extra[i] = 0;
    left -= q;
  }
  // `left` < n cents remain: each goes to the best member not served yet (a sort for long lists).
  if (left > 0 && n > 32) {
    const order = weights
      .map((_, i) => i)
      .sort((i, j) => (before(remainders[i] as number, remainders[j] as number, i, j, weights, ids) ? -1 : 1));
    for (let k = 0; k < left; k++) extra[order[k] as number] = 1;
    left = 0;
  }
  for (; left > 0; left--) {
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (extra[i]) continue;
      if (best < 0 || before(remainders[i] as number, remainders[best] as number, i, best, weights, ids)) best = i;
    }
    extra[best] = 1;
  }
  for (let i = 0; i < n; i++) acc[i] = (acc[i] as number) + sign * ((floors[i] as number) + (extra[i] as number)) + 0;
}

/** True when member `i` (remainder `ri`) comes before member `j`: larger remainder, larger weight, smaller id. */
function before(
  ri: number | bigint,
  rj: number | bigint,
  i: number,
  j: number,
  weights: readonly number[],
  ids: readonly number[],
) {
  if (ri !== rj) return ri > rj;
  const wi = weights[i] as number;
  const wj = weights[j] as number;
  if (wi !== wj) return wi > wj;
  return (ids[i] as number) < (ids[j] as number);
}

/** The same quotas in BigInt, for totals and weights whose products leave the safe range. */
function allocateBig(abs: number, sign: number, prepared: PreparedWeights, acc: number[] | Float64Array) {
  const { weights, ids } = prepared;
  const total = BigInt(abs);
  const bigSum = weights.reduce((s, w) => s + BigInt(w), 0n);
  const q = weights.map((w) => Number((total * BigInt(w)) / bigSum));
  const r = weights.map((w) => (total * BigInt(w)) % bigSum);
  let left = abs - q.reduce((s, x) => s + x, 0);
  const order = weights
    .map((_, i) => i)
    .sort((i, j) => (before(r[i] as bigint, r[j] as bigint, i, j, weights, ids) ? -1 : 1));
  for (const i of order) {
    if (left === 0) break;
    q[i] = (q[i] as number) + 1;
    left--;
  }
  for (let i = 0; i < weights.length; i++) acc[i] = (acc[i] as number) + sign * (q[i] as number) + 0;
}

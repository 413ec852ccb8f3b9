/** Integer cents as French euros: `123456` → `1 234,56 €` (plain spaces, printable in PDFs too). */
export function formatEuros(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`money must be integer cents, got ${cents}`);
  return new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
    .format(cents / 100)
    .replace(/[\u202f\u00a0]/g, ' ');
}

/** Integer cents as a plain decimal for CSV files: `123456` → `1234.56`, `-5` → `-0.05`. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

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
  if (!Number.isSafeInteger(totalCents)) throw new RangeError(`money must be integer cents, got ${totalCents}`);
  const members = [...weights].sort((a, b) => a.id - b.id);
  let sum = 0;
  for (let i = 0; i < members.length; i++) {
    const m = members[i] as Weight;
    if (!Number.isSafeInteger(m.weight) || m.weight < 0) throw new RangeError(`bad weight ${m.weight} for ${m.id}`);
    if (i > 0 && (members[i - 1] as Weight).id === m.id) throw new RangeError(`member ${m.id} listed twice`);
    sum += m.weight;
  }
  if (sum === 0) throw new NoWeightsError();
  const abs = Math.abs(totalCents);
  const { floors, remainders } =
    Number.isSafeInteger(sum) && abs * sum <= Number.MAX_SAFE_INTEGER / 2
      ? splitSafe(abs, sum, members)
      : splitBig(abs, members);
  let left = abs - floors.reduce((s, q) => s + q, 0);
  const order = members.map((_, i) => i);
  order.sort((i, j) => {
    const ri = remainders[i] as bigint | number;
    const rj = remainders[j] as bigint | number;
    if (ri !== rj) return ri > rj ? -1 : 1;
    const mi = members[i] as Weight;
    const mj = members[j] as Weight;
    return mj.weight - mi.weight || mi.id - mj.id;
  });
  for (const i of order) {
    if (left === 0) break;
    floors[i] = (floors[i] as number) + 1;
    left--;
  }
  const sign = totalCents < 0 ? -1 : 1;
  return members.map((m, i) => ({ id: m.id, weight: m.weight, cents: sign * (floors[i] as number) + 0 }));
}

type Split = { floors: number[]; remainders: (number | bigint)[] };

/** Quotas `abs × w / sum` as floor and remainder (the numerator mod `sum`), in plain safe integers. */
function splitSafe(abs: number, sum: number, members: Weight[]): Split {
  const floors: number[] = [];
  const remainders: number[] = [];
  for (const m of members) {
    const n = abs * m.weight;
    let q = Math.floor(n / sum);
    let r = n - q * sum;
    // The float division may be off by one near an integer: settle it exactly.
    if (r < 0) {
      q -= 1;
      r += sum;
    } else if (r >= sum) {
      q += 1;
      r -= sum;
    }
    floors.push(q);
    remainders.push(r);
  }
  return { floors, remainders };
}

/** The same quotas in BigInt, for totals and weights whose products leave the safe range. */
function splitBig(abs: number, members: Weight[]): Split {
  const total = BigInt(abs);
  const bigSum = members.reduce((s, m) => s + BigInt(m.weight), 0n);
  const floors: number[] = [];
  const remainders: bigint[] = [];
  for (const m of members) {
    const n = total * BigInt(m.weight);
    floors.push(Number(n / bigSum));
    remainders.push(n % bigSum);
  }
  return { floors, remainders };
}

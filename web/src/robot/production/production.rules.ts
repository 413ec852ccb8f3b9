// Pure helpers of the production pages (unit-tested): who may do what on a batch, as the server
// decides it (server/http/policy.ts), so the page only shows buttons that will work.
import type { SessionUser } from '../../auth/auth.api';
import type { BatchDetail, ShortageItem } from './../production.api';

/** Staff of the robot's host pharmacy or of the batch's orders' pharmacy run production. */
export function mayRun(
  user: Pick<SessionUser, 'role' | 'pharmacy'>,
  batch: Pick<BatchDetail, 'pharmacyId' | 'production'>,
) {
  if (user.role !== 'pharmacist' && user.role !== 'technician') return false;
  const id = user.pharmacy?.id;
  return id === batch.pharmacyId || id === batch.production.hostPharmacyId;
}

/**
 * The batch's own pharmacy (pharmacist or technician) or the coordinator may move or cancel it,
 * until production starts (the calendar's `mine`, server/robot).
 */
export function mayMoveOrCancel(
  user: Pick<SessionUser, 'role' | 'pharmacy'>,
  batch: Pick<BatchDetail, 'pharmacyId' | 'status'>,
) {
  if (batch.status !== 'booked') return false;
  if (user.role === 'admin') return true;
  return (user.role === 'pharmacist' || user.role === 'technician') && user.pharmacy?.id === batch.pharmacyId;
}

/**
 * Only a pharmacist of the pharmacy serving the batch's care homes verifies and resolves
 * anomalies (SPEC §2): the host's pharmacist runs the robot but does not sign off its colleagues' pouches.
 */
export const mayVerify = (
  user: Pick<SessionUser, 'role' | 'pharmacy'>,
  batch: Pick<BatchDetail, 'pharmacyId' | 'production'>,
) => user.role === 'pharmacist' && user.pharmacy?.id === batch.pharmacyId;

/**
 * Staff of the pharmacy serving the batch's care homes print its orders' delivery notes; the host's
 * staff run the robot but the notes are the other pharmacy's documents (the API answers them 404,
 * as any order of another pharmacy: SPEC §10).
 */
export const mayPrintDeliveryNotes = (
  user: Pick<SessionUser, 'role' | 'pharmacy'>,
  batch: Pick<BatchDetail, 'pharmacyId'>,
) => (user.role === 'pharmacist' || user.role === 'technician') && user.pharmacy?.id === batch.pharmacyId;

/**
 * The instant from which the batch may start (ISO), or null when it may start now: the last
 * cut-off of its orders still ahead of `now` (until then the care home may change the order; the
 * server answers 409 `robot.start_before_cutoff`).
 */
export function startsAfter(batch: Pick<BatchDetail, 'orders'>, now: Date): string | null {
  const last = batch.orders
    .map((o) => o.cutoffAt)
    .sort()
    .at(-1);
  return last !== undefined && Date.parse(last) > now.getTime() ? last : null;
}

/**
 * The dépannage to ask for a missing product: the other pharmacy holding the most of it, for
 * what is missing or what it holds if less; null when nobody can help.
 */
export function depannageFor(item: Pick<ShortageItem, 'missing' | 'pool'>) {
  const best = [...item.pool].sort((a, b) => b.available - a.available || a.pharmacyId - b.pharmacyId)[0];
  if (!best || best.available <= 0) return null;
  return {
    fromPharmacyId: best.pharmacyId,
    pharmacyName: best.pharmacyName,
    quantity: Math.min(item.missing, best.available),
  };
}

export const PROGRESS_STEPS = ['submitted', 'planned', 'in_production', 'produced', 'verified', 'delivered'] as const;

const counts = new Intl.NumberFormat('fr-FR');
/** A count as French users read it: 1 130. */
export const formatCount = (n: number) => counts.format(n);

/** The statuses a care home follows on its home card, from planning to delivery. */
const FOLLOWED = ['planned', 'in_production', 'produced', 'verified', 'delivered'];

/**
 * The orders the care home's "Suivi de mes commandes" card shows (at most `max`) and how many wait
 * for it to sign the reception (`waiting`, every verified order, shown or not). First the verified
 * orders, soonest week first: they are on their way and only the nurse can sign for them; then the
 * orders still being prepared, soonest first; then the delivered ones, latest first. (Until
 * 2026-12-04 the card kept the two latest weeks, so a verified week 50 hid behind planned weeks
 * 51 and 52, and its "Signer la réception" with it.)
 */
export function followedOrders<O extends { week: string; status: string }>(
  orders: readonly O[],
  max = 2,
): { shown: O[]; waiting: number } {
  const rank = (o: O) => (o.status === 'verified' ? 0 : o.status === 'delivered' ? 2 : 1);
  const followed = orders
    .filter((o) => FOLLOWED.includes(o.status))
    .sort((a, b) => rank(a) - rank(b) || (rank(a) === 2 ? b.week.localeCompare(a.week) : a.week.localeCompare(b.week)));
  return { shown: followed.slice(0, max), waiting: followed.filter((o) => o.status === 'verified').length };
}

/**
 * The pouches the robot left to remake, from the count typed in « Sachets produits »: `planned`
 * minus a whole count from 0 to `planned`; 0 while the count is empty or unreadable (« -5 »,
 * « 12,5 », more than planned), which the field's own error already reports.
 */
export function missingPouches(produced: number | string, planned: number): number {
  const n = Number(produced);
  if (produced === '' || !Number.isInteger(n) || n < 0 || n > planned) return 0;
  return planned - n;
}

/**
 * What the « Terminer la production » form refuses before sending (the server's own rules, SPEC §6,
 * said beside the field): fewer pouches than planned need an incident described, and the short
 * pouches listed per resident must add up to the ones missing. Field → message key and params.
 */
export function completeFormIssues(
  values: {
    pouchesProduced: number | string;
    incident: string;
    short: { residentId: string | null; pouches: number | string }[];
  },
  planned: number,
): Record<
  string,
  {
    key:
      | 'production.complete.incidentMissing'
      | 'production.complete.overPlanned'
      | 'errors.robot.short_pouches_mismatch';
    params: Record<string, number>;
  }
> {
  const produced = Number(values.pouchesProduced);
  // The robot packs the batch's pouches, no more: a larger count is a typing slip.
  if (values.pouchesProduced !== '' && Number.isInteger(produced) && produced > planned)
    return { pouchesProduced: { key: 'production.complete.overPlanned', params: { planned } } };
  const missing = missingPouches(values.pouchesProduced, planned);
  if (missing === 0) return {};
  if (!values.incident.trim())
    return { incident: { key: 'production.complete.incidentMissing', params: { count: missing } } };
  const listed = values.short.filter((r) => r.residentId).reduce((sum, r) => sum + (Number(r.pouches) || 0), 0);
  return listed === missing
    ? {}
    : { short: { key: 'errors.robot.short_pouches_mismatch', params: { listed, missing } } };
}

/**
 * When the robot ran a produced (or verified) batch and for how many minutes (at least 1): from
 * `production.startedAt` to `production.completedAt` (UTC ISO). Its block is not always the run: a
 * batch started ahead of its slot keeps its block where another batch's slot held the time. Null
 * before it is produced: the slot is still the planned one.
 */
export function ranTimes(
  batch: Pick<BatchDetail, 'status' | 'start' | 'end'> & {
    production: Pick<BatchDetail['production'], 'startedAt' | 'completedAt'>;
  },
): { start: string; end: string; minutes: number } | null {
  if (batch.status !== 'produced' && batch.status !== 'verified') return null;
  const start = batch.production.startedAt ?? batch.start;
  const end = batch.production.completedAt ?? batch.end;
  return { start, end, minutes: Math.max(1, Math.round((Date.parse(end) - Date.parse(start)) / 60_000)) };
}

/**
 * Minutes the robot has run (from `production.startedAt` to `now`, floored) when that is under
 * half the batch's planned `durationMinutes`: finishing it then is most likely a slip (a click
 * on « Terminer » right after « Démarrer »), so the dialog asks to check. Null when not started
 * or when the run is long enough. A warning only: the server records what is declared.
 */
export function runTooShort(
  batch: Pick<BatchDetail, 'durationMinutes'> & { production: Pick<BatchDetail['production'], 'startedAt'> },
  now: Date,
): number | null {
  const started = batch.production.startedAt;
  if (!started) return null;
  const elapsed = Math.max(0, Math.floor((now.getTime() - Date.parse(started)) / 60_000));
  return elapsed * 2 < batch.durationMinutes ? elapsed : null;
}

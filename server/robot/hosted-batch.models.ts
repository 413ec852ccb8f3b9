import { weekAlertParams } from '../orders/orders.models';
import { isoWeek, parisDate, parisTime } from '../shared/dates';

/**
 * The alert kind telling a robot's host pharmacy that a colleague's batch on its robot changed
 * (SPEC §6: a robot belongs to a host pharmacy whose staff run it; any pharmacy may book on it).
 */
export const HOSTED_BATCH_CHANGED_KIND = 'robot.hosted_batch_changed';
/** The kind such alerts had when only a cancelled order was told: still read and resolved. */
export const HOSTED_BATCH_REDUCED_KIND = 'robot.hosted_batch_reduced';
/** Every kind of host notice, for resolving them. */
export const HOSTED_BATCH_KINDS = [HOSTED_BATCH_CHANGED_KIND, HOSTED_BATCH_REDUCED_KIND] as const;

/**
 * What happened to the batch: `booked` (new, by hand or by the planner), `moved` (another start),
 * `cancelled` (the whole batch), `shrunk` / `grown` (an order left it or its pouches changed),
 * `emptied` (its last order left it: the batch is cancelled).
 */
export type HostedBatchChange = 'booked' | 'moved' | 'shrunk' | 'grown' | 'emptied' | 'cancelled';

/**
 * The order behind a `shrunk` / `grown` / `emptied` change, and why: `cancelled` (the order was
 * cancelled), `changed` (its pouches changed, it stays), `left` (it grew and no longer fits the
 * slot, so it left the batch to be planned again).
 */
export type HostedOrderCause = { careHomeName: string; week: string; reason: 'cancelled' | 'changed' | 'left' };

/** The figures of a batch a notice reads: slot (ISO instants, UTC), pouches, booking pharmacy. */
export type HostedBatchFigures = {
  id: number;
  pharmacyName: string;
  start: string;
  end: string;
  pouches: number;
  durationMinutes: number;
};

const EMPTIED_KEYS = {
  cancelled: 'alerts.hostedBatchOrderCancelledEmptied',
  left: 'alerts.hostedBatchOrderLeftEmptied',
};
const SHRUNK_KEYS = { cancelled: 'alerts.hostedBatchOrderCancelled', left: 'alerts.hostedBatchOrderLeft' };

/**
 * The message of a host notice (a key of the web's catalogue) and its parameters: `batchId`,
 * `change`, `robot`, `pharmacy` (the batch's), `startDay` (Paris 'YYYY-MM-DD'), `startTime` and
 * `endTime` (Paris 'HH:mm') of the slot as booked now (the freed one when cancelled or emptied),
 * `robotWeek`, `pouches`. A move adds the slot left: `fromStart`, `fromEnd` (ISO, UTC), `fromDay`,
 * `fromStartTime`, `fromEndTime`; an order's change adds `fromPouches`, `fromEnd`, `fromEndTime`,
 * `careHome` and the order's week (`weekAlertParams`). `before` is the batch before this change
 * (null when booked). `told` is the open notice this one replaces, if any: after a move, a move
 * still starts from the slot first told; after a resize, a resize still counts from the figures
 * first told (the host compares with what it knew), and a change of the order's pouches is
 * `grown` or `shrunk` against them. `order` is required for `shrunk`, `grown` and `emptied`.
 */
export function hostedBatchNotice(args: {
  robotName: string;
  before: HostedBatchFigures | null;
  after: HostedBatchFigures;
  change: HostedBatchChange;
  order?: HostedOrderCause;
  told?: Record<string, string | number>;
}): { messageKey: string; params: Record<string, string | number> } {
  const { robotName, before, after, order, told } = args;
  let change = args.change;
  const start = new Date(after.start);
  const params: Record<string, string | number> = {
    batchId: after.id,
    change,
    robot: robotName,
    pharmacy: after.pharmacyName,
    startDay: parisDate(start),
    startTime: parisTime(start),
    endTime: parisTime(new Date(after.end)),
    robotWeek: isoWeek(start),
    pouches: after.pouches,
  };
  if (change === 'booked') return { messageKey: 'alerts.hostedBatchBooked', params };
  if (change === 'cancelled') return { messageKey: 'alerts.hostedBatchCancelled', params };
  const from = before ?? after;
  if (change === 'moved') {
    const keep = told?.change === 'moved' && typeof told.fromStart === 'string' && typeof told.fromEnd === 'string';
    const fromStart = keep ? String(told.fromStart) : from.start;
    const fromEnd = keep ? String(told.fromEnd) : from.end;
    Object.assign(params, {
      fromStart,
      fromEnd,
      fromDay: parisDate(new Date(fromStart)),
      fromStartTime: parisTime(new Date(fromStart)),
      fromEndTime: parisTime(new Date(fromEnd)),
    });
    return { messageKey: 'alerts.hostedBatchMoved', params };
  }
  if (!order) throw new Error(`a ${change} notice names its order`);
  const resized = (told?.change === 'shrunk' || told?.change === 'grown') && typeof told.fromPouches === 'number';
  const fromPouches = resized ? Number(told.fromPouches) : from.pouches;
  const fromEnd = resized && typeof told.fromEnd === 'string' ? told.fromEnd : from.end;
  Object.assign(params, {
    careHome: order.careHomeName,
    ...weekAlertParams(order.week),
    fromPouches,
    fromEnd,
    fromEndTime: parisTime(new Date(fromEnd)),
  });
  if (change === 'emptied') {
    return { messageKey: EMPTIED_KEYS[order.reason === 'left' ? 'left' : 'cancelled'], params };
  }
  if (order.reason !== 'changed') return { messageKey: SHRUNK_KEYS[order.reason], params };
  const endMoved = Date.parse(after.end) - Date.parse(fromEnd);
  change = endMoved > 0 || (endMoved === 0 && after.pouches > fromPouches) ? 'grown' : 'shrunk';
  params.change = change;
  const messageKey =
    endMoved > 0
      ? 'alerts.hostedBatchOrderChangedLonger'
      : endMoved < 0
        ? 'alerts.hostedBatchOrderChangedShorter'
        : 'alerts.hostedBatchOrderChangedSameTime';
  return { messageKey, params };
}

import { conflict, forbidden, notFound, unprocessable } from '../shared/errors';

/** Error factories of the robot domain; `details` carry the values the UI puts in its message. */
export const robotErrors = {
  notFound: () => notFound('robot.not_found', 'Robot not found'),
  closureHostOnly: (hostPharmacyName: string) =>
    forbidden('robot.closure_host_only', 'Only the coordinator or a pharmacist of the host pharmacy closes the robot', [
      { hostPharmacyName },
    ]),
  inactive: () => conflict('robot.inactive', 'This robot is out of service'),
  nameTaken: (name: string) => conflict('robot.name_taken', `A robot is already called ${name}`, [{ name }]),
  pharmacyNotFound: () => notFound('pharmacies.not_found', 'Pharmacy not found'),
  windowEndsBeforeStart: (window: { weekday: number; start: string; end: string }) =>
    unprocessable('robot.window_ends_before_start', 'A working window must end after it starts', [window]),
  windowsOverlap: (windows: { weekday: number; start: string; end: string }[]) =>
    unprocessable('robot.windows_overlap', 'Two working windows of one day overlap', windows),
  closureEndsBeforeStart: () => unprocessable('robot.closure_ends_before_start', 'A closure must end after it starts'),
  closureOverBatches: (batches: { id: number; start: string; end: string; status: string; pharmacyName: string }[]) =>
    conflict(
      'robot.closure_over_batches',
      'Batches are booked during this closure: move or cancel them first, or send their ids in cancelBatches to cancel them with the closure',
      batches,
    ),
  windowsOverBatches: (batches: { id: number; start: string; end: string }[]) =>
    conflict(
      'robot.windows_over_batches',
      'Booked batches would no longer lie inside a working window: move or cancel them first',
      batches,
    ),
  cassetteInUse: (cip13: string, batches: { id: number; start: string; end: string }[]) =>
    conflict(
      'robot.cassette_in_use',
      `Batches not yet produced count on the cassette of ${cip13}: cancel them first`,
      batches.map((b) => ({ ...b, cip13 })),
    ),
  cassetteSlotsInUse: (cassettes: { slot: number; cassetteId: number; cip13: string }[]) =>
    conflict('robot.cassette_slots_in_use', 'Cassettes sit in the slots that would go', cassettes),
  noProductionTime: (careHomes: { careHomeId: number; careHome: string }[]) =>
    unprocessable(
      'robot.no_production_time',
      `This control time leaves no time to produce between cut-off and delivery for ${careHomes.map((c) => c.careHome).join(', ')}`,
      careHomes,
    ),
  closureExists: (closure: { id: number; start: string; end: string; kind: string; reason: string }) =>
    conflict('robot.closure_exists', `A closure of this kind already starts then: ${closure.reason}`, [closure]),
  closureNotFound: () => notFound('robot.closure_not_found', 'Closure not found'),
  unknownProduct: (cip13: string) =>
    unprocessable('robot.unknown_product', `CIP13 ${cip13} is not in the catalogue`, [{ cip13 }]),
  productPdaExcluded: (cip13: string, reason: string) =>
    unprocessable('robot.product_pda_excluded', `CIP13 ${cip13} never goes in pouches: ${reason}`, [{ cip13, reason }]),
  cassetteSlotTaken: (slot: number, cassetteId: number, cip13: string) =>
    conflict('robot.cassette_slot_taken', `Slot ${slot} already holds a cassette`, [{ slot, cassetteId, cip13 }]),
  cassetteSlotOutOfRange: (slot: number, slots: number) =>
    unprocessable('robot.cassette_slot_out_of_range', `This robot has slots 1 to ${slots}`, [{ slot, slots }]),
  cassetteNotFound: () => notFound('robot.cassette_not_found', 'Cassette not found'),
  cassetteSameProduct: (cip13: string) =>
    unprocessable('robot.cassette_same_product', 'The cassette already holds this product', [{ cip13 }]),

  orderNotFound: (orderId: number) => notFound('robot.order_not_found', 'Order not found', [{ orderId }]),
  orderNotSubmitted: (orderId: number, status: string) =>
    conflict('robot.order_not_submitted', 'Only a submitted order can be planned', [{ orderId, status }]),
  orderAlreadyPlanned: (orderId: number, batchId: number | null) =>
    conflict('robot.order_already_planned', 'This order is already in a batch', [{ orderId, batchId }]),
  mixedPharmacies: () =>
    unprocessable('robot.mixed_pharmacies', "A batch holds orders of one pharmacy's care homes only"),
  nothingToProduce: () => unprocessable('robot.nothing_to_produce', 'These orders have no pouch to produce'),
  startInPast: (now: string) => unprocessable('robot.start_in_past', 'The start is already past', [{ now }]),
  beforeCutoff: (d: { orderId: number; cutoffAt: string; start: string }) =>
    unprocessable(
      'robot.before_cutoff',
      "The batch would start before the order's cut-off, while the care home may still change it",
      [d],
    ),
  outsideWindow: (start: string, end: string) =>
    unprocessable('robot.outside_window', 'The batch does not fit inside one working window', [{ start, end }]),
  closed: (closure: { id: number | null; start: string; end: string; kind: string; reason: string }) =>
    unprocessable('robot.closed', `The robot is closed then: ${closure.reason}`, [closure]),
  afterDeadline: (d: { orderId: number; deadline: string; end: string }) =>
    unprocessable('robot.after_deadline', `The batch would end after the order's deadline`, [d]),
  slotTaken: (batch: { id: number; start: string; end: string }, nextStarts: string[]) =>
    conflict('robot.slot_taken', 'Another batch is booked at that time', [{ batch, nextStarts }]),

  planChanged: (previewed: string, plan: { fingerprint: string }) =>
    conflict('robot.plan_changed', 'The plan changed since it was previewed: review the new one', [
      { previewed, ...plan },
    ]),

  batchNotFound: () => notFound('robot.batch_not_found', 'Batch not found'),
  batchCancelled: () =>
    conflict('robot.batch_cancelled', 'This batch is cancelled: book its orders in a new batch', [
      { status: 'cancelled' },
    ]),
  batchNotMovable: (status: string) =>
    conflict('robot.batch_not_movable', 'Production has started: the batch can no longer be changed', [{ status }]),
};

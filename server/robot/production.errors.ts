import { conflict, forbidden, notFound, unprocessable } from '../shared/errors';
import type { Shortage } from './production.models';

/** Error factories of robot production and delivery; `details` carry what the UI puts in its message. */
export const productionErrors = {
  batchNotBooked: (status: string) =>
    conflict('robot.batch_not_booked', 'Only a booked batch can be started', [{ status }]),
  batchAlreadyStarted: (status: string) =>
    conflict('robot.batch_already_started', 'This batch has already been started', [{ status }]),
  startBeforeCutoff: (orderId: number, cutoffAt: string) =>
    conflict(
      'robot.start_before_cutoff',
      'This batch holds an order whose cut-off has not passed: the care home may still change it',
      [{ orderId, cutoffAt }],
    ),
  robotBusy: (batchId: number) =>
    conflict(
      'robot.robot_busy',
      'The robot is producing another batch: this one can go into production once that one is produced',
      [{ batchId }],
    ),
  batchNotStarted: (status: string) =>
    conflict('robot.batch_not_started', 'Start the batch before completing it', [{ status }]),
  batchAlreadyCompleted: (status: string) =>
    conflict('robot.batch_already_completed', 'This batch has already been completed', [{ status }]),
  batchNotProduced: (status: string) =>
    conflict('robot.batch_not_produced', 'Only a produced batch can be verified', [{ status }]),
  verifyOwnCareHomesOnly: () =>
    forbidden(
      'robot.verify_own_care_homes_only',
      "Only a pharmacist of the pharmacy serving the batch's care homes verifies its pouches",
    ),
  batchAlreadyVerified: () => conflict('robot.batch_already_verified', 'This batch has already been verified'),
  pouchCountMismatch: (expected: number, produced: number) =>
    unprocessable('robot.pouch_count_mismatch', `The batch holds ${expected} pouches, not ${produced}`, [
      // More than planned is a typing slip, not pouches to remake: the message says which.
      { expected, produced, excess: Math.max(0, produced - expected) },
    ]),
  shortPouchesMismatch: (missing: number, listed: number) =>
    unprocessable(
      'robot.short_pouches_mismatch',
      `The incident must list the ${missing} pouches not produced, not ${listed}`,
      [{ missing, listed }],
    ),
  shortPouchesOverResident: (residentId: number, pouches: number) =>
    unprocessable('robot.short_pouches_over_resident', `This resident has only ${pouches} pouches in the batch`, [
      { residentId, pouches },
    ]),
  lotNotUsable: (cip13: string, lotId: number, why: 'not_in_batch' | 'not_host_lot' | 'expires_too_soon') =>
    unprocessable('robot.lot_not_usable', 'This lot cannot have been loaded for this batch', [{ cip13, lotId, why }]),
  shortage: (items: (Shortage & { label: string })[]) =>
    conflict('robot.shortage', "The host pharmacy's stock does not cover the batch", items),
  residentNotInBatch: (residentId: number) =>
    unprocessable('robot.anomaly_resident_not_in_batch', 'This resident has no pouch in the batch', [{ residentId }]),
  pouchesCheckedOverProduced: (checked: number, produced: number) =>
    unprocessable('robot.pouches_checked_over_produced', `Only ${produced} pouches were produced`, [
      { checked, produced },
    ]),
  pouchesNotAllChecked: (checked: number, produced: number) =>
    unprocessable('robot.pouches_not_all_checked', `Every pouch must be checked: ${checked} of ${produced}`, [
      { checked, produced },
    ]),
  openAnomalies: (anomalies: { id: number; residentId: number }[]) =>
    conflict('robot.open_anomalies', 'Resolve the open anomalies before verifying', anomalies),
  anomalyNotFound: () => notFound('robot.anomaly_not_found', 'Anomaly not found'),
  anomalyResolved: () => conflict('robot.anomaly_already_resolved', 'This anomaly is already resolved'),
  orderNotVerified: (status: string) =>
    conflict('orders.not_verified', 'Only a verified order can be delivered', [{ status }]),
  orderAlreadyDelivered: () => conflict('orders.already_delivered', 'This order has already been delivered'),
  orderNotFound: () => notFound('orders.not_found', 'Order not found'),
  deliveryRemarksCareHomeOnly: () =>
    forbidden(
      'orders.delivery_remarks_carehome_only',
      'The remarks on receipt are the care home’s: a pharmacy signing on its behalf leaves them empty',
    ),
};

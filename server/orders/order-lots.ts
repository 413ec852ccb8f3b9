import type { Db } from '../../db/client';
import { listOrderLots } from '../robot/production.repository';

export type OrderLot = { cip13: string; label: string; lotNumber: string; expiryDate: string; units: number };

/**
 * Lots the robot's production recorded against an order's lines (SPEC §5 delivery note: "lots
 * used"), per product and lot, from the batch's consumption rows; none before production.
 */
export function orderLots(db: Db, orderId: number): OrderLot[] {
  return listOrderLots(db, orderId);
}

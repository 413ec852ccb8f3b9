import type { Db } from '../../db/client';

export type OrderLot = { cip13: string; label: string; lotNumber: string; expiryDate: string; units: number };

/**
 * Lots the robot's production recorded against an order's lines (SPEC §5 delivery note: "lots
 * used"). The robot domain answers here once production records lots; until then, none.
 */
export function orderLots(_db: Db, _orderId: number): OrderLot[] {
  return [];
}

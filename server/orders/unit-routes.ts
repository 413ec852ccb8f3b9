import type { Db } from '../../db/client';
import { cassetteProducts } from '../robot/robot.repository';

/**
 * Which products have a cassette in the robot that packs a care home's pouches (SPEC §6): a
 * pouch-eligible unit is `robot` when its product has one, `manual` (tray) otherwise. The robot
 * domain answers (the cooperative's active robots' current cassettes); until a robot has any
 * cassette, every eligible unit counts as robot (`undefined`).
 */
export function cassetteLookup(db: Db, _careHomeId: number): ((cip13: string) => boolean) | undefined {
  const products = cassetteProducts(db);
  return products && ((cip13) => products.has(cip13));
}

import type { Db } from '../../db/client';

/**
 * Which products have a cassette in the robot that packs a care home's pouches (SPEC §6): a
 * pouch-eligible unit is `robot` when its product has one, `manual` (tray) otherwise. The robot
 * domain answers here once cassettes exist; until then every eligible unit counts as robot
 * (`undefined`).
 */
export function cassetteLookup(_db: Db, _careHomeId: number): ((cip13: string) => boolean) | undefined {
  return undefined;
}

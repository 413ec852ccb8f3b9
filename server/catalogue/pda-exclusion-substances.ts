/**
 * Substances that keep a drug out of robot pouches whatever its form (SPEC §4, §6).
 * Each entry is one word of a BDPM substance name, upper case without accents, matched as a
 * whole word: "SULFATE DE MORPHINE" matches MORPHINE, "CHLORHYDRATE D'APOMORPHINE" does not.
 * A pharmacist can still override the flag of any presentation; that edit survives re-imports.
 */

/** Vitamin K antagonists: doses change with each INR result, so they are given by hand. */
export const VITAMIN_K_ANTAGONISTS: readonly string[] = [
  'WARFARINE',
  'FLUINDIONE',
  'ACENOCOUMAROL',
  'PHENPROCOUMONE',
  'PHENINDIONE',
];

/**
 * Narcotics (stupéfiants) and drugs handled like them (assimilés stupéfiants): kept in the
 * locked safe with their own register, so they never enter a pouch made ahead of time.
 * Tramadol and codeine are not on the list (liste I, not stupéfiants).
 */
export const NARCOTICS: readonly string[] = [
  'MORPHINE',
  'OXYCODONE',
  'FENTANYL',
  'SUFENTANIL',
  'ALFENTANIL',
  'REMIFENTANIL',
  'REMIFENTANYL',
  'HYDROMORPHONE',
  'METHADONE',
  'BUPRENORPHINE',
  'PETHIDINE',
  'TAPENTADOL',
  'KETAMINE',
  'ESKETAMINE',
  'METHYLPHENIDATE',
  'OXYBATE',
  'DRONABINOL',
  'NABILONE',
  'FLUNITRAZEPAM',
  'COCAINE',
  'DIAMORPHINE',
];

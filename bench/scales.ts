/**
 * Dataset sizes. Each domain's generator reads the counts it needs; a count for a
 * table that does not exist yet is simply unused.
 */
export type Scale = {
  name: ScaleName;
  pharmacies: number;
  lotsPerPharmacy: number;
  careHomes: number;
  residentsPerCareHome: number;
  ledgerYears: number;
  ledgerEntries: number;
  /** Synthetic catalogue size when the real BDPM files are not imported. */
  products: number;
  /** Default seconds per HTTP load run. */
  durationS: number;
  /** Seconds of load before each measured endpoint, to warm the JIT and caches. */
  warmupS: number;
};

export const SCALE_NAMES = ['tiny', 'small', 'territory', 'national'] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

export const SCALES: Record<ScaleName, Scale> = {
  tiny: {
    name: 'tiny',
    pharmacies: 5,
    lotsPerPharmacy: 20,
    careHomes: 2,
    residentsPerCareHome: 5,
    ledgerYears: 1,
    ledgerEntries: 50,
    products: 200,
    durationS: 1,
    warmupS: 0,
  },
  small: {
    name: 'small',
    pharmacies: 5,
    lotsPerPharmacy: 300,
    careHomes: 4,
    residentsPerCareHome: 30,
    ledgerYears: 1,
    ledgerEntries: 1_000,
    products: 5_000,
    // Issue 16 measures ~60 endpoints with their same-SQL floors: 1.5 s runs keep this under 5 minutes.
    durationS: 1.5,
    warmupS: 1,
  },
  territory: {
    name: 'territory',
    pharmacies: 5,
    lotsPerPharmacy: 3_000,
    careHomes: 10,
    residentsPerCareHome: 80,
    ledgerYears: 5,
    ledgerEntries: 20_000,
    products: 20_000,
    durationS: 5,
    warmupS: 2,
  },
  national: {
    name: 'national',
    pharmacies: 1_000,
    lotsPerPharmacy: 3_000,
    careHomes: 1_000,
    residentsPerCareHome: 80,
    ledgerYears: 5,
    ledgerEntries: 100_000,
    products: 20_000,
    durationS: 5,
    warmupS: 2,
  },
};

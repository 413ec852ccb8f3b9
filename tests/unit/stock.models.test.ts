import { describe, expect, it } from 'vitest';
import {
  checkExpiryPlausible,
  checkLotNumber,
  latestPlausibleExpiry,
  offerLastDay,
  offerStatusOn,
  pickFefo,
  type RebalanceLot,
  settle,
  suggestRebalancing,
  weightedUnitCost,
} from '../../server/stock/stock.models';
import { parseExpiry, parseSnapshotCsv, planSnapshot } from '../../server/stock/stock-import.models';

const AMLODIPINE = '3400937977661';
const OTHER = '3400930000001';
const THIRD = '3400930000002';
const TODAY = '2026-11-23';

describe('FEFO picking', () => {
  const lots = [
    { id: 3, lotNumber: 'C', expiryDate: '2027-06-30', available: 50 },
    { id: 1, lotNumber: 'A', expiryDate: '2027-01-31', available: 10 },
    { id: 2, lotNumber: 'B', expiryDate: '2027-01-31', available: 5 },
    { id: 4, lotNumber: 'OLD', expiryDate: '2026-11-22', available: 100 },
  ];

  it('When picking, Then the lot that expires first goes first, ties by oldest lot', () => {
    expect(pickFefo(lots, 18, TODAY)).toEqual({
      ok: true,
      picks: [
        { lotId: 1, lotNumber: 'A', expiryDate: '2027-01-31', quantity: 10 },
        { lotId: 2, lotNumber: 'B', expiryDate: '2027-01-31', quantity: 5 },
        { lotId: 3, lotNumber: 'C', expiryDate: '2027-06-30', quantity: 3 },
      ],
    });
  });

  it('When a lot expired yesterday, Then it is never picked', () => {
    const result = pickFefo(lots, 66, TODAY);
    expect(result).toEqual({ ok: false, available: 65 });
  });

  it('When a lot expires today, Then it can still be used today', () => {
    expect(pickFefo([{ id: 9, lotNumber: 'T', expiryDate: TODAY, available: 2 }], 2, TODAY).ok).toBe(true);
  });
});

describe('weighted average unit cost of a lot bought at two prices', () => {
  it('When 10 units at 3,20 € are joined by 30 at 3,40 €, Then a unit costs 3,35 € and the lot is worth what was paid', () => {
    const after = weightedUnitCost(
      { quantity: 10, unitCostMillicents: 320_000 },
      { quantity: 30, unitCostMillicents: 340_000 },
    );
    expect(after).toBe(335_000);
    expect(after * 40).toBe(10 * 320_000 + 30 * 340_000);
  });

  it('When the average falls between millicents, Then it is rounded to the nearest, halves up', () => {
    // (1 × 1 + 2 × 2) / 3 = 1,666… → 2; (1 × 1 + 1 × 2) / 2 = 1,5 → 2; (2 × 1 + 1 × 2) / 3 = 1,33… → 1.
    expect(weightedUnitCost({ quantity: 1, unitCostMillicents: 1 }, { quantity: 2, unitCostMillicents: 2 })).toBe(2);
    expect(weightedUnitCost({ quantity: 1, unitCostMillicents: 1 }, { quantity: 1, unitCostMillicents: 2 })).toBe(2);
    expect(weightedUnitCost({ quantity: 2, unitCostMillicents: 1 }, { quantity: 1, unitCostMillicents: 2 })).toBe(1);
  });

  it('When the lot is empty or its cost unknown (0), Then it takes the received cost', () => {
    expect(
      weightedUnitCost({ quantity: 0, unitCostMillicents: 320_000 }, { quantity: 5, unitCostMillicents: 340_000 }),
    ).toBe(340_000);
    expect(
      weightedUnitCost({ quantity: 12, unitCostMillicents: 0 }, { quantity: 5, unitCostMillicents: 340_000 }),
    ).toBe(340_000);
  });

  it('When a million units at 999 999,99 € join as many, Then the sum does not lose precision', () => {
    const max = 99_999_999_000;
    expect(
      weightedUnitCost(
        { quantity: 1_000_000, unitCostMillicents: max },
        { quantity: 1_000_000, unitCostMillicents: max - 1 },
      ),
    ).toBe(max);
  });
});

describe('lot numbers', () => {
  it.each([
    ['A1234', true],
    ['  B77  ', true],
    ['', false],
    ['X'.repeat(21), false],
    ['AB\u0007C', false],
  ])('"%s" valid: %s', (raw, ok) => {
    expect(checkLotNumber(raw).ok).toBe(ok);
  });
});

describe('anti-waste rebalancing', () => {
  const lot = (over: Partial<RebalanceLot>): RebalanceLot => ({
    lotId: 1,
    pharmacyId: 1,
    cip13: AMLODIPINE,
    lotNumber: 'L1',
    expiryDate: '2027-01-22', // 60 days from today
    available: 100,
    unitCostMillicents: 150_000,
    ...over,
  });

  it('When a holder will not use a lot before it expires, Then the fastest user is suggested for what it can use', () => {
    const suggestions = suggestRebalancing({
      lots: [lot({})],
      usage: [
        { pharmacyId: 1, cip13: AMLODIPINE, units: 45 }, // 0.5/day: uses 30 of 100 in 60 days
        { pharmacyId: 2, cip13: AMLODIPINE, units: 90 }, // 1/day
        { pharmacyId: 3, cip13: AMLODIPINE, units: 180 }, // 2/day: can use 120 in 60 days
      ],
      today: TODAY,
      windowDays: 90,
    });
    expect(suggestions).toEqual([
      expect.objectContaining({
        lotId: 1,
        fromPharmacyId: 1,
        toPharmacyId: 3,
        daysLeft: 60,
        atRiskQuantity: 70,
        valueAtRiskCents: 70 * 150,
        suggestedQuantity: 70,
      }),
    ]);
  });

  it('When the faster pharmacy already holds enough of its own, Then it is not suggested', () => {
    const suggestions = suggestRebalancing({
      lots: [lot({}), lot({ lotId: 2, pharmacyId: 3, lotNumber: 'M', expiryDate: '2027-01-10', available: 200 })],
      usage: [
        { pharmacyId: 1, cip13: AMLODIPINE, units: 45 },
        { pharmacyId: 3, cip13: AMLODIPINE, units: 180 },
      ],
      today: TODAY,
      windowDays: 90,
    });
    expect(suggestions).toEqual([]);
  });

  it('When a holder has several lots, Then it uses them FEFO and only the later lot is at risk', () => {
    const suggestions = suggestRebalancing({
      lots: [
        lot({ lotId: 1, expiryDate: '2027-01-22', available: 20 }),
        lot({ lotId: 2, lotNumber: 'L2', expiryDate: '2027-02-21', available: 50 }),
      ],
      usage: [
        { pharmacyId: 1, cip13: AMLODIPINE, units: 45 }, // 30 by 22 Jan, 45 by 21 Feb
        { pharmacyId: 2, cip13: AMLODIPINE, units: 270 },
      ],
      today: TODAY,
      windowDays: 90,
    });
    expect(suggestions.map((s) => [s.lotId, s.atRiskQuantity])).toEqual([[2, 25]]);
  });

  it('When several lots are at risk, Then the soonest expiry comes first, then the most units at risk', () => {
    const usage = [
      { pharmacyId: 1, cip13: AMLODIPINE, units: 0 },
      { pharmacyId: 2, cip13: AMLODIPINE, units: 9000 },
      { pharmacyId: 2, cip13: OTHER, units: 9000 },
      { pharmacyId: 2, cip13: THIRD, units: 9000 },
    ];
    const suggestions = suggestRebalancing({
      lots: [
        // Worth the most, but expires last.
        lot({ lotId: 1, expiryDate: '2027-03-01', available: 10, unitCostMillicents: 9_000_000 }),
        lot({ lotId: 2, cip13: OTHER, expiryDate: '2026-12-10', available: 5 }),
        lot({ lotId: 3, cip13: THIRD, expiryDate: '2026-12-10', available: 40 }),
      ],
      usage,
      today: TODAY,
      windowDays: 90,
    });
    expect(suggestions.map((s) => s.lotId)).toEqual([3, 2, 1]);
  });

  it('When a lot came by dépannage within the usage window, Then it is not suggested for sending on; older arrivals are', () => {
    const usage = [
      { pharmacyId: 1, cip13: AMLODIPINE, units: 45 },
      { pharmacyId: 3, cip13: AMLODIPINE, units: 180 },
    ];
    const run = (lastTransferInDay: string | null) =>
      suggestRebalancing({ lots: [lot({ lastTransferInDay })], usage, today: TODAY, windowDays: 90 });
    expect(run('2026-11-20')).toEqual([]);
    expect(run('2026-08-26')).toEqual([]); // 89 days ago: still within the window
    expect(run('2026-08-25').map((s) => s.lotId)).toEqual([1]); // 90 days ago: its use is in the history now
    expect(run(null).map((s) => s.lotId)).toEqual([1]);
  });

  it('When nobody uses the product faster, Then there is no suggestion', () => {
    expect(
      suggestRebalancing({
        lots: [lot({})],
        usage: [{ pharmacyId: 1, cip13: AMLODIPINE, units: 9 }],
        today: TODAY,
        windowDays: 90,
      }),
    ).toEqual([]);
  });
});

describe('anti-waste offers', () => {
  it('When a lot is offered, Then the offer stays open a week, never past the day before the lot expires', () => {
    expect(offerLastDay(TODAY, '2027-06-30')).toBe('2026-11-30');
    expect(offerLastDay(TODAY, '2026-11-27')).toBe('2026-11-26');
    expect(offerLastDay(TODAY, '2026-11-24')).toBe(TODAY);
    expect(offerLastDay(TODAY, TODAY)).toBeNull();
  });

  it('When an offer is unanswered after its last day, Then it reads as expired; answered ones keep their status', () => {
    expect(offerStatusOn('offered', '2026-11-30', '2026-11-30')).toBe('offered');
    expect(offerStatusOn('offered', '2026-11-30', '2026-12-01')).toBe('expired');
    expect(offerStatusOn('accepted', '2026-11-30', '2026-12-01')).toBe('accepted');
  });
});

describe('monthly settlement', () => {
  it('When pharmacies sent each other boxes, Then each pair nets to one payment by the net receiver', () => {
    const pairs = settle([
      { fromPharmacyId: 1, toPharmacyId: 2, valueCents: 10_000 },
      { fromPharmacyId: 2, toPharmacyId: 1, valueCents: 2_550 },
      { fromPharmacyId: 1, toPharmacyId: 2, valueCents: 1 },
      { fromPharmacyId: 3, toPharmacyId: 1, valueCents: 700 },
    ]);
    expect(pairs).toEqual([
      expect.objectContaining({
        pharmacyAId: 1,
        pharmacyBId: 2,
        sentAToBCents: 10_001,
        sentBToACents: 2_550,
        transfersAToB: 2,
        transfersBToA: 1,
        debtorId: 2,
        creditorId: 1,
        netCents: 7_451,
      }),
      expect.objectContaining({
        pharmacyAId: 1,
        pharmacyBId: 3,
        sentAToBCents: 0,
        sentBToACents: 700,
        debtorId: 1,
        creditorId: 3,
        netCents: 700,
      }),
    ]);
  });

  it('When both ways cancel out, Then nobody owes anything', () => {
    const [pair] = settle([
      { fromPharmacyId: 4, toPharmacyId: 5, valueCents: 300 },
      { fromPharmacyId: 5, toPharmacyId: 4, valueCents: 300 },
    ]);
    expect(pair).toMatchObject({ netCents: 0, debtorId: null, creditorId: null });
  });
});

describe('stock snapshot CSV', () => {
  it('When a French export uses semicolons, a BOM, a header and MM/YYYY expiries, Then rows are read', () => {
    const csv = `\uFEFFCIP13;Lot;Péremption;Quantité;Prix\r\n${AMLODIPINE};AB12;03/2027;30;1,52\r\n3400933313586;X9;2027-05-31;0;\r\n`;
    const inUnits = { boxes: null, unitsPerBox: null, boxCostMillicents: null };
    expect(parseSnapshotCsv(csv)).toEqual({
      errors: [],
      lines: 2,
      quantityUnit: 'units',
      rows: [
        {
          line: 2,
          cip13: AMLODIPINE,
          lotNumber: 'AB12',
          expiryDate: '2027-03-31',
          quantity: 30,
          unitCostMillicents: 152_000,
          ...inUnits,
        },
        {
          line: 3,
          cip13: '3400933313586',
          lotNumber: 'X9',
          expiryDate: '2027-05-31',
          quantity: 0,
          unitCostMillicents: null,
          ...inUnits,
        },
      ],
    });
  });

  it('When rows are wrong, Then each error names its line, field and reason', () => {
    const csv = [
      'cip13,lot,expiry,quantity',
      `${AMLODIPINE},A1,2027-02-30,5`,
      '3400937977662,A2,2027-02-01,5',
      `${AMLODIPINE},${'L'.repeat(21)},2027-02-01,-3`,
      `${AMLODIPINE},A1,2027-03-01,5`,
      `${AMLODIPINE},A3,2027-03-01,5`,
      `${AMLODIPINE},A3,2027-03-01,6`,
    ].join('\n');
    const { errors } = parseSnapshotCsv(csv);
    expect(errors).toEqual([
      {
        line: 2,
        field: 'expiry',
        code: 'date',
        params: { value: '2027-02-30' },
        reason: expect.stringContaining('2027-02-30'),
      },
      {
        line: 3,
        field: 'cip13',
        code: 'cip13Check',
        params: { value: '3400937977662', digit: 1 },
        reason: expect.stringContaining('check digit'),
      },
      {
        line: 4,
        field: 'lot',
        code: 'lotTooLong',
        params: { value: 'L'.repeat(21) },
        reason: expect.stringContaining('over 20'),
      },
      { line: 4, field: 'quantity', code: 'quantity', params: { value: '-3' }, reason: expect.stringContaining('-3') },
      {
        line: 7,
        field: 'lot',
        code: 'duplicate',
        params: { line: 6 },
        reason: 'duplicate of line 6 (same CIP13 and lot)',
      },
    ]);
  });

  it('When a file is too long, Then it is refused whole with one clear error', () => {
    const csv = [
      'CIP13;Lot;Péremption;Quantité',
      ...Array.from({ length: 20_001 }, (_, i) => `${AMLODIPINE};L${i};2027-01-31;1`),
    ].join('\n');
    const { rows, errors } = parseSnapshotCsv(csv);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      {
        line: 0,
        field: 'file',
        code: 'tooManyRows',
        params: { rows: 20_001, max: 20_000 },
        reason: expect.stringContaining('at most 20000'),
      },
    ]);
  });

  it.each([
    ['2027-03-31', '2027-03-31'],
    ['31/03/2027', '2027-03-31'],
    ['02/2028', '2028-02-29'],
    ['13/2027', null],
    ['31/02/2027', null],
  ])('expiry %s reads as %s', (raw, iso) => {
    expect(parseExpiry(raw)).toBe(iso);
  });
});

describe('snapshot plan', () => {
  const current = [
    { lotId: 1, cip13: AMLODIPINE, lotNumber: 'A', expiryDate: '2027-01-31', quantity: 10, reserved: 0 },
    { lotId: 2, cip13: AMLODIPINE, lotNumber: 'B', expiryDate: '2027-02-28', quantity: 4, reserved: 0 },
    { lotId: 3, cip13: '3400933313586', lotNumber: 'Z', expiryDate: '2027-02-28', quantity: 7, reserved: 0 },
  ];
  const row = (over: object) => ({
    line: 1,
    cip13: AMLODIPINE,
    lotNumber: 'A',
    expiryDate: '2027-01-31',
    quantity: 10,
    boxes: null,
    unitsPerBox: null,
    unitCostMillicents: null,
    boxCostMillicents: null,
    ...over,
  });

  it('When the snapshot differs, Then listed lots take its quantity, unlisted lots of its products go to 0, other products stay', () => {
    const { adjustments, errors } = planSnapshot(current, [
      row({ quantity: 12 }),
      row({ line: 2, lotNumber: 'NEW', expiryDate: '2027-06-30', quantity: 5, unitCostMillicents: 99_000 }),
    ]);
    expect(errors).toEqual([]);
    expect(adjustments).toEqual([
      expect.objectContaining({ lotId: 1, from: 10, to: 12 }),
      expect.objectContaining({ lotId: null, lotNumber: 'NEW', from: 0, to: 5, unitCostMillicents: 99_000 }),
      expect.objectContaining({ lotId: 2, from: 4, to: 0, line: null }),
    ]);
  });

  it('When the same snapshot is applied again, Then nothing is planned', () => {
    expect(
      planSnapshot(current, [row({}), row({ line: 2, lotNumber: 'B', expiryDate: '2027-02-28', quantity: 4 })])
        .adjustments,
    ).toEqual([]);
  });

  it('When a lot number is known with another expiry, Then the row is an error', () => {
    expect(planSnapshot(current, [row({ expiryDate: '2027-12-31' })]).errors).toEqual([
      {
        line: 1,
        field: 'expiry',
        code: 'expiryMismatch',
        params: { lot: 'A', date: '2027-01-31' },
        reason: 'lot A is recorded with expiry 2027-01-31',
      },
    ]);
  });
});

describe('expiry plausibility', () => {
  it('When an expiry is before 2000 or over ten years ahead, Then it is refused with the bound it breaks', () => {
    expect(checkExpiryPlausible('0000-01-01', '2026-11-23')).toEqual({
      ok: false,
      code: 'expiryTooEarly',
      earliest: '2000-01-01',
    });
    expect(checkExpiryPlausible('1999-12-31', '2026-11-23')).toMatchObject({ ok: false, code: 'expiryTooEarly' });
    expect(checkExpiryPlausible('2000-01-01', '2026-11-23')).toEqual({ ok: true });
    expect(checkExpiryPlausible('2036-11-23', '2026-11-23')).toEqual({ ok: true });
    expect(checkExpiryPlausible('2036-11-24', '2026-11-23')).toEqual({
      ok: false,
      code: 'expiryTooFar',
      latest: '2036-11-23',
    });
    expect(checkExpiryPlausible('9999-12-31', '2026-11-23')).toMatchObject({ ok: false, code: 'expiryTooFar' });
  });

  it('When today is 29 February, Then ten years on is 28 February', () => {
    expect(latestPlausibleExpiry('2028-02-29')).toBe('2038-02-28');
  });
});

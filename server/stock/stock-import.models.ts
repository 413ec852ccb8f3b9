/**
 * Stock snapshot files exported by each pharmacy's own software: parsing and the plan of
 * adjustments that brings the balances to the snapshot. Pure: no database, no I/O.
 */
import { checkCip13, ean13CheckDigit } from '../catalogue/catalogue.models';
import { type CsvColumn, type CsvIssue, csvDate, csvEurosToCents, csvInteger, readCsv } from '../shared/csv-read';
import { isCalendarDate } from '../shared/dates';
import { checkLotNumber } from './stock.models';

export const MAX_SNAPSHOT_ROWS = 20_000;

export type SnapshotRow = {
  line: number;
  cip13: string;
  lotNumber: string;
  expiryDate: string;
  quantity: number;
  unitCostCents: number | null;
};
/** Why a row (or the file, line 0) was refused: a code the UI translates, its values, and an English reason. */
export type RowError = {
  line: number;
  field: string;
  code: RowErrorCode;
  params: Record<string, string | number>;
  reason: string;
};
export type RowErrorCode =
  | CsvIssue['code']
  | 'tooManyRows'
  | 'noRows'
  | 'cip13Digits'
  | 'cip13Prefix'
  | 'cip13Check'
  | 'unknownProduct'
  | 'lotEmpty'
  | 'lotTooLong'
  | 'lotControl'
  | 'date'
  | 'quantity'
  | 'price'
  | 'duplicate'
  | 'expiryMismatch'
  | 'expiryTooEarly'
  | 'expiryTooFar'
  | 'reserved'
  | 'missingReserved';

export const rowError = (
  line: number,
  field: string,
  code: RowErrorCode,
  params: RowError['params'],
  reason: string,
): RowError => ({ line, field, code, params, reason });

/** Which CIP13 rule a code breaks, in the order a reader checks them. */
function cip13Error(line: number, value: string): RowError | null {
  const check = checkCip13(value);
  if (check.ok) return null;
  if (!/^\d{13}$/.test(value)) return rowError(line, 'cip13', 'cip13Digits', { value }, check.reason);
  if (!value.startsWith('3400')) return rowError(line, 'cip13', 'cip13Prefix', { value }, check.reason);
  return rowError(line, 'cip13', 'cip13Check', { value, digit: ean13CheckDigit(value.slice(0, 12)) }, check.reason);
}

/** Expiry as written by pharmacy software: `2027-03-31`, `31/03/2027` or `03/2027` (end of month). */
export function parseExpiry(raw: string): string | null {
  return csvDate(raw) ?? monthYear(raw.trim());
}

/** `03/2027` on a box means the last day of March 2027. */
const monthYear = (text: string) => {
  const m = /^(\d{2})\/(\d{4})$/.exec(text);
  const month = Number(m?.[1]);
  if (!m || month < 1 || month > 12) return null;
  const lastDay = new Date(Date.UTC(Number(m[2]), month, 0)).getUTCDate();
  const iso = `${m[2]}-${m[1]}-${String(lastDay).padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
};

/** A unit cost in euros (`3,45`, `3.45`, `1 234,50 €`) to integer cents, at most 999 999,99 €; empty is null. */
export function parseUnitCost(raw: string): number | null | 'invalid' {
  const cents = csvEurosToCents(raw);
  return typeof cents === 'number' && cents > 99_999_999 ? 'invalid' : cents;
}

/** The snapshot's columns, recognised by these header names in French or English (first name shown in messages). */
const SNAPSHOT_COLUMNS = [
  {
    key: 'cip13',
    names: ['CIP13', 'CIP', 'CIP 13', 'Code CIP', 'Code CIP13', 'EAN13', 'Code EAN', 'EAN'],
    required: true,
  },
  {
    key: 'lot',
    names: ['Lot', 'N° de lot', 'N° lot', 'Numéro de lot', 'Num lot', 'Lot number', 'Batch', 'Batch number'],
    required: true,
  },
  {
    key: 'expiry',
    names: [
      'Péremption',
      'Date de péremption',
      'Date péremption',
      'Expiration',
      "Date d'expiration",
      'Date expiration',
      'Expiry',
      'Expiry date',
      'Expiration date',
      'Exp',
    ],
    required: true,
  },
  {
    key: 'quantity',
    names: ['Quantité', 'Qté', 'Quantité en stock', 'Stock', 'Unités', 'Quantity', 'Qty', 'Units'],
    required: true,
  },
  {
    key: 'unitCost',
    names: [
      'Prix',
      'Prix unitaire',
      "Prix d'achat",
      'Prix achat',
      'PA',
      'PA HT',
      'Prix achat HT',
      'Coût unitaire',
      'Coût',
      'Unit cost',
      'Unit price',
      'Cost',
      'Price',
    ],
  },
] as const satisfies readonly CsvColumn<string>[];

/** Header names of columns pharmacy software adds that the snapshot does not need. */
const SNAPSHOT_IGNORED = ['Désignation', 'Libellé', 'Produit', 'Nom', 'Description', 'Product', 'Name', 'Label'];

const FIELD_OF_ISSUE: Record<CsvIssue['code'], string> = {
  unreadable: 'file',
  noHeader: 'header',
  unknownColumn: 'header',
  missingColumn: 'header',
  duplicateColumn: 'header',
  extraCells: 'row',
};

/**
 * Reads a snapshot CSV (bytes as uploaded, or text) through the shared reader
 * (`server/shared/csv-read.ts`): a header row naming CIP13, lot, expiry, quantity and optionally
 * the unit cost, in French or English and in any order; `;`, `,` or tab; any encoding a
 * spreadsheet writes. A file without a recognised header is refused on its first line. Every
 * problem is reported with its line number and field; rows are only usable when there are no
 * errors at all.
 */
export function parseSnapshotCsv(input: Uint8Array | string): { rows: SnapshotRow[]; errors: RowError[] } {
  const table = readCsv(input, SNAPSHOT_COLUMNS, { ignore: SNAPSHOT_IGNORED });
  const errors: RowError[] = table.issues.map((i) =>
    rowError(i.line, FIELD_OF_ISSUE[i.code], i.code, i.params, i.reason),
  );
  if (errors.some((e) => e.field !== 'row')) return { rows: [], errors };
  if (table.rows.length > MAX_SNAPSHOT_ROWS) {
    return {
      rows: [],
      errors: [
        rowError(
          0,
          'file',
          'tooManyRows',
          { rows: table.rows.length, max: MAX_SNAPSHOT_ROWS },
          `${table.rows.length} rows: a snapshot holds at most ${MAX_SNAPSHOT_ROWS}`,
        ),
      ],
    };
  }
  if (table.rows.length === 0 && errors.length === 0) {
    return { rows: [], errors: [rowError(0, 'file', 'noRows', {}, 'no data rows')] };
  }

  const rows: SnapshotRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const before = errors.length;
    const { cip13, lot: lotRaw, expiry: expiryRaw, quantity: quantityRaw, unitCost: costRaw } = cells;
    const cipError = cip13Error(line, cip13);
    if (cipError) errors.push(cipError);
    const lot = checkLotNumber(lotRaw);
    if (!lot.ok) errors.push(rowError(line, 'lot', lot.code, { value: lot.value }, lot.reason));
    const expiryDate = parseExpiry(expiryRaw);
    if (!expiryDate) {
      const reason = `"${expiryRaw}" is not a date (YYYY-MM-DD, DD/MM/YYYY or MM/YYYY)`;
      errors.push(rowError(line, 'expiry', 'date', { value: expiryRaw }, reason));
    }
    const quantity = csvInteger(quantityRaw);
    if (quantity === null || quantity > 9_999_999) {
      const reason = `"${quantityRaw}" is not a whole number ≥ 0`;
      errors.push(rowError(line, 'quantity', 'quantity', { value: quantityRaw }, reason));
    }
    const unitCostCents = parseUnitCost(costRaw);
    if (unitCostCents === 'invalid') {
      errors.push(rowError(line, 'unitCost', 'price', { value: costRaw }, `"${costRaw}" is not a price in euros`));
    }
    if (errors.length > before || !lot.ok || !expiryDate || quantity === null || unitCostCents === 'invalid') continue;

    const key = `${cip13}|${lot.value}`;
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      const reason = `duplicate of line ${firstLine} (same CIP13 and lot)`;
      errors.push(rowError(line, 'lot', 'duplicate', { line: firstLine }, reason));
      continue;
    }
    seen.set(key, line);
    rows.push({ line, cip13, lotNumber: lot.value, expiryDate, quantity, unitCostCents });
  }
  return { rows, errors };
}

export type CurrentLot = {
  lotId: number;
  cip13: string;
  lotNumber: string;
  expiryDate: string;
  quantity: number;
  reserved: number;
};

export type PlannedAdjustment = {
  line: number | null;
  lotId: number | null;
  cip13: string;
  lotNumber: string;
  expiryDate: string;
  unitCostCents: number | null;
  from: number;
  to: number;
};

/**
 * What applying a snapshot changes. The file is authoritative for each product it lists:
 * its lots get the file's quantity, and lots of that product missing from the file go to 0.
 * Products absent from the file are left alone. Re-applying the same file plans nothing.
 */
export function planSnapshot(
  current: CurrentLot[],
  rows: SnapshotRow[],
): { adjustments: PlannedAdjustment[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const adjustments: PlannedAdjustment[] = [];
  // A lot is (CIP13, number, expiry); a number recorded only with other expiries is a typing error.
  const identity = (l: { cip13: string; lotNumber: string; expiryDate: string }) =>
    `${l.cip13}|${l.lotNumber}|${l.expiryDate}`;
  const byKey = new Map(current.map((l) => [identity(l), l]));
  const byNumber = new Map(current.map((l) => [`${l.cip13}|${l.lotNumber}`, l]));
  const listed = new Set<string>();
  const products = new Set(rows.map((r) => r.cip13));

  for (const row of rows) {
    const key = identity(row);
    listed.add(key);
    const lot = byKey.get(key);
    const other = lot ? undefined : byNumber.get(`${row.cip13}|${row.lotNumber}`);
    if (other) {
      const reason = `lot ${row.lotNumber} is recorded with expiry ${other.expiryDate}`;
      errors.push(
        rowError(row.line, 'expiry', 'expiryMismatch', { lot: row.lotNumber, date: other.expiryDate }, reason),
      );
      continue;
    }
    if (lot && row.quantity < lot.reserved) {
      const reason = `${lot.reserved} units of lot ${row.lotNumber} are reserved by accepted transfers`;
      errors.push(rowError(row.line, 'quantity', 'reserved', { count: lot.reserved, lot: row.lotNumber }, reason));
      continue;
    }
    const from = lot?.quantity ?? 0;
    if (from === row.quantity) continue;
    adjustments.push({
      line: row.line,
      lotId: lot?.lotId ?? null,
      cip13: row.cip13,
      lotNumber: row.lotNumber,
      expiryDate: row.expiryDate,
      unitCostCents: row.unitCostCents,
      from,
      to: row.quantity,
    });
  }
  for (const lot of current) {
    const key = identity(lot);
    if (!products.has(lot.cip13) || listed.has(key) || lot.quantity === 0) continue;
    if (lot.reserved > 0) {
      const reason = `lot ${lot.lotNumber} of ${lot.cip13} is missing from the file but reserved by accepted transfers`;
      errors.push(rowError(0, 'lot', 'missingReserved', { lot: lot.lotNumber, cip13: lot.cip13 }, reason));
      continue;
    }
    adjustments.push({
      line: null,
      lotId: lot.lotId,
      cip13: lot.cip13,
      lotNumber: lot.lotNumber,
      expiryDate: lot.expiryDate,
      unitCostCents: null,
      from: lot.quantity,
      to: 0,
    });
  }
  return { adjustments, errors };
}

/**
 * Stock snapshot files exported by each pharmacy's own software: parsing and the plan of
 * adjustments that brings the balances to the snapshot. Pure: no database, no I/O.
 */
import { checkCip13, ean13CheckDigit } from '../catalogue/catalogue.models';
import { type CsvColumn, type CsvIssue, type CsvTable, csvDate, csvInteger, readCsv } from '../shared/csv-read';
import { isCalendarDate } from '../shared/dates';
import { decodeText } from '../shared/text-decode';
import { centsOf, checkLotNumber, MILLICENTS_PER_CENT, unitCostOfBox } from './stock.models';

export const MAX_SNAPSHOT_ROWS = 20_000;

/**
 * A data row once read. `quantity` is in units (tablets, capsules…); a file that counts boxes
 * gives `boxes` and, when it has the column, `unitsPerBox`: `resolveBoxes` turns them into units.
 * `unitCostMillicents` is the unit cost as bought (thousandths of a cent, as receipts keep it);
 * a box price waits in `boxCostMillicents` for the units per box.
 */
export type SnapshotRow = {
  line: number;
  cip13: string;
  lotNumber: string;
  expiryDate: string;
  quantity: number;
  boxes: number | null;
  unitsPerBox: number | null;
  unitCostMillicents: number | null;
  boxCostMillicents: number | null;
};

/** Whether the file counts units or boxes (a `Boîtes` column instead of `Quantité`). */
export type QuantityUnit = 'units' | 'boxes';
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
  | 'unitsPerBox'
  | 'unitsPerBoxUnknown'
  | 'quantityColumns'
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

/**
 * Expiry as written by pharmacy software: a day (`2027-03-31`, `31/03/2027`) or, as packs print
 * it, a month (`03/2027`, `3/2027`, `03-2027`, `2027-03`), which means the last day of that month
 * (the GS1 and pharmacy convention: a box marked 03/2027 may be used until 31 March 2027).
 * Returns the ISO day, or null when the text is no such date.
 */
export function parseExpiry(raw: string): string | null {
  return csvDate(raw) ?? monthYear(raw.trim());
}

/** `03/2027`, `3/2027`, `03-2027` or `2027-03` on a box means the last day of March 2027. */
const monthYear = (text: string) => {
  const monthFirst = /^(\d{1,2})[/-](\d{4})$/.exec(text);
  const yearFirst = /^(\d{4})-(\d{2})$/.exec(text);
  const [month, year] = monthFirst
    ? [Number(monthFirst[1]), monthFirst[2]]
    : yearFirst
      ? [Number(yearFirst[2]), yearFirst[1]]
      : [0, ''];
  if (month < 1 || month > 12) return null;
  const lastDay = new Date(Date.UTC(Number(year), month, 0)).getUTCDate();
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
};

const THOUSANDS = /[\s\u00a0\u202f]/g;
/** Five decimals of a euro are a thousandth of a cent, the finest cost a lot keeps. */
const MAX_DECIMALS = 5;
const MAX_COST_MILLICENTS = 99_999_999 * MILLICENTS_PER_CENT;
const COST = new RegExp(`^(\\d{1,9})(?:[.,](\\d{1,${MAX_DECIMALS}}))?$`);

/**
 * A cost in euros as spreadsheets write it (`3,45`, `0,043`, `0.04321`, `1 234,50 €`) to integer
 * millicents (thousandths of a cent: 0,043 € = 4 300), exact, with up to five decimals — the
 * precision receipts keep (`unitCostMillicents`, stock.models). At most 999 999,99 €; empty is null.
 */
export function parseCostMillicents(raw: string): number | null | 'invalid' {
  const text = raw
    .trim()
    .replace(/^€\s*|\s*(€|EUR)$/i, '')
    .replace(THOUSANDS, '');
  if (text === '') return raw.trim() === '' ? null : 'invalid';
  const m = COST.exec(text);
  if (!m) return 'invalid';
  const millicents = Number(m[1]) * 100 * MILLICENTS_PER_CENT + Number((m[2] ?? '').padEnd(MAX_DECIMALS, '0'));
  return millicents > MAX_COST_MILLICENTS ? 'invalid' : millicents;
}

/** A box price as a unit cost (stock.models; the receipt form reads box prices by it too). */
export { unitCostOfBox };

/** The unit cost in cents a lot shows, by the one rounding rule (`centsOf`). */
export const centsOfUnitCost = (millicents: number) => centsOf([{ quantity: 1, unitCostMillicents: millicents }]);

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
  },
  {
    key: 'boxes',
    names: ['Boîtes', 'Nombre de boîtes', 'Nb boîtes', 'Qté boîtes', 'Quantité en boîtes', 'Boxes', 'Packs'],
  },
  {
    key: 'unitsPerBox',
    names: ['Unités par boîte', 'Unités/boîte', 'U/boîte', 'Conditionnement', 'Units per box', 'Pack size'],
  },
  {
    key: 'boxCost',
    names: ['Prix boîte', 'Prix par boîte', 'Prix de la boîte', 'PA boîte', 'Box price', 'Pack price'],
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

/** Rows read between two yields to the event loop (see `parseSnapshotCsvAsync`). */
const CHUNK_ROWS = 2_000;

/** What reading the file gives: usable rows (only when there are no errors), row errors, and the count of data lines. */
export type ParsedSnapshot = {
  rows: SnapshotRow[];
  errors: RowError[];
  /** Data lines read: the header, blank lines and separator-only lines are not counted. */
  lines: number;
  quantityUnit: QuantityUnit;
};

/**
 * The text split into pieces that `readCsv` reads one at a time, each after the header lines;
 * `offset` is what to add to a line number read in the piece to get the file's line number.
 * A file with quotes (a cell may then hold a line break) is read in one piece.
 */
function csvPieces(input: Uint8Array | string): { head: string; pieces: Generator<{ text: string; offset: number }> } {
  const text = (typeof input === 'string' ? input : decodeText(input).text)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  // The header is the first line holding something that is not Excel's `sep=` hint (as readCsv reads it).
  const header = lines.findIndex((l) => !/^[;,\t\s]*$/.test(l) && !/^sep=.?$/i.test(l.trim()));
  const head = lines.slice(0, header + 1).join('\n');
  function* pieces() {
    if (text.includes('"') || header < 0 || lines.length - header <= CHUNK_ROWS) {
      yield { text, offset: 0 };
      return;
    }
    for (let start = header + 1; start < lines.length; start += CHUNK_ROWS) {
      yield { text: `${head}\n${lines.slice(start, start + CHUNK_ROWS).join('\n')}\n`, offset: start - header - 1 };
    }
  }
  return { head, pieces: pieces() };
}

/** One row's cells checked; a row error for each field that is wrong. */
function readRow(
  line: number,
  cells: CsvTable<SnapshotKey>['rows'][number]['cells'],
  unit: QuantityUnit,
  expiryOf: Map<string, string | null>,
) {
  const errors: RowError[] = [];
  const { cip13, lot: lotRaw, expiry: expiryRaw } = cells;
  const cipError = cip13Error(line, cip13);
  if (cipError) errors.push(cipError);
  const lot = checkLotNumber(lotRaw);
  if (!lot.ok) errors.push(rowError(line, 'lot', lot.code, { value: lot.value }, lot.reason));
  // Thousands of rows share a few expiries: each written form is read once.
  let expiryDate = expiryOf.get(expiryRaw);
  if (expiryDate === undefined) {
    expiryDate = parseExpiry(expiryRaw);
    expiryOf.set(expiryRaw, expiryDate);
  }
  if (!expiryDate) {
    const reason = `"${expiryRaw}" is not a date (YYYY-MM-DD, DD/MM/YYYY, MM/YYYY or YYYY-MM)`;
    errors.push(rowError(line, 'expiry', 'date', { value: expiryRaw }, reason));
  }
  const field = unit === 'boxes' ? 'boxes' : 'quantity';
  const count = csvInteger(cells[field]);
  if (count === null || count > 9_999_999) {
    const reason = `"${cells[field]}" is not a whole number ≥ 0`;
    errors.push(rowError(line, field, 'quantity', { value: cells[field] }, reason));
  }
  let unitsPerBox: number | null = null;
  if (cells.unitsPerBox !== '') {
    unitsPerBox = csvInteger(cells.unitsPerBox);
    if (unitsPerBox === null || unitsPerBox < 1 || unitsPerBox > 100_000) {
      const reason = `"${cells.unitsPerBox}" is not a number of units per box`;
      errors.push(rowError(line, 'unitsPerBox', 'unitsPerBox', { value: cells.unitsPerBox }, reason));
    }
  }
  const costs = { unitCost: parseCostMillicents(cells.unitCost), boxCost: parseCostMillicents(cells.boxCost) };
  for (const key of ['unitCost', 'boxCost'] as const) {
    if (costs[key] === 'invalid') {
      errors.push(rowError(line, key, 'price', { value: cells[key] }, `"${cells[key]}" is not a price in euros`));
    }
  }
  if (errors.length > 0 || !lot.ok || !expiryDate || count === null) return { errors };
  const row: SnapshotRow = {
    line,
    cip13,
    lotNumber: lot.value,
    expiryDate,
    quantity: unit === 'boxes' ? 0 : count,
    boxes: unit === 'boxes' ? count : null,
    unitsPerBox,
    unitCostMillicents: costs.unitCost === 'invalid' ? null : costs.unitCost,
    boxCostMillicents: costs.boxCost === 'invalid' ? null : costs.boxCost,
  };
  return { errors, row };
}

type SnapshotKey = (typeof SNAPSHOT_COLUMNS)[number]['key'];

/**
 * Reads a snapshot CSV (bytes as uploaded, or text) through the shared reader
 * (`server/shared/csv-read.ts`): a header row naming CIP13, lot, expiry, and the quantity in
 * units (`Quantité`) or in boxes (`Boîtes`, with `Unités par boîte` or the catalogue's count),
 * optionally the unit cost (`Prix`, up to five decimals: 0,043 €) or the box price
 * (`Prix boîte`), in French or English and in any order, whatever their case and accents
 * (`Boites` reads as `Boîtes`); `;`, `,` or tab; any encoding a
 * spreadsheet writes. Expiries are days or months (`07/2027`: the month's last day, see
 * `parseExpiry`). A file without a recognised header is refused on its first line. Every
 * problem is reported with its line number and field; rows are only usable when there are no
 * errors at all. A generator: it yields between pieces of `CHUNK_ROWS` rows so that the async
 * reader can let other requests in; `parseSnapshotCsv` runs it straight through.
 */
function* readSnapshot(input: Uint8Array | string): Generator<void, ParsedSnapshot> {
  const errors: RowError[] = [];
  const rows: SnapshotRow[] = [];
  const seen = new Map<string, number>();
  let lines = 0;
  let unit: QuantityUnit = 'units';
  let first = true;
  const { head, pieces } = csvPieces(input);
  const expiryOf = new Map<string, string | null>();
  for (const { text: piece, offset } of pieces) {
    if (!first) yield;
    const table = readCsv(piece, SNAPSHOT_COLUMNS, { ignore: SNAPSHOT_IGNORED });
    const issues = table.issues.map((i) =>
      rowError(i.line + (i.code === 'extraCells' ? offset : 0), FIELD_OF_ISSUE[i.code], i.code, i.params, i.reason),
    );
    // The quantity columns are checked with the rest of the header, so one reading names every fault.
    const [inUnits, inBoxes] = [hasColumn(head, 'quantity'), hasColumn(head, 'boxes')];
    const headerRead = !issues.some((e) => e.code === 'noHeader' || e.code === 'unreadable');
    const quantityColumns =
      first && headerRead && inUnits === inBoxes
        ? rowError(
            0,
            'header',
            'quantityColumns',
            { both: inUnits ? 1 : 0 },
            inUnits
              ? 'the header has both a quantity and a boxes column'
              : 'the header has no "Quantité" (units) or "Boîtes" (boxes) column',
          )
        : null;
    const headerFaults = issues.filter((e) => e.field !== 'row');
    if (headerFaults.length > 0 || quantityColumns) {
      return {
        rows: [],
        errors:
          quantityColumns && headerFaults.length > 0
            ? [...issues, quantityColumns]
            : quantityColumns
              ? [quantityColumns]
              : issues,
        lines: 0,
        quantityUnit: unit,
      };
    }
    errors.push(...issues);
    if (first) {
      unit = inBoxes ? 'boxes' : 'units';
      first = false;
    }
    lines += table.rows.length + table.issues.length;
    if (lines > MAX_SNAPSHOT_ROWS) {
      const reason = `over ${MAX_SNAPSHOT_ROWS} rows: a snapshot holds at most ${MAX_SNAPSHOT_ROWS}`;
      const tooMany = rowError(0, 'file', 'tooManyRows', { rows: lines, max: MAX_SNAPSHOT_ROWS }, reason);
      return { rows: [], errors: [tooMany], lines, quantityUnit: unit };
    }
    for (const { line: pieceLine, cells } of table.rows) {
      const line = pieceLine + offset;
      const read = readRow(line, cells, unit, expiryOf);
      errors.push(...read.errors);
      if (!read.row) continue;
      const key = `${read.row.cip13}|${read.row.lotNumber}`;
      const firstLine = seen.get(key);
      if (firstLine !== undefined) {
        const reason = `duplicate of line ${firstLine} (same CIP13 and lot)`;
        errors.push(rowError(line, 'lot', 'duplicate', { line: firstLine }, reason));
        continue;
      }
      seen.set(key, line);
      rows.push(read.row);
    }
  }
  if (lines === 0 && errors.length === 0) {
    return { rows: [], errors: [rowError(0, 'file', 'noRows', {}, 'no data rows')], lines, quantityUnit: unit };
  }
  return { rows, errors, lines, quantityUnit: unit };
}

/** Whether the header names the column `key` (the header lines alone, read with that column required). */
function hasColumn(head: string, key: SnapshotKey): boolean {
  const columns = SNAPSHOT_COLUMNS.map((c) => (c.key === key ? { ...c, required: true } : c));
  return !readCsv(head, columns, { ignore: SNAPSHOT_IGNORED }).issues.some((i) => i.code === 'missingColumn');
}

/** Reads a snapshot in one go (see `readSnapshot`): for tests and small files. */
export function parseSnapshotCsv(input: Uint8Array | string): ParsedSnapshot {
  const steps = readSnapshot(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Reads a snapshot (see `readSnapshot`) and lets the event loop run between pieces of
 * `CHUNK_ROWS` rows: a 20 000-row file never holds other requests for more than one piece.
 */
export async function parseSnapshotCsvAsync(input: Uint8Array | string): Promise<ParsedSnapshot> {
  const steps = readSnapshot(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Boxes to units and box prices to unit costs, by the units per box the row gives or else the
 * catalogue's (`unitsPerBoxOf`, null when the catalogue does not know it). A row that needs the
 * count and has neither gets an `unitsPerBoxUnknown` error. A unit cost written in the file
 * wins over its box price; a box price becomes a unit cost by `unitCostOfBox`.
 */
export function resolveBoxes(
  rows: SnapshotRow[],
  unitsPerBoxOf: (cip13: string) => number | null,
): { rows: SnapshotRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const resolved: SnapshotRow[] = [];
  for (const row of rows) {
    const needsCount = row.boxes !== null || (row.unitCostMillicents === null && row.boxCostMillicents !== null);
    // Most files count units with a unit price: those rows stay as read (no copy of 20 000 rows).
    if (!needsCount) {
      resolved.push(row);
      continue;
    }
    const perBox = row.unitsPerBox ?? (needsCount ? unitsPerBoxOf(row.cip13) : null);
    if (needsCount && perBox === null) {
      const field = row.boxes !== null ? 'boxes' : 'boxCost';
      const reason = `the catalogue does not say how many units a box of ${row.cip13} holds: add a "Unités par boîte" column`;
      errors.push(rowError(row.line, field, 'unitsPerBoxUnknown', { cip13: row.cip13 }, reason));
      continue;
    }
    resolved.push({
      ...row,
      quantity: row.boxes !== null && perBox !== null ? row.boxes * perBox : row.quantity,
      unitsPerBox: perBox,
      unitCostMillicents:
        row.unitCostMillicents ??
        (row.boxCostMillicents !== null && perBox !== null ? unitCostOfBox(row.boxCostMillicents, perBox) : null),
    });
  }
  return { rows: resolved, errors };
}

/**
 * A warning that does not stop the import, on a line of the file: `expired` (the lot has expired
 * and is still counted), `priceIgnored` (the lot is held: its cost as bought is kept, `cost` in
 * millicents) or `priceSet` (the held lot had no cost: it takes the file's, `cost` in millicents).
 */
export type RowWarning = {
  line: number;
  code: 'expired' | 'priceIgnored' | 'priceSet';
  params: Record<string, string | number>;
};

/** Rows of the file whose lot has expired before `today` and still holds units: to destroy, not to dispense. */
export function expiredRows(rows: SnapshotRow[], today: string): RowWarning[] {
  return rows
    .filter((r) => r.expiryDate < today && r.quantity > 0)
    .map((r) => ({ line: r.line, code: 'expired', params: { lot: r.lotNumber, date: r.expiryDate } }));
}

/** A held lot's cost as bought, in millicents (0: not known, as a lot first seen in a snapshot without price). */
export type HeldLotCost = {
  lotId: number;
  cip13: string;
  lotNumber: string;
  expiryDate: string;
  unitCostMillicents: number;
};

/** A held lot without a known cost that takes the file's price (millicents) when the import is applied. */
export type CostUpdate = { lotId: number; line: number; unitCostMillicents: number };

/**
 * What the file's prices do to lots the pharmacy already holds (same lot: CIP13, number, expiry).
 * A snapshot counts units; the units already on the shelf cost what they were bought at, so a
 * price in the file never revalues a held lot: a price that differs from the lot's cost is
 * ignored, with a `priceIgnored` warning that names the cost kept (millicents). A held lot whose
 * cost is not known (0) takes the file's price: a `priceSet` warning and a `CostUpdate`. Lots the
 * pharmacy does not hold yet take the file's price when they are created (`planSnapshot`).
 */
export function snapshotCosts(
  held: HeldLotCost[],
  rows: SnapshotRow[],
): { warnings: RowWarning[]; updates: CostUpdate[] } {
  const byKey = new Map(held.map((l) => [`${l.cip13}|${l.lotNumber}|${l.expiryDate}`, l]));
  const warnings: RowWarning[] = [];
  const updates: CostUpdate[] = [];
  for (const row of rows) {
    if (row.unitCostMillicents === null) continue;
    const lot = byKey.get(`${row.cip13}|${row.lotNumber}|${row.expiryDate}`);
    if (!lot || lot.unitCostMillicents === row.unitCostMillicents) continue;
    if (lot.unitCostMillicents === 0) {
      updates.push({ lotId: lot.lotId, line: row.line, unitCostMillicents: row.unitCostMillicents });
      warnings.push({ line: row.line, code: 'priceSet', params: { lot: row.lotNumber, cost: row.unitCostMillicents } });
    } else {
      warnings.push({
        line: row.line,
        code: 'priceIgnored',
        params: { lot: row.lotNumber, cost: lot.unitCostMillicents },
      });
    }
  }
  return { warnings, updates };
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
  unitCostMillicents: number | null;
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
      unitCostMillicents: row.unitCostMillicents,
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
      unitCostMillicents: null,
      from: lot.quantity,
      to: 0,
    });
  }
  return { adjustments, errors };
}

import { stringify } from 'csv-stringify/sync';

// One CSV writer for every export (SPEC §10): what French Excel and LibreOffice open as they
// are — UTF-8 with a BOM, `;` between cells, a decimal comma, CRLF line ends — and no cell that
// a spreadsheet would run as a formula (OWASP "CSV injection").

/** A cell: text, a number (written with a decimal comma), integer cents as euros, or empty. */
export type CsvCell = string | number | null | undefined | { cents: number };

/** Integer cents as a CSV money cell: written `1234,56`, exact (no float arithmetic). */
export const csvCents = (cents: number): CsvCell => ({ cents });

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet would read as a formula gets a leading apostrophe (`'=1+1`). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Integer cents as a French decimal: `123456` → `1234,56`, `-5` → `-0,05`. */
export function centsToFrenchDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`money must be integer cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

function cell(value: CsvCell): string {
  if (value == null) return '';
  if (typeof value === 'object') return centsToFrenchDecimal(value.cents);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`CSV cell is not a finite number: ${value}`);
    return String(value).replace('.', ',');
  }
  return neutraliseFormula(value);
}

/**
 * A CSV document: one header row (French column names), then the rows, as a string starting
 * with the UTF-8 BOM. Numbers and `csvCents` cells are never neutralised (a negative amount stays
 * a number); text cells starting with `= + - @`, a tab or a carriage return are.
 */
export function writeCsv(headers: string[], rows: CsvCell[][]): string {
  for (const row of rows) {
    if (row.length !== headers.length) throw new Error(`CSV row has ${row.length} cells for ${headers.length} headers`);
  }
  const body = stringify([headers.map(neutraliseFormula), ...rows.map((row) => row.map(cell))], {
    delimiter: ';',
    record_delimiter: '\r\n',
    quoted_match: /[;"\r\n]/,
  });
  return `\uFEFF${body}`;
}

/** The `Content-Type` of every CSV export. */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

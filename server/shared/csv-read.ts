import { parse } from 'csv-parse/sync';
import { isCalendarDate } from './dates';
import { decodeText } from './text-decode';

// One CSV reader for every import (SPEC §10): what spreadsheets and pharmacy software really
// write — UTF-8 with or without a BOM, UTF-16 with a BOM, or Windows-1252; `;`, `,` or tab
// between cells; quoted cells with doubled quotes; CRLF; blank and separator-only lines; cells
// padded with spaces — read into rows keyed by column, the header recognised by its names in
// French or English. A first line that is not a recognised header is an error on that line,
// never a data row silently dropped. Bytes are decoded by `decodeText` (text-decode.ts), the rule
// the web app also uses to read a chosen file.

/**
 * A column an import knows: its key and the header names it is recognised by (any case, accents,
 * spacing); the first name is the one messages show.
 */
export type CsvColumn<K extends string> = { key: K; names: readonly string[]; required?: boolean };

/** Why the file (or a line) could not be read as a table. Codes are stable; `reason` is English. */
export type CsvIssue = {
  line: number;
  code: 'unreadable' | 'noHeader' | 'unknownColumn' | 'missingColumn' | 'duplicateColumn' | 'extraCells';
  params: Record<string, string | number>;
  reason: string;
};

export type CsvTable<K extends string> = {
  delimiter: ';' | ',' | '\t';
  /** Data rows: the file's line number and every known column's cell, trimmed ('' when absent). */
  rows: { line: number; cells: Record<K, string> }[];
  issues: CsvIssue[];
};

/** A header cell compared without case, accents, punctuation or spacing: `N° de lot` → `n de lot`. */
export function normaliseHeader(cell: string): string {
  return cell
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const DELIMITERS = [';', '\t', ','] as const;

/** A header cell's column: a known key, a column the import ignores, or none (empty header cell). */
const IGNORED = Symbol('ignored');
type HeaderMatch = { indexes: (string | typeof IGNORED | null)[]; known: number; issues: CsvIssue[] };

function matchHeader<K extends string>(
  cells: string[],
  columns: readonly CsvColumn<K>[],
  ignored: readonly string[],
  line: number,
): HeaderMatch {
  const byName = new Map(columns.flatMap((c) => c.names.map((n) => [normaliseHeader(n), c.key] as const)));
  const skipped = new Set(ignored.map(normaliseHeader));
  const issues: CsvIssue[] = [];
  const seen = new Set<string>();
  const indexes = cells.map((cell) => {
    if (cell.trim() === '') return null;
    if (skipped.has(normaliseHeader(cell))) return IGNORED;
    const key = byName.get(normaliseHeader(cell));
    if (!key) {
      issues.push(issue(line, 'unknownColumn', { value: cell.trim() }, `"${cell.trim()}" is not a known column`));
      return null;
    }
    if (seen.has(key))
      issues.push(issue(line, 'duplicateColumn', { value: cell.trim() }, `"${cell.trim()}" repeats a column`));
    seen.add(key);
    return key;
  });
  for (const c of columns) {
    if (c.required && !seen.has(c.key)) {
      const name = c.names[0] ?? c.key;
      issues.push(issue(line, 'missingColumn', { column: name }, `the header has no "${name}" column`));
    }
  }
  return { indexes, known: seen.size, issues };
}

const issue = (line: number, code: CsvIssue['code'], params: CsvIssue['params'], reason: string): CsvIssue => ({
  line,
  code,
  params,
  reason,
});

const OPTIONS = {
  info: true,
  relax_column_count: true,
  skip_empty_lines: true,
  skip_records_with_empty_values: true,
  trim: true,
  relax_quotes: true,
} as const;

type Parsed = { record: string[]; info: { lines: number } }[];

type Delimiter = CsvTable<string>['delimiter'];

/**
 * The first line that holds something and its number, for header recognition before the whole
 * file is parsed; Excel's `sep=;` hint line before it names the separator.
 */
function firstLine(text: string): { text: string; line: number; hinted?: Delimiter } {
  const lines = text.split(/\r\n|\n|\r/);
  let hinted: Delimiter | undefined;
  for (const [i, line] of lines.entries()) {
    if (/^[;,\t\s]*$/.test(line)) continue;
    const hint = /^sep=(.)$/i.exec(line.trim() === 'sep=' ? 'sep=\t' : line.trim());
    if (hint && !hinted) {
      hinted = DELIMITERS.find((d) => d === hint[1]);
      continue;
    }
    return { text: line, line: i + 1, hinted };
  }
  return { text: '', line: 1, hinted };
}

/**
 * Reads a CSV import into rows keyed by column. `input` is the uploaded bytes (decoded with
 * `decodeText`) or text already decoded. The separator is the one (`;`, tab, `,`) under which
 * the first non-blank line is a recognised header; without one, that line gets a `noHeader`
 * issue (or `unknownColumn` / `missingColumn` when it looks like a header) and no row is read.
 * Header names in `ignore` (a product's label next to its code…) are recognised and skipped.
 * Cells beyond the header must be empty (`extraCells` otherwise); missing trailing cells read ''.
 */
export function readCsv<K extends string>(
  input: Uint8Array | string,
  columns: readonly CsvColumn<K>[],
  opts: { ignore?: readonly string[] } = {},
): CsvTable<K> {
  // Line ends as LF only (a CRLF inside a quoted cell too): csv-parse counts lines right with them.
  const text = (typeof input === 'string' ? input : decodeText(input).text)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const head = firstLine(text);
  const tries = (head.hinted ? [head.hinted] : DELIMITERS).map((delimiter) => {
    let cells: string[] = [];
    try {
      cells = ((parse(head.text, { ...OPTIONS, delimiter }) as unknown as Parsed)[0]?.record ?? []) as string[];
    } catch {
      cells = head.text.split(delimiter);
    }
    return {
      delimiter,
      match: matchHeader(cells, columns, opts.ignore ?? [], head.line),
      count: head.text.split(delimiter).length,
    };
  });
  const found = tries.find((t) => t.match.issues.length === 0 && t.match.known > 0);
  if (!found) {
    const best = [...tries].sort((a, b) => b.match.known - a.match.known || b.count - a.count)[0] as (typeof tries)[0];
    const expected = columns.map((c) => c.names[0]).join(', ');
    const issues =
      best.match.known > 0
        ? best.match.issues
        : [issue(head.line, 'noHeader', { expected }, `line ${head.line} is not a header row (expected: ${expected})`)];
    return { delimiter: best.delimiter, rows: [], issues };
  }

  let records: Parsed;
  try {
    records = parse(text, { ...OPTIONS, delimiter: found.delimiter, from_line: head.line }) as unknown as Parsed;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    const detail = (err as Error).message;
    return {
      delimiter: found.delimiter,
      rows: [],
      issues: [issue(line, 'unreadable', { detail }, `unreadable CSV: ${detail}`)],
    };
  }
  const { indexes } = found.match;
  const issues: CsvIssue[] = [];
  const rows: CsvTable<K>['rows'] = [];
  for (const { record, info } of records.slice(1)) {
    // csv-parse reports the line a record ends on; people look for the line it starts on.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    const cells = Object.fromEntries(columns.map((c) => [c.key, ''])) as Record<K, string>;
    let extra = 0;
    record.forEach((value, i) => {
      const key = indexes[i];
      if (typeof key === 'string') cells[key as K] = value.trim();
      else if (key !== IGNORED && value.trim() !== '') extra++;
    });
    if (extra > 0) {
      issues.push(issue(line, 'extraCells', { count: extra }, `${extra} cell(s) outside the header's columns`));
      continue;
    }
    rows.push({ line, cells });
  }
  return { delimiter: found.delimiter, rows, issues };
}

const THOUSANDS = /[\s\u00a0\u202f]/g;

/** A whole number as spreadsheets write it, `1200` or `1 200`; null when it is not one (signs, decimals). */
export function csvInteger(raw: string): number | null {
  const text = raw.trim();
  if (!/^\d{1,3}([\s\u00a0\u202f]?\d{3})*$/.test(text)) return null;
  const n = Number(text.replace(THOUSANDS, ''));
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Euros as French and English spreadsheets write them — `3,45`, `3.45`, `1 234,50 €`, `€3.45`,
 * `12 EUR` — as integer cents (exact: no float arithmetic). '' is null; anything else, or more
 * than two decimals, is 'invalid'.
 */
export function csvEurosToCents(raw: string): number | null | 'invalid' {
  const text = raw
    .trim()
    .replace(/^€\s*|\s*(€|EUR)$/i, '')
    .replace(THOUSANDS, '');
  if (text === '') return raw.trim() === '' ? null : 'invalid';
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!m) return 'invalid';
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** A calendar date written `2027-03-31` or `31/03/2027` (French Excel; `5/3/2027` too) as `YYYY-MM-DD`, else null. */
export function csvDate(raw: string): string | null {
  const text = raw.trim();
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = french ? `${french[3]}-${french[2]?.padStart(2, '0')}-${french[1]?.padStart(2, '0')}` : text;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isCalendarDate(iso) ? iso : null;
}

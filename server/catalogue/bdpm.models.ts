/**
 * Reading the ANSM BDPM export files: encoding, lines, exact column counts and typed rows.
 * Pure: bytes in, rows and rejected lines out. The column layout is documented in
 * ../shared/data/bdpm/README.md.
 */

import { decodeWindows1252 } from '../shared/text-decode';
import {
  BdpmValueError,
  checkCip13,
  isValidCip7,
  isValidCis,
  parseEuroCents,
  parseFrenchDate,
  parseReimbursementRate,
} from './catalogue.models';

export const BDPM_FILES = {
  specialities: 'CIS_bdpm.txt',
  presentations: 'CIS_CIP_bdpm.txt',
  compositions: 'CIS_COMPO_bdpm.txt',
  genericGroups: 'CIS_GENER_bdpm.txt',
} as const;
export type BdpmKind = keyof typeof BDPM_FILES;
export const BDPM_KINDS = Object.keys(BDPM_FILES) as BdpmKind[];

export type BdpmEncoding = 'utf-8' | 'windows-1252';
export type Rejection = { line: number; reason: string; text: string };

/** Control characters that never appear in a text export (tab, CR and LF excepted). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * UTF-8 when the bytes are valid UTF-8 (the site now serves some files so), otherwise
 * Windows-1252 (the historical BDPM encoding) as long as every byte is a printable cp1252
 * character. Anything else (UTF-16, binary, a byte cp1252 leaves undefined) is unknown.
 */
export function decodeBdpm(bytes: Uint8Array): { encoding: BdpmEncoding; text: string } | { error: string } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  let decoded: { encoding: BdpmEncoding; text: string };
  try {
    decoded = { encoding: 'utf-8', text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    decoded = { encoding: 'windows-1252', text: decodeWindows1252(body) };
  }
  const bad = CONTROL_CHARS.exec(decoded.text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).padStart(4, '0');
    return { error: `unknown encoding: neither UTF-8 nor Windows-1252 text (character U+${code})` };
  }
  return decoded;
}

export type BdpmLine = { line: number; text: string };

/**
 * Splits on LF or CRLF. Every official file ends with an end-of-line, so a last line
 * without one is taken as a truncated download rather than guessed at.
 */
export function splitBdpmLines(text: string): { lines: BdpmLine[]; truncated: BdpmLine | null } {
  const parts = text.split('\n');
  const last = parts.pop() ?? '';
  const lines = parts.map((part, i) => ({ line: i + 1, text: part.endsWith('\r') ? part.slice(0, -1) : part }));
  const truncated = last === '' ? null : { line: parts.length + 1, text: last };
  return { lines: lines.filter((l) => l.text !== ''), truncated };
}

export type SpecialityRow = {
  cis: string;
  name: string;
  form: string;
  routes: string;
  ammStatus: string;
  ammProcedure: string;
  marketingStatus: string;
  ammDate: string | null;
  bdmStatus: string | null;
  euNumber: string | null;
  holders: string;
  reinforcedMonitoring: boolean;
};

export type PresentationRow = {
  cip13: string;
  cip7: string;
  cis: string;
  label: string;
  adminStatus: string;
  marketingStatus: string;
  marketingDate: string | null;
  collectivities: boolean | null;
  reimbursementRatePct: number | null;
  priceCents: number | null;
  priceWithFeeCents: number | null;
  dispensingFeeCents: number | null;
  reimbursementIndications: string | null;
};

export type CompositionRow = {
  cis: string;
  element: string;
  substanceCode: string;
  substanceName: string;
  dosage: string | null;
  dosageReference: string | null;
  nature: string;
  linkNo: number;
};

export type GenericGroupRow = { groupId: number; groupLabel: string; cis: string; genericType: number; sortNo: number };

export type BdpmRowOf = {
  specialities: SpecialityRow;
  presentations: PresentationRow;
  compositions: CompositionRow;
  genericGroups: GenericGroupRow;
};

const nullIfEmpty = (s: string) => (s.trim() === '' ? null : s.trim());

function requireText(value: string, what: string): string {
  const text = value.trim();
  if (text === '') throw new BdpmValueError(`${what} is empty`);
  return text;
}

function requireCis(value: string): string {
  if (!isValidCis(value)) throw new BdpmValueError(`CIS "${value}" is not 8 digits`);
  return value;
}

function requireInt(value: string, what: string): number {
  if (!/^\d{1,9}$/.test(value.trim())) throw new BdpmValueError(`${what} "${value}" is not a whole number`);
  return Number(value.trim());
}

function yesNo(value: string, what: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === 'oui') return true;
  if (v === 'non') return false;
  if (v === '') return null;
  throw new BdpmValueError(`${what} "${value}" is neither oui nor non`);
}

type RowSpec<K extends BdpmKind> = {
  columns: number;
  key: (row: BdpmRowOf[K]) => string;
  /** Another value that must be unique within the file (the CIP7 of a presentation). */
  alsoUnique?: (row: BdpmRowOf[K]) => string;
  parse: (f: string[]) => BdpmRowOf[K];
};

export const ROW_SPECS: { [K in BdpmKind]: RowSpec<K> } = {
  specialities: {
    columns: 12,
    key: (r) => r.cis,
    parse: (f) => ({
      cis: requireCis(f[0] ?? ''),
      name: requireText(f[1] ?? '', 'name'),
      form: (f[2] ?? '').trim(),
      routes: (f[3] ?? '').trim(),
      ammStatus: (f[4] ?? '').trim(),
      ammProcedure: (f[5] ?? '').trim(),
      marketingStatus: (f[6] ?? '').trim(),
      ammDate: parseFrenchDate(f[7] ?? ''),
      bdmStatus: nullIfEmpty(f[8] ?? ''),
      euNumber: nullIfEmpty(f[9] ?? ''),
      holders: (f[10] ?? '')
        .split(';')
        .map((h) => h.trim())
        .filter((h) => h !== '')
        .join('; '),
      reinforcedMonitoring: yesNo(f[11] ?? '', 'reinforced monitoring') === true,
    }),
  },
  presentations: {
    columns: 13,
    key: (r) => r.cip13,
    alsoUnique: (r) => `CIP7 ${r.cip7}`,
    parse: (f) => {
      const cip13 = f[6] ?? '';
      const check = checkCip13(cip13);
      if (!check.ok) throw new BdpmValueError(check.reason);
      const cip7 = f[1] ?? '';
      if (!isValidCip7(cip7)) throw new BdpmValueError(`CIP7 "${cip7}" is not 7 digits`);
      return {
        cip13,
        cip7,
        cis: requireCis(f[0] ?? ''),
        label: requireText(f[2] ?? '', 'label'),
        adminStatus: (f[3] ?? '').trim(),
        marketingStatus: (f[4] ?? '').trim(),
        marketingDate: parseFrenchDate(f[5] ?? ''),
        collectivities: yesNo(f[7] ?? '', 'agrément aux collectivités'),
        reimbursementRatePct: parseReimbursementRate(f[8] ?? ''),
        priceCents: parseEuroCents(f[9] ?? ''),
        priceWithFeeCents: parseEuroCents(f[10] ?? ''),
        dispensingFeeCents: parseEuroCents(f[11] ?? ''),
        reimbursementIndications: nullIfEmpty(f[12] ?? ''),
      };
    },
  },
  compositions: {
    columns: 8,
    key: (r) => [r.cis, r.element, r.substanceCode, r.nature, r.linkNo].join('|'),
    parse: (f) => {
      const nature = (f[6] ?? '').trim();
      if (!['SA', 'FT', 'ST'].includes(nature)) throw new BdpmValueError(`nature "${nature}" is not SA or FT`);
      const substanceCode = (f[2] ?? '').trim();
      if (!/^\d{1,8}$/.test(substanceCode)) throw new BdpmValueError(`substance code "${substanceCode}" is not digits`);
      return {
        cis: requireCis(f[0] ?? ''),
        element: (f[1] ?? '').trim(),
        substanceCode,
        substanceName: requireText(f[3] ?? '', 'substance name'),
        dosage: nullIfEmpty(f[4] ?? ''),
        dosageReference: nullIfEmpty(f[5] ?? ''),
        nature,
        linkNo: requireInt(f[7] ?? '', 'link number'),
      };
    },
  },
  genericGroups: {
    columns: 5,
    key: (r) => `${r.groupId}|${r.cis}`,
    parse: (f) => ({
      groupId: requireInt(f[0] ?? '', 'group id'),
      groupLabel: requireText(f[1] ?? '', 'group label'),
      cis: requireCis(f[2] ?? ''),
      genericType: requireInt(f[3] ?? '', 'generic type'),
      sortNo: requireInt(f[4] ?? '', 'sort number'),
    }),
  },
};

export type ParsedBdpmFile<K extends BdpmKind> = {
  kind: K;
  encoding: BdpmEncoding | null;
  linesRead: number;
  rows: BdpmRowOf[K][];
  rejected: Rejection[];
};

const excerpt = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);

/** Splits a line into fields. Older composition files end each row with a tab: tolerated. */
function fieldsOf(kind: BdpmKind, text: string): string[] {
  const fields = text.split('\t');
  if (kind === 'compositions' && fields.length === ROW_SPECS.compositions.columns + 1 && fields.at(-1) === '') {
    fields.pop();
  }
  return fields;
}

/**
 * Parses one whole file. Every line that cannot be trusted (wrong column count, invalid
 * code or value, duplicate key, truncated end) is returned in `rejected` with its line
 * number; the caller decides whether a file with rejections may be imported at all.
 */
export function parseBdpmFile<K extends BdpmKind>(kind: K, bytes: Uint8Array): ParsedBdpmFile<K> {
  const decoded = decodeBdpm(bytes);
  if ('error' in decoded) {
    return { kind, encoding: null, linesRead: 0, rows: [], rejected: [{ line: 0, reason: decoded.error, text: '' }] };
  }
  const spec = ROW_SPECS[kind] as RowSpec<K>;
  const { lines, truncated } = splitBdpmLines(decoded.text);
  const rows: BdpmRowOf[K][] = [];
  const rejected: Rejection[] = [];
  const seen = new Map<string, number>();
  for (const { line, text } of lines) {
    const fields = fieldsOf(kind, text);
    if (fields.length !== spec.columns) {
      rejected.push({ line, reason: `expected ${spec.columns} columns, found ${fields.length}`, text: excerpt(text) });
      continue;
    }
    try {
      const row = spec.parse(fields);
      for (const key of [spec.key(row), spec.alsoUnique?.(row)]) {
        if (key === undefined) continue;
        const first = seen.get(key);
        if (first !== undefined) throw new BdpmValueError(`duplicate of line ${first} (${key})`);
      }
      seen.set(spec.key(row), line);
      if (spec.alsoUnique) seen.set(spec.alsoUnique(row), line);
      rows.push(row);
    } catch (error) {
      if (!(error instanceof BdpmValueError)) throw error;
      rejected.push({ line, reason: error.message, text: excerpt(text) });
    }
  }
  if (rows.length === 0 && rejected.length === 0 && !truncated) {
    rejected.push({ line: 0, reason: 'file has no rows', text: '' });
  }
  if (truncated) {
    rejected.push({
      line: truncated.line,
      reason: 'truncated last line (no end-of-line)',
      text: excerpt(truncated.text),
    });
  }
  return { kind, encoding: decoded.encoding, linesRead: lines.length + (truncated ? 1 : 0), rows, rejected };
}

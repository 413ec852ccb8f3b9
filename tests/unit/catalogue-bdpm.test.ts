import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_BDPM_ROWS } from '../../db/seed/demo-catalogue.data';
import {
  BDPM_FILES,
  BDPM_KINDS,
  decodeBdpm,
  parseBdpmFile,
  ROW_SPECS,
  splitBdpmLines,
} from '../../server/catalogue/bdpm.models';
import { checkCip13, decidePdaExclusion } from '../../server/catalogue/catalogue.models';
import { decodeWindows1252 } from '../../server/shared/text-decode';

const FIXTURES = join(import.meta.dirname, '../fixtures/bdpm');
const official = (file: string) => readFileSync(join(FIXTURES, 'official', file));
const variant = (file: string) => readFileSync(join(FIXTURES, 'variants', file));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('BDPM encoding detection', () => {
  it('When a file is valid UTF-8, Then it is read as UTF-8', () => {
    const decoded = decodeBdpm(official(BDPM_FILES.presentations));
    expect(decoded).toMatchObject({ encoding: 'utf-8' });
    expect('text' in decoded && decoded.text).toContain('Présentation active');
  });

  it('When a file is Windows-1252, Then its accents and curly apostrophes are decoded', () => {
    const bytes = official(BDPM_FILES.specialities);
    expect(bytes.includes(0xe9)).toBe(true);
    const decoded = decodeBdpm(bytes);
    expect(decoded).toMatchObject({ encoding: 'windows-1252' });
    const text = 'text' in decoded ? decoded.text : '';
    expect(text).toContain('DOLIPRANE 1000 mg, comprimé effervescent sécable');
    expect(text).toContain('à l’aspartam');
  });

  it('When Windows-1252 bytes 0x80-0x9F are decoded, Then they map to their cp1252 characters, not to C1 controls', () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x92, 0x96, 0x9c, 0xe9, 0xe0, 0x41]))).toBe('€’–œéàA');
  });

  it('When a file starts with a UTF-8 byte order mark, Then the mark is dropped', () => {
    const decoded = decodeBdpm(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('60002283\tA\n')]));
    expect(decoded).toEqual({ encoding: 'utf-8', text: '60002283\tA\n' });
  });

  it('When a file is UTF-16 or has bytes Windows-1252 leaves undefined, Then its encoding is unknown', () => {
    expect(decodeBdpm(variant('CIS_bdpm.utf16.txt'))).toMatchObject({
      error: expect.stringMatching(/unknown encoding/),
    });
    expect(decodeBdpm(new Uint8Array([0x41, 0x81, 0x0a]))).toMatchObject({ error: expect.stringMatching(/U\+0081/) });
  });
});

describe('BDPM lines', () => {
  it('When lines end with CRLF or LF, Then both split the same way', () => {
    expect(splitBdpmLines('a\r\nb\r\n')).toEqual({
      lines: [
        { line: 1, text: 'a' },
        { line: 2, text: 'b' },
      ],
      truncated: null,
    });
    expect(splitBdpmLines('a\nb\n').lines.map((l) => l.text)).toEqual(['a', 'b']);
  });

  it('When the last line has no end-of-line, Then it is reported as truncated with its number', () => {
    expect(splitBdpmLines('a\nb\nc')).toMatchObject({ truncated: { line: 3, text: 'c' } });
  });
});

describe('BDPM files', () => {
  it('When the official fixture files are parsed, Then every row of each is read and none rejected', () => {
    const counts = Object.fromEntries(
      BDPM_KINDS.map((kind) => {
        const parsed = parseBdpmFile(kind, official(BDPM_FILES[kind]));
        expect(parsed.rejected).toEqual([]);
        return [kind, parsed.rows.length];
      }),
    );
    expect(counts).toEqual({ specialities: 9, presentations: 17, compositions: 11, genericGroups: 2 });
  });

  it('When presentations are parsed, Then prices are cents, rates percentages and dates ISO', () => {
    const rows = parseBdpmFile('presentations', official(BDPM_FILES.presentations)).rows;
    const expensive = rows.find((r) => r.cip13 === '3400927849800');
    expect(expensive).toMatchObject({
      cis: '60025054',
      cip7: '2784980',
      priceCents: 146629,
      reimbursementRatePct: 30,
      marketingDate: '2014-06-24',
      collectivities: true,
    });
    const unpriced = rows.find((r) => r.cip13 === '3400956369553');
    expect(unpriced).toMatchObject({ priceCents: null, reimbursementRatePct: null });
    expect(rows.find((r) => r.cip13 === '3400949004027')?.reimbursementRatePct).toBe(65);
  });

  it('When a row has the wrong number of columns, Then its line is rejected with the count', () => {
    const parsed = parseBdpmFile('presentations', variant('CIS_CIP_bdpm.wrong-columns.txt'));
    expect(parsed.rejected).toEqual([
      { line: 3, reason: 'expected 13 columns, found 12', text: expect.stringContaining('3595583') },
    ]);
    expect(parsed.rows).toHaveLength(16);
  });

  it('When a CIP13 has a bad check digit, Then its line is rejected with the expected digit', () => {
    const parsed = parseBdpmFile('presentations', variant('CIS_CIP_bdpm.bad-check-digit.txt'));
    expect(parsed.rejected).toEqual([
      {
        line: 5,
        reason: 'CIP13 "3400933323524" has a wrong check digit (expected 3)',
        text: expect.any(String),
      },
    ]);
  });

  it('When the download was cut mid-line, Then the last line is rejected as truncated', () => {
    const parsed = parseBdpmFile('presentations', variant('CIS_CIP_bdpm.truncated.txt'));
    expect(parsed.rejected).toEqual([
      { line: 17, reason: 'truncated last line (no end-of-line)', text: expect.any(String) },
    ]);
    expect(parsed.linesRead).toBe(17);
  });

  it('When the encoding is unknown, Then the whole file is rejected at line 0', () => {
    const parsed = parseBdpmFile('specialities', variant('CIS_bdpm.utf16.txt'));
    expect(parsed.rows).toEqual([]);
    expect(parsed.rejected).toEqual([{ line: 0, reason: expect.stringMatching(/unknown encoding/), text: '' }]);
  });

  it('When the composition file uses the older layout with a trailing tab, Then it is accepted', () => {
    const parsed = parseBdpmFile('compositions', variant('CIS_COMPO_bdpm.trailing-tab.txt'));
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows).toHaveLength(11);
  });

  it('When two presentations share a CIP7, Then the second line is rejected', () => {
    const lines = readFileSync(join(FIXTURES, 'official', BDPM_FILES.presentations), 'utf8').split('\n');
    const clash = (lines[1] ?? '').replace('3400927849800', '3400935955838').replace('\t2784980\t', '\t2784968\t');
    const parsed = parseBdpmFile('presentations', utf8(`${lines[0]}\n${clash}\n`));
    expect(parsed.rejected).toEqual([
      { line: 2, reason: 'duplicate of line 1 (CIP7 2784968)', text: expect.any(String) },
    ]);
  });

  it('When a key appears twice, Then the second line is rejected as a duplicate', () => {
    const line =
      '60234100\tDOLIPRANE 1000 mg, comprimé\tcomprimé\torale\tAutorisation active\tProcédure nationale\tCommercialisée\t09/07/2002\t\t\t OPELLA\tNon\n';
    const parsed = parseBdpmFile('specialities', utf8(line + line));
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rejected).toEqual([{ line: 2, reason: 'duplicate of line 1 (60234100)', text: expect.any(String) }]);
  });
});

describe('demo catalogue data', () => {
  it('When the demo presentations are checked, Then each CIP13 passes the validator', () => {
    expect(DEMO_BDPM_ROWS.presentations.length).toBeGreaterThanOrEqual(140);
    for (const fields of DEMO_BDPM_ROWS.presentations) {
      expect(checkCip13(fields[6] ?? ''), fields[6]).toEqual({ ok: true });
    }
  });

  it('When the demo rows are parsed like BDPM lines, Then every one is valid', () => {
    for (const kind of BDPM_KINDS) {
      for (const fields of DEMO_BDPM_ROWS[kind]) {
        expect(fields, kind).toHaveLength(ROW_SPECS[kind].columns);
        expect(() => ROW_SPECS[kind].parse(fields)).not.toThrow();
      }
    }
  });

  it('When the demo is built, Then every presentation has its speciality and the common care-home drugs are there', () => {
    const specialities = new Map(DEMO_BDPM_ROWS.specialities.map((f) => [f[0], f]));
    for (const p of DEMO_BDPM_ROWS.presentations) expect(specialities.has(p[0]), p[0]).toBe(true);
    const substances = new Set(DEMO_BDPM_ROWS.compositions.map((f) => f[3]));
    for (const name of [
      'AMLODIPINE',
      'RAMIPRIL',
      'FUROSÉMIDE',
      'LÉVOTHYROXINE',
      'PARACÉTAMOL',
      'WARFARINE',
      'FLUINDIONE',
    ]) {
      expect(
        [...substances].some((s) => s?.includes(name)),
        name,
      ).toBe(true);
    }
  });

  it('When the demo catalogue is checked for PDA, Then it holds both pouchable and excluded drugs', () => {
    const rules = new Set(
      DEMO_BDPM_ROWS.specialities.map((f) => {
        const substances = DEMO_BDPM_ROWS.compositions.filter((c) => c[0] === f[0]).map((c) => c[3] ?? '');
        return decidePdaExclusion({ form: f[2] ?? '', routes: (f[3] ?? '').split(';'), substances }).rule;
      }),
    );
    for (const rule of [
      null,
      'vitamin_k_antagonist',
      'narcotic',
      'liquid',
      'injectable',
      'effervescent',
      'orodispersible',
    ]) {
      expect(rules.has(rule as never), String(rule)).toBe(true);
    }
  });
});

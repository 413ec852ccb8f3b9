import { describe, expect, it } from 'vitest';
import { csvDate, csvEurosToCents, csvInteger, normaliseHeader, readCsv } from '../../server/shared/csv-read';
import { decodeText, encodingOfCharset } from '../../server/shared/text-decode';

const COLUMNS = [
  { key: 'code', names: ['Code', 'Code produit'], required: true },
  { key: 'name', names: ['Désignation', 'Name'], required: true },
  { key: 'price', names: ['Prix unitaire', 'Unit price'] },
] as const;

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decoding an uploaded file', () => {
  it('Given UTF-8 with and without a BOM, Then the text is the same and the BOM is gone', () => {
    const utf8 = new TextEncoder().encode('Désignation');
    expect(decodeText(utf8)).toEqual({ encoding: 'utf-8', text: 'Désignation' });
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, ...utf8))).toEqual({ encoding: 'utf-8', text: 'Désignation' });
  });

  it('Given UTF-16 with a BOM (little or big endian), Then it is read', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x50, 0, 0xe9, 0))).toEqual({ encoding: 'utf-16le', text: 'Pé' });
    expect(decodeText(bytes(0xfe, 0xff, 0, 0x50, 0, 0xe9))).toEqual({ encoding: 'utf-16be', text: 'Pé' });
  });

  it('Given bytes that are not UTF-8, Then they are Windows-1252 (0x80–0x9F included: € ’ œ)', () => {
    expect(decodeText(bytes(0x50, 0xe9, 0x80, 0x92, 0x9c))).toEqual({ encoding: 'windows-1252', text: 'Pé€’œ' });
  });

  it('Given a declared charset, Then single-byte and UTF-16 labels are honoured and unknown ones are null', () => {
    expect(decodeText(bytes(0xc3, 0xa9), encodingOfCharset('ISO-8859-1') ?? undefined).text).toBe('Ã©');
    expect(decodeText(bytes(0x50, 0), encodingOfCharset('utf-16') ?? undefined).text).toBe('P');
    expect(encodingOfCharset('latin1')).toBe('windows-1252');
    expect(encodingOfCharset('ebcdic')).toBeNull();
  });
});

describe('recognising the header', () => {
  it('Given names in any case, accents, spacing or underscores, Then they normalise alike', () => {
    expect(normaliseHeader('  DÉSIGNATION ')).toBe('designation');
    expect(normaliseHeader('Prix_unitaire (€)')).toBe('prix unitaire');
    expect(normaliseHeader('N° de lot')).toBe('n de lot');
  });

  it.each([
    ['semicolons', 'Code;Désignation;Prix unitaire\n1;Doliprane;2,5\n', ';'],
    ['commas', 'code,name,unit_price\n1,Doliprane,"2,5"\n', ','],
    ['tabs', 'CODE PRODUIT\tdesignation\n1\tDoliprane\n', '\t'],
  ])('Given a header separated by %s, Then the separator is found from it', (_, text, delimiter) => {
    const table = readCsv(text, COLUMNS);
    expect(table.delimiter).toBe(delimiter);
    expect(table.issues).toEqual([]);
    expect(table.rows[0]?.cells).toMatchObject({ code: '1', name: 'Doliprane' });
  });

  it('Given a first line of data (no header), Then line 1 is an error and no row is read', () => {
    const table = readCsv('O400930152812;G1;2027-12-31;5\n3400930152812;G2;2027-12-31;5\n', COLUMNS);
    expect(table.rows).toEqual([]);
    expect(table.issues).toEqual([
      {
        line: 1,
        code: 'noHeader',
        params: { expected: 'Code, Désignation, Prix unitaire' },
        reason: expect.any(String),
      },
    ]);
  });

  it('Given a header with an unknown, a repeated and a missing column, Then each is named on its line', () => {
    const table = readCsv('\n\nCode;Code;Libellé\n1;2;3\n', COLUMNS);
    expect(table.rows).toEqual([]);
    expect(table.issues.map((i) => [i.line, i.code, i.params])).toEqual([
      [3, 'duplicateColumn', { value: 'Code' }],
      [3, 'unknownColumn', { value: 'Libellé' }],
      [3, 'missingColumn', { column: 'Désignation' }],
    ]);
  });

  it('Given columns the import ignores, Then their cells are skipped, not refused', () => {
    const table = readCsv('Code;Labo;Désignation\n1;Sanofi;Doliprane\n', COLUMNS, { ignore: ['Laboratoire', 'Labo'] });
    expect(table.issues).toEqual([]);
    expect(table.rows[0]?.cells).toEqual({ code: '1', name: 'Doliprane', price: '' });
  });
});

describe('reading what spreadsheets write', () => {
  it('Given quotes, doubled quotes, separators and line breaks inside cells, CRLF and padding, Then cells are exact (line breaks as LF) and rows keep their first line', () => {
    const text =
      'Code;Désignation;Prix unitaire\r\n' +
      '" 7 ";"Sirop ""enfant""; 125 ml";" 3,10 "\r\n' +
      '8;"Deux\r\nlignes";\r\n';
    const table = readCsv(text, COLUMNS);
    expect(table.issues).toEqual([]);
    expect(table.rows).toEqual([
      { line: 2, cells: { code: '7', name: 'Sirop "enfant"; 125 ml', price: '3,10' } },
      { line: 3, cells: { code: '8', name: 'Deux\nlignes', price: '' } },
    ]);
  });

  it('Given blank lines, separator-only lines, trailing separators and short rows, Then only real rows are read, with their file line', () => {
    const text = 'Code;Désignation;;\n\n1;A;;\n;;;\n2;B\n\n\n';
    expect(readCsv(text, COLUMNS).rows).toEqual([
      { line: 3, cells: { code: '1', name: 'A', price: '' } },
      { line: 5, cells: { code: '2', name: 'B', price: '' } },
    ]);
  });

  it('Given mixed line ends (CRLF, LF, CR), Then each ends a row', () => {
    expect(readCsv('Code;Désignation\r\n1;A\n2;B\r3;C', COLUMNS).rows.map((r) => [r.line, r.cells.name])).toEqual([
      [2, 'A'],
      [3, 'B'],
      [4, 'C'],
    ]);
  });

  it("Given Excel's sep= hint line, Then it names the separator and is not the header", () => {
    const table = readCsv('sep=,\nCode,Désignation\n1,"A; B"\n', COLUMNS);
    expect(table.delimiter).toBe(',');
    expect(table.rows).toEqual([{ line: 3, cells: { code: '1', name: 'A; B', price: '' } }]);
  });

  it('Given a cell outside the header, Then that line is an error, the others are read', () => {
    const table = readCsv('Code;Désignation\n1;A;surprise\n2;B\n', COLUMNS);
    expect(table.issues.map((i) => [i.line, i.code])).toEqual([[2, 'extraCells']]);
    expect(table.rows.map((r) => r.line)).toEqual([3]);
  });

  it('Given a quote never closed, Then the file is unreadable at that line', () => {
    const table = readCsv('Code;Désignation\n1;"A\n2;B\n', COLUMNS);
    expect(table.rows).toEqual([]);
    expect(table.issues[0]).toMatchObject({ code: 'unreadable' });
  });

  it('Given bytes, Then they are decoded by the shared rule first', () => {
    const table = readCsv(bytes(...[...'Code;D\xe9signation\n1;Caf\xe9\n'].map((c) => c.charCodeAt(0))), COLUMNS);
    expect(table.rows[0]?.cells.name).toBe('Café');
  });
});

describe('cell values', () => {
  it.each([
    ['3,45', 345],
    ['3.45', 345],
    ['3,5', 350],
    ['1 234,50 €', 123_450],
    ['1\u202f234,50', 123_450],
    ['€3.45', 345],
    ['12 EUR', 1200],
    ['', null],
    ['3,456', 'invalid'],
    ['-2', 'invalid'],
    ['€', 'invalid'],
    ['1,234.50', 'invalid'],
  ])('euros %j read as %j cents', (raw, cents) => {
    expect(csvEurosToCents(raw)).toBe(cents);
  });

  it.each([
    ['12', 12],
    [' 1 200 ', 1200],
    ['0', 0],
    ['1,5', null],
    ['-3', null],
    ['12 00', null],
    ['', null],
  ])('whole number %j reads as %j', (raw, n) => {
    expect(csvInteger(raw)).toBe(n);
  });

  it.each([
    ['2027-03-31', '2027-03-31'],
    ['31/03/2027', '2027-03-31'],
    ['5/3/2027', '2027-03-05'],
    ['29/02/2028', '2028-02-29'],
    ['29/02/2027', null],
    ['2027-3-31', null],
    ['03/2027', null],
  ])('date %j reads as %j', (raw, iso) => {
    expect(csvDate(raw)).toBe(iso);
  });
});

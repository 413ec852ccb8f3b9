import { isoWeekDays } from '../server/shared/dates';
import { COOPERATIVE_NAME } from '../server/shares/shares-report.models';

/** Windows-1252's characters beyond Latin-1: with Latin-1, what the standard PDF fonts' WinAnsi encoding holds. */
const CP1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Look-alikes for characters outside WinAnsi that users type or paste (spaces, dashes, signs). */
const LOOK_ALIKES: Record<string, string> = {
  '\u202f': '\u00a0',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '–',
  '\u2015': '—',
  '\u2212': '-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2713': 'v',
  '\u2714': 'v',
  '\u2022': '•',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
};
const encodable = (c: string) => {
  const code = c.codePointAt(0) ?? 0;
  return (
    c === '\n' || c === '\t' || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.has(c)
  );
};

/**
 * Text as the report's standard fonts (Helvetica, WinAnsi) can print it: a character they hold
 * stays; a spacing, dash or sign gets its look-alike; a letter with an accent they lack keeps its
 * base letter (« ő » → « o »); an emoji, its joiners and variation selectors go; anything else
 * becomes « ? ». pdfkit printed such characters as garbage (« ✓ 🙂 » came out « ' Ø=ÞB » in a GP
 * report, found by a tester).
 */
export function printable(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC')) {
    if (encodable(c)) out += c;
    else if (LOOK_ALIKES[c] !== undefined) out += LOOK_ALIKES[c];
    else if (/\p{Extended_Pictographic}|[\u200d\ufe0e\ufe0f]|\p{Emoji_Modifier}/u.test(c)) continue;
    else {
      const base = c.normalize('NFD').replace(/\p{M}/gu, '');
      out += base.length > 0 && [...base].every(encodable) ? base : '?';
    }
  }
  return out;
}

/**
 * A4 document with the cooperative's header; `done` resolves to the PDF bytes once ended.
 * pdfkit (and its fonts) load on the first report, not at server start: most processes never print.
 */
export async function createReport(title: string, subtitle: string, opts: { creationDate?: Date } = {}) {
  const { default: PDFDocument } = await import('pdfkit');
  // A fixed creation date makes the bytes reproducible (pdfkit derives the file ID from it).
  const info = { Title: title, Author: 'Officoop', ...(opts.creationDate && { CreationDate: opts.creationDate }) };
  const doc = new PDFDocument({ size: 'A4', margin: 48, bufferPages: true, info });
  // Every string printed or measured goes through `printable`, whichever report wrote it.
  const [text, widthOf, heightOf] = [doc.text.bind(doc), doc.widthOfString.bind(doc), doc.heightOfString.bind(doc)];
  const clean = (s: unknown) => (typeof s === 'string' ? printable(s) : s);
  doc.text = ((s: unknown, ...rest: unknown[]) =>
    (text as (...a: unknown[]) => PDFKit.PDFDocument)(clean(s), ...rest)) as typeof doc.text;
  doc.widthOfString = ((s: string, o?: PDFKit.Mixins.TextOptions) =>
    widthOf(printable(s), o)) as typeof doc.widthOfString;
  doc.heightOfString = ((s: string, o?: PDFKit.Mixins.TextOptions) =>
    heightOf(printable(s), o)) as typeof doc.heightOfString;
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(9).fillColor('#2b6cb0').text(COOPERATIVE_NAME);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(16).fillColor('#000').text(title);
  doc.font('Helvetica').fontSize(10).fillColor('#444').text(subtitle).fillColor('#000').moveDown();
  return { doc, done };
}

/** Shortens a cell to one line of the column, with an ellipsis, so rows keep their height. */
function fitCell(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** A wrapping cell's row height: one line keeps the table's 18 pt, each further line adds its own. */
function wrappedHeight(doc: PDFKit.PDFDocument, text: string, width: number): number {
  const oneLine = doc.heightOfString('X', { width });
  const height = doc.heightOfString(text || 'X', { width });
  return height <= oneLine ? 18 : Math.ceil(18 + height - oneLine);
}

/** `wrap`: the cell's text wraps onto more lines (the row grows) instead of ending in an ellipsis. */
export type Column = { header: string; width: number; align?: 'left' | 'right'; wrap?: boolean };

/**
 * A simple ruled table that breaks across pages, repeating its header. A row is one line high,
 * cells shortened with an ellipsis, except in `wrap` columns, whose text wraps and makes the row
 * as tall as it needs. `continued`: the table's section title, repeated as « … (suite) » above
 * the header on each page it continues on (a page read alone says what its rows are).
 */
export function drawTable(
  doc: PDFKit.PDFDocument,
  columns: Column[],
  rows: string[][],
  { continued }: { continued?: string } = {},
) {
  const left = doc.page.margins.left;
  const lineRowHeight = 18;
  const header = () => {
    drawRow(
      columns.map((c) => c.header),
      true,
    );
  };
  const drawRow = (cells: string[], bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const rowHeight = Math.max(
      lineRowHeight,
      ...columns.map((c, i) => (c.wrap ? wrappedHeight(doc, cells[i] ?? '', c.width - 6) : lineRowHeight)),
    );
    if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (continued) doc.font('Helvetica-Bold').fontSize(10).text(`${continued} (suite)`, left).moveDown(0.3);
      if (!bold) header();
    }
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    columns.forEach((c, i) => {
      const text = cells[i] ?? '';
      if (c.wrap) doc.text(text, x + 3, y + 4, { width: c.width - 6, align: c.align ?? 'left' });
      else
        doc.text(fitCell(doc, text, c.width - 6), x + 3, y + 4, {
          width: c.width - 6,
          align: c.align ?? 'left',
          lineBreak: false,
        });
      x += c.width;
    });
    const width = columns.reduce((s, c) => s + c.width, 0);
    doc
      .moveTo(left, y + rowHeight)
      .lineTo(left + width, y + rowHeight)
      .strokeColor(bold ? '#000' : '#ccc')
      .lineWidth(bold ? 0.8 : 0.4)
      .stroke();
    doc.x = left;
    doc.y = y + rowHeight;
  };
  header();
  for (const r of rows) drawRow(r);
  doc.moveDown();
}

/**
 * Writes `text` and "page n / N" at the foot of every page; call it once, just before `doc.end()`
 * (pages are buffered by `createReport`).
 */
export function addPageFooters(doc: PDFKit.PDFDocument, text: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { left, right, bottom } = doc.page.margins;
    const width = doc.page.width - left - right;
    const y = doc.page.height - bottom + 16;
    // Writing below the bottom margin must not open a new page.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7.5).fillColor('#555');
    doc.text(text, left, y, { width: width - 70, lineBreak: false });
    doc.text(`page ${i - range.start + 1} / ${range.count}`, left + width - 70, y, { width: 70, align: 'right' });
    doc.page.margins.bottom = bottom;
    doc.fillColor('#000');
  }
}

const countFormat = new Intl.NumberFormat('fr-FR');

/**
 * A count as French writes it, thousands grouped: 11732 → "11 732". pdfkit's standard fonts have no
 * narrow no-break space (U+202F), which fr-FR groups thousands with: a no-break space (U+00A0) stands
 * in, so that a line never breaks inside a number.
 */
export const formatCount = (v: number) => countFormat.format(v).replace(/\u202f/g, '\u00a0');

/**
 * An ISO week (`2026-W50`) as the web app names it, for a document's text: "semaine 50 de 2026"
 * (the ISO year, which the week's first days may not share). "semaine 2026 S50" read twice.
 */
export const frenchWeek = (week: string) => `semaine ${Number(week.slice(6))} de ${week.slice(0, 4)}`;

/**
 * An ISO week for a narrow table column, with its Monday and Sunday (`2026-W50` → "sem. 50 ·
 * 07/12–13/12"): a raw "2026-W50" is a code, not a week a nurse knows.
 */
export function shortWeek(week: string): string {
  const days = isoWeekDays(week);
  const dm = (day: string | undefined) => `${day?.slice(8, 10)}/${day?.slice(5, 7)}`;
  return `sem. ${Number(week.slice(6))} · ${dm(days[0])}–${dm(days[6])}`;
}

/**
 * A4 document with the cooperative's header; `done` resolves to the PDF bytes once ended.
 * pdfkit (and its fonts) load on the first report, not at server start: most processes never print.
 */
export async function createReport(title: string, subtitle: string) {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: title, Author: 'Officoop' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(9).fillColor('#2b6cb0').text('OFFICOOP — coopérative des pharmacies du plateau');
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

export type Column = { header: string; width: number; align?: 'left' | 'right' };

/** A simple ruled table that breaks across pages, repeating its header. */
export function drawTable(doc: PDFKit.PDFDocument, columns: Column[], rows: string[][]) {
  const left = doc.page.margins.left;
  const rowHeight = 18;
  const header = () => {
    drawRow(
      columns.map((c) => c.header),
      true,
    );
  };
  const drawRow = (cells: string[], bold = false) => {
    if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!bold) header();
    }
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    columns.forEach((c, i) => {
      doc.text(fitCell(doc, cells[i] ?? '', c.width - 6), x + 3, y + 4, {
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

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { type CsvCell, csvCents, writeCsv } from '../server/shared/csv';
import { PARIS } from '../server/shared/dates';
import { formatEuros } from '../server/shared/money';
import type { SharesReportDoc } from '../server/shares/report.usecases';
import type { AllocationKey } from '../server/shares/shares.models';
import { categoryKeys } from '../server/shares/shares.models';
import { percentSumIfOff, percentTotal } from '../server/shares/shares-report.models';
import { addPageFooters, type Column, createReport, drawTable } from './layout';

// The shares report as the treasurer hands it to the members' general meeting (SPEC §8): a
// summary, the categories with their keys and the ledger check, then one statement page per
// member; and as a CSV for spreadsheets. Both are rendered from the report document only, so a
// closed period's snapshot renders the same bytes every time.

const KEY_LABEL: Record<AllocationKey, string> = {
  holding: 'parts détenues',
  equal: 'part égale',
  activity: 'activité (sachets)',
};
const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

const frDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const number = (n: number, digits = 0) =>
  new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(n)
    .replace(/\u202f/g, '\u00a0');
/** No-break spaces (U+00A0) inside the number and before « % »: a line never breaks in a percentage. */
const percent = (p: number) => `${number(p, 2)}\u00a0%`;
const keys = (ks: AllocationKey[]) => ks.map((k) => KEY_LABEL[k]).join(', puis ');

/** "octobre 2026" for `2026-10`. */
const monthLabel = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** "octobre 2026", "octobre et novembre 2026", "novembre 2026, janvier 2027" (sorted `YYYY-MM`). */
function monthsLabel(months: readonly string[]): string {
  const byYear = new Map<string, string[]>();
  for (const m of months)
    byYear.set(m.slice(0, 4), [...(byYear.get(m.slice(0, 4)) ?? []), MONTHS[Number(m.slice(5, 7)) - 1] as string]);
  const and = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} et ${xs.at(-1)}`);
  return [...byYear].map(([year, names]) => `${and(names)} ${year}`).join(', ');
}

/**
 * A category's keys in words: "parts détenues, puis activité (sachets)" for a key changed within
 * the period; "activité (sachets) — repli sur les parts détenues en octobre 2026" for months of
 * the `activity` key without verified pouches (a fallback, not a change of key).
 */
export function keysLabel(
  category: { id: number; keys: AllocationKey[] },
  fallbacks: SharesReportDoc['keyFallbacks'] | undefined,
): string {
  const shown = categoryKeys(category, fallbacks);
  return shown.fallbackMonths.length > 0
    ? `${keys(shown.keys)} — repli sur les parts détenues en ${monthsLabel(shown.fallbackMonths)}`
    : keys(shown.keys);
}

/** Why `count` entries keyed by activity were shared by holding (SPEC §8: a zero base said clearly). */
export const fallbackSentence = (count: number) =>
  `aucun sachet vérifié ce mois-là, la clé « activité » n’a pas de base ; ${count === 1 ? 'son écriture est répartie' : `ses ${count} écritures sont réparties`} selon les parts détenues le jour de l’écriture.`;

/**
 * Why a member's part of a category is not its percentage of the category's total (SPEC §8): the
 * percentage is the period's average, while each entry is shared on its own date's weights, to the cent.
 */
export const STATEMENT_ROUNDING =
  'Chaque écriture est répartie selon les parts détenues à sa date (ou la clé de sa catégorie) et arrondie au centime : une quote-part n’est donc pas exactement ce pourcentage du total.';

/** "3e trimestre 2026", "juillet 2026", "exercice 2026", or the two dates. */
export function periodLabel(report: Pick<SharesReportDoc, 'from' | 'to' | 'period'>): string {
  const year = report.from.slice(0, 4);
  const month = Number(report.from.slice(5, 7));
  if (report.period?.kind === 'month') return `${MONTHS[month - 1]} ${year}`;
  if (report.period?.kind === 'quarter')
    return `${(month + 2) / 3 === 1 ? '1er' : `${(month + 2) / 3}e`} trimestre ${year}`;
  if (report.period?.kind === 'year') return `exercice ${year}`;
  return `du ${frDate(report.from)} au ${frDate(report.to)}`;
}

/**
 * CSV (server/shared/csv.ts): one header row, one row per member, one totals row, no preamble.
 * Columns: member, shares at start and end, average shares, percentage, then each category's
 * cents (costs, then revenues, as the report lists them), total costs, total revenues, net.
 */
export function renderSharesCsv(report: SharesReportDoc): string {
  const cats = report.categories;
  const headers = [
    'Officine',
    'Parts au début',
    'Parts à la fin',
    'Parts moyennes',
    'Part (%)',
    ...cats.map((c) => `${c.name} (${c.kind === 'cost' ? 'charge' : 'produit'}, €)`),
    'Total charges (€)',
    'Total produits (€)',
    'Résultat net (€)',
  ];
  const rows: CsvCell[][] = report.members.map((m) => {
    const cents = new Map([...m.costs, ...m.revenues].map((l) => [l.categoryId, l.cents]));
    return [
      m.name,
      m.sharesAtStart,
      m.sharesAtEnd,
      m.averageShares,
      m.percent,
      ...cats.map((c) => csvCents(cents.get(c.id) ?? 0)),
      csvCents(m.costCents),
      csvCents(m.revenueCents),
      csvCents(m.netCents),
    ];
  });
  const sum = (f: (m: SharesReportDoc['members'][number]) => number) => report.members.reduce((s, m) => s + f(m), 0);
  rows.push([
    'Total',
    sum((m) => m.sharesAtStart),
    sum((m) => m.sharesAtEnd),
    Math.round(sum((m) => m.averageShares) * 100) / 100,
    percentTotal(report.members),
    ...cats.map((c) => csvCents(c.totalCents)),
    csvCents(report.totals.costCents),
    csvCents(report.totals.revenueCents),
    csvCents(report.totals.netCents),
  ]);
  return writeCsv(headers, rows);
}

/** A bold totals row under a `drawTable` table, with the same columns. */
function drawTotalRow(doc: PDFKit.PDFDocument, columns: Column[], cells: string[]) {
  doc.moveUp();
  const y = doc.y;
  let x = doc.page.margins.left;
  doc.font('Helvetica-Bold').fontSize(9);
  columns.forEach((c, i) => {
    doc.text(cells[i] ?? '', x + 3, y + 4, { width: c.width - 6, align: c.align ?? 'left', lineBreak: false });
    x += c.width;
  });
  const width = columns.reduce((s, c) => s + c.width, 0);
  doc
    .moveTo(doc.page.margins.left, y + 18)
    .lineTo(doc.page.margins.left + width, y + 18)
    .strokeColor('#000')
    .lineWidth(0.8)
    .stroke();
  doc.x = doc.page.margins.left;
  doc.y = y + 18;
  doc.moveDown();
  doc.font('Helvetica');
}

const heading = (doc: PDFKit.PDFDocument, text: string) =>
  doc
    .moveDown(0.4)
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor('#000')
    .text(text, doc.page.margins.left)
    .moveDown(0.3);
/** A net result as the web page shows it: a surplus with its « + » (-810,68 €, +63,84 €). */
const signedEuros = (cents: number) => (cents > 0 ? `+${formatEuros(cents)}` : formatEuros(cents));
const para = (doc: PDFKit.PDFDocument, text: string, size = 9) =>
  doc.font('Helvetica').fontSize(size).fillColor('#000').text(text, doc.page.margins.left).moveDown(0.4);

/**
 * Whether the report's figures are final: `null` for a closed period's snapshot, 'project' for an
 * open period (its figures may still change), 'working' for free dates that form no period (SPEC §8:
 * only a closed period's report is authoritative). Page 1 and each statement page say it alike.
 */
function draftStatus(report: Pick<SharesReportDoc, 'status' | 'period'>): 'project' | 'working' | null {
  if (report.status === 'closed') return null;
  return report.period ? 'project' : 'working';
}

/**
 * The PDF: cooperative, period and status; the summary per member; the categories with the key
 * each used; the ledger check; the legal note when a surplus is shared by holding; then one
 * statement page per member, which says « PROJET » or « DOCUMENT DE TRAVAIL » as the first page does
 * while the period is not closed. Every page carries the generation instant (Paris), the SHA-256
 * and its number. Amounts right-aligned in French format.
 */
export async function renderSharesPdf(report: SharesReportDoc): Promise<Buffer> {
  const generated = format(new TZDate(report.generatedAt, PARIS), "dd/MM/yyyy 'à' HH:mm");
  const draft = draftStatus(report);
  const status =
    draft === null
      ? `Période clôturée le ${generated} : état définitif.`
      : draft === 'project'
        ? 'PROJET : période non clôturée, les chiffres peuvent encore changer.'
        : 'DOCUMENT DE TRAVAIL : dates libres, qui ne forment pas une période de la coopérative ; seul le rapport d’une période clôturée fait foi.';
  const { doc, done } = await createReport(
    `Répartition des charges et produits — ${periodLabel(report)}`,
    // The top band names the cooperative (`createReport`): not again under the title.
    `Du ${frDate(report.from)} au ${frDate(report.to)} (${report.days} jours). ${status}`,
    { creationDate: new Date(report.generatedAt) },
  );

  para(doc, `Empreinte SHA-256 du rapport : ${report.sha256}`, 7.5);
  const sum = (f: (m: SharesReportDoc['members'][number]) => number) => report.members.reduce((s, m) => s + f(m), 0);
  heading(doc, 'Résultat par officine');
  const result: Column[] = [
    { header: 'Officine', width: 199, wrap: true },
    { header: 'Charges', width: 100, align: 'right' },
    { header: 'Produits', width: 100, align: 'right' },
    { header: 'Résultat net', width: 100, align: 'right' },
  ];
  drawTable(
    doc,
    result,
    report.members.map((m) => [m.name, formatEuros(m.costCents), formatEuros(m.revenueCents), signedEuros(m.netCents)]),
  );
  drawTotalRow(doc, result, [
    'Total',
    formatEuros(report.totals.costCents),
    formatEuros(report.totals.revenueCents),
    signedEuros(report.totals.netCents),
  ]);
  para(
    doc,
    'Résultat net = produits moins charges : positif, l’officine reçoit ; négatif, elle doit sa quote-part.',
    8,
  );

  heading(doc, 'Parts sociales');
  const holding: Column[] = [
    { header: 'Officine', width: 199, wrap: true },
    { header: 'Au début', width: 75, align: 'right' },
    { header: 'À la fin', width: 75, align: 'right' },
    { header: 'Moyenne', width: 75, align: 'right' },
    { header: 'Part', width: 75, align: 'right' },
  ];
  drawTable(
    doc,
    holding,
    report.members.map((m) => [
      m.name,
      number(m.sharesAtStart),
      number(m.sharesAtEnd),
      number(m.averageShares, 2),
      percent(m.percent),
    ]),
  );
  drawTotalRow(doc, holding, [
    'Total',
    number(sum((m) => m.sharesAtStart)),
    number(sum((m) => m.sharesAtEnd)),
    number(
      sum((m) => m.averageShares),
      2,
    ),
    percent(percentTotal(report.members)),
  ]);
  const percentSum = percentSumIfOff(report.members);
  para(
    doc,
    'Moyenne : parts détenues chaque jour de la période, moyennées sur ses jours ; part : sa proportion des parts-jours de la coopérative.' +
      (percentSum === null
        ? ''
        : ` Chaque part est arrondie au centième (des avoirs égaux gardent le même pourcentage) : ensemble elles font ${percent(percentSum)}, pas exactement 100 %.`),
    8,
  );

  heading(doc, 'Catégories et clés de répartition');
  drawTable(
    doc,
    [
      { header: 'Catégorie', width: 160, wrap: true },
      { header: 'Nature', width: 55 },
      { header: 'Clé de répartition', width: 140, wrap: true },
      { header: 'Écritures', width: 54, align: 'right' },
      { header: 'Montant', width: 90, align: 'right' },
    ],
    report.categories.map((c) => [
      c.name,
      c.kind === 'cost' ? 'charge' : 'produit',
      keysLabel(c, report.keyFallbacks),
      number(c.entryCount),
      formatEuros(c.totalCents),
    ]),
  );
  para(
    doc,
    'Clés : parts détenues le jour de l’écriture ; part égale entre les associés détenant des parts ce jour-là ; activité = sachets vérifiés de chaque officine le mois de l’écriture. Chaque écriture est répartie au centime par la méthode du plus fort reste (à égalité : le plus fort poids, puis le plus petit numéro d’officine).',
    8,
  );
  const fallbacks = report.keyFallbacks ?? [];
  if (fallbacks.length > 0) {
    heading(doc, 'Clé « activité » sans sachets vérifiés');
    for (const f of fallbacks)
      para(doc, `« ${f.categoryName} », ${monthLabel(f.month)} : ${fallbackSentence(f.entryCount)}`, 8.5);
  }
  const r = report.reconciliation;
  heading(doc, 'Contrôle');
  para(
    doc,
    `Charges au grand livre ${formatEuros(r.ledgerCostCents)}, réparties ${formatEuros(r.allocatedCostCents)} ; produits au grand livre ${formatEuros(r.ledgerRevenueCents)}, répartis ${formatEuros(r.allocatedRevenueCents)} : ${r.balanced ? 'concordance au centime.' : 'ÉCART, à signaler au trésorier.'}`,
  );
  if (report.legalNote) {
    // Kept on one page with its heading: split, it left its last two lines alone on a page.
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    // `heading`'s space above (0.4 line of the current font), its 11 pt line and 0.3 line below.
    const above = 0.4 * doc.currentLineHeight(true);
    const headingHeight = above + 1.3 * doc.font('Helvetica-Bold').fontSize(11).currentLineHeight(true);
    // Snapshots closed before the note's apostrophes were typographic keep their bytes; the PDF prints ’.
    const legalNote = report.legalNote.replace(/(\p{L})'(\p{L})/gu, '$1’$2');
    const noteHeight = doc.font('Helvetica').fontSize(8.5).heightOfString(legalNote, { width });
    if (doc.y + headingHeight + noteHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
    heading(doc, 'Note légale');
    para(doc, legalNote, 8.5);
  }

  for (const m of report.members) memberPage(doc, report, m);

  addPageFooters(doc, `${report.cooperative} — généré le ${generated} (heure de Paris)\nSHA-256 ${report.sha256}`);
  doc.end();
  return done;
}

/** A statement: the report's shared part (no other member's figures) and one member's row (SPEC §8). */
export type StatementDoc = Omit<SharesReportDoc, 'members' | 'reconciliation'> & {
  member: SharesReportDoc['members'][number];
};

/** The line under a statement's title: the period's name and its dates (a range that is no period is named by its dates). */
const statementRange = (report: Pick<SharesReportDoc, 'from' | 'to' | 'period'>) =>
  report.period ? `${periodLabel(report)} — du ${frDate(report.from)} au ${frDate(report.to)}` : periodLabel(report);

function memberPage(doc: PDFKit.PDFDocument, report: SharesReportDoc, m: SharesReportDoc['members'][number]) {
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(14).text(`Relevé — ${m.name}`).moveDown(0.2);
  para(doc, statementRange(report), 10);
  statementBody(doc, report, m);
}

/**
 * One member's statement as its own PDF (`GET /api/shares/statements/:pharmacyId?format=pdf`): the
 * page the general-meeting report gives the member, with the cooperative's band, the generation
 * instant (Paris), the report's SHA-256 and page numbers. A member reads it without the others' detail.
 */
export async function renderStatementPdf(statement: StatementDoc): Promise<Buffer> {
  const generated = format(new TZDate(statement.generatedAt, PARIS), "dd/MM/yyyy 'à' HH:mm");
  const { doc, done } = await createReport(`Relevé — ${statement.member.name}`, statementRange(statement), {
    creationDate: new Date(statement.generatedAt),
  });
  statementBody(doc, statement, statement.member);
  if (statement.legalNote) {
    heading(doc, 'Note légale');
    para(doc, statement.legalNote.replace(/(\p{L})'(\p{L})/gu, '$1’$2'), 8.5);
  }
  addPageFooters(
    doc,
    `${statement.cooperative} — généré le ${generated} (heure de Paris)\nSHA-256 ${statement.sha256}`,
  );
  doc.end();
  return done;
}

function statementBody(
  doc: PDFKit.PDFDocument,
  report: Omit<SharesReportDoc, 'members' | 'reconciliation'>,
  m: SharesReportDoc['members'][number],
) {
  // A statement page is handed out alone: it says, as the first page does, when its figures are not final.
  const status = draftStatus(report);
  if (status) {
    const draft =
      status === 'project'
        ? 'PROJET : période non clôturée, ces chiffres peuvent encore changer.'
        : 'DOCUMENT DE TRAVAIL : dates libres ; seul le rapport d’une période clôturée fait foi.';
    doc.font('Helvetica-Bold').fontSize(10).fillColor('#9a3412').text(draft).fillColor('#000').moveDown(0.4);
  }
  para(
    doc,
    `Parts détenues : ${number(m.sharesAtStart)} au début, ${number(m.sharesAtEnd)} à la fin ; moyenne ${number(m.averageShares, 2)} parts, soit ${percent(m.percent)} des parts de la coopérative sur la période.`,
    10,
  );
  para(doc, STATEMENT_ROUNDING, 8.5);
  const byId = new Map(report.categories.map((c) => [c.id, c]));
  const columns: Column[] = [
    { header: 'Catégorie', width: 170, wrap: true },
    { header: 'Clé', width: 110, wrap: true },
    { header: 'Total coopérative', width: 110, align: 'right' },
    { header: 'Quote-part', width: 109, align: 'right' },
  ];
  const section = (title: string, lines: { categoryId: number; cents: number }[], total: number) => {
    heading(doc, title);
    if (lines.length === 0) {
      para(doc, 'Aucune écriture sur la période.');
      return;
    }
    drawTable(
      doc,
      columns,
      lines.map((l) => {
        const c = byId.get(l.categoryId);
        return [
          c?.name ?? '',
          c ? keysLabel(c, report.keyFallbacks) : '',
          formatEuros(c?.totalCents ?? 0),
          formatEuros(l.cents),
        ];
      }),
    );
    drawTotalRow(doc, columns, ['Total', '', '', formatEuros(total)]);
  };
  section('Charges', m.costs, m.costCents);
  section('Produits', m.revenues, m.revenueCents);
  doc.moveDown(0.5);
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(12).text('Résultat net', doc.page.margins.left, y);
  doc.text(signedEuros(m.netCents), doc.page.margins.left, y, { width: 499, align: 'right' });
  doc.moveDown(0.3);
  para(
    doc,
    m.netCents >= 0
      ? 'Montant revenant à l’officine pour la période.'
      : 'Quote-part restant à la charge de l’officine pour la période.',
  );
}

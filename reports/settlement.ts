import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { fr } from 'date-fns/locale/fr';
import { csvCents, writeCsv } from '../server/shared/csv';
import { PARIS } from '../server/shared/dates';
import { formatEuros } from '../server/shared/money';
import type { SettlementData } from '../server/stock/settlement.usecases';
import { addPageFooters, createReport, drawTable } from './layout';

const monthTitle = (month: string) => format(new Date(`${month}-01T12:00:00Z`), 'MMMM yyyy', { locale: fr });
const parisDay = (iso: string) => format(new TZDate(iso, PARIS), 'dd/MM/yyyy');
const parisDayTime = (iso: string) => format(new TZDate(iso, PARIS), "dd/MM/yyyy 'à' HH:mm");

type Pair = SettlementData['pairs'][number];

const nameOf = (p: Pair, id: number | null) =>
  id === p.pharmacyAId ? p.pharmacyAName : id === p.pharmacyBId ? p.pharmacyBName : '';

/** A pair's payment state in words: paid (when, by whom), provisional, to pay, or nothing to pay. */
function paymentState(p: Pair): string {
  if (p.payment) {
    const by = p.payment.markedByName ? ` par ${p.payment.markedByName}` : '';
    return `Payé — marqué le ${parisDay(p.payment.markedAt)}${by}`;
  }
  if (p.netCents === 0) return 'Rien à régler';
  return p.provisional ? 'Provisoire' : 'À régler';
}

const SETTLEMENT_CSV_HEADERS = [
  'Mois',
  'Officine A',
  'Officine B',
  'Envoyé de A à B (€)',
  'Envoyé de B à A (€)',
  'Dépannages de A à B',
  'Dépannages de B à A',
  'Débiteur',
  'Créancier',
  'Solde (€)',
  'Statut',
  'Payé (marqué le)',
  'Marqué payé par',
];

/**
 * One line per pair of pharmacies for French spreadsheets, through the shared writer
 * (`writeCsv`: UTF-8 BOM, `;`, decimal comma, formulas neutralised): amounts in euros at the
 * sending pharmacy's cost, the net payment and who owes it (SPEC §4 settlement), then the line's
 * state — `provisoire` while its figures may still move, else `définitif` — and its payment mark.
 */
export function renderSettlementCsv(data: SettlementData): string {
  return writeCsv(
    SETTLEMENT_CSV_HEADERS,
    data.pairs.map((p) => [
      monthTitle(data.month),
      p.pharmacyAName,
      p.pharmacyBName,
      csvCents(p.sentAToBCents),
      csvCents(p.sentBToACents),
      p.transfersAToB,
      p.transfersBToA,
      nameOf(p, p.debtorId),
      nameOf(p, p.creditorId),
      csvCents(p.netCents),
      p.provisional ? 'provisoire' : 'définitif',
      p.payment ? parisDay(p.payment.markedAt) : '',
      p.payment?.markedByName ?? '',
    ]),
  );
}

function heading(doc: PDFKit.PDFDocument, text: string, size = 11) {
  doc.font('Helvetica-Bold').fontSize(size).fillColor('#000').text(text, doc.page.margins.left).moveDown(0.3);
}

/** A red framed warning under the title: the figures may still change, do not pay on them. */
function provisionalBanner(doc: PDFKit.PDFDocument, lines: string[]) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(10);
  const text = lines.join('\n');
  const height = doc.heightOfString(text, { width: width - 16 }) + 16;
  doc.rect(left, y, width, height).lineWidth(1.2).strokeColor('#c53030').stroke();
  doc.fillColor('#c53030').text(text, left + 8, y + 8, { width: width - 16 });
  doc.fillColor('#000').strokeColor('#000');
  doc.x = left;
  doc.y = y + height + 10;
}

/**
 * The settlement statement as the pharmacists print it (SPEC §4, issue #15): a PROVISOIRE banner
 * while the month is open (month not over in Paris, or transfers of it still open), who pays whom
 * with each payment's state, the totals per pair, then per pair every transfer received: number,
 * date, sender, product, lots, units and value. Names and labels wrap, never cut.
 */
export async function renderSettlementPdf(
  data: SettlementData,
  opts: { printedAt: Date; creationDate?: Date },
): Promise<Buffer> {
  const { printedAt } = opts;
  const title = `Relevé de compensation des dépannages — ${monthTitle(data.month)}${data.provisional ? ' (provisoire)' : ''}`;
  const { doc, done } = await createReport(
    title,
    `Valeur au coût d’achat de l’officine expéditrice ; un seul règlement par paire d’officines. Édité le ${parisDayTime(printedAt.toISOString())}.`,
    opts,
  );
  if (data.provisional) {
    const reasons = ['PROVISOIRE — les montants peuvent encore changer.'];
    if (!data.monthOver)
      reasons.push(
        `Le mois n’est pas terminé (relevé arrêté au ${parisDayTime(printedAt.toISOString())}) : ne pas régler sur ce relevé.`,
      );
    if (data.openTransfers > 0) {
      const n = data.openTransfers;
      reasons.push(
        `${n} dépannage${n > 1 ? 's' : ''} demandé${n > 1 ? 's' : ''} ou expédié${n > 1 ? 's' : ''} ce mois-ci ${n > 1 ? 'sont' : 'est'} encore en cours` +
          (data.monthOver
            ? ' : les lignes « Provisoire » les attendent, les lignes « À régler » sont définitives.'
            : '.'),
      );
    }
    provisionalBanner(doc, reasons);
  }

  heading(doc, 'Règlements à effectuer');
  const payments = data.pairs.filter((p) => p.netCents > 0);
  if (payments.length === 0) doc.font('Helvetica').fontSize(10).text('Aucun règlement ce mois-ci.').moveDown();
  else
    drawTable(
      doc,
      [
        { header: 'Débiteur (paie)', width: 140, wrap: true },
        { header: 'Créancier (reçoit)', width: 140, wrap: true },
        { header: 'Montant', width: 75, align: 'right' },
        { header: 'État', width: 144, wrap: true },
      ],
      payments.map((p) => [nameOf(p, p.debtorId), nameOf(p, p.creditorId), formatEuros(p.netCents), paymentState(p)]),
    );

  heading(doc, 'Par paire d’officines');
  drawTable(
    doc,
    [
      { header: 'Officine A', width: 110, wrap: true },
      { header: 'Officine B', width: 110, wrap: true },
      { header: 'A vers B', width: 72, align: 'right' },
      { header: 'B vers A', width: 72, align: 'right' },
      { header: 'Dépannages', width: 65, align: 'right' },
      { header: 'Solde', width: 70, align: 'right' },
    ],
    data.pairs.map((p) => [
      p.pharmacyAName,
      p.pharmacyBName,
      formatEuros(p.sentAToBCents),
      formatEuros(p.sentBToACents),
      `${p.transfersAToB} / ${p.transfersBToA}`,
      formatEuros(p.netCents),
    ]),
  );

  heading(doc, 'Détail des dépannages reçus, par paire d’officines');
  if (data.pairs.length === 0) doc.font('Helvetica').fontSize(10).text('Aucun dépannage reçu ce mois-ci.').moveDown();
  for (const p of data.pairs) {
    const rows = data.transfers.filter(
      (t) =>
        (t.fromPharmacyId === p.pharmacyAId && t.toPharmacyId === p.pharmacyBId) ||
        (t.fromPharmacyId === p.pharmacyBId && t.toPharmacyId === p.pharmacyAId),
    );
    // Keep a pair's heading with the start of its table.
    if (doc.y + 70 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    heading(doc, `${p.pharmacyAName} – ${p.pharmacyBName}`, 10);
    drawTable(
      doc,
      [
        { header: 'N°', width: 38 },
        { header: 'Reçu le', width: 56 },
        { header: 'Expédié par', width: 84, wrap: true },
        { header: 'Produit', width: 135, wrap: true },
        { header: 'Lots (unités)', width: 90, wrap: true },
        { header: 'Qté', width: 36, align: 'right' },
        { header: 'Valeur', width: 60, align: 'right' },
      ],
      [
        ...rows.map((t) => [
          String(t.id),
          parisDay(t.receivedAt),
          t.fromPharmacyName,
          t.productLabel,
          t.lots,
          String(t.quantity),
          formatEuros(t.valueCents),
        ]),
        [
          '',
          '',
          'Total',
          `${rows.length} dépannage${rows.length > 1 ? 's' : ''}`,
          '',
          String(rows.reduce((s, t) => s + t.quantity, 0)),
          formatEuros(rows.reduce((s, t) => s + t.valueCents, 0)),
        ],
      ],
    );
  }
  addPageFooters(
    doc,
    `Compensation des dépannages — ${monthTitle(data.month)}${data.provisional ? ' — PROVISOIRE' : ''}`,
  );
  doc.end();
  return done;
}

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { fr } from 'date-fns/locale/fr';
import type { DeliveryNoteData } from '../server/orders/delivery-note.usecases';
import { PARIS } from '../server/shared/dates';
import { addPageFooters, createReport, drawTable, formatCount, frenchWeek } from './layout';

const dayHeader = (day: string) => format(new Date(`${day}T12:00:00Z`), 'EEEEEE dd', { locale: fr });
const longDay = (day: string) => format(new Date(`${day}T12:00:00Z`), 'EEEE d MMMM yyyy', { locale: fr });
const parisInstant = (iso: string) => format(new TZDate(iso, PARIS), "EEEE d MMMM yyyy 'à' HH'h'mm", { locale: fr });

const STATUS_LABELS: Record<string, string> = {
  draft: 'non envoyée (brouillon)',
  submitted: 'envoyée',
  planned: 'planifiée',
  in_production: 'en production',
  produced: 'produite',
  verified: 'vérifiée',
  delivered: 'livrée',
  cancelled: 'annulée',
};
const ROUTE_LABELS: Record<string, string> = { robot: 'robot', manual: 'plateau', hors_pda: 'hors PDA' };

function heading(doc: PDFKit.PDFDocument, text: string) {
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(11).fillColor('#000').text(text, doc.page.margins.left).moveDown(0.3);
}

/** The red banner of a note that is not the record of a delivery: provisional, or cancelled. */
function provisionalBanner(doc: PDFKit.PDFDocument, cancelled: boolean) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const y = doc.y;
  doc.rect(left, y, width, 30).lineWidth(1.2).strokeColor('#c53030').stroke();
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor('#c53030')
    .text(
      cancelled
        ? 'ANNULÉE — cette commande a été annulée : rien ne sera produit ni livré pour cette semaine.'
        : 'PROVISOIRE — établi avant la production : les sachets et les quantités peuvent encore changer.',
      left + 8,
      y + 10,
      {
        width: width - 16,
        lineBreak: false,
      },
    );
  doc.fillColor('#000').strokeColor('#000');
  doc.x = left;
  doc.y = y + 42;
}

/**
 * One box per side; a side already signed in the app prints the name and the Paris date-time.
 * The pharmacy's side is its pharmacist's release of the verified pouches (when they were
 * checked, not when the driver handed them over: that moment is the care home's receipt).
 */
function signatureBoxes(doc: PDFKit.PDFDocument, signatures: DeliveryNoteData['signatures']) {
  if (doc.y + 120 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const left = doc.page.margins.left;
  const width = (doc.page.width - left - doc.page.margins.right - 20) / 2;
  const y = doc.y + 6;
  const handed = signatures?.handedOver;
  const received = signatures?.received;
  const boxes = [
    {
      label: 'Contrôlé et libéré par la pharmacie',
      signed: handed
        ? { name: handed.by ?? '—', at: handed.at, how: 'Sachets vérifiés dans Officoop (pharmacien)' }
        : null,
    },
    {
      label: 'Reçu par l’EHPAD',
      signed: received
        ? {
            name: received.receivedBy,
            at: received.at,
            how:
              received.signer === 'carehome'
                ? `Réception signée dans Officoop${received.signedBy ? ` par ${received.signedBy}` : ''}`
                : `Réception enregistrée par la pharmacie${received.signedBy ? ` (${received.signedBy})` : ''}`,
          }
        : null,
    },
  ];
  for (const [i, box] of boxes.entries()) {
    const x = left + i * (width + 20);
    doc.rect(x, y, width, 96).lineWidth(0.8).strokeColor('#000').stroke();
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(box.label, x + 8, y + 8, { width: width - 16 });
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(box.signed ? '#000' : '#444');
    const line = (text: string, dy: number) => doc.text(text, x + 8, y + dy, { width: width - 16, lineBreak: false });
    line(`Nom : ${box.signed?.name ?? ''}`, 28);
    line(`Date et heure : ${box.signed ? parisInstant(box.signed.at) : ''}`, 46);
    line(`Signature : ${box.signed?.how ?? ''}`, 64);
    doc.fillColor('#000');
  }
  doc.x = left;
  doc.y = y + 110;
  const reserves = received?.notes.trim();
  if (reserves) {
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text('Réserves à la réception : ', { continued: true })
      .font('Helvetica')
      .text(reserves, { width: doc.page.width - left - doc.page.margins.right });
  }
}

/**
 * « 71 résidents (et 1 sans sachet cette semaine) »: the residents whose pouches are delivered, as
 * the production sheet counts them, then those listed without any (absent all week, or only hors
 * PDA medicines), so that the two documents of one order give the same count.
 */
function residentsCount(residents: readonly { pouches: number }[]): string {
  const served = residents.filter((r) => r.pouches > 0).length;
  const without = residents.length - served;
  const named = `${formatCount(served)} résident${served > 1 ? 's' : ''}`;
  return without === 0 ? named : `${named} (et ${formatCount(without)} sans sachet cette semaine)`;
}

/**
 * The delivery note (bon de livraison) of a weekly order, A4 portrait: residents' pouches per day,
 * hors-PDA items to deliver separately, the products in the pouches, the lots used once production
 * recorded them, and signature boxes; marked provisional before production (SPEC §5).
 */
export async function renderDeliveryNotePdf(
  data: DeliveryNoteData,
  opts: { creationDate?: Date } = {},
): Promise<Buffer> {
  const days = data.days;
  // The week as the web app names it, on the title and on every page: "semaine 50 de 2026".
  const weekName = frenchWeek(data.week);
  const { doc, done } = await createReport(
    `Bon de livraison PDA — ${weekName}`,
    `${data.careHomeName} (FINESS ${data.finess}) · servi par ${data.pharmacyName}\n` +
      `Semaine du ${longDay(days[0] as string)} au ${longDay(days[6] as string)} · livraison le ${parisInstant(data.deliveryAt)} · commande ${STATUS_LABELS[data.status] ?? data.status}`,
    opts,
  );
  if (data.provisional) provisionalBanner(doc, data.status === 'cancelled');
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      `${formatCount(data.totals.pouches)} sachets pour ${residentsCount(data.residents)} · ${formatCount(data.totals.robotUnits + data.totals.manualUnits)} unités en sachets · ${formatCount(data.totals.horsPdaUnits)} unités hors PDA livrées à part`,
    )
    .moveDown(0.6);

  heading(doc, 'Sachets par résident et par jour');
  drawTable(
    doc,
    [
      { header: 'Ch.', width: 34 },
      { header: 'Résident', width: 150, wrap: true },
      ...days.map((d) => ({ header: dayHeader(d), width: 37, align: 'right' as const })),
      { header: 'Total', width: 44, align: 'right' },
    ],
    [
      ...data.residents.map((r) => [
        r.room,
        r.name,
        ...r.perDay.map((n) => (n === null ? 'abs.' : String(n))),
        String(r.pouches),
      ]),
      [
        '',
        'Total',
        ...days.map((_, i) => String(data.residents.reduce((s, r) => s + (r.perDay[i] ?? 0), 0))),
        formatCount(data.totals.pouches),
      ],
    ],
    { continued: 'Sachets par résident et par jour' },
  );

  heading(doc, 'À livrer hors sachets (hors PDA)');
  if (data.horsPda.length === 0)
    doc.font('Helvetica').fontSize(9.5).text('Aucun médicament hors PDA cette semaine.').moveDown();
  else
    drawTable(
      doc,
      [
        { header: 'Ch.', width: 34 },
        { header: 'Résident', width: 150, wrap: true },
        { header: 'Médicament', width: 255, wrap: true },
        { header: 'Unités', width: 60, align: 'right' },
      ],
      data.horsPda.map((h) => [h.room, h.name, h.label, formatCount(h.units)]),
      { continued: 'À livrer hors sachets (hors PDA)' },
    );

  heading(doc, 'Médicaments mis en sachets');
  drawTable(
    doc,
    [
      { header: 'Médicament', width: 290, wrap: true },
      { header: 'CIP13', width: 90 },
      { header: 'Unités', width: 50, align: 'right' },
      { header: 'Mode', width: 69 },
    ],
    data.products
      .filter((p) => p.route !== 'hors_pda')
      .map((p) => [p.label, p.cip13, formatCount(p.units), ROUTE_LABELS[p.route] ?? p.route]),
    { continued: 'Médicaments mis en sachets' },
  );

  heading(doc, 'Lots utilisés');
  if (data.lots.length === 0) {
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor('#444')
      .text('Les numéros de lot apparaîtront une fois la production enregistrée.')
      .fillColor('#000')
      .moveDown();
  } else {
    drawTable(
      doc,
      [
        { header: 'Médicament', width: 290, wrap: true },
        { header: 'Lot', width: 80 },
        { header: 'Péremption', width: 70 },
        { header: 'Unités', width: 59, align: 'right' },
      ],
      data.lots.map((l) => [l.label, l.lotNumber, l.expiryDate.split('-').reverse().join('/'), formatCount(l.units)]),
      { continued: 'Lots utilisés' },
    );
  }

  heading(doc, 'Remise');
  signatureBoxes(doc, data.signatures);
  addPageFooters(
    doc,
    `Bon de livraison ${data.careHomeName} — ${weekName}${data.status === 'cancelled' ? ' — ANNULÉE' : data.provisional ? ' — PROVISOIRE' : ''}`,
  );
  doc.end();
  return done;
}

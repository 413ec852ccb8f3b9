import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { formatFiness } from '../server/pharmacies/pharmacies.models';
import type { PharmacyRow } from '../server/pharmacies/pharmacies.repository';
import { PARIS } from '../server/shared/dates';
import { formatEuros } from '../server/shared/money';
import type { DepannageSlipData } from '../server/stock/depannage-slip.usecases';
import { addPageFooters, createReport, drawTable } from './layout';

const parisDay = (iso: string) => format(new TZDate(iso, PARIS), 'dd/MM/yyyy');
const parisDayTime = (iso: string) => format(new TZDate(iso, PARIS), "dd/MM/yyyy 'à' HH:mm");
const calendarDay = (day: string) => day.split('-').reverse().join('/');

/** A unit cost as bought, in euros, to the thousandth of a cent when it has one (0,043 €). */
function unitEuros(millicents: number): string {
  return new Intl.NumberFormat('fr-FR', {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: 2,
    maximumFractionDigits: 5,
  })
    .format(millicents / 100_000)
    .replace(/\u202f/g, '\u00a0');
}

/** Each step taken, with its Paris day: « accepté le 05/12/2026, expédié le 06/12/2026 ». */
function stepDates(data: DepannageSlipData): string {
  const steps = [`accepté le ${parisDay(data.acceptedAt)}`];
  if (data.shippedAt) steps.push(`expédié le ${parisDay(data.shippedAt)}`);
  if (data.receivedAt) steps.push(`reçu le ${parisDay(data.receivedAt)}`);
  return steps.join(', ');
}

/** One pharmacy's framed block: name, address, phone, FINESS, pharmacist in charge (— when not filled in). */
function pharmacyBlock(doc: PDFKit.PDFDocument, label: string, p: PharmacyRow, x: number, y: number, width: number) {
  const pad = 8;
  const lines: [string, string][] = [
    [
      'Adresse',
      [p.address?.replace(/\n/g, ', '), [p.postalCode, p.town].filter(Boolean).join(' ')].filter(Boolean).join(', '),
    ],
    ['Téléphone', p.phone ?? '—'],
    ['FINESS', p.finess ? formatFiness(p.finess) : '—'],
    ['Pharmacien·ne titulaire', p.pharmacistInCharge ?? '—'],
  ];
  doc
    .font('Helvetica-Bold')
    .fontSize(8)
    .fillColor('#2b6cb0')
    .text(label.toUpperCase(), x + pad, y + pad, { width: width - 2 * pad });
  doc
    .moveDown(0.2)
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor('#000')
    .text(p.name, { width: width - 2 * pad });
  doc.moveDown(0.2);
  for (const [name, value] of lines) {
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555')
      .text(name, { width: width - 2 * pad });
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#000')
      .text(value, { width: width - 2 * pad })
      .moveDown(0.15);
  }
  return doc.y + pad - y;
}

/** A box to sign in: its title, the name and date (Paris) printed when known, and a line for the signature. */
function signatureBox(
  doc: PDFKit.PDFDocument,
  title: string,
  name: string | null,
  at: string | null,
  x: number,
  y: number,
  width: number,
) {
  const height = 96;
  doc.rect(x, y, width, height).lineWidth(0.8).strokeColor('#444').stroke();
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor('#000')
    .text(title, x + 8, y + 8, { width: width - 16 });
  doc.font('Helvetica').fontSize(9).fillColor('#333');
  doc.text(`Nom : ${name ?? ''}`, x + 8, y + 28, { width: width - 16 });
  doc.text(`Date : ${at ? parisDayTime(at) : ''}`, x + 8, y + 44, { width: width - 16 });
  doc.text('Signature :', x + 8, y + 60, { width: width - 16 });
  doc.fillColor('#000').strokeColor('#000');
  return height;
}

/**
 * The bon de dépannage as printed for the parcel (issue #15): number and date, sender and
 * receiver with address, phone, FINESS and pharmacist in charge, the product (name, CIP13), its
 * lots with expiry and units, unit value at the sender's cost as bought and the total rounded
 * once to the cent, then two boxes to sign (shipped by, received by). Once received, each lot
 * shows the units shipped and received, the total is the value billed, and the notes say what
 * was not received, which lot arrived expired, and the receiver's reserve. The transfer's reason is
 * left out: it may name a patient, and the slip travels with the parcel.
 */
export async function renderDepannageSlipPdf(
  data: DepannageSlipData,
  opts: { printedAt: Date; creationDate?: Date },
): Promise<Buffer> {
  const { doc, done } = await createReport(
    `Bon de dépannage n° ${data.id}`,
    // Only a slip printed before shipping still goes into the parcel; later ones are the record.
    `${data.fromOffer ? 'Offre anti-gaspillage' : 'Dépannage'} entre officines de la coopérative, ${stepDates(data)}.${data.status === 'accepted' ? ' À expédier : à glisser dans le colis.' : ''}`,
    opts,
  );
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const gap = 16;
  const half = (width - gap) / 2;

  const top = doc.y;
  // An anti-waste offer went the other way round: the sender offered, the receiver took it.
  const h1 = pharmacyBlock(
    doc,
    data.fromOffer ? 'Expéditeur — officine qui propose' : 'Expéditeur — officine qui dépanne',
    data.from,
    left,
    top,
    half,
  );
  const h2 = pharmacyBlock(
    doc,
    data.fromOffer ? 'Destinataire — officine qui accepte' : 'Destinataire — officine demandeuse',
    data.to,
    left + half + gap,
    top,
    half,
  );
  const height = Math.max(h1, h2);
  doc.rect(left, top, half, height).lineWidth(0.8).strokeColor('#444').stroke();
  doc.rect(left + half + gap, top, half, height).stroke();
  doc.strokeColor('#000');
  doc.x = left;
  doc.y = top + height + 16;

  doc.font('Helvetica').fontSize(8).fillColor('#555').text('Produit', left);
  doc.font('Helvetica-Bold').fontSize(12).fillColor('#000').text(data.productLabel, { width });
  doc.font('Helvetica').fontSize(10).text(`CIP13 : ${data.cip13}`).moveDown(0.8);

  const money = (cents: number | null) => (cents === null ? '—' : formatEuros(cents));
  const unit = (l: DepannageSlipData['lines'][number]) =>
    l.unitCostMillicents === null ? '—' : unitEuros(l.unitCostMillicents);
  if (data.quantityReceived === null) {
    drawTable(
      doc,
      [
        { header: 'Lot', width: 130 },
        { header: 'Péremption', width: 80 },
        { header: 'Quantité (unités)', width: 85, align: 'right' },
        { header: 'Valeur unitaire', width: 102, align: 'right' },
        { header: 'Total', width: width - 397, align: 'right' },
      ],
      [
        ...data.lines.map((l) => [
          l.lotNumber,
          calendarDay(l.expiryDate),
          String(l.quantity),
          unit(l),
          money(l.totalCents),
        ]),
        ['Total', '', String(data.quantity), '', money(data.totalCents)],
      ],
    );
  } else {
    // Received: what arrived beside what left, and the value billed for what arrived.
    drawTable(
      doc,
      [
        { header: 'Lot', width: 115 },
        { header: 'Péremption', width: 70 },
        { header: 'Expédiées', width: 62, align: 'right' },
        { header: 'Reçues', width: 62, align: 'right' },
        { header: 'Valeur unitaire', width: 90, align: 'right' },
        { header: 'Total facturé', width: width - 399, align: 'right' },
      ],
      [
        ...data.lines.map((l) => [
          l.lotNumber,
          calendarDay(l.expiryDate),
          String(l.quantity),
          String(l.quantityReceived ?? 0),
          unit(l),
          money(l.totalCents),
        ]),
        ['Total', '', String(data.quantity), String(data.quantityReceived), '', money(data.totalCents)],
      ],
    );
  }
  doc.moveDown(0.5).font('Helvetica').fontSize(8.5).fillColor('#444');
  const notes: string[] = [];
  if (data.totalCents === null) {
    notes.push(
      'Valeur au coût d’achat de l’officine expéditrice : portée sur l’exemplaire de l’expéditeur, et communiquée au destinataire à la réception.',
    );
  } else if (data.quantityReceived === null) {
    notes.push(
      'Valeur au coût d’achat de l’officine expéditrice, réglée par la compensation mensuelle de la coopérative (un règlement par paire d’officines).',
    );
  } else {
    notes.push(
      'Valeur des unités reçues au coût d’achat de l’officine expéditrice, réglée par la compensation mensuelle de la coopérative (un règlement par paire d’officines).',
    );
    for (const l of data.lines.filter((x) => x.expiredOnArrival && (x.quantityReceived ?? 0) > 0)) {
      notes.push(`Lot ${l.lotNumber} arrivé périmé : non facturé, à la charge de l’officine expéditrice.`);
    }
    if (data.quantityReceived < data.quantity) {
      const missing = data.quantity - data.quantityReceived;
      notes.push(missing === 1 ? '1 unité expédiée non reçue.' : `${missing} unités expédiées non reçues.`);
    }
    if (data.receiptNote) notes.push(`Réserve à la réception : ${data.receiptNote}`);
  }
  for (const note of notes) doc.text(note, left, doc.y, { width }).moveDown(0.3);
  doc.fillColor('#000').moveDown(1.5);

  if (doc.y + 110 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const y = doc.y;
  signatureBox(doc, 'Expédié par (officine expéditrice)', data.shippedByName, data.shippedAt, left, y, half);
  signatureBox(
    doc,
    'Reçu par (officine destinataire)',
    data.receivedByName,
    data.receivedAt,
    left + half + gap,
    y,
    half,
  );
  doc.x = left;
  doc.y = y + 110;

  addPageFooters(doc, `Bon de dépannage n° ${data.id} — édité le ${parisDayTime(opts.printedAt.toISOString())}`);
  doc.end();
  return done;
}

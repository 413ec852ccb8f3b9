import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { fr } from 'date-fns/locale/fr';
import type { ProductionSheetData, SheetProduct } from '../server/robot/production-sheet.usecases';
import { PARIS } from '../server/shared/dates';
import { addPageFooters, createReport, drawTable, formatCount, frenchWeek } from './layout';
import { dosesText } from './posology';

const n = formatCount;
/** The speciality and its strength, without the form after the comma: the CIP13 says the rest. */
const shortLabel = (label: string) => label.split(', ')[0] as string;
const dayHeader = (day: string) => format(new Date(`${day}T12:00:00Z`), 'EEEEEE dd', { locale: fr });
const paris = (iso: string, pattern: string) => format(new TZDate(iso, PARIS), pattern, { locale: fr });
const frDate = (day: string) => day.split('-').reverse().join('/');

const STATUS: Record<string, string> = {
  booked: 'réservée',
  in_production: 'en production',
  produced: 'produite',
  verified: 'vérifiée',
  cancelled: 'annulée',
};

function heading(doc: PDFKit.PDFDocument, text: string, room = 60) {
  if (doc.y + room > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(11).fillColor('#000').text(text, doc.page.margins.left).moveDown(0.3);
}

function note(doc: PDFKit.PDFDocument, text: string, color = '#444') {
  doc
    .font('Helvetica')
    .fontSize(9.5)
    .fillColor(color)
    .text(text, doc.page.margins.left)
    .fillColor('#000')
    .moveDown(0.6);
}

/** One row per product and lot (FEFO order): the first row carries the slot, name and total. */
function productRows(products: SheetProduct[], withSlot: boolean): string[][] {
  return products.flatMap((p) => {
    const head = [
      ...(withSlot ? [p.slot === null ? '—' : String(p.slot)] : []),
      shortLabel(p.label),
      p.cip13,
      n(p.units),
    ];
    const blank = head.map(() => '');
    if (p.lots.length === 0) return [[...head, 'à attribuer', '', '']];
    return p.lots.map((l, i) => [...(i === 0 ? head : blank), l.lotNumber, frDate(l.expiryDate), n(l.units)]);
  });
}

/**
 * When and how much a resident takes of a manual-tray product that week: « midi ½, coucher ½ », the
 * days when not daily, and each version's days when the line changed within the week
 * (« matin 1 jusqu'au 16/12, puis matin ½ »).
 */
function posologyText(posology: ProductionSheetData['manualByResident'][number]['posology']): string {
  if (posology.length === 0) return '—';
  const short = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
  return posology
    .map((p, i) => {
      const text = dosesText({ doses: p.doses, asNeeded: false, schedule: p.schedule });
      if (posology.length === 1) return text;
      return i === posology.length - 1 ? `dès le ${short(p.from)} : ${text}` : `${text} jusqu’au ${short(p.to)}`;
    })
    .join(', puis ');
}

/** A list of resident lines, one table per care home (named when the batch has several). */
function perCareHome<T extends { careHomeName: string }>(
  doc: PDFKit.PDFDocument,
  data: ProductionSheetData,
  items: T[],
  title: string,
  columns: Parameters<typeof drawTable>[1],
  row: (item: T) => string[],
) {
  for (const home of data.careHomes) {
    const own = items.filter((i) => i.careHomeName === home.careHomeName);
    if (own.length === 0) continue;
    if (data.careHomes.length > 1) note(doc, home.careHomeName, '#000');
    drawTable(doc, columns, own.map(row), { continued: `${title} — ${home.careHomeName}` });
  }
}

const LOT_COLUMNS = [
  { header: 'Lot', width: 66 },
  { header: 'Péremption', width: 62 },
  { header: 'Unités lot', width: 52, align: 'right' as const },
];

function verificationBoxes(doc: PDFKit.PDFDocument, data: ProductionSheetData) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  for (const home of data.careHomes) {
    if (doc.y + 96 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    doc.rect(left, y, width, 84).lineWidth(0.8).strokeColor('#000').stroke();
    doc
      .font('Helvetica-Bold')
      .fontSize(9.5)
      .text(`${home.careHomeName} — ${n(home.pouches)} sachets (${home.residents.length} résidents)`, left + 8, y + 8, {
        width: width - 16,
        lineBreak: false,
      });
    doc.font('Helvetica').fontSize(8.5).fillColor('#444');
    const field = (label: string, x: number, yy: number, w: number) =>
      doc.text(label, left + x, y + yy, { width: w, lineBreak: false });
    const v = data.verification;
    if (v) {
      // Verified in the app: the box carries the pharmacist's sign-off, Paris time.
      doc.fillColor('#000');
      field(`Sachets contrôlés : ${n(v.pouchesChecked)} (série)`, 8, 30, 170);
      field(
        v.anomalies === 0 ? 'Anomalies : aucune' : `Anomalies : ${v.anomalies}, toutes résolues`,
        180,
        30,
        width - 188,
      );
      field(`Pharmacien : ${v.by ?? '—'}`, 8, 54, 170);
      field(`Date et heure : ${paris(v.at, "dd/MM/yyyy 'à' HH'h'mm")}`, 180, 54, 150);
      field('Signature : vérifié dans Officoop', 340, 54, width - 348);
    } else {
      field('Sachets contrôlés : ………………', 8, 30, 160);
      field('Anomalies (résident, description) : …………………………………………………', 180, 30, width - 188);
      field('Pharmacien : ……………………………', 8, 54, 170);
      field('Date et heure : ……………………', 180, 54, 150);
      field('Signature :', 340, 54, 100);
    }
    doc.fillColor('#000');
    doc.x = left;
    doc.y = y + 94;
  }
}

/**
 * The production sheet of a robot batch (SPEC §6), A4 portrait: batch, robot and times; the
 * cassettes to fill and the manual-tray products with units and their FEFO lots; per care home
 * and resident the pouches per day; the hors-PDA items; a verification box per care home.
 */
export async function renderProductionSheetPdf(
  data: ProductionSheetData,
  opts: { creationDate?: Date } = {},
): Promise<Buffer> {
  const b = data.breakdown;
  // Before production, the booked span; once started, the batch's start is the actual one and its
  // end is not the planned end: the day and the planned duration, the « démarré · terminé » line
  // below giving the times (a tester read « de 14h03 à 15h21 », neither booked nor actual).
  const plannedEnd = new Date(Date.parse(data.start) + data.durationMinutes * 60_000).toISOString();
  const span = data.startedAt
    ? `${paris(data.start, 'EEEE d MMMM yyyy')} · durée prévue ${data.durationMinutes} min `
    : `${paris(data.start, "EEEE d MMMM yyyy 'de' HH'h'mm")} à ${paris(plannedEnd, "HH'h'mm")} · ${data.durationMinutes} min `;
  const { doc, done } = await createReport(
    `Fiche de production PDA — série robot n° ${data.batchId}`,
    `${data.robotName} (${data.hostPharmacyName}) · commandes de la ${data.pharmacyName}\n` +
      span +
      `(réglage ${b.setup}, sachets ${b.pouches}, plateau ${b.manual}, nettoyage ${b.cleaning}) · ${STATUS[data.status] ?? data.status}`,
    opts,
  );
  const started = data.startedAt
    ? `démarré le ${paris(data.startedAt, "dd/MM/yyyy 'à' HH'h'mm")}`
    : 'pas encore démarré';
  const completed = data.completedAt ? ` · terminé le ${paris(data.completedAt, "dd/MM/yyyy 'à' HH'h'mm")}` : '';
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      `${n(data.pouches)} sachets pour ${data.careHomes.reduce((s, h) => s + h.residents.length, 0)} résidents · ` +
        `${n(data.manualUnits)} unités au plateau manuel · ${started}${completed}`,
    )
    .moveDown(0.6);
  for (const r of data.rejections) {
    const run = r.runStartedAt
      ? `La série produite le ${paris(r.runStartedAt, "dd/MM/yyyy 'de' HH'h'mm")}` +
        (r.runCompletedAt ? ` à ${paris(r.runCompletedAt, "HH'h'mm")}` : '') +
        (r.runPouchesProduced !== null ? ` (${n(r.runPouchesProduced)} sachets, détruits)` : '')
      : 'Une série précédente';
    const after =
      r.decision === 'redo'
        ? 'Elle a été refaite : cette fiche suit la nouvelle production.'
        : 'Elle a été abandonnée : ses commandes sont à planifier dans une autre série.';
    note(
      doc,
      `SÉRIE REJETÉE — ${run} a été rejetée le ${paris(r.rejectedAt, "dd/MM/yyyy 'à' HH'h'mm")}` +
        `${r.rejectedBy ? ` par ${r.rejectedBy}` : ''} : ${r.reason}\n${after}`,
      '#c05621',
    );
  }
  if (data.pouchesProduced !== null && data.pouchesProduced < data.pouches) {
    const missing = data.pouches - data.pouchesProduced;
    const many = missing > 1;
    // Verified means every short pouch was remade by hand (an open anomaly blocks the sign-off).
    const remade = data.verification
      ? `${many ? 'ont été refaits' : 'a été refait'} à la main avant le contrôle du pharmacien`
      : `${many ? 'sont à refaire' : 'est à refaire'} à la main avant le contrôle du pharmacien`;
    note(
      doc,
      `INCIDENT DE PRODUCTION — ${data.incident ?? ''}\nLe robot a produit ${n(data.pouchesProduced)} sachets sur ${n(data.pouches)} : ` +
        `${n(missing)} ${many ? 'sachets manquants' : 'sachet manquant'} ${remade}.`,
      '#c05621',
    );
  } else if (data.incident) {
    note(doc, `INCIDENT DE PRODUCTION — ${data.incident}`, '#c05621');
  }
  if (data.shortages.length > 0) {
    note(
      doc,
      `RUPTURE — le stock de la ${data.hostPharmacyName} ne couvre pas : ` +
        data.shortages.map((s) => `${s.label} (manque ${n(s.missing)})`).join(' ; '),
      '#c53030',
    );
  }

  heading(doc, 'Cassettes à remplir');
  if (!data.lotsRecorded)
    note(doc, 'Lots prévus (FEFO sur le stock du jour) : ils seront confirmés à la fin de la production.');
  drawTable(
    doc,
    [
      { header: 'Cass.', width: 34, align: 'right' },
      { header: 'Médicament', width: 160, wrap: true },
      { header: 'CIP13', width: 78 },
      { header: 'Unités', width: 44, align: 'right' },
      ...LOT_COLUMNS,
    ],
    productRows(data.cassettes, true),
    { continued: 'Cassettes à remplir' },
  );

  heading(doc, 'Plateau manuel');
  if (data.manualTray.length === 0) note(doc, 'Aucun médicament au plateau manuel.');
  else
    drawTable(
      doc,
      [
        { header: 'Médicament', width: 194, wrap: true },
        { header: 'CIP13', width: 78 },
        { header: 'Unités', width: 44, align: 'right' },
        ...LOT_COLUMNS,
      ],
      productRows(data.manualTray, false),
      { continued: 'Plateau manuel' },
    );
  if (data.manualByResident.length > 0) {
    heading(doc, 'Plateau manuel par résident — à placer à la main', 80);
    perCareHome(
      doc,
      data,
      data.manualByResident,
      'Plateau manuel par résident',
      [
        { header: 'Ch.', width: 34 },
        { header: 'Résident', width: 120, wrap: true },
        { header: 'Médicament', width: 150, wrap: true },
        { header: 'Prises', width: 145, wrap: true },
        { header: 'Unités', width: 50, align: 'right' },
      ],
      (m) => [m.room, m.name, shortLabel(m.label), posologyText(m.posology), n(m.units)],
    );
  }

  for (const home of data.careHomes) {
    const title = `${home.careHomeName} — ${frenchWeek(home.week)} — ${n(home.pouches)} sachets`;
    heading(doc, title, 80);
    drawTable(
      doc,
      [
        { header: 'Ch.', width: 34 },
        { header: 'Résident', width: 152, wrap: true },
        ...home.days.map((d) => ({ header: dayHeader(d), width: 37, align: 'right' as const })),
        { header: 'Total', width: 54, align: 'right' },
      ],
      home.residents.map((r) => [
        r.room,
        r.name,
        ...r.perDay.map((v) => (v === null ? 'abs.' : String(v))),
        n(r.pouches),
      ]),
      { continued: title },
    );
  }

  heading(doc, 'Hors PDA — à préparer à part');
  if (data.horsPda.length === 0) note(doc, 'Aucun médicament hors PDA.');
  perCareHome(
    doc,
    data,
    data.horsPda,
    'Hors PDA',
    [
      { header: 'Ch.', width: 34 },
      { header: 'Résident', width: 150, wrap: true },
      { header: 'Médicament', width: 265, wrap: true },
      { header: 'Unités', width: 50, align: 'right' },
    ],
    (h) => [h.room, h.name, h.label, n(h.units)],
  );

  heading(doc, 'Contrôle pharmaceutique (un cadre par EHPAD)', 110);
  verificationBoxes(doc, data);
  addPageFooters(doc, `Fiche de production — série robot n° ${data.batchId} — ${data.robotName}`);
  doc.end();
  return done;
}

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { fr } from 'date-fns/locale/fr';
import type { RecallOut } from '../server/recall/recall.schemas';
import { PARIS } from '../server/shared/dates';
import { addPageFooters, createReport, drawTable, formatCount, shortWeek } from './layout';

const n = formatCount;
const plural = (v: number, one: string, many: string) => `${n(v)} ${v > 1 ? many : one}`;
const when = (iso: string | null) => (iso ? format(new TZDate(iso, PARIS), 'dd/MM/yyyy HH:mm', { locale: fr }) : '—');
const day = (d: string) => d.split('-').reverse().join('/');

const TRANSFER_STATUS: Record<string, string> = { accepted: 'réservé', shipped: 'expédié', received: 'reçu' };
const BATCH_STATUS: Record<string, string> = {
  booked: 'réservée',
  in_production: 'en production',
  produced: 'produite',
  verified: 'vérifiée',
  cancelled: 'annulée',
};
const ORDER_STATUS: Record<string, string> = {
  in_production: 'en production',
  produced: 'produite',
  verified: 'vérifiée',
  delivered: 'livrée',
};

function heading(doc: PDFKit.PDFDocument, text: string) {
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(11).fillColor('#000').text(text, doc.page.margins.left).moveDown(0.3);
}

function none(doc: PDFKit.PDFDocument, text: string) {
  doc.font('Helvetica').fontSize(9.5).fillColor('#444').text(text, doc.page.margins.left).fillColor('#000').moveDown();
}

/**
 * The recall report (retrait de lot, SPEC §4), A4 portrait: the pharmacies holding the lot with
 * their units, the transfers that moved it, what each pharmacy dispensed of it at the counter, the robot batches and care homes whose pouches
 * contained it, and the residents the reading pharmacy serves (others counted, not named).
 */
export async function renderRecallPdf(
  data: RecallOut,
  opts: { creationDate?: Date; printedAt: Date; printedBy: string },
): Promise<Buffer> {
  const onShelves = data.holdings.reduce((s, h) => s + h.quantity, 0);
  const inPouches = data.batches.reduce((s, b) => s + b.units, 0);
  const atCounter = data.dispensed.reduce((s, d) => s + d.units, 0);
  const notReceived = data.transfers.reduce(
    (s, t) => s + (t.quantityReceived === null ? 0 : t.quantity - t.quantityReceived),
    0,
  );
  const { doc, done } = await createReport(
    `Retrait de lot — ${data.label}`,
    `CIP13 ${data.cip13} · lot ${data.lot}\nÉtabli le ${when(opts.printedAt.toISOString())} par ${opts.printedBy}`,
    opts,
  );
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      `${plural(onShelves, 'unité encore en rayon', 'unités encore en rayon')} dans ${plural(
        data.holdings.filter((h) => h.quantity > 0).length,
        'pharmacie',
        'pharmacies',
      )} · ${plural(data.transfers.length, 'transfert', 'transferts')}` +
        (notReceived > 0
          ? ` (${plural(notReceived, 'unité expédiée non reçue', 'unités expédiées non reçues')})`
          : '') +
        ` · ${plural(atCounter, 'unité dispensée', 'unités dispensées')} au comptoir` +
        ` · ${plural(inPouches, 'unité mise', 'unités mises')} en sachets dans ${plural(data.batches.length, 'série robot', 'séries robot')}`,
    )
    .moveDown(0.6);

  heading(doc, 'Pharmacies détentrices');
  if (data.holdings.length === 0) none(doc, 'Aucune pharmacie de la coopérative n’a reçu ce lot.');
  else
    drawTable(
      doc,
      [
        { header: 'Pharmacie', width: 170 },
        { header: 'Lot', width: 80 },
        { header: 'Péremption', width: 70 },
        { header: 'En rayon', width: 60, align: 'right' },
        { header: 'Réservé', width: 50, align: 'right' },
        { header: 'Depuis', width: 69 },
      ],
      data.holdings.map((h) => [
        h.pharmacyName,
        h.lotNumber,
        day(h.expiryDate),
        n(h.quantity),
        n(h.reserved),
        when(h.since).slice(0, 10),
      ]),
    );

  heading(doc, 'Transferts (dépannages)');
  if (data.transfers.length === 0) none(doc, 'Aucun transfert n’a déplacé ce lot.');
  else
    drawTable(
      doc,
      [
        { header: 'N°', width: 26, align: 'right' },
        // Whole names (Royère-de-Vassivière wraps): who to call about the lot.
        { header: 'De', width: 115, wrap: true },
        { header: 'Vers', width: 115, wrap: true },
        // Both counts: a unit shipped and never received is one a recall must still find.
        { header: 'Envoyées', width: 48, align: 'right' },
        { header: 'Reçues', width: 40, align: 'right' },
        { header: 'Statut', width: 41 },
        { header: 'Expédié', width: 57 },
        { header: 'Reçu', width: 57 },
      ],
      data.transfers.map((t) => [
        String(t.transferId),
        t.fromPharmacyName,
        t.toPharmacyName,
        n(t.quantity),
        t.quantityReceived === null ? '—' : n(t.quantityReceived),
        TRANSFER_STATUS[t.status] ?? t.status,
        when(t.shippedAt).slice(0, 10),
        when(t.receivedAt).slice(0, 10),
      ]),
    );

  // Boxes that reached patients over the counter: who to ask for the patients' names (their LGO).
  heading(doc, 'Dispensations au comptoir');
  if (data.dispensed.length === 0) none(doc, 'Aucune unité de ce lot n’a été dispensée au comptoir.');
  else
    drawTable(
      doc,
      [
        { header: 'Pharmacie', width: 200, wrap: true },
        { header: 'Unités', width: 70, align: 'right' },
        { header: 'Dispensations', width: 80, align: 'right' },
        { header: 'Du', width: 74 },
        { header: 'Au', width: 75 },
      ],
      data.dispensed.map((d) => [d.pharmacyName, n(d.units), n(d.dispenses), day(d.firstDay), day(d.lastDay)]),
    );

  heading(doc, 'Séries robot et EHPAD');
  if (data.batches.length === 0) none(doc, 'Ce lot n’a été mis dans aucun sachet.');
  else
    drawTable(
      doc,
      [
        { header: 'Série', width: 40, align: 'right' },
        { header: 'Produit le', width: 86 },
        { header: 'EHPAD', width: 100, wrap: true },
        { header: 'Semaine', width: 110 },
        { header: 'Commande', width: 66 },
        { header: 'Résidents', width: 50, align: 'right' },
        { header: 'Unités', width: 47, align: 'right' },
      ],
      data.batches.flatMap((b) =>
        b.careHomes.map((h, i) => [
          i === 0 ? String(b.batchId) : '',
          i === 0 ? when(b.producedAt) : '',
          h.careHomeName,
          shortWeek(h.week),
          h.deliveredAt ? `livrée ${when(h.deliveredAt).slice(0, 5)}` : (ORDER_STATUS[h.orderStatus] ?? h.orderStatus),
          n(h.residents),
          n(h.units),
        ]),
      ),
    );
  if (data.batches.length > 0)
    none(
      doc,
      `Statut des séries robot : ${data.batches.map((b) => `n° ${b.batchId} ${BATCH_STATUS[b.status] ?? b.status}`).join(' · ')}`,
    );

  heading(doc, 'Résidents concernés (EHPAD desservis par votre pharmacie)');
  if (data.residents.length === 0) none(doc, 'Aucun résident d’un EHPAD que vous desservez.');
  else
    drawTable(
      doc,
      [
        { header: 'EHPAD', width: 120, wrap: true },
        { header: 'Ch.', width: 30 },
        { header: 'Résident', width: 140, wrap: true },
        { header: 'Semaine', width: 110 },
        { header: 'Série', width: 40, align: 'right' },
        { header: 'Unités', width: 59, align: 'right' },
      ],
      data.residents.map((r) => [r.careHomeName, r.room, r.name, shortWeek(r.week), String(r.batchId), n(r.units)]),
    );
  if (data.hiddenResidents > 0)
    none(
      doc,
      `${plural(data.hiddenResidents, 'autre résident', 'autres résidents')} d’EHPAD desservis par d’autres pharmacies : chaque pharmacie voit les siens.`,
    );
  addPageFooters(doc, `Retrait de lot ${data.cip13} / ${data.lot}`);
  doc.end();
  return done;
}

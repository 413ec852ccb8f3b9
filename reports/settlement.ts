import { TZDate } from '@date-fns/tz';
import { stringify } from 'csv-stringify/sync';
import { format } from 'date-fns/format';
import { fr } from 'date-fns/locale/fr';
import { PARIS } from '../server/shared/dates';
import { centsToDecimal, formatEuros } from '../server/shared/money';
import type { SettlementData } from '../server/stock/settlement.usecases';
import { createReport, drawTable } from './layout';

const monthTitle = (month: string) => format(new Date(`${month}-01T12:00:00Z`), 'MMMM yyyy', { locale: fr });

/** One line per pair of pharmacies, amounts in euros with a dot, for spreadsheets. */
export function renderSettlementCsv(data: SettlementData): string {
  return stringify(
    data.pairs.map((p) => ({
      month: data.month,
      pharmacy_a: p.pharmacyAName,
      pharmacy_b: p.pharmacyBName,
      sent_a_to_b_eur: centsToDecimal(p.sentAToBCents),
      sent_b_to_a_eur: centsToDecimal(p.sentBToACents),
      transfers_a_to_b: p.transfersAToB,
      transfers_b_to_a: p.transfersBToA,
      debtor: p.debtorId === p.pharmacyAId ? p.pharmacyAName : p.debtorId === p.pharmacyBId ? p.pharmacyBName : '',
      creditor:
        p.creditorId === p.pharmacyAId ? p.pharmacyAName : p.creditorId === p.pharmacyBId ? p.pharmacyBName : '',
      net_eur: centsToDecimal(p.netCents),
    })),
    {
      header: true,
      columns: [
        'month',
        'pharmacy_a',
        'pharmacy_b',
        'sent_a_to_b_eur',
        'sent_b_to_a_eur',
        'transfers_a_to_b',
        'transfers_b_to_a',
        'debtor',
        'creditor',
        'net_eur',
      ],
    },
  );
}

/** The settlement statement as the pharmacists print it: who pays whom, then the detail. */
export async function renderSettlementPdf(data: SettlementData): Promise<Buffer> {
  const { doc, done } = await createReport(
    `Relevé de compensation des dépannages — ${monthTitle(data.month)}`,
    'Valeur au coût d’achat de l’officine expéditrice ; un seul règlement par paire d’officines.',
  );
  doc.font('Helvetica-Bold').fontSize(11).text('Règlements à effectuer').moveDown(0.3);
  const payments = data.pairs.filter((p) => p.netCents > 0);
  if (payments.length === 0) doc.font('Helvetica').fontSize(10).text('Aucun règlement ce mois-ci.').moveDown();
  for (const p of payments) {
    const debtor = p.debtorId === p.pharmacyAId ? p.pharmacyAName : p.pharmacyBName;
    const creditor = p.creditorId === p.pharmacyAId ? p.pharmacyAName : p.pharmacyBName;
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(`${debtor} doit ${formatEuros(p.netCents)} à ${creditor}`);
  }
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(11).text('Par paire d’officines').moveDown(0.3);
  drawTable(
    doc,
    [
      { header: 'Officine A', width: 110 },
      { header: 'Officine B', width: 110 },
      { header: 'A vers B', width: 75, align: 'right' },
      { header: 'B vers A', width: 75, align: 'right' },
      { header: 'Nombre', width: 65, align: 'right' },
      { header: 'Solde', width: 65, align: 'right' },
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
  doc.font('Helvetica-Bold').fontSize(11).text('Détail des dépannages reçus').moveDown(0.3);
  drawTable(
    doc,
    [
      { header: 'Reçu le', width: 60 },
      { header: 'De', width: 110 },
      { header: 'À', width: 110 },
      { header: 'Produit', width: 150 },
      { header: 'Valeur', width: 70, align: 'right' },
    ],
    data.transfers.map((t) => [
      format(new TZDate(t.receivedAt, PARIS), 'dd/MM/yyyy'),
      t.fromPharmacyName,
      t.toPharmacyName,
      t.productLabel,
      formatEuros(t.valueCents),
    ]),
  );
  doc.end();
  return done;
}

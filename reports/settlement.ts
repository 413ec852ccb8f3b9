import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { fr } from 'date-fns/locale/fr';
import { csvCents, writeCsv } from '../server/shared/csv';
import { PARIS } from '../server/shared/dates';
import { formatEuros } from '../server/shared/money';
import type { SettlementData } from '../server/stock/settlement.usecases';
import { createReport, drawTable } from './layout';

const monthTitle = (month: string) => format(new Date(`${month}-01T12:00:00Z`), 'MMMM yyyy', { locale: fr });

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
];

/**
 * One line per pair of pharmacies for French spreadsheets, through the shared writer
 * (`writeCsv`: UTF-8 BOM, `;`, decimal comma, formulas neutralised): amounts in euros at the
 * sending pharmacy's cost, the net payment and who owes it (SPEC §4 settlement).
 */
export function renderSettlementCsv(data: SettlementData): string {
  const nameOf = (p: SettlementData['pairs'][number], id: number | null) =>
    id === p.pharmacyAId ? p.pharmacyAName : id === p.pharmacyBId ? p.pharmacyBName : '';
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
    ]),
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
      { header: 'Officine A', width: 110, wrap: true },
      { header: 'Officine B', width: 110, wrap: true },
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
      { header: 'De', width: 110, wrap: true },
      { header: 'À', width: 110, wrap: true },
      { header: 'Produit', width: 150, wrap: true },
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

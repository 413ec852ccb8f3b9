import { INTERVENTION_LABELS, PROBLEM_LABELS } from '../server/reviews/act-ip.models';
import { ageOn } from '../server/reviews/calendar.models';
import type { GpReportData } from '../server/reviews/report.usecases';
import { createReport, drawTable } from './layout';

const STEP_LABELS: Record<string, string> = {
  adhesion: 'Adhésion du patient',
  recueil: 'Entretien de recueil',
  analyse: 'Analyse des traitements',
  conseil: 'Entretien conseil',
  observance: 'Suivi d’observance',
};

const ANSWER_TEXT: Record<string, string> = {
  accepted: 'acceptée',
  refused: 'refusée',
  no_answer: 'sans réponse',
};

/** `2026-11-23` → `23/11/2026`. */
const frDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

const heading = (doc: PDFKit.PDFDocument, text: string) => {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.4).font('Helvetica-Bold').fontSize(11).fillColor('#2b6cb0').text(text).fillColor('#000').moveDown(0.3);
};

const field = (doc: PDFKit.PDFDocument, label: string, value: string) => {
  doc.font('Helvetica-Bold').fontSize(10).text(`${label} : `, { continued: true }).font('Helvetica').text(value);
};

/** An empty box to tick by hand, drawn at the current line. */
const box = (doc: PDFKit.PDFDocument, x: number, y: number) =>
  doc
    .rect(x, y + 1, 8, 8)
    .lineWidth(0.6)
    .strokeColor('#000')
    .stroke();

/**
 * The review report for the GP (SPEC §7), in French: the patient, the treatment in force, each
 * drug-related problem with the intervention the pharmacist proposes (SFPC Act-IP wording) and the
 * GP's answer (boxes to tick when still pending), the steps done, and the pharmacist's signature.
 */
export async function renderGpReport(data: GpReportData): Promise<Buffer> {
  const { review, patient, medications, pharmacy } = data;
  const { doc, done } = await createReport(
    'Bilan partagé de médication — compte rendu au médecin traitant',
    `${pharmacy?.name ?? ''} — édité le ${frDate(data.printedOn)} — année de suivi ${review.followUpYear}`,
  );
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  heading(doc, 'Patient');
  field(doc, 'Nom', `${patient.lastName.toUpperCase()} ${patient.firstName}`);
  if (patient.birthDate) {
    field(doc, 'Né(e) le', `${frDate(patient.birthDate)} (${ageOn(patient.birthDate, data.printedOn)} ans)`);
  }
  if (patient.careHomeName)
    field(doc, 'Résident', `${patient.careHomeName}${patient.room ? `, chambre ${patient.room}` : ''}`);
  field(doc, 'Médecin traitant', [patient.gpName ?? 'non renseigné', patient.gpContact].filter(Boolean).join(' — '));
  field(doc, 'Bilan commencé le', frDate(review.startedOn));
  const steps = review.steps.map(
    (st) =>
      `${STEP_LABELS[st.kind] ?? st.kind} le ${frDate(st.date)}${st.remote ? ' (à distance)' : ''} par ${st.pharmacistName}`,
  );
  field(doc, 'Étapes réalisées', steps.length ? steps.join(' ; ') : 'aucune');

  heading(doc, `Traitement en cours (${medications.length} ligne${medications.length > 1 ? 's' : ''})`);
  drawTable(
    doc,
    [
      { header: 'Médicament', width: 230 },
      { header: 'Substance(s) active(s)', width: 135 },
      { header: 'Depuis le', width: 60 },
      { header: 'Prescripteur', width: 74 },
    ],
    medications.map((m) => [
      m.productLabel,
      m.substances.map((s) => s.name.toLowerCase()).join(', ') || '—',
      frDate(m.startDate),
      m.prescriber ?? '—',
    ]),
  );

  heading(doc, 'Problèmes liés aux médicaments et interventions proposées');
  if (review.problems.length === 0) doc.font('Helvetica').fontSize(10).text('Aucun problème relevé lors de l’analyse.');
  review.problems.forEach((p, i) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 110) doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`${i + 1}. ${PROBLEM_LABELS[p.problemCode]}`, left, doc.y, { width });
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#444')
      .text(`Problème Act-IP ${p.problemCode} — intervention Act-IP ${p.interventionCode}`);
    doc.fillColor('#000').fontSize(10);
    field(doc, 'Médicament(s)', p.drugs.map((d) => d.label).join(', '));
    field(doc, 'Constat', p.description);
    field(doc, 'Proposition', `${INTERVENTION_LABELS[p.interventionCode]}`);
    if (p.gpAnswer === 'pending' || p.gpAnswer === 'no_answer') {
      const y = doc.y + 2;
      doc.font('Helvetica-Bold').fontSize(10).text('Réponse du médecin :', left, y, { lineBreak: false });
      box(doc, left + 120, y);
      doc.font('Helvetica').text('acceptée', left + 132, y, { lineBreak: false });
      box(doc, left + 190, y);
      doc.text('refusée', left + 202, y, { lineBreak: false });
      doc.text('Commentaire : ……………………………………………', left + 260, y);
      doc.x = left;
    } else {
      field(
        doc,
        'Réponse du médecin',
        `${ANSWER_TEXT[p.gpAnswer]} le ${frDate(p.gpAnswerDate as string)}${p.gpComment ? ` — ${p.gpComment}` : ''}`,
      );
    }
    doc.moveDown(0.6);
  });

  if (doc.y > doc.page.height - doc.page.margins.bottom - 84) doc.addPage();
  const top = doc.y + 6;
  doc
    .rect(left, top, width / 2 - 8, 76)
    .lineWidth(0.6)
    .strokeColor('#999')
    .stroke();
  doc.rect(left + width / 2 + 8, top, width / 2 - 8, 76).stroke();
  doc
    .fillColor('#000')
    .font('Helvetica-Bold')
    .fontSize(10)
    .text('Le pharmacien', left + 8, top + 8, { width: width / 2 - 24 });
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(data.signer ?? '', left + 8, doc.y + 2, { width: width / 2 - 24 });
  doc.text(pharmacy ? `${pharmacy.name}, ${pharmacy.town}` : '', { width: width / 2 - 24 });
  doc.text(`Le ${frDate(data.printedOn)} — signature :`, { width: width / 2 - 24 });
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .text('Le médecin traitant', left + width / 2 + 16, top + 8, { width: width / 2 - 24 });
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(patient.gpName ?? '', left + width / 2 + 16, doc.y + 2, { width: width / 2 - 24 });
  doc.text('Date et signature :', { width: width / 2 - 24 });
  doc.end();
  return done;
}

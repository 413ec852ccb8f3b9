import { INTERVENTION_LABELS, PROBLEM_LABELS } from '../server/reviews/act-ip.models';
import { ageOn } from '../server/reviews/calendar.models';
import type { GpReportData } from '../server/reviews/report.usecases';
import { addPageFooters, createReport, drawTable } from './layout';
import { type Change, dosesText, frDate, scheduleText, unitsText } from './posology';

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

/**
 * What a proposed change would prescribe, in French: the product (a new line, a substitute), the
 * doses per administration time, the days ("matin 1, soir ½ — les lundi et jeudi"). Empty when the
 * intervention changes no line (a stop, a monitoring).
 */
function changeText(change: Change | null, labels: Record<string, string>): string {
  if (!change) return '';
  const parts: string[] = [];
  if (change.cip13) parts.push(labels[change.cip13] ?? change.cip13);
  if (change.doses && Object.keys(change.doses).length > 0) {
    parts.push(
      Object.entries(change.doses)
        .map(([time, units]) => `${time} ${unitsText(units)}`)
        .join(', '),
    );
  }
  if (change.schedule) parts.push(scheduleText(change.schedule));
  return parts.join(' — ');
}

/** Height of the signature block (two boxes) with the space above it, in points. */
const SIGNATURE_HEIGHT = 90;

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

  // Where the GP answers: the pharmacy's address and phone (the signature box has room for its name only).
  if (pharmacy) {
    const place = [
      pharmacy.address?.replace(/\n/g, ', '),
      [pharmacy.postalCode, pharmacy.town].filter(Boolean).join(' '),
    ]
      .filter(Boolean)
      .join(', ');
    field(doc, pharmacy.name, [place, pharmacy.phone ? `tél. ${pharmacy.phone}` : null].filter(Boolean).join(' — '));
  }
  heading(doc, 'Patient');
  field(doc, 'Nom', `${patient.lastName.toUpperCase()} ${patient.firstName}`);
  if (patient.birthDate) {
    field(doc, 'Date de naissance', `${frDate(patient.birthDate)} (${ageOn(patient.birthDate, data.printedOn)} ans)`);
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
  // An interrupted review says so: the GP must not wait for the steps that will not come.
  if (review.status === 'interrupted' && review.interruptedOn) {
    field(doc, 'Bilan interrompu le', `${frDate(review.interruptedOn)} — ${review.interruptReason ?? ''}`);
  }

  heading(doc, `Traitement en cours (${medications.length} ligne${medications.length > 1 ? 's' : ''})`);
  drawTable(
    doc,
    [
      { header: 'Médicament', width: 160, wrap: true },
      { header: 'Substances actives', width: 105, wrap: true },
      { header: 'Posologie', width: 100, wrap: true },
      { header: 'Depuis le', width: 58, wrap: true },
      { header: 'Prescripteur', width: 76, wrap: true },
    ],
    medications.map((m) => [
      m.productLabel,
      m.substances.map((s) => s.name.toLowerCase()).join(', ') || '—',
      dosesText(m),
      // A line that ends (stopped, or a course of a few weeks) says until when: still in force today.
      m.endDate ? `${frDate(m.startDate)} jusqu’au ${frDate(m.endDate)}` : frDate(m.startDate),
      m.prescriber ?? '—',
    ]),
  );

  const bottom = () => doc.page.height - doc.page.margins.bottom;
  // The signature block is kept with the block before it: never alone at the top of a page.
  const problemTexts = (p: (typeof review.problems)[number]) => {
    const change = changeText(p.change as Change | null, data.changeLabels);
    const proposal = `${INTERVENTION_LABELS[p.interventionCode]}${change ? ` : ${change}` : ''}`;
    return { proposal };
  };
  const problemHeight = (p: (typeof review.problems)[number]) => {
    doc.font('Helvetica').fontSize(10);
    const h = (text: string) => doc.heightOfString(text, { width });
    return (
      h(`${PROBLEM_LABELS[p.problemCode]}`) +
      h('Problème Act-IP') +
      h(`Médicaments : ${p.drugs.map((d) => d.label).join(', ')}`) +
      h(`Constat : ${p.description}`) +
      h(`Proposition : ${problemTexts(p).proposal}`) +
      h(`Réponse du médecin : ${p.gpComment ?? ''}`) +
      24
    );
  };
  // The heading stays with the first problem (and the signature when nothing else follows).
  const first = review.problems[0];
  const firstNeeded = first
    ? problemHeight(first) + (review.problems.length === 1 ? SIGNATURE_HEIGHT : 0)
    : 20 + SIGNATURE_HEIGHT;
  if (doc.y + 40 + firstNeeded > bottom() && firstNeeded < bottom() - doc.page.margins.top) doc.addPage();
  heading(doc, 'Problèmes liés aux médicaments et interventions proposées');
  if (review.problems.length === 0) doc.font('Helvetica').fontSize(10).text('Aucun problème relevé lors de l’analyse.');
  review.problems.forEach((p, i) => {
    const last = i === review.problems.length - 1;
    const needed = problemHeight(p) + (last ? SIGNATURE_HEIGHT : 0);
    if (doc.y + needed > bottom() && needed < bottom() - doc.page.margins.top) doc.addPage();
    else if (doc.y > bottom() - 110) doc.addPage();
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
    field(doc, p.drugs.length > 1 ? 'Médicaments' : 'Médicament', p.drugs.map((d) => d.label).join(', '));
    field(doc, 'Constat', p.description);
    field(doc, 'Proposition', problemTexts(p).proposal);
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

  if (doc.y + SIGNATURE_HEIGHT > bottom()) doc.addPage();
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
  addPageFooters(doc, `Bilan partagé de médication — ${patient.lastName.toUpperCase()} ${patient.firstName}`);
  doc.end();
  return done;
}

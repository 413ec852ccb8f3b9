import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserHarness,
  expectNoSeriousA11yViolations,
  loginAs,
  PHONE,
  screenshot,
  startBrowserHarness,
  TABLET,
} from '../helpers/browser';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** A screenshot for the reviewer, and no serious accessibility violation on what it shows. */
async function shot(page: Page, name: string) {
  await screenshot(page, name);
  await expectNoSeriousA11yViolations(page);
}

/** Records the next step of the open review from its page, as a pharmacist does. */
async function recordStep(page: Page, step: string, notes?: string) {
  await page.getByRole('button', { name: `Enregistrer : ${step}` }).click();
  const dialog = page.getByRole('dialog', { name: step });
  if (step === 'Adhésion du patient') await expectNoSeriousA11yViolations(page);
  // The patient is met (in person or at a distance) at each step but the analysis, the pharmacist's own work.
  await dialog.getByRole('button', { name: 'Enregistrer l’étape' }).waitFor();
  expect(await dialog.getByText('Modalité').count()).toBe(step === 'Analyse des traitements' ? 0 : 1);
  if (notes) await dialog.getByRole('textbox', { name: 'Notes' }).fill(notes);
  await dialog.getByRole('button', { name: 'Enregistrer l’étape' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: `Enregistrer : ${step}` }).waitFor({ state: 'detached' });
}

/** Opens the worklist from the navigation (its code loads on first visit: slow on a busy machine). */
async function openWorklist(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Bilans de médication' }).click();
  await page.waitForURL(/\/reviews$/);
  try {
    await page.getByRole('heading', { name: 'Patients éligibles sans bilan cette année' }).waitFor({ timeout: 30_000 });
  } catch (error) {
    await screenshot(page, 'reviews-worklist-failed');
    throw error;
  }
}

/** Starts, from the worklist, the review of the first eligible patient whose row shows `text`; returns the name. */
async function startFromWorklist(page: Page, text: string): Promise<string> {
  const row = page.locator('[data-testid^="eligible-"]', { hasText: text }).first();
  const name = ((await row.getByRole('link').first().textContent()) ?? '').trim();
  await row.getByRole('button', { name: /démarrer le bilan/i }).click();
  const dialog = page.getByRole('dialog');
  // The start date is required: emptied, the review does not start (it started today, silently).
  const date = dialog.getByRole('textbox', { name: 'Début du bilan' });
  const today = await date.inputValue();
  await date.fill('');
  await dialog.getByRole('button', { name: 'Démarrer' }).click();
  await dialog.getByText('Champ obligatoire').waitFor();
  expect(page.url()).toMatch(/\/reviews$/);
  await date.fill(today);
  await dialog.getByRole('button', { name: 'Démarrer' }).click();
  await page.waitForURL(/\/reviews\/\d+$/);
  return name;
}

/** Records a problem with the intervention "stop" on the first drug offered, then the GP's acceptance. */
async function stopProblemAccepted(page: Page) {
  await page.getByRole('button', { name: 'Ajouter un problème' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouveau problème lié aux médicaments' });
  await dialog.getByRole('combobox', { name: 'Problème (Act-IP)' }).click();
  await page.getByRole('option', { name: '5 — Médicament non indiqué' }).click();
  await dialog.getByRole('combobox', { name: 'Médicaments en cause' }).click();
  const drug = page.getByRole('option').first();
  const drugName = (await drug.textContent())?.trim() ?? '';
  await drug.click();
  // Close the drug list (it stays open for more choices) before typing the finding.
  await dialog.getByRole('heading', { name: 'Nouveau problème lié aux médicaments' }).click();
  await dialog.getByRole('textbox', { name: 'Constat' }).click();
  await dialog
    .getByRole('textbox', { name: 'Constat' })
    .fill('Pas d’indication retrouvée avec le patient et son médecin.');
  await dialog.getByRole('combobox', { name: 'Intervention proposée (Act-IP)' }).click();
  await page.getByRole('option', { name: '2 — Arrêt' }).click();
  await shot(page, 'review-problem-dialog');
  await dialog.getByRole('button', { name: 'Enregistrer le problème' }).click();
  await dialog.waitFor({ state: 'hidden' });

  const row = page.locator('[data-testid^="problem-"]').last();
  await row.getByText('En attente').waitFor();
  await row.getByRole('button', { name: /^Réponse du médecin/ }).click();
  const answer = page.getByRole('dialog', { name: 'Réponse du médecin' });
  await expectNoSeriousA11yViolations(page);
  // Nothing is chosen beforehand: saving at once records no acceptance the GP did not give.
  await answer.getByRole('button', { name: 'Enregistrer' }).click();
  await answer.getByText('Champ obligatoire').waitFor();
  await answer.getByRole('radio', { name: 'Acceptée' }).check();
  await answer.getByRole('textbox', { name: 'Commentaire du médecin' }).fill('D’accord, arrêt dès cette semaine.');
  await answer.getByRole('button', { name: 'Enregistrer' }).click();
  await answer.waitFor({ state: 'hidden' });
  await row.getByText(/^Acceptée · \d{2}\/\d{2}\/\d{4}$/).waitFor();
  // The GP's comment shows under the answer, as on the GP report.
  await row.getByText('Commentaire du médecin : D’accord, arrêt dès cette semaine.').waitFor();
  return drugName;
}

type Order = { id: number; week: string; status: string; products: { cip13: string; units: number }[] };

/** Units of a product in the care home's latest order (next week's draft), read through the API. */
async function nextOrderUnits(page: Page, careHomeId: number, cip13: string): Promise<number> {
  const list = (await (await page.request.get(`/api/orders?careHomeId=${careHomeId}`)).json()) as { items: Order[] };
  const latest = [...list.items].sort((a, b) => b.week.localeCompare(a.week))[0] as Order;
  const order = (await (await page.request.get(`/api/orders/${latest.id}`)).json()) as Order;
  return order.products.find((p) => p.cip13 === cip13)?.units ?? 0;
}

describe('medication reviews (real browser)', () => {
  it('When the Peyrelevade pharmacist starts a review from the worklist, records a "stop" and the GP accepts, Then the review shows it', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.peyrelevade@officoop.test');
    await page.getByTestId('card-reviews').getByText(/étape/).first().waitFor();
    await shot(page, 'reviews-home-pharmacist');
    await openWorklist(page);
    const patient = await startFromWorklist(page, 'Besse Germaine');
    expect(patient).toBe('Besse Germaine');
    await page.getByRole('heading', { name: 'Bilan de Besse Germaine — année 1' }).waitFor();
    // Problems are recorded during the analysis, after the consent (SPEC §7): none offered before it.
    await page.getByTestId('problems-need-consent').waitFor();
    expect(await page.getByRole('button', { name: 'Ajouter un problème' }).count()).toBe(0);
    await recordStep(page, 'Adhésion du patient');
    // A long interview note folds under its step, read on demand (it made the page a wall of text).
    await recordStep(
      page,
      'Entretien de recueil',
      `Oublis fréquents de la prise du soir. ${'Revu le pilulier. '.repeat(60)}`,
    );
    await page.getByRole('button', { name: 'Lire la suite' }).click();
    await page.getByRole('button', { name: 'Réduire' }).waitFor();
    await recordStep(page, 'Analyse des traitements');
    await stopProblemAccepted(page);
    await page.getByText('TAC 0,01 €').waitFor();
    // « Acceptée » was ticked by mistake: the pharmacist corrects it from the problem's row.
    const row = page.locator('[data-testid^="problem-"]').last();
    await row.getByRole('button', { name: /^Corriger la réponse/ }).click();
    const correct = page.getByRole('dialog', { name: 'Corriger la réponse du médecin' });
    await correct.getByTestId('answer-correction-hint').waitFor();
    expect(await correct.getByRole('radio', { name: 'Acceptée' }).isChecked()).toBe(true);
    await correct.getByRole('radio', { name: 'Refusée' }).check();
    await correct.getByRole('textbox', { name: 'Commentaire du médecin' }).fill('Préfère poursuivre le traitement.');
    await expectNoSeriousA11yViolations(page);
    await shot(page, 'review-answer-correction');
    await correct.getByRole('button', { name: 'Enregistrer' }).click();
    await correct.waitFor({ state: 'hidden' });
    await row.getByText(/^Refusée · \d{2}\/\d{2}\/\d{4}$/).waitFor();
    await row.getByText('Commentaire du médecin : Préfère poursuivre le traitement.').waitFor();
    await shot(page, 'review-page');
    await page.setViewportSize(TABLET);
    await shot(page, 'review-page-tablet');
  });

  it('When the Meymac pharmacist does the same for a resident, Then the change is proposed, applied, and the next order no longer has the drug', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.meymac@officoop.test');
    await openWorklist(page);
    await shot(page, 'reviews-worklist');
    const resident = await startFromWorklist(page, 'EHPAD Le Puy Chabrol');
    await recordStep(page, 'Adhésion du patient');
    await recordStep(page, 'Entretien de recueil');
    await recordStep(page, 'Analyse des traitements');
    await stopProblemAccepted(page);
    await page.getByRole('link', { name: /^Arrêt · À appliquer$/ }).waitFor();

    // A dose change on the same line starts from its present doses: a time left empty would stop it.
    const pending = (await (await page.request.get('/api/prescription-proposals?status=pending')).json()) as {
      items: { patientName: string; residentId: number; prescriptionLineId: number }[];
    };
    const stop = pending.items.find((p) => p.patientName === resident);
    if (!stop) throw new Error(`no pending proposal for ${resident}`);
    const present = (
      (await (await page.request.get(`/api/residents/${stop.residentId}/prescriptions`)).json()) as {
        items: { id: number; doses: Record<string, number> }[];
      }
    ).items.find((l) => l.id === stop.prescriptionLineId)?.doses;
    expect(Object.keys(present ?? {}).length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Ajouter un problème' }).click();
    const change = page.getByRole('dialog', { name: 'Nouveau problème lié aux médicaments' });
    await change.getByRole('combobox', { name: 'Problème (Act-IP)' }).click();
    await page.getByRole('option', { name: '3 — Sous-dosage' }).click();
    await change.getByRole('combobox', { name: 'Médicaments en cause' }).click();
    // The resident's first drug in the demo is a capsule (omeprazole): it is not cut, below.
    const capsule = page.getByRole('option').first();
    expect(await capsule.textContent()).toMatch(/gélule/);
    await capsule.click();
    await change.getByRole('heading', { name: 'Nouveau problème lié aux médicaments' }).click();
    await change.getByRole('combobox', { name: 'Intervention proposée (Act-IP)' }).click();
    await page.getByRole('option', { name: '7 — Adaptation posologique' }).click();
    for (const [time, dose] of Object.entries(present ?? {})) {
      await expect
        .poll(() => change.getByRole('textbox', { name: time, exact: true }).inputValue(), { timeout: 10_000 })
        .toBe(String(dose).replace('.', ','));
    }
    await shot(page, 'review-problem-dose-change');
    // A dose typed too big stays as typed, said in error, and is not sent (it was clamped to 10).
    const [firstTime] = Object.keys(present ?? {});
    const doseField = change.getByRole('textbox', { name: firstTime, exact: true });
    await doseField.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('15', { delay: 50 });
    await doseField.blur();
    expect(await doseField.inputValue()).toBe('15');
    await change.getByRole('button', { name: 'Enregistrer le problème' }).click();
    await change.getByText('Au plus 10', { exact: true }).waitFor();
    expect(await doseField.inputValue()).toBe('15');
    // Half a capsule is refused in words under the doses: a capsule is not cut.
    await doseField.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('1,5', { delay: 50 });
    await change.getByRole('textbox', { name: 'Constat' }).fill('Dose insuffisante, symptômes persistants.');
    let problemsPosted = 0;
    const countPosts = (req: Request) => {
      if (req.method() === 'POST' && /\/api\/reviews\/\d+\/problems$/.test(req.url())) problemsPosted += 1;
    };
    page.on('request', countPosts);
    await change.getByRole('button', { name: 'Enregistrer le problème' }).click();
    await change
      .getByText(
        new RegExp(
          `se donne en unités entières \\(prise : ${firstTime}\\) : une gélule ou une capsule ne se coupe pas`,
        ),
      )
      .waitFor();
    // Said by the dialog itself, from the line's product form: nothing was sent.
    expect(problemsPosted).toBe(0);
    page.off('request', countPosts);
    await shot(page, 'review-problem-capsule-not-cut');
    // Corrected to whole capsules, it is recorded, and the review shows the dose proposed to the GP.
    const corrected = String((present?.[firstTime as string] ?? 0) + 1);
    await doseField.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(corrected, { delay: 50 });
    await change.getByRole('button', { name: 'Enregistrer le problème' }).click();
    await change.waitFor({ state: 'hidden' });
    const proposed = page.locator('[data-testid^="proposed-doses-"]');
    await proposed.waitFor();
    await shot(page, 'review-proposed-doses');
    expect(await proposed.textContent()).toMatch(new RegExp(`^Posologie proposée : .*${firstTime} ${corrected}\\b`));

    await page.getByRole('navigation').getByRole('link', { name: 'Changements proposés' }).click();
    const row = page.locator('[data-testid^="proposal-"]', { hasText: resident }).filter({ hasText: 'À appliquer' });
    await row.waitFor();
    const proposals = (await (await page.request.get('/api/prescription-proposals?status=pending')).json()) as {
      items: { id: number; patientName: string; residentId: number; prescriptionLineId: number }[];
    };
    const proposal = proposals.items.find((p) => p.patientName === resident);
    if (!proposal) throw new Error(`no pending proposal for ${resident}`);
    const lines = (await (await page.request.get(`/api/residents/${proposal.residentId}/prescriptions`)).json()) as {
      items: { id: number; cip13: string }[];
    };
    const cip13 = lines.items.find((l) => l.id === proposal.prescriptionLineId)?.cip13 as string;
    const residentRecord = (await (await page.request.get(`/api/residents/${proposal.residentId}`)).json()) as {
      careHomeId: number;
    };
    const before = await nextOrderUnits(page, residentRecord.careHomeId, cip13);
    expect(before).toBeGreaterThan(0);
    await shot(page, 'proposals-inbox');

    // The pharmacy's technician sees it too, told that a pharmacist applies it (and offered no button).
    const technician = await harness.newPage();
    await loginAs(technician, 'preparateur.meymac@officoop.test');
    await technician.goto('/prescription-proposals');
    await technician.locator(`[data-testid="proposal-${proposal.id}"]`).getByText('À appliquer').waitFor();
    await technician.getByText(/un pharmacien les applique au plan de prise\.$/).waitFor();
    expect(await technician.getByText(/appliquez-les/).count()).toBe(0);
    expect(await technician.getByRole('button', { name: 'Appliquer' }).count()).toBe(0);
    await technician.close();

    await row.getByRole('button', { name: 'Appliquer' }).click();
    // A double click applies once: one request, no 409 behind it.
    const applied: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith(`/api/prescription-proposals/${proposal.id}/apply`)) applied.push(r.status());
    });
    await page
      .getByRole('dialog', { name: 'Appliquer au plan de prise' })
      .getByRole('button', { name: 'Appliquer' })
      .dblclick();
    await page.locator(`[data-testid="proposal-${proposal.id}"]`).getByText('Appliqué').waitFor();
    expect(applied).toEqual([200]);

    // The next weekly order was recomputed without the resident's units of the stopped drug.
    const after = await nextOrderUnits(page, residentRecord.careHomeId, cip13);
    expect(after).toBeLessThan(before);
    const stopped = (await (await page.request.get(`/api/residents/${proposal.residentId}/prescriptions`)).json()) as {
      items: { id: number; endDate: string | null }[];
    };
    expect(stopped.items.find((l) => l.id === proposal.prescriptionLineId)?.endDate).not.toBeNull();
  });

  it('When the Bugeat pharmacist stops a treatment line from the patient page, Then the line gets its last day', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    type Line = { source: string; id: number; productLabel: string; endDate: string | null; active: boolean };
    type Detail = { id: number; medications: Line[]; eligibility: { day: string } };
    const list = (await (await page.request.get('/api/patients?residents=none')).json()) as { items: { id: number }[] };
    let patient: Detail | undefined;
    let line: Line | undefined;
    for (const { id } of list.items) {
      const detail = (await (await page.request.get(`/api/patients/${id}`)).json()) as Detail;
      line = detail.medications.find((m) => m.source === 'other' && m.active && m.endDate === null);
      if (line) {
        patient = detail;
        break;
      }
    }
    if (!patient || !line) throw new Error('the demo has no Bugeat patient with an open line entered at the pharmacy');
    await page.goto(`/patients/${patient.id}`);
    const row = page.getByTestId(`medication-other-${line.id}`);
    await row.getByRole('button', { name: `Arrêter ${line.productLabel}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Arrêter un traitement' });
    await dialog.getByText(`${line.productLabel}, pris depuis le`).waitFor();
    await shot(page, 'patient-stop-medication');
    await dialog.getByRole('button', { name: 'Arrêter' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const day = patient.eligibility.day;
    await row.getByText(`${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`).waitFor();
    const after = (await (await page.request.get(`/api/patients/${patient.id}`)).json()) as Detail;
    expect(after.medications.find((m) => m.source === 'other' && m.id === line.id)?.endDate).toBe(day);
  });

  it('When the Bugeat pharmacist adds a treatment with its posology, Then the patient page shows it under the drug', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    const list = (await (await page.request.get('/api/patients?residents=none')).json()) as { items: { id: number }[] };
    const patientId = list.items[0]?.id as number;
    await page.goto(`/patients/${patientId}`);
    await page.getByRole('button', { name: 'Ajouter un traitement' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter un traitement' });
    await dialog.getByLabel('Médicament').fill('3400935955838');
    await page.getByRole('option', { name: /3400935955838/ }).click();
    await dialog.getByRole('textbox', { name: 'Posologie' }).fill('1 comprimé jusqu’à 3 fois par jour si douleur');
    await dialog.getByRole('textbox', { name: 'Depuis le', exact: true }).fill('01/11/2026');
    await shot(page, 'patient-add-medication');
    await dialog.getByRole('button', { name: 'Ajouter' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('medication-dosage').getByText('1 comprimé jusqu’à 3 fois par jour si douleur').waitFor();
  });

  const PAGES = [
    ['/reviews', 'Bilans partagés de médication', 'reviews-worklist-felletin'],
    ['/patients', 'Patients', 'patients'],
    ['/prescription-proposals', 'Changements de traitement proposés', 'proposals'],
    ['/reviews/fees', 'Honoraires des bilans', 'review-fees'],
  ] as const;

  it('Then the patient page shows the eligibility reasons, and each reviews page is captured at 1280×800', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.felletin@officoop.test');
    for (const [path, heading, name] of PAGES) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await shot(page, name);
    }
    await page.goto('/patients');
    await page.getByRole('link', { name: 'Delage Irène' }).click();
    await page.getByTestId('eligibility').getByText('Éligible', { exact: true }).waitFor();
    await page
      .getByTestId('eligibility')
      .getByText(/substances actives remboursées prises depuis 6 mois ou plus/)
      .waitFor();
    await shot(page, 'patient-page');
    await page.getByRole('link', { name: 'Bilan en cours' }).click();
    await page.getByRole('heading', { name: /^Bilan de Delage Irène/ }).waitFor();
    await shot(page, 'review-with-problems');

    // A step past its date says it is late, in words, not only in red.
    const { items } = (await (await page.request.get('/api/reviews')).json()) as {
      items: { id: number; next: { seq: number; dueDate: string; state: string } | null }[];
    };
    const late = items.find((r) => r.next?.state === 'overdue');
    if (!late?.next) throw new Error('no Felletin review with a late step');
    await page.goto(`/reviews/${late.id}`);
    const date = late.next.dueDate.split('-').reverse().join('/');
    await page.getByText(`En retard : à faire avant le ${date}`).waitFor();
    expect(await page.getByText(/^En retard/).count()).toBe(1);
  });

  it('When a pharmacist presses Escape or goes Back with a step note typed and not saved, Then the app asks first, and only leaving drops the note', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.felletin@officoop.test');
    await page.goto('/patients');
    await page.getByRole('link', { name: 'Delage Irène' }).click();
    await page.getByRole('link', { name: 'Bilan en cours' }).click();
    await page.getByRole('heading', { name: /^Bilan de Delage Irène/ }).waitFor();
    const review = page.url();
    await page
      .getByRole('button', { name: /^Enregistrer : / })
      .first()
      .click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: 'Enregistrer l’étape' }) });
    const note = 'Appel de la fille : le pilulier est préparé le dimanche soir.';
    await dialog.getByRole('textbox', { name: 'Notes' }).fill(note);
    // Escape pressed by mistake would close the dialog with the note: it asks first, and she goes on typing.
    await page.keyboard.press('Escape');
    const closing = page.getByRole('dialog', { name: 'Fermer sans enregistrer ?' });
    await closing.getByText('Ce que vous avez saisi n’est pas enregistré : en fermant, vous le perdez.').waitFor();
    await shot(page, 'close-guard-step-note');
    await closing.getByRole('button', { name: 'Continuer la saisie' }).click();
    await closing.waitFor({ state: 'detached' });
    expect(await dialog.getByRole('textbox', { name: 'Notes' }).inputValue()).toBe(note);
    // Back (the browser's button, or a phone's gesture) would take the note with the dialog: the app asks.
    await page.goBack();
    const guard = page.getByRole('dialog', { name: 'Quitter sans enregistrer ?' });
    await guard.getByText('Ce que vous avez saisi n’est pas enregistré : en quittant, vous le perdez.').waitFor();
    await shot(page, 'leave-guard-step-note');
    // Escape answers the question on top (she stays), not the dialog behind it with a second question.
    await page.keyboard.press('Escape');
    await guard.waitFor({ state: 'detached' });
    expect(await closing.count()).toBe(0);
    expect(page.url()).toBe(review);
    expect(await dialog.getByRole('textbox', { name: 'Notes' }).inputValue()).toBe(note);
    // Asked again, she leaves: the patient page, and the note is gone with the dialog.
    await page.goBack();
    await guard.getByRole('button', { name: 'Quitter sans enregistrer' }).click();
    await page.getByTestId('eligibility').waitFor();
    expect(page.url()).toMatch(/\/patients\/\d+$/);
    expect(await dialog.count()).toBe(0);
  });

  it('When a pharmacist opens the worklist on a phone, Then each table shows its due dates without scrolling sideways', async () => {
    const page = await harness.newPage(PHONE);
    await loginAs(page, 'pharmacien.meymac@officoop.test');
    await page.goto('/reviews');
    await page.getByRole('heading', { name: 'Bilans partagés de médication', level: 1 }).waitFor();
    const tables = page.getByRole('table');
    await tables.first().waitFor();
    for (const box of await Promise.all((await tables.all()).map((table) => table.boundingBox())))
      expect(box?.width).toBeLessThanOrEqual(PHONE.width);
    // The due date (the point of the worklist) is on screen, not beyond its edge.
    const due = page.getByRole('table', { name: 'Bilans en cours' }).getByRole('columnheader', { name: /Échéance/ });
    const at = await due.boundingBox();
    expect((at?.x ?? 0) + (at?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'reviews-worklist-phone');
  });

  it('When a pharmacist opens a review on a phone, Then each problem is one card with the GP’s answer and its button on screen', async () => {
    const page = await harness.newPage(PHONE);
    await loginAs(page, 'pharmacien.felletin@officoop.test');
    await page.goto('/patients');
    await page.getByRole('link', { name: 'Delage Irène' }).click();
    await page.getByRole('link', { name: 'Bilan en cours' }).click();
    const problems = page.getByRole('table', { name: 'Problèmes liés aux médicaments' });
    const pending = problems.locator('[data-testid^="problem-"]', { hasText: 'En attente' }).first();
    await pending.waitFor();
    expect((await problems.boundingBox())?.width).toBeLessThanOrEqual(PHONE.width);
    // The problem, its drugs, the intervention and the answer are in the one card, read without scrolling sideways.
    await pending.getByText(/^1 — Non-conformité/).waitFor();
    await pending.getByText(/^2 — Arrêt$/).waitFor();
    const answer = pending.getByRole('button', { name: /^Réponse du médecin/ });
    const at = await answer.boundingBox();
    expect((at?.x ?? 0) + (at?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'review-problems-phone');
  });

  // A tester found the proposals, fees and a patient's treatments scrolling sideways on a phone,
  // « Appliquer », the amounts and « Arrêter » beyond the screen's edge.
  it('When a pharmacist opens the proposals, the fees and a patient on a phone, Then every table fits the screen with its actions', async () => {
    const page = await harness.newPage(PHONE);
    await loginAs(page, 'pharmacien.meymac@officoop.test');
    const fits = async (name: string) => {
      const table = page.getByRole('table', { name });
      await table.waitFor();
      const box = await table.boundingBox();
      expect(box && box.x + box.width, name).toBeLessThanOrEqual(PHONE.width);
    };
    await page.goto('/prescription-proposals');
    await fits('Changements de traitement proposés');
    const apply = page.getByRole('button', { name: 'Appliquer' }).first();
    if ((await apply.count()) > 0) {
      const at = await apply.boundingBox();
      expect(at && at.x + at.width).toBeLessThanOrEqual(PHONE.width);
    }
    await shot(page, 'proposals-phone');
    await page.goto('/reviews/fees');
    await fits('Par code acte');
    await fits('Détail des actes');
    await page
      .getByRole('table', { name: 'Détail des actes' })
      .getByText(/\d+,\d{2}\s€/)
      .first()
      .waitFor();
    await shot(page, 'review-fees-phone');
    const list = (await (await page.request.get('/api/patients?residents=none')).json()) as { items: { id: number }[] };
    await page.goto(`/patients/${list.items[0]?.id}`);
    await fits('Traitements');
    await shot(page, 'patient-phone');
  });

  it('Then each reviews page is captured on a 768 px tablet', async () => {
    const page = await harness.newPage(TABLET);
    await loginAs(page, 'pharmacien.felletin@officoop.test');
    for (const [path, heading, name] of PAGES) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await shot(page, `${name}-tablet`);
    }
  });

  it('When the Royère pharmacist interrupts a review whose consent is billed, Then the page says "Interrompu le … — motif" and no step can be recorded', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.royere@officoop.test');
    const list = (await (await page.request.get('/api/reviews?status=open')).json()) as {
      items: { id: number; patientName: string; next: { kind: string } | null }[];
    };
    const review = list.items.find((r) => r.next?.kind === 'recueil');
    expect(review).toBeDefined();
    await page.goto(`/reviews/${review?.id}`);
    await page.getByRole('heading', { name: new RegExp(`^Bilan de ${review?.patientName}`) }).waitFor();
    // The consent (TAC) is billed: the review can no longer be cancelled, only interrupted.
    expect(await page.getByRole('button', { name: 'Annuler le bilan' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Interrompre le bilan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Interrompre ce bilan ?' });
    await dialog.getByRole('textbox', { name: 'Motif' }).fill('Hospitalisation de longue durée');
    await shot(page, 'review-interrupt-dialog');
    await dialog.getByRole('button', { name: 'Interrompre le bilan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByTestId('review-interrupted')
      .getByText(/^Interrompu le .* — Hospitalisation de longue durée$/)
      .waitFor();
    await page.getByText('Interrompu', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^Enregistrer : / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Interrompre le bilan' }).count()).toBe(0);
    // Only consent was recorded: the four steps never reached read as not done, none as due.
    await page.getByText('Non réalisée — bilan interrompu').first().waitFor();
    expect(await page.getByText('Non réalisée — bilan interrompu').count()).toBe(4);
    expect(await page.getByText(/^À faire avant le /).count()).toBe(0);
    await page.getByTestId('step-not-done-2').getByText('Entretien de recueil').waitFor();
    await shot(page, 'review-interrupted');

    // The reviews list shows it under "Interrompus", with its date and reason.
    await openWorklist(page);
    await page.getByRole('table', { name: 'Bilans en cours' }).waitFor();
    await page.getByTestId('reviews-status').getByText('Interrompus', { exact: true }).click();
    await page.waitForURL(/\/reviews\?status=interrupted$/);
    await page.getByRole('heading', { name: 'Bilans interrompus', level: 2 }).waitFor();
    const row = page.getByTestId(`review-${review?.id}`);
    await row.getByText('Hospitalisation de longue durée').waitFor();
    await row.getByText(/^\d{2}\/\d{2}\/\d{4}$/).waitFor();
    await row.getByRole('link', { name: review?.patientName }).waitFor();
    await page.getByRole('heading', { name: 'Bilans interrompus', level: 2 }).scrollIntoViewIfNeeded();
    await shot(page, 'reviews-list-interrupted');
  });

  it('When a technician records a step, Then the dialog asks for the pharmacist who did it and the step is in their name', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'preparateur.felletin@officoop.test');
    const list = (await (await page.request.get('/api/reviews?status=open')).json()) as {
      items: { id: number; patientName: string; next: { kind: string } | null }[];
    };
    // A step before the last one (the last closes the review: a pharmacist's own).
    const review = list.items.find((r) => r.next && ['adhesion', 'recueil', 'analyse'].includes(r.next.kind));
    if (!review) throw new Error('no open Felletin review before its analysis in the demo');
    const { items: pharmacists } = (await (await page.request.get('/api/reviews/pharmacists')).json()) as {
      items: { id: number; displayName: string }[];
    };
    expect(pharmacists).toHaveLength(1);
    const pharmacist = pharmacists[0]?.displayName as string;
    await page.goto(`/reviews/${review.id}`);
    await page.getByRole('heading', { name: new RegExp(`^Bilan de ${review.patientName}`) }).waitFor();
    const button = page.getByRole('button', { name: /^Enregistrer : / });
    const step = ((await button.textContent()) ?? '').replace(/^Enregistrer : /, '').trim();
    await button.click();
    const dialog = page.getByRole('dialog', { name: step });
    // The pharmacy's one pharmacist is chosen already, and the field says why it is asked.
    const who = dialog.getByRole('combobox', { name: 'Pharmacien ayant mené l’étape' });
    await expect.poll(() => who.inputValue()).toBe(pharmacist);
    await dialog.getByText('L’étape est un acte du pharmacien : enregistrez-la à son nom.').waitFor();
    await expectNoSeriousA11yViolations(page);
    await shot(page, 'review-step-by-technician');
    await dialog.getByRole('button', { name: 'Enregistrer l’étape' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByText(new RegExp(`^Le \\d{2}/\\d{2}/\\d{4} par ${pharmacist}, `))
      .first()
      .waitFor();
    const tech = (await (await page.request.get('/api/auth/me')).json()) as { displayName: string };
    expect(await page.getByText(`par ${tech.displayName}`).count()).toBe(0);
  });

  it('When a Bugeat resident-patient is marked deceased, Then the patients list says not eligible and the patient page says why', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    const list = (await (await page.request.get('/api/patients?residents=only')).json()) as {
      items: {
        id: number;
        residentId: number;
        lastName: string;
        firstName: string;
        eligible: boolean | null;
        openReviewId: number | null;
      }[];
    };
    // Without an open review, so the page offers (greyed out) to start one.
    const patient = list.items.find((p) => p.eligible === true && p.openReviewId === null);
    expect(patient).toBeDefined();
    const p = patient as NonNullable<typeof patient>;
    const today = ((await (await page.request.get(`/api/patients/${p.id}`)).json()) as { eligibility: { day: string } })
      .eligibility.day;
    const res = await page.request.patch(`/api/residents/${p.residentId}`, {
      data: { status: 'deceased', statusFrom: today },
    });
    expect(res.status()).toBe(200);
    await page.goto('/patients');
    await page.getByRole('textbox', { name: 'Rechercher' }).fill(p.lastName);
    await page.getByTestId(`patient-${p.id}`).getByText('Non éligible', { exact: true }).waitFor();
    await page.getByRole('link', { name: `${p.lastName} ${p.firstName}` }).click();
    await page
      .getByTestId('eligibility-deceased')
      .getByText(/^Patient décédé le .* : plus de bilan possible\.$/)
      .waitFor();
    await page.getByTestId('eligibility').getByText('Non éligible', { exact: true }).waitFor();
    // The death is the reason, above the criteria, which are muted: none reads as a passed check.
    await page.getByTestId('eligibility').getByText('Critères, pour mémoire (sans effet après le décès)').waitFor();
    const criteria = page.getByTestId('eligibility-criteria');
    expect(await criteria.getAttribute('data-muted')).toBe('true');
    const deathBox = await page.getByTestId('eligibility-deceased').boundingBox();
    const criteriaBox = await criteria.boundingBox();
    expect(deathBox && criteriaBox && deathBox.y < criteriaBox.y).toBe(true);
    // The greyed-out start button says why beside it.
    const start = page.getByRole('button', { name: /Démarrer le bilan|Année suivante/ });
    expect(await start.isDisabled()).toBe(true);
    expect(await start.getAttribute('aria-describedby')).toBe('start-blocked');
    expect(await page.getByTestId('start-blocked').textContent()).toBe('Patient décédé : pas de nouveau bilan.');
    await shot(page, 'patient-deceased');
  });

  it('When the Royère pharmacist creates a patient who already is one, Then the form says so and a switch confirms a namesake', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.royere@officoop.test');
    const list = (await (await page.request.get('/api/patients?residents=none')).json()) as {
      items: { id: number; lastName: string; firstName: string; birthDate: string | null }[];
    };
    const known = list.items.find((p) => p.birthDate !== null);
    expect(known).toBeDefined();
    const p = known as NonNullable<typeof known>;
    const [y, m, d] = (p.birthDate as string).split('-');
    await page.goto('/patients');
    await page.getByRole('button', { name: 'Nouveau patient' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau patient' });
    await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill(p.lastName.toUpperCase());
    await dialog.getByRole('textbox', { name: 'Prénom' }).fill(p.firstName);
    await dialog.getByRole('textbox', { name: 'Date de naissance' }).fill(`${d}/${m}/${y}`);
    await dialog.getByRole('button', { name: 'Créer' }).click();
    await dialog.getByText(/est déjà patient de l’officine/).waitFor();
    await shot(page, 'patient-duplicate');
    await dialog.getByRole('switch', { name: 'Une autre personne, de même nom et même date de naissance' }).check();
    await dialog.getByRole('button', { name: 'Créer' }).click();
    await page.waitForURL((url) => /\/patients\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${p.id}`));
  });

  // A tester found no way to change the fee schedule in the app (issue #12: admin-editable).
  it('When the coordinator adds a fee schedule from tomorrow, Then it keeps every act, refuses a past date and a negative amount, and shows beside the one in force', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'admin@officoop.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Barème des bilans' }).click();
    await page.getByRole('heading', { name: 'Barème des bilans de médication' }).waitFor();
    await page.getByText(/^En vigueur depuis le \d{2}\/\d{2}\/\d{4}$/).waitFor();
    // The two adherence interviews of an unchanged year are told apart.
    await page.getByText('Suivi d’observance n° 2').first().waitFor();
    await page.getByRole('button', { name: 'Nouveau barème' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau barème' });
    const amount = dialog.getByRole('textbox', { name: 'Montant : Entretien de recueil (Première année)' });
    expect(await amount.inputValue()).toBe('25');
    await amount.fill('-5');
    const paris = (offsetDays: number) =>
      new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(
        new Date(Date.now() + offsetDays * 86_400_000),
      );
    await dialog.getByRole('textbox', { name: 'À partir du' }).fill(paris(-1));
    await dialog.getByRole('textbox', { name: 'Nom du barème' }).fill('Avenant n° 2 (essai)');
    await dialog.getByRole('button', { name: 'Enregistrer le barème' }).click();
    await dialog.getByText('Un montant ne peut pas être négatif : un acte qui n’est plus payé reste à 0 €.').waitFor();
    await amount.fill('27,50');
    await dialog.getByRole('button', { name: 'Enregistrer le barème' }).click();
    await dialog.getByText('Un barème ne peut pas commencer avant aujourd’hui.').waitFor();
    await shot(page, 'review-fee-schedule-form');
    await dialog.getByRole('textbox', { name: 'À partir du' }).fill(paris(1));
    await dialog.getByRole('button', { name: 'Enregistrer le barème' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const added = page.getByRole('region', { name: 'Avenant n° 2 (essai)' });
    await added.getByText(`À partir du ${paris(1)}`).waitFor();
    const recueil = added.getByRole('row').filter({ hasText: 'Entretien de recueil' });
    expect(await recueil.textContent()).toMatch(/BPM1-RECUEIL\s*27,50\s€/);
    // Every other act is carried over unchanged (ten acts, as in the schedule in force).
    expect(await added.getByRole('row').count()).toBe(11);
    await page.getByText(/^En vigueur depuis le /).waitFor();
    await shot(page, 'review-fee-schedules');
  });
});

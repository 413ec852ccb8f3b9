import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrderTimeline } from '../../db/seed/demo-timeline';
import { addIsoWeeks, isoWeek, isoWeekDays } from '../../server/shared/dates';
import {
  type BrowserHarness,
  declineReload,
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

// The demo runs on the real clock: the first order week whose cut-off is ahead has the Felletin
// and Meymac orders submitted and unplanned; their batches go in the week before it.
const { open } = demoOrderTimeline(new Date());
const productionWeek = addIsoWeeks(open, -1);
const FELLETIN = 'EHPAD Les Tilleuls — Felletin';
// The week as the app names it: "Semaine 49 · du 30/11 au 06/12/2026" (the house's week label).
const weekName = (week: string) => new RegExp(`^Planning du robot — Semaine ${Number(week.slice(6))} · du `);

describe('the robot week (real browser)', () => {
  it('When the Felletin pharmacist auto-plans next week and applies the proposal, Then its batch appears in the calendar', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.felletin@officoop.test');
    const card = page.getByTestId('card-robot-pending');
    await card.getByRole('link', { name: FELLETIN }).waitFor();
    await screenshot(page, 'robot-home-felletin');

    // Opened without a week, the calendar shows the week whose working hours are not over: this
    // one, or the next once the last window of this one has ended (a Friday evening, a weekend).
    const robotId = ((await (await page.request.get('/api/robots')).json()) as { items: { id: number }[] }).items[0]
      ?.id as number;
    const now = isoWeek(new Date());
    const thisWeek = (await (await page.request.get(`/api/robots/${robotId}/calendar?week=${now}`)).json()) as {
      windows: { end: string }[];
    };
    const workLeft = thisWeek.windows.some((w) => Date.parse(w.end) > Date.now());
    await card.getByRole('link', { name: 'Ouvrir le planning du robot' }).click();
    const opened = weekName(workLeft ? now : addIsoWeeks(now, 1));
    await page.getByRole('table', { name: opened }).waitFor();
    // Its button, from another week, comes back to that same week, named for it: « Cette semaine »,
    // or « Semaine à venir » once this week's work is over (a Friday evening, a weekend).
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
    const next = weekName(addIsoWeeks(workLeft ? now : addIsoWeeks(now, 1), 1));
    await page.getByRole('table', { name: next }).waitFor();
    await page.getByRole('button', { name: workLeft ? 'Cette semaine' : 'Semaine à venir', exact: true }).click();
    await page.getByRole('table', { name: opened }).waitFor();
    // Each week moved to is a step the browser's Back undoes (it used to leave the page).
    await page.goBack();
    await page.getByRole('table', { name: next }).waitFor();
    await page.goBack();
    await page.getByRole('table', { name: opened }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/robot');

    await page.goto(`/robot?week=${productionWeek}`);
    await page.getByRole('heading', { name: 'Robot PDA', level: 1 }).waitFor();
    const calendar = page.getByRole('table', { name: weekName(productionWeek) });
    await calendar.waitFor();
    expect(await calendar.getByTestId('batch').count()).toBe(0);
    await page
      .getByRole('table', { name: 'Commandes à planifier' })
      .getByRole('cell', { name: FELLETIN, exact: true })
      .waitFor();
    await screenshot(page, 'robot-calendar-before');

    const plan = page.getByRole('button', { name: `Planifier les commandes de la semaine ${Number(open.slice(6))}` });
    // The page's main action while orders of its week wait for a batch.
    expect(await plan.getAttribute('data-variant')).toBe('filled');
    await plan.click();
    const dialog = page.getByRole('dialog');
    const proposal = dialog.getByRole('table', { name: 'Séries proposées' });
    await proposal.getByText(FELLETIN).waitFor();
    expect(await proposal.getByRole('row').count()).toBe(2); // header + the Felletin batch
    expect(await dialog.getByText('Meymac').count()).toBe(0); // Felletin plans its own care homes only
    // Each proposed batch says its pouches and the time it must be done by, to check at a glance.
    const { items: pendingOrders } = (await (
      await page.request.get(`/api/robots/${robotId}/pending-orders?week=${open}`)
    ).json()) as { items: { careHomeName: string; deadline: string; pouches: number }[] };
    const felletin = pendingOrders.find((o) => o.careHomeName === FELLETIN);
    if (!felletin) throw new Error('Felletin has no order pending');
    const deadline = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(new Date(felletin.deadline));
    const row = (await proposal.getByRole('row').nth(1).textContent())?.replace(/\s/g, ' ') ?? '';
    expect(row).toContain(deadline);
    expect(row).toContain(felletin.pouches.toLocaleString('fr-FR').replace(/\s/g, ' '));
    await screenshot(page, 'robot-plan-proposal');

    // Meanwhile the coordinator closes the robot over the proposed batch: applying books nothing
    // and shows the new proposal, which is then applied.
    const previewed = (await (
      await page.request.post('/api/robot-batches/plan', { data: { robotId, orderWeek: open } })
    ).json()) as { batches: { start: string; end: string }[] };
    const coordinator = await harness.newPage();
    await loginAs(coordinator, 'admin@officoop.test');
    const closure = await coordinator.request.post(`/api/robots/${robotId}/closures`, {
      data: { start: previewed.batches[0]?.start, end: previewed.batches[0]?.end, reason: 'Panne du robot' },
    });
    expect(closure.status()).toBe(201);
    await dialog.getByRole('button', { name: 'Appliquer la proposition' }).click();
    await dialog.getByTestId('plan-changed').getByText('La proposition a changé').waitFor();
    await proposal.getByText(FELLETIN).waitFor();
    expect(await calendar.getByTestId('batch').count()).toBe(0);
    await screenshot(page, 'robot-plan-changed');
    await expectNoSeriousA11yViolations(page);

    await dialog.getByRole('button', { name: 'Appliquer la proposition' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Nothing of the week left to plan: the planner no longer stands out as the thing to do.
    await expect.poll(() => plan.getAttribute('data-variant')).toBe('default');
    const batch = calendar.getByRole('button', {
      name: new RegExp(`Série de la Pharmacie de Felletin \\(${FELLETIN}\\)`),
    });
    await batch.waitFor();
    // Its name says its day and status, as a screen reader hears it when tabbing from block to block:
    // its content less the visible short lines, hidden from assistive technology (label in name).
    const spoken = await batch.evaluate((el) =>
      [...el.childNodes]
        .filter((n) => !(n instanceof Element && n.getAttribute('aria-hidden') === 'true'))
        .map((n) => n.textContent)
        .join(''),
    );
    expect(await batch.getAttribute('aria-label')).toBeNull();
    expect(spoken).toMatch(/\), (lun|mar|mer|jeu|ven|sam|dim)\. \d{2}\/\d{2} \d{2}:\d{2}–\d{2}:\d{2} · Réservée$/);
    // Each day's working hours are said in its column header.
    expect(await calendar.getByRole('columnheader').first().textContent()).toMatch(
      /Plages de travail : \d{2}:\d{2}–\d{2}:\d{2}|Pas de plage de travail/,
    );
    await page.getByText('Toutes les commandes transmises de vos EHPAD sont planifiées.').waitFor();
    await screenshot(page, 'robot-calendar-after');

    await batch.click();
    await page
      .getByRole('dialog')
      .getByText(/Durée .* réglage 15 min/)
      .waitFor();
    await screenshot(page, 'robot-batch-dialog');
    // Cancelling sends the orders back to planning: the first click only asks.
    const popup = page.getByRole('dialog');
    await popup.getByRole('button', { name: 'Annuler la série' }).click();
    await popup.getByTestId('batch-cancel-confirm').getByText('Annuler cette série ?').waitFor();
    await screenshot(page, 'robot-batch-cancel-confirm');
    await popup.getByRole('button', { name: 'Retour' }).click();
    await popup.getByTestId('batch-cancel-confirm').waitFor({ state: 'detached' });
    const booked = (await (
      await page.request.get(`/api/robots/${robotId}/calendar?week=${productionWeek}`)
    ).json()) as {
      batches: { id: number; status: string }[];
    };
    expect(booked.batches.map((b) => b.status)).toEqual(['booked']);

    // From the batch's own page, « Déplacer ou annuler » opens that dialog on its week.
    await page.goto(`/robot/batches/${booked.batches[0]?.id}`);
    await page.getByRole('link', { name: 'Déplacer ou annuler' }).click();
    await page
      .getByRole('dialog', { name: 'Série de la Pharmacie de Felletin' })
      .getByRole('button', { name: 'Déplacer' })
      .waitFor();
    await calendar.waitFor();
  });

  it('When Meymac books its order at a proposed free start on a tablet, Then the calendar goes to its week, where it appears beside the others', async () => {
    const page = await harness.newPage(TABLET);
    await loginAs(page, 'pharmacien.meymac@officoop.test');
    // Booked from another week's calendar, the pharmacist is taken to the batch's week.
    await page.goto(`/robot?week=${addIsoWeeks(productionWeek, -1)}`);
    const pending = page.getByRole('table', { name: 'Commandes à planifier' });
    await pending
      .getByRole('cell', { name: 'EHPAD Le Puy Chabrol — Meymac', exact: true })
      .waitFor({ timeout: 20_000 })
      .catch(async (error) => {
        await screenshot(page, 'robot-book-tablet-failed');
        throw error;
      });
    await pending.getByRole('button', { name: 'Réserver un créneau pour EHPAD Le Puy Chabrol — Meymac' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radiogroup', { name: 'Prochains créneaux libres :' }).waitFor();
    await screenshot(page, 'robot-book-tablet');
    // A start typed by hand is not lost to an Escape pressed by mistake: the dialog asks first.
    await dialog.getByRole('radio', { name: 'Autre horaire' }).check();
    await dialog.getByRole('textbox', { name: 'Heure' }).fill('14:00');
    await page.keyboard.press('Escape');
    const closing = page.getByRole('dialog', { name: 'Fermer sans enregistrer ?' });
    await closing.getByRole('button', { name: 'Continuer la saisie' }).click();
    await closing.waitFor({ state: 'detached' });
    expect(await dialog.getByRole('textbox', { name: 'Heure' }).inputValue()).toBe('14:00');
    // Back on the first proposed start: the booking goes there.
    await dialog.getByRole('radiogroup', { name: 'Prochains créneaux libres :' }).getByRole('radio').first().check();
    // Another pharmacy took the slot a moment before: the refusal takes focus inside the dialog
    // (a keyboard user was left behind it), and booking again works.
    await page.route(
      '**/api/robot-batches',
      (route) =>
        route.fulfill({
          status: 409,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'robot.slot_taken', message: 'Slot taken', details: [] } }),
        }),
      { times: 1 },
    );
    await dialog.getByRole('button', { name: 'Réserver' }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: 'Une autre série occupe ce créneau' });
    await refusal.waitFor();
    await expect.poll(() => refusal.evaluate((el) => el === document.activeElement)).toBe(true);
    // Once booked, the dialog's free starts are not asked for again (its order is no longer to plan: 409).
    const slotAnswers: number[] = [];
    page.on('response', (res) => {
      if (/\/api\/robots\/\d+\/slots/.test(res.url())) slotAnswers.push(res.status());
    });
    await dialog.getByRole('button', { name: 'Réserver' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const calendar = page.getByRole('table', { name: weekName(productionWeek) });
    await calendar.getByRole('button', { name: /Série de la Pharmacie de Meymac/ }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(slotAnswers).toEqual([]);
    await screenshot(page, 'robot-calendar-tablet');

    // Its dialog's actions stand on one line on a tablet (four buttons wrapped, « Déplacer » alone below).
    await calendar.getByRole('button', { name: /Série de la Pharmacie de Meymac/ }).click();
    const batchDialog = page.getByRole('dialog');
    // Measured once the batch is read and the dialog has opened (its rows push the buttons down).
    await batchDialog.getByText(/Durée .* réglage 15 min/).waitFor();
    await page.waitForTimeout(300);
    const actions = ['Annuler la série', 'Déplacer', 'Ouvrir la page de la série'];
    const tops = await batchDialog.evaluate(
      (dialog, names) =>
        names.map((name) => {
          const button = [...dialog.querySelectorAll('button, a')].find((b) => b.textContent?.trim() === name);
          return button ? Math.round(button.getBoundingClientRect().top) : -1;
        }),
      actions,
    );
    expect(tops[0]).toBeGreaterThan(0);
    expect(new Set(tops).size).toBe(1);
    await screenshot(page, 'robot-batch-dialog-tablet');
    await page.keyboard.press('Escape');
    await batchDialog.waitFor({ state: 'hidden' });
  });

  it('When a closure reason is longer than its block on a tablet, Then the block shows what fits, ending in « … », and its tooltip the whole', async () => {
    const page = await harness.newPage(TABLET);
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    // The demo's maintenance morning is next week's Tuesday, 08:30–10:00.
    await page.goto(`/robot?week=${addIsoWeeks(isoWeek(new Date()), 1)}`);
    const closure = page.getByTestId('closure').filter({ hasText: 'Étalonnage des cassettes' });
    await closure.waitFor();
    const text = closure.getByText(/^Fermé · Étalonnage/);
    const [block, shown] = await Promise.all([closure.boundingBox(), text.boundingBox()]);
    // Every line drawn is inside the block: none is cut through the middle by its lower edge.
    expect(shown && block && shown.y + shown.height).toBeLessThanOrEqual((block?.y ?? 0) + (block?.height ?? 0));
    expect(await text.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
    await closure.hover();
    await page.getByRole('tooltip').getByText('Étalonnage des cassettes (technicien du fabricant)').waitFor();
    await screenshot(page, 'robot-closure-tablet');
  });

  it('When the host pharmacy’s pharmacist declares a breakdown from the robot page, Then the robot is closed then; another pharmacy has no such button', async () => {
    const meymac = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    await meymac.goto('/robot');
    await meymac.getByTestId('calendar-week').waitFor();
    expect(await meymac.getByRole('button', { name: 'Fermetures et pannes' }).count()).toBe(0);

    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    await page.goto('/robot');
    await page.getByRole('button', { name: 'Fermetures et pannes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Fermetures du Robot PDA de Bugeat' });
    // A Tuesday four weeks ahead, 08:30–18:30 (the form's hours): no batch is booked then.
    const week = addIsoWeeks(isoWeek(new Date()), 4);
    const tuesday = (isoWeekDays(week)[1] as string).split('-').reverse().join('/');
    await dialog.getByRole('textbox', { name: 'Du' }).fill(tuesday);
    await dialog.getByRole('textbox', { name: 'Motif' }).fill('Panne du bras de préhension');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'robot-breakdown-host');
    // The motif typed is not lost by a reload unasked: the browser asks, and declined, it stays.
    expect(await declineReload(page)).toBe('beforeunload');
    expect(await dialog.getByRole('textbox', { name: 'Motif' }).inputValue()).toBe('Panne du bras de préhension');
    await dialog.getByRole('button', { name: 'Fermer le robot' }).click();
    await page.getByText('Fermeture enregistrée.').waitFor();
    await dialog.getByText('Panne du bras de préhension (maintenance)').waitFor();
    const robotId = ((await (await page.request.get('/api/robots')).json()) as { items: { id: number }[] }).items[0]
      ?.id as number;
    const calendar = (await (await page.request.get(`/api/robots/${robotId}/calendar?week=${week}`)).json()) as {
      closures: { id: number; reason: string }[];
    };
    const closure = calendar.closures.find((c) => c.reason === 'Panne du bras de préhension');
    expect(closure).toBeDefined();
    // Repaired: the host's pharmacist removes it from the same list.
    await dialog.getByRole('button', { name: 'Supprimer la fermeture « Panne du bras de préhension »' }).click();
    // Asked first: a click on the wrong row must not reopen the robot on Christmas Day.
    const confirm = page.getByRole('dialog', { name: 'Supprimer la fermeture' });
    await confirm.getByText(/^« Panne du bras de préhension », du /).waitFor();
    await confirm.getByRole('button', { name: 'Supprimer la fermeture' }).click();
    await page.getByText('Fermeture supprimée.').waitFor();
    await dialog.getByText('Panne du bras de préhension (maintenance)').waitFor({ state: 'detached' });
  });

  it('When a pharmacist opens the robot week on a phone, Then the page does not run past the screen', async () => {
    const page = await harness.newPage(PHONE);
    await loginAs(page, 'pharmacien.meymac@officoop.test');
    await page.goto('/robot');
    // The plan button's long label wraps (it pushed the page 22 px past the screen's edge).
    await page.getByRole('button', { name: /^Planifier les commandes de la semaine \d+$/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The week's three buttons share one line: the arrows keep their names, not their words.
    const tops = await Promise.all(
      ['Semaine précédente', /^(Semaine à venir|Cette semaine)$/, 'Semaine suivante'].map(async (name) => {
        const box = await page.getByRole('button', { name }).boundingBox();
        return box?.y;
      }),
    );
    expect(new Set(tops).size).toBe(1);
    // The orders to plan read as cards: their table does not scroll sideways (it was 560 px wide).
    const pending = await page.getByRole('table', { name: 'Commandes à planifier' }).boundingBox();
    expect(pending?.width).toBeLessThanOrEqual(PHONE.width);
    const before = await page.getByTestId('calendar-week').textContent();
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
    await expect.poll(() => page.getByTestId('calendar-week').textContent()).not.toBe(before);
    await screenshot(page, 'robot-calendar-phone');
  });

  it('When the address asks for a week that does not exist, Then the page says so and names the week it shows, until the user moves on', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    await page.goto('/robot?week=2026-W99');
    const notice = page.getByTestId('unread-address');
    await notice.waitFor();
    // The address is replaced by the week shown, and the notice names that week.
    await expect.poll(() => new URL(page.url()).searchParams.get('week')).not.toBe('2026-W99');
    const shown = new URL(page.url()).searchParams.get('week') as string;
    expect(await notice.textContent()).toMatch(
      new RegExp(
        `^L’adresse de la page demande « 2026-W99 », qui ne se lit pas. Affiché à la place : Semaine ${Number(shown.slice(6))} · du \\d{2}/\\d{2} au \\d{2}/\\d{2}/\\d{4}\\.$`,
      ),
    );
    await screenshot(page, 'robot-calendar-unread-week');
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
    await notice.waitFor({ state: 'detached' });
  });

  it('When the coordinator opens the robot settings, Then windows, closures and cassettes are there', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'admin@officoop.test');
    // Last week's days are gone by: each says so, not « libre : 0 min » in red.
    const lastWeek = addIsoWeeks(isoWeek(new Date()), -1);
    await page.goto(`/robot?week=${lastWeek}`);
    const past = page.getByRole('table', { name: weekName(lastWeek) });
    await past.waitFor();
    const headers = await past.getByRole('columnheader').allTextContents();
    expect(headers.length).toBeGreaterThan(0);
    expect(headers.filter((h) => !h.includes('passé'))).toEqual([]);
    expect(headers.filter((h) => h.includes('libre'))).toEqual([]);
    await page.goto('/robot/admin');
    await page.getByRole('heading', { name: 'Réglages du robot', level: 1 }).waitFor();
    await screenshot(page, 'robot-admin-settings');
    await page.getByRole('tab', { name: 'Plages de travail' }).click();
    expect(await page.getByRole('table', { name: 'Plages de travail' }).getByRole('row').count()).toBe(11);
    await screenshot(page, 'robot-admin-windows');
    await page.getByRole('tab', { name: 'Fermetures' }).click();
    await page.getByText(/Étalonnage des cassettes/).waitFor();
    await screenshot(page, 'robot-admin-closures');
    await page.getByRole('tab', { name: 'Cassettes' }).click();
    await page.getByRole('table', { name: 'Cassettes' }).waitFor();
    await screenshot(page, 'robot-admin-cassettes');
    await page.setViewportSize(TABLET);
    await screenshot(page, 'robot-admin-cassettes-tablet');
    await page.getByRole('tab', { name: 'Plages de travail' }).click();
    await screenshot(page, 'robot-admin-windows-tablet');
  });

  it('When the robot breaks down over a booked batch, Then the coordinator closes it anyway, the batch is cancelled and its pharmacy is told', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'admin@officoop.test');
    const robotId = ((await (await page.request.get('/api/robots')).json()) as { items: { id: number }[] }).items[0]
      ?.id as number;
    const calendar = (await (
      await page.request.get(`/api/robots/${robotId}/calendar?week=${productionWeek}`)
    ).json()) as { batches: { id: number; start: string; end: string; status: string; pharmacyName: string }[] };
    const batch = calendar.batches.find((b) => b.status === 'booked' && Date.parse(b.start) > Date.now());
    if (!batch) throw new Error(`no booked batch ahead in ${productionWeek}`);
    const paris = (iso: string) => {
      const parts = new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }).formatToParts(new Date(iso));
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      return { day: `${get('day')}/${get('month')}/${get('year')}`, time: `${get('hour')}:${get('minute')}` };
    };
    const from = paris(batch.start);
    const to = paris(batch.end);
    await page.goto('/robot/admin');
    await page.getByRole('tab', { name: 'Fermetures' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Fermetures' });
    await panel.getByRole('textbox', { name: 'Du' }).fill(from.day);
    await panel.getByRole('textbox', { name: 'Heure' }).first().fill(from.time);
    await panel.getByRole('textbox', { name: 'Au' }).fill(to.day);
    await panel.getByRole('textbox', { name: 'Heure' }).nth(1).fill(to.time);
    await panel.getByRole('textbox', { name: 'Motif' }).fill('Panne du module de scellage');
    // The closure's type reads as a label: « Maintenance », not the lower case of a sentence's word.
    expect(await panel.getByLabel('Type', { exact: true }).inputValue()).toBe('Maintenance');
    await panel.getByRole('button', { name: 'Fermer le robot' }).click();
    // Refused as it stands: the batch is named, with the pharmacy that booked it, and may be cancelled.
    const over = panel.getByTestId('closure-over-batches');
    await over.getByText(new RegExp(`^Série n° ${batch.id} — ${batch.pharmacyName} — du `)).waitFor();
    // The period changed after the list was shown: the list goes (it no longer describes the closure).
    await panel.getByRole('textbox', { name: 'Motif' }).fill('Panne du module de scellage ');
    expect(await panel.getByTestId('closure-over-batches').count()).toBe(0);
    await panel.getByRole('textbox', { name: 'Motif' }).fill('Panne du module de scellage');
    await panel.getByRole('button', { name: 'Fermer le robot' }).click();
    await over.waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'robot-admin-closure-over-batch');
    await over.getByRole('button', { name: 'Fermer et annuler la série' }).click();
    await page.getByText('Fermeture enregistrée : les séries sont annulées et leurs pharmacies prévenues.').waitFor();
    await panel.getByText(/Panne du module de scellage/).waitFor();
    const after = (await (await page.request.get(`/api/robot-batches/${batch.id}`)).json()) as { status: string };
    expect(after.status).toBe('cancelled');

    // The pharmacy that booked it reads why on its alerts page, and its orders are to plan again.
    const slug = batch.pharmacyName.split(' ').at(-1)?.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const pharmacy = await harness.newPage();
    await loginAs(pharmacy, `pharmacien.${slug}@officoop.test`);
    await pharmacy.goto('/alerts');
    await pharmacy
      .getByText(
        new RegExp(`^Série robot n° ${batch.id} .* annulée : le robot est fermé \\(Panne du module de scellage\\)`),
      )
      .waitFor();
    await screenshot(pharmacy, 'alerts-batch-cancelled-by-closure');
    // Its « Ouvrir » leads to the robot's week, where the batch's orders wait to be booked again.
    await pharmacy
      .getByRole('row')
      .filter({ hasText: `Série robot n° ${batch.id} ` })
      .getByRole('link', { name: 'Ouvrir' })
      .click();
    await pharmacy.waitForURL(new RegExp(`/robot\\?week=${productionWeek}$`));
    const careHomes = (
      (await (await pharmacy.request.get(`/api/robot-batches/${batch.id}`)).json()) as {
        careHomes: { name: string }[];
      }
    ).careHomes.map((c) => c.name);
    expect(careHomes.length).toBeGreaterThan(0);
    for (const careHome of careHomes)
      await pharmacy
        .getByRole('button', { name: `Réserver un créneau pour ${careHome}` })
        .first()
        .waitFor();
    // The batch's own page: cancelled, greyed, with no production steps « à venir ».
    await pharmacy.goto(`/robot/batches/${batch.id}`);
    await pharmacy
      .getByTestId('batch-cancelled-steps')
      .getByText('Série annulée : elle ne sera pas produite.')
      .waitFor();
    expect(await pharmacy.getByTestId('batch-status').textContent()).toBe('Annulée');
    await screenshot(pharmacy, 'robot-batch-cancelled');
  });
});

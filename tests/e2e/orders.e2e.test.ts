import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIsoWeeks } from '../../server/shared/dates';
import { formatDateTime } from '../../web/src/shared/format';
import {
  type BrowserHarness,
  declineReload,
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

type Day = { date: string; absent: boolean; pouchesByTime: Record<string, number> };
type Order = {
  id: number;
  careHomeId: number;
  week: string;
  status: string;
  cutoffAt: string;
  deliveryAt: string;
  totals: { pouches: number };
  residents: { residentId: number; name: string; room: string; days: Day[] }[];
};

/** A busy 2-core machine answers slowly: polls wait as long as an action does. */
const POLL = { timeout: 10_000 };

const pouchesOf = (day: Day) => Object.values(day.pouchesByTime).reduce((s, n) => s + n, 0);

async function api<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.ok(), path).toBe(true);
  return (await res.json()) as T;
}

/** A page whose navigations may take a loaded machine's time (actions keep the harness's 8 s). */
async function newPage(viewport?: { width: number; height: number }) {
  const page = await harness.newPage(viewport);
  page.setDefaultNavigationTimeout(30_000);
  return page;
}

const totalOf = async (page: Page) =>
  Number((await page.getByTestId('order-total-pouches').textContent())?.replace(/\D/g, ''));

describe('weekly dose-pack order (real browser)', () => {
  it('When a resident is away by their record (hospitalised), Then the day’s panel says since when and links to the record', async () => {
    const page = await newPage();
    await loginAs(page, 'ehpad.meymac@officoop.test');
    // A day absent with no absence of the order: away by the resident's record (the demo hospitalises one).
    const { items } = await api<{ items: Order[] }>(page, '/api/orders');
    let found: { orderId: number; residentId: number; date: string } | null = null;
    for (const o of items.filter((i) => i.status !== 'cancelled')) {
      const order = await api<Order & { absences: { residentId: number; from: string; to: string }[] }>(
        page,
        `/api/orders/${o.id}`,
      );
      for (const r of order.residents) {
        const day = r.days.find(
          (d) =>
            d.absent &&
            !order.absences.some((a) => a.residentId === r.residentId && a.from <= d.date && d.date <= a.to),
        );
        if (day) found = { orderId: o.id, residentId: r.residentId, date: day.date };
      }
      if (found) break;
    }
    if (!found) throw new Error('no Meymac resident away by their record');
    const resident = await api<{ status: string; statusFrom: string }>(page, `/api/residents/${found.residentId}`);
    expect(resident.status).toBe('hospitalised');
    await page.goto(`/orders/${found.orderId}`);
    await page.getByTestId(`cell-${found.residentId}-${found.date}`).click();
    const away = page.getByTestId('away-by-status');
    expect(await away.getByText(/^Hospitalisation (depuis le|du) /).textContent()).toContain(
      resident.statusFrom.split('-').reverse().join('/'),
    );
    await away.getByRole('link', { name: 'Ouvrir la fiche du résident' }).click();
    await page.waitForURL(`**/residents/${found.residentId}`);
  });

  it('When the Bugeat nurse marks a resident absent Tuesday to Thursday and submits with a remark typed, Then the total drops by exactly those pouches and the remark goes with the order', async () => {
    const page = await newPage();
    await loginAs(page, 'ehpad.bugeat@officoop.test');
    // Next week's order: the draft whose cut-off is still ahead (the demo timeline's open week).
    const { items } = await api<{ items: Order[] }>(page, '/api/orders');
    const open = items
      .filter((o) => o.status === 'draft' && Date.parse(o.cutoffAt) > Date.now())
      .sort((a, b) => a.week.localeCompare(b.week))[0] as Order;
    expect(open).toBeDefined();
    // The home card says when it comes, not only when it closes.
    await page
      .getByTestId('card-weekly-order')
      .getByText(`Livraison le ${formatDateTime(open.deliveryAt)}`)
      .waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Commandes PDA' }).click();
    await page.getByTestId(`order-card-${open.week}`).getByRole('link', { name: 'Ouvrir la commande' }).click();
    await page.getByTestId('order-total-pouches').waitFor();
    const before = await totalOf(page);

    const order = await api<Order>(page, `/api/orders/${open.id}`);
    expect(before).toBe(order.totals.pouches);
    const resident = order.residents.find((r) => r.days.slice(1, 4).every((d) => !d.absent && pouchesOf(d) > 0));
    if (!resident) throw new Error('no Bugeat resident with pouches from Tuesday to Thursday');
    const drop = resident.days.slice(1, 4).reduce((s, d) => s + pouchesOf(d), 0);

    for (const day of resident.days.slice(1, 4)) {
      await page.getByTestId(`cell-${resident.residentId}-${day.date}`).click();
    }
    const bar = page.getByTestId('absence-bar');
    await expect.poll(() => bar.textContent(), POLL).toContain(`${drop} sachets en moins`);
    // The summary is a status: a screen reader hears it as days are added from the grid.
    expect(await bar.getByRole('status').textContent()).toContain(`${drop} sachets en moins`);
    // The room goes with the name: two residents of a care home may share one.
    expect(await bar.getByRole('status').textContent()).toContain(`${resident.name}, chambre ${resident.room} :`);
    await screenshot(page, 'orders-absence-selected');
    // A double click declares it once: the second click came before the button's spinner and was
    // refused (« Une absence … couvre déjà ») under the first one's success.
    const absenceAnswers: number[] = [];
    page.on('response', (res) => {
      if (res.request().method() === 'POST' && /\/api\/orders\/\d+\/absences$/.test(res.url())) {
        absenceAnswers.push(res.status());
      }
    });
    await bar.getByRole('button', { name: 'Déclarer une absence' }).dblclick();
    await expect.poll(() => totalOf(page), POLL).toBe(before - drop);
    await page.waitForLoadState('networkidle');
    expect(absenceAnswers).toEqual([201]);
    expect(await page.getByText(/couvre déjà/).count()).toBe(0);
    // The bar is gone: focus is back on the grid's day, not at the top of the page.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-cell') ?? null), POLL)
      .not.toBeNull();
    for (const day of resident.days.slice(1, 4)) {
      await expect
        .poll(() => page.getByTestId(`cell-${resident.residentId}-${day.date}`).textContent(), POLL)
        .toBe('abs.');
    }
    // A screen reader hears why the day is away, as the cell's panel says it.
    expect(
      await page.getByTestId(`cell-${resident.residentId}-${resident.days[1]?.date}`).getAttribute('aria-label'),
    ).toMatch(new RegExp(`^absent \\(Hospitalisation\\) — ${resident.name}, `));
    // The treatments behind a cell: the last clicked day shows the absence, Monday the doses.
    await page.getByTestId(`cell-${resident.residentId}-${resident.days[0]?.date}`).click();
    await expect.poll(() => page.getByTestId('cell-treatments').textContent(), POLL).toContain(resident.name);

    // A hospitalisation up to Sunday may go on: the bar says where a longer stay is recorded.
    await page.getByTestId(`cell-${resident.residentId}-${resident.days[6]?.date}`).click();
    await page
      .getByTestId('absence-stay-hint')
      .getByText(/^L’hospitalisation continue après dimanche \? Demandez à la pharmacie/)
      .waitFor();
    await page.getByTestId('absence-bar').getByRole('button', { name: 'Annuler la sélection' }).click();
    await page.getByTestId('absence-bar').waitFor({ state: 'detached' });

    // Back from hospital on Thursday: that day's pouches come back, Tuesday and Wednesday stay away
    // (one click on Thursday used to undo all three days, unasked).
    const [tuesday, wednesday, thursday] = resident.days.slice(1, 4) as [Day, Day, Day];
    const frenchDay = (day: Day) => day.date.split('-').reverse().join('/');
    await page.getByTestId(`cell-${resident.residentId}-${wednesday.date}`).click();
    await page.getByTestId('cell-treatments').getByRole('button', { name: 'Annuler toute l’absence' }).click();
    const undoDialog = page.getByRole('dialog', { name: 'Annuler l’absence ?' });
    await undoDialog
      .getByText(`${resident.name} : Hospitalisation du ${frenchDay(tuesday)} au ${frenchDay(thursday)}.`, {
        exact: false,
      })
      .waitFor();
    await undoDialog.getByRole('button', { name: 'Retour' }).click();
    await undoDialog.waitFor({ state: 'detached' });
    expect(await totalOf(page)).toBe(before - drop);
    await page.getByTestId(`cell-${resident.residentId}-${thursday.date}`).click();
    await page
      .getByTestId('cell-treatments')
      .getByRole('button', { name: `De retour ce jour : absence jusqu’au ${frenchDay(wednesday)}` })
      .click();
    const kept = drop - pouchesOf(thursday);
    await expect.poll(() => totalOf(page), POLL).toBe(before - kept);
    await expect
      .poll(() => page.getByTestId(`cell-${resident.residentId}-${thursday.date}`).textContent(), POLL)
      .not.toBe('abs.');
    expect(await page.getByTestId(`cell-${resident.residentId}-${wednesday.date}`).textContent()).toBe('abs.');
    await screenshot(page, 'orders-absence-shortened');

    // A note pasted longer than the limit is cut by the browser: the field says so, not silently.
    const notes = page.getByRole('textbox', { name: 'Remarques pour la pharmacie' });
    await notes.fill('Chambre 12 : '.padEnd(2100, 'x'));
    expect(await notes.inputValue()).toHaveLength(2000);
    await page
      .getByTestId('text-limit')
      .getByText('2 000 / 2 000 caractères : limite atteinte (la suite d’un texte collé n’est pas gardée).')
      .waitFor();
    await notes.fill('Chambre 12 : '.padEnd(1900, 'x'));
    await page.getByTestId('text-limit').getByText('1 900 / 2 000 caractères').waitFor();
    await notes.fill('');
    expect(await page.getByTestId('text-limit').count()).toBe(0);
    // A remark typed and not saved goes with the order, and the question says so.
    const remark = 'Chambre 12 : le pilulier de Mme B. à part, elle part en famille samedi.';
    await notes.fill(remark);

    await page.getByRole('button', { name: 'Envoyer la commande' }).click();
    const send = page.getByRole('dialog', { name: 'Envoyer la commande ?' });
    await send
      .getByText('Vos remarques pour la pharmacie, pas encore enregistrées, le seront avec la commande.')
      .waitFor();
    await screenshot(page, 'orders-submit-with-remark');
    await send.getByRole('button', { name: 'Envoyer la commande' }).click();
    await page.getByText('Commande envoyée à la pharmacie.').waitFor();
    await expect.poll(() => page.getByTestId('order-status').textContent(), POLL).toBe('Envoyée');
    // « Envoyer la commande » is gone with the draft: focus is on the page's heading, not lost.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), POLL).toBe('H1');
    // The day's panel closes with the sending (on a phone, its sheet covered the order's progress).
    await page.getByTestId('cell-treatments').waitFor({ state: 'detached' });
    await page.reload();
    await expect.poll(() => totalOf(page), POLL).toBe(before - kept);
    expect(await notes.inputValue()).toBe(remark);
    expect((await api<Order & { notes: string }>(page, `/api/orders/${open.id}`)).notes).toBe(remark);
    await screenshot(page, 'orders-submitted');
    // Its progress is text, not buttons, and says where the order stands and what comes next.
    const progress = page.getByTestId(`order-progress-${open.id}`);
    await progress.getByText('Planifiée (prochaine étape)').waitFor();
    expect(await progress.getByRole('button').count()).toBe(0);
    expect(await progress.locator('[aria-current="step"]').textContent()).toContain('Envoyée (étape franchie)');
    // The history names whom the absence is for (with the room: two residents may share a name), and its days.
    await page.getByRole('tab', { name: /Historique/ }).click();
    const whom = `${resident.name} (chambre ${resident.room})`;
    await page.getByText(`${whom}, du ${frenchDay(tuesday)} au ${frenchDay(thursday)}`).waitFor();
    // Shortened: the absence's new days, and the ones it had before.
    await page.getByText(`${whom}, du ${frenchDay(tuesday)} au ${frenchDay(wednesday)}`).waitFor();
    await page.getByText(`Auparavant : du ${frenchDay(tuesday)} au ${frenchDay(thursday)}`).waitFor();
    // The remark saved with the order is in the history, with what was there before: none is lost.
    expect(await page.getByTestId('notes-change').last().textContent()).toBe(`Avant : (vide)\nAprès : « ${remark} »`);
  });

  it('When an absence was removed in another tab, Then « De retour ce jour » in this one says it is gone and the grid shows the resident present again', async () => {
    const page = await newPage();
    await loginAs(page, 'ehpad.felletin@officoop.test');
    const { items } = await api<{ items: Order[] }>(page, '/api/orders');
    const draft = items
      .filter((o) => o.status === 'draft' && Date.parse(o.cutoffAt) > Date.now())
      .sort((a, b) => b.week.localeCompare(a.week))[0];
    if (!draft) throw new Error('no Felletin draft before its cut-off');
    const order = await api<Order>(page, `/api/orders/${draft.id}`);
    const resident = order.residents.find((r) => r.days.slice(1, 3).every((d) => !d.absent && pouchesOf(d) > 0));
    if (!resident) throw new Error('no Felletin resident with pouches on Tuesday and Wednesday');
    const [tuesday, wednesday] = resident.days.slice(1, 3) as [Day, Day];
    const created = await page.request.post(`/api/orders/${draft.id}/absences`, {
      data: { residentId: resident.residentId, from: tuesday.date, to: wednesday.date, reason: 'leave' },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: number };
    await page.goto(`/orders/${draft.id}`);
    await page.getByTestId('order-total-pouches').waitFor();
    const before = await totalOf(page);

    // Meanwhile, in another tab, the whole absence is cancelled.
    expect((await page.request.delete(`/api/orders/${draft.id}/absences/${id}`)).ok()).toBe(true);
    await page.getByTestId(`cell-${resident.residentId}-${wednesday.date}`).click();
    const until = tuesday.date.split('-').reverse().join('/');
    await page
      .getByTestId('cell-treatments')
      .getByRole('button', { name: `De retour ce jour : absence jusqu’au ${until}` })
      .click();
    await page.getByText('Absence introuvable.').waitFor();
    // The page reads the order again: no absence left in the grid, and the total the pharmacy will prepare.
    await expect
      .poll(() => page.getByTestId(`cell-${resident.residentId}-${tuesday.date}`).textContent(), POLL)
      .not.toBe('abs.');
    expect(await totalOf(page)).toBe(before + pouchesOf(tuesday) + pouchesOf(wednesday));
  });

  it('When Officoop was updated while the nurse’s tab was open, Then opening an order reloads once into the new version, and a page that still cannot load says so in words', async () => {
    const page = await newPage();
    await loginAs(page, 'ehpad.felletin@officoop.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Commandes PDA' }).click();
    const open = page.getByRole('link', { name: 'Ouvrir la commande' }).first();
    await open.waitFor();
    // The order page's file of the build this tab started with is gone from the server, once.
    const orderPageFile = /\/assets\/OrderPage-[^/]+\.js$/;
    let refused = 0;
    await page.route(
      orderPageFile,
      (route) => {
        refused += 1;
        return route.fulfill({ status: 404, body: 'Not found' });
      },
      { times: 1 },
    );
    await open.click();
    await page.getByTestId('order-total-pouches').waitFor();
    expect(refused).toBe(1);
    expect(page.url()).toMatch(/\/orders\/\d+$/);

    // Still missing right after that reload: the page says what happened and how to go on.
    await page.route(orderPageFile, (route) => route.fulfill({ status: 404, body: 'Not found' }));
    const order = page.url();
    await page.goto('/orders');
    await open.click();
    await page.getByRole('heading', { name: 'La page n’a pas pu s’afficher', level: 1 }).waitFor();
    await page
      .getByText('Officoop a peut-être été mis à jour pendant que cet onglet était ouvert.', { exact: false })
      .waitFor();
    expect(await page.getByText('Unexpected Application Error').count()).toBe(0);
    await screenshot(page, 'app-error-new-version');
    // Once the server has it again, « Recharger la page » brings the order.
    await page.unroute(orderPageFile);
    await page.getByRole('button', { name: 'Recharger la page' }).click();
    await page.getByTestId('order-total-pouches').waitFor();
    expect(page.url()).toBe(order);

    // The line drops: a page not loaded yet says so in the app's words, with no reload into the
    // browser's offline page, and comes once the line is back.
    await page.context().setOffline(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Résidents' }).click();
    await page.getByRole('heading', { name: 'La page n’a pas pu s’afficher', level: 1 }).waitFor();
    await page.getByText('La connexion au réseau est coupée', { exact: false }).waitFor();
    await screenshot(page, 'app-error-offline');
    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'Recharger la page' }).click();
    await page.getByRole('heading', { name: 'Résidents', level: 1 }).waitFor();
  });

  it('When the nurse leaves an order with a remark not saved, Then the app asks first (a menu link, a reload), and once saved she goes freely', async () => {
    const page = await newPage();
    await loginAs(page, 'ehpad.meymac@officoop.test');
    const { items } = await api<{ items: Order[] }>(page, '/api/orders');
    const open = items.find((o) => o.status === 'draft' && Date.parse(o.cutoffAt) > Date.now());
    if (!open) throw new Error('no Meymac draft before its cut-off');
    await page.goto(`/orders/${open.id}`);
    const notes = page.getByRole('textbox', { name: 'Remarques pour la pharmacie' });
    const typed = 'Chambre 8 : la résidente revient de l’hôpital jeudi.';
    await notes.click();
    await notes.fill(typed);

    // A menu link: the app asks before the remark is lost, and « Rester » keeps it.
    await page.getByRole('navigation').getByRole('link', { name: 'Résidents' }).click();
    const guard = page.getByRole('dialog', { name: 'Quitter sans enregistrer ?' });
    await guard.getByRole('button', { name: 'Rester sur la page' }).click();
    await guard.waitFor({ state: 'detached' });
    expect(page.url()).toMatch(new RegExp(`/orders/${open.id}$`));
    expect(await notes.inputValue()).toBe(typed);

    // A reload gets the browser's own question; declined, the remark is still there.
    expect(await declineReload(page)).toBe('beforeunload');
    expect(await notes.inputValue()).toBe(typed);

    // Saved, the remark no longer holds her back.
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Modifications enregistrées.').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Résidents' }).click();
    await page.waitForURL(/\/residents$/);
    expect(await guard.count()).toBe(0);
    expect((await api<{ notes: string }>(page, `/api/orders/${open.id}`)).notes).toBe(typed);
  });

  it('When the cut-off has passed, Then the form is read-only and offers a late change request', async () => {
    const pharmacist = await newPage();
    await loginAs(pharmacist, 'pharmacien.bugeat@officoop.test');
    const { items } = await api<{ items: Order[] }>(pharmacist, '/api/orders');
    // An order of the demo timeline whose cut-off has passed and that production has not started;
    // on days without one (its week went on to the robot), the pharmacy creates the week before.
    let closed = items.find(
      (o) => Date.parse(o.cutoffAt) <= Date.now() && ['draft', 'submitted', 'planned'].includes(o.status),
    );
    if (!closed) {
      const earliest = [...items].sort((a, b) => a.week.localeCompare(b.week))[0] as Order;
      const week = addIsoWeeks(earliest.week, -1);
      const res = await pharmacist.request.post('/api/orders', { data: { careHomeId: earliest.careHomeId, week } });
      expect(res.status()).toBe(201);
      closed = (await res.json()) as Order;
    }

    const page = await newPage();
    await loginAs(page, 'ehpad.bugeat@officoop.test');
    await page.goto(`/orders/${closed.id}`);
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByRole('button', { name: 'Envoyer la commande' }).count()).toBe(0);
    const order = await api<Order>(page, `/api/orders/${closed.id}`);
    const resident = order.residents.find((r) => !r.days[1]?.absent) as Order['residents'][number];
    await page.getByTestId(`cell-${resident.residentId}-${resident.days[1]?.date}`).click();
    expect(await page.getByTestId('absence-bar').count()).toBe(0);

    await page.getByRole('button', { name: 'Demander un changement' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Changement demandé').fill('Hospitalisation depuis ce matin, retour lundi.');
    await screenshot(page, 'orders-late-change');
    await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    await page.getByRole('tab', { name: /Historique/ }).click();
    await expect.poll(() => page.getByText('Hospitalisation depuis ce matin, retour lundi.').count(), POLL).toBe(1);
    expect(await page.getByText('En attente').count()).toBeGreaterThan(0);
    // Steps done by a job (the demo's, the Monday creation) read « Système », not a code.
    expect(await page.getByText(/system:/).count()).toBe(0);
  });

  it('When a pharmacist reads a delivered order’s history, Then its planning names the robot batch', async () => {
    const page = await newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    const { items } = await api<{ items: Order[] }>(page, '/api/orders');
    const delivered = items.find((o) => o.status === 'delivered');
    if (!delivered) throw new Error('the demo seed has no delivered order for Bugeat');
    const detail = await api<{ events: { kind: string; details: { batchId?: number } }[] }>(
      page,
      `/api/orders/${delivered.id}`,
    );
    const batchId = detail.events.find((e) => e.kind === 'planned')?.details.batchId;
    expect(batchId).toBeGreaterThan(0);
    await page.goto(`/orders/${delivered.id}`);
    await page.getByRole('tab', { name: /Historique/ }).click();
    await page.getByText(`Série robot n° ${batchId}`, { exact: true }).waitFor();
  });

  it('When the care home opens its orders on a tablet, Then the page and the grid fit 768 px', async () => {
    const tablet = await newPage(TABLET);
    await loginAs(tablet, 'ehpad.bugeat@officoop.test');
    await tablet.goto('/orders');
    const card = tablet.locator('[data-testid^=order-card-]').first();
    await card.waitFor();
    await screenshot(tablet, 'orders-list-tablet');
    await card.getByRole('link').first().click();
    await tablet.getByTestId('order-total-pouches').waitFor();
    await screenshot(tablet, 'orders-tablet');
    // A sent order's six steps stay on one line (labels under their icons), not wrapped onto two or three.
    const { items } = await api<{ items: Order[] }>(tablet, '/api/orders');
    const sent = items.find((o) => !['draft', 'cancelled'].includes(o.status));
    if (!sent) throw new Error('no Bugeat order sent');
    await tablet.goto(`/orders/${sent.id}`);
    const steps = tablet.getByTestId(`order-progress-${sent.id}`).locator('.mantine-Stepper-step');
    await steps.first().waitFor();
    const tops = await steps.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(tops).toHaveLength(6);
    expect(new Set(tops).size).toBe(1);
    await screenshot(tablet, 'orders-progress-tablet');
    // Forty residents down the page, the day headings stay under the page's header.
    await tablet
      .getByRole('table', { name: 'Sachets par résident et par jour' })
      .getByRole('row')
      .nth(30)
      .scrollIntoViewIfNeeded();
    const heading = await tablet.getByRole('columnheader', { name: /^lun\./ }).boundingBox();
    const appHeader = await tablet.getByRole('banner').boundingBox();
    if (!heading || !appHeader) throw new Error('the day heading or the page header is not shown');
    expect(Math.abs(heading.y - (appHeader.y + appHeader.height))).toBeLessThanOrEqual(1);
  });

  it('When the nurse opens an order on a phone, Then names stay in sight, a tapped day comes up over the grid, and her tables fit the screen', async () => {
    const phone = await newPage(PHONE);
    await loginAs(phone, 'ehpad.bugeat@officoop.test');
    const { items } = await api<{ items: Order[] }>(phone, '/api/orders');
    const open = [...items].sort((a, b) => b.week.localeCompare(a.week))[0] as Order;
    const order = await api<Order>(phone, `/api/orders/${open.id}`);
    // A resident far down the grid: fifty rows would put the treatments 2 000 px below.
    const resident = order.residents.at(-3) as Order['residents'][number];
    await phone.goto(`/orders/${open.id}`);
    await phone.getByTestId('order-total-pouches').waitFor();
    const widthOf = () => phone.evaluate(() => document.documentElement.scrollWidth);
    expect(await widthOf()).toBeLessThanOrEqual(PHONE.width);
    // The week goes on past the screen's right edge (a phone draws no scrollbar): a line says so.
    await phone.getByTestId('grid-more-right').getByText('Faites glisser la grille vers la gauche').waitFor();

    const cell = phone.getByTestId(`cell-${resident.residentId}-${resident.days[2]?.date}`);
    await cell.click();
    const sheet = phone.getByTestId('cell-sheet');
    await expect.poll(() => sheet.getByTestId('cell-treatments').textContent(), POLL).toContain(resident.name);
    const sheetBox = await sheet.boundingBox();
    const cellBox = await cell.boundingBox();
    if (!sheetBox || !cellBox) throw new Error('the sheet or the tapped cell is not shown');
    expect(sheetBox.y + sheetBox.height).toBeLessThanOrEqual(PHONE.height + 1);
    // The tapped day stays in sight above the sheet, with its absence bar in the sheet.
    expect(cellBox.y + cellBox.height).toBeLessThanOrEqual(sheetBox.y);
    expect(cellBox.y).toBeGreaterThanOrEqual(0);
    // Fifty rows down, the day's heading is still in sight above it: the grid scrolls under its headings.
    const heading = await phone.getByRole('columnheader', { name: /^mer\./ }).boundingBox();
    const appHeader = await phone.getByRole('banner').boundingBox();
    if (!heading || !appHeader) throw new Error('the day heading or the page header is not shown');
    expect(heading.y).toBeGreaterThanOrEqual(appHeader.y + appHeader.height - 1);
    expect(heading.y + heading.height).toBeLessThanOrEqual(cellBox.y + 1);
    await sheet.getByTestId('absence-bar').waitFor();
    await screenshot(phone, 'orders-phone-day');

    // Sunday is off screen: scrolled to, the resident's name is still at the left edge.
    const sunday = phone.getByTestId(`cell-${resident.residentId}-${resident.days[6]?.date}`);
    await sunday.scrollIntoViewIfNeeded();
    const name = phone.getByRole('rowheader', { name: new RegExp(resident.name) });
    const nameBox = await name.boundingBox();
    expect(nameBox?.x).toBeGreaterThanOrEqual(0);
    expect(nameBox?.x).toBeLessThan(30);
    // At the right edge the line has nothing more to say.
    await phone.getByRole('columnheader', { name: 'Total' }).scrollIntoViewIfNeeded();
    await phone.getByTestId('grid-more-right').waitFor({ state: 'hidden' });
    await phone.getByTestId('cell-sheet').getByRole('button', { name: 'Fermer' }).click();
    await sheet.waitFor({ state: 'detached' });
    // The order's medicines fit too: the route's badge goes under the name.
    await phone.getByRole('tab', { name: 'Médicaments' }).click();
    const medicines = phone.getByRole('table', { name: 'Médicaments' });
    await medicines.getByRole('row').nth(1).waitFor();
    const medicinesBox = await medicines.boundingBox();
    expect((medicinesBox?.x ?? 0) + (medicinesBox?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(PHONE.width);

    // The residents list and a resident's treatments fit: doses read under each medicine.
    await phone.goto('/residents');
    await phone.getByRole('table').getByRole('link').first().waitFor();
    expect(await widthOf()).toBeLessThanOrEqual(PHONE.width);
    const list = await phone.getByRole('table').boundingBox();
    expect((list?.x ?? 0) + (list?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(PHONE.width);
    await phone.goto(`/residents/${resident.residentId}`);
    await phone.getByRole('table').first().getByRole('row').nth(1).waitFor();
    expect(await widthOf()).toBeLessThanOrEqual(PHONE.width);
    const table = await phone.getByRole('table').first().boundingBox();
    expect((table?.x ?? 0) + (table?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(PHONE.width);
    expect(
      await phone
        .getByRole('table')
        .getByText(/(matin|midi|soir|coucher) [\d½¼¾]/)
        .filter({ visible: true })
        .count(),
    ).toBeGreaterThan(0);
    await screenshot(phone, 'resident-phone');
  });

  it('When the nurse searches residents without accents, Then "lathiere" finds LATHIÈRE, so does "test lathiere" (first name first), and "oeillet" finds ŒILLET', async () => {
    const pharmacist = await newPage();
    await loginAs(pharmacist, 'pharmacien.bugeat@officoop.test');
    const { items } = await api<{ items: Order[] }>(pharmacist, '/api/orders');
    const careHomeId = (items[0] as Order).careHomeId;
    for (const lastName of ['Lathière', 'Œillet']) {
      const res = await pharmacist.request.post('/api/residents', {
        data: { careHomeId, lastName, firstName: 'Test', birthDate: '1936-05-04', room: '999' },
      });
      expect(res.status()).toBe(201);
    }

    const page = await newPage();
    await loginAs(page, 'ehpad.bugeat@officoop.test');
    await page.goto('/residents');
    const search = page.getByRole('textbox', { name: 'Rechercher un résident ou une chambre' });
    await search.fill('lathiere');
    await page.getByRole('link', { name: 'LATHIÈRE Test' }).waitFor();
    // First name first, as a nurse types it: each word is looked for on its own.
    await search.fill('test lathiere');
    await page.getByRole('link', { name: 'LATHIÈRE Test' }).waitFor();
    expect(await page.getByRole('link', { name: 'ŒILLET Test' }).count()).toBe(0);
    await screenshot(page, 'residents-search-first-name-first');
    await search.fill('oeillet');
    await page.getByRole('link', { name: 'ŒILLET Test' }).waitFor();
    expect(await page.getByRole('link', { name: 'LATHIÈRE Test' }).count()).toBe(0);
  });
  it('When a resident takes in halves a product others take whole, Then the order’s Médicaments tab shows it on the robot and on the manual tray', async () => {
    const page = await newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    type Detail = Order & { products: { cip13: string; label: string; units: number; route: string }[] };
    const { items } = await api<{ items: Order[] }>(page, '/api/orders');
    const open = items
      .filter((o) => o.status === 'draft' && Date.parse(o.cutoffAt) > Date.now())
      .sort((a, b) => a.week.localeCompare(b.week))[0] as Order;
    const before = await api<Detail>(page, `/api/orders/${open.id}`);
    // A scored tablet: a capsule cannot be halved (prescriptions.dose_not_divisible).
    const whole = before.products.find((p) => p.route === 'robot' && p.label.includes('sécable'));
    if (!whole) throw new Error('the open Bugeat order has no robot product');
    const resident = await page.request.post('/api/residents', {
      data: {
        careHomeId: open.careHomeId,
        lastName: 'Demicomprimé',
        firstName: 'Lucienne',
        birthDate: '1936-02-11',
        room: '118',
      },
    });
    expect(resident.status()).toBe(201);
    const { id } = (await resident.json()) as { id: number };
    const line = await page.request.post(`/api/residents/${id}/prescriptions`, {
      data: {
        cip13: whole.cip13,
        doses: { matin: 0.5 },
        schedule: { kind: 'daily' },
        startDate: '2020-01-01',
        prescriber: 'Dr Lebrun',
        asNeeded: false,
      },
    });
    expect(line.status()).toBe(201);

    await page.goto(`/orders/${open.id}`);
    await page.getByRole('tab', { name: 'Médicaments' }).click();
    const rows = page.getByRole('table', { name: 'Médicaments' }).getByRole('row').filter({ hasText: whole.label });
    await expect.poll(() => rows.count(), POLL).toBe(2);
    await rows.filter({ hasText: 'Robot' }).waitFor();
    await rows.filter({ hasText: 'Plateau manuel' }).scrollIntoViewIfNeeded();
    expect(await rows.filter({ hasText: 'Plateau manuel' }).textContent()).toContain('4');
    await screenshot(page, 'orders-products-split-doses');
  });

  it('When staff cancel a later week whose cut-off is ahead, Then the nurse orders it again from its own card', async () => {
    const staff = await newPage();
    await loginAs(staff, 'pharmacien.bugeat@officoop.test');
    const bugeat = (await api<{ items: Order[] }>(staff, '/api/orders')).items.filter(
      (o) => o.careHomeId === 1 && o.status !== 'cancelled' && Date.parse(o.cutoffAt) > Date.now(),
    );
    // The last open week: not the first one, which the page always offered to order again.
    const later = bugeat.sort((a, b) => a.week.localeCompare(b.week)).at(-1) as Order;
    expect(later).toBeDefined();
    expect((await staff.request.post(`/api/orders/${later.id}/cancel`)).status()).toBe(200);

    const page = await newPage();
    await loginAs(page, 'ehpad.bugeat@officoop.test');
    // Its own page says it will not come, and offers to order it again (no delivery date as if it would).
    await page.goto(`/orders/${later.id}`);
    const cancelled = page.getByTestId('order-cancelled');
    await cancelled
      .getByText(
        `Commande annulée : vous pouvez commander cette semaine à nouveau jusqu’à la clôture, le ${formatDateTime(later.cutoffAt)}.`,
      )
      .waitFor();
    await cancelled.getByRole('button', { name: 'Commander à nouveau' }).waitFor();
    await page.getByText('Ni préparée ni livrée').waitFor();
    expect(await page.getByText(/^Livraison le /).count()).toBe(0);
    await screenshot(page, 'orders-cancelled-page');
    await page.goto('/orders');
    const card = page.getByTestId(`order-card-${later.week}`);
    await card.getByText('Commande annulée : vous pouvez commander cette semaine à nouveau').waitFor();
    await screenshot(page, 'orders-reopen-later-week');
    // A double tap orders it once (the second was refused: « La commande … existe déjà »).
    const createAnswers: number[] = [];
    page.on('response', (res) => {
      if (res.request().method() === 'POST' && /\/api\/orders$/.test(res.url())) createAnswers.push(res.status());
    });
    await card.getByRole('button', { name: 'Commander à nouveau' }).dblclick();
    await page.waitForURL(`**/orders/${later.id}`);
    await page.waitForLoadState('networkidle');
    expect(createAnswers).toHaveLength(1);
    expect(await page.getByText(/existe déjà/).count()).toBe(0);
    await page.getByText('Commande rouverte : elle est de nouveau en brouillon.').waitFor();
    await expect.poll(async () => (await api<Order>(page, `/api/orders/${later.id}`)).status, POLL).toBe('draft');
  });

  it('When a care home has no order open (all cancelled, or it joined after Monday), Then its home card offers to order the next week', async () => {
    const staff = await newPage();
    await loginAs(staff, 'pharmacien.felletin@officoop.test');
    const nurse = await newPage();
    await loginAs(nurse, 'ehpad.felletin@officoop.test');
    const mine = (await api<{ items: Order[] }>(nurse, '/api/orders')).items;
    for (const order of mine.filter((o) => o.status !== 'cancelled' && Date.parse(o.cutoffAt) > Date.now())) {
      expect((await staff.request.post(`/api/orders/${order.id}/cancel`)).status()).toBe(200);
    }
    await nurse.reload();
    const card = nurse.getByTestId('card-weekly-order');
    const create = card.getByTestId('home-order-to-create');
    await create.getByText('Commande annulée : vous pouvez commander cette semaine à nouveau').waitFor();
    expect(await card.getByText('Aucune commande ouverte').count()).toBe(0);
    await screenshot(nurse, 'orders-home-to-create');
    await create.getByRole('link', { name: /^Commander à nouveau — Semaine \d+/ }).click();
    await nurse.waitForURL('**/orders');
    await nurse.getByRole('button', { name: 'Commander à nouveau' }).first().waitFor();
    // From a cancelled order's own page, the nurse orders the week again: a draft once more.
    const first = mine
      .filter((o) => Date.parse(o.cutoffAt) > Date.now())
      .sort((a, b) => a.week.localeCompare(b.week))[0] as Order;
    await nurse.goto(`/orders/${first.id}`);
    await nurse.getByTestId('order-cancelled').getByRole('button', { name: 'Commander à nouveau' }).click();
    await expect.poll(() => nurse.getByTestId('order-status').textContent(), POLL).toBe('Brouillon');
    await nurse.getByText(/^Livraison le /).waitFor();
    expect(await nurse.getByTestId('order-cancelled').count()).toBe(0);
  });

  it('When a pharmacist sends a draft for its care home after the cut-off, Then the confirmation does not promise changes until the cut-off', async () => {
    const page = await newPage();
    await loginAs(page, 'pharmacien.meymac@officoop.test');
    const draft = (await api<{ items: Order[] }>(page, '/api/orders')).items
      .filter((o) => o.status === 'draft' && Date.parse(o.cutoffAt) > Date.now())
      .sort((a, b) => a.week.localeCompare(b.week))[0] as Order;
    expect(draft).toBeDefined();
    // The server's time, as its answers tell the page (X-Server-Time), an hour past the cut-off; the
    // page goes by it, not by the browser's clock. The server itself is left alone: the dialog is all asked here.
    const late = new Date(Date.parse(draft.cutoffAt) + 3_600_000).toISOString();
    await page.route('**/api/**', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'x-server-time': late } });
    });
    // The orders received flag the draft left past its cut-off, as the home card does.
    await page.goto('/orders');
    const status = page.getByTestId(`order-row-${draft.id}`).getByTestId('order-status');
    await expect.poll(() => status.textContent(), POLL).toBe('Non envoyée');
    await page.goto(`/orders/${draft.id}`);
    await page.getByTestId('missed-cutoff').waitFor();
    await page.getByRole('button', { name: 'Envoyer la commande' }).first().click();
    const confirm = page.getByRole('dialog', { name: 'Envoyer la commande ?' });
    await confirm.getByText(/La clôture est passée : la commande ne pourra plus être modifiée\.$/).waitFor();
    expect(await confirm.getByText(/jusqu’à la clôture/).count()).toBe(0);
    await screenshot(page, 'orders-send-late');
    await confirm.getByRole('button', { name: 'Annuler' }).click();
  });

  it('When a nurse uses the keyboard only, Then the grid is one Tab stop, arrows move between days and residents, Enter chooses the day, Escape lets go', async () => {
    const page = await newPage();
    await loginAs(page, 'ehpad.meymac@officoop.test');
    const open = (await api<{ items: Order[] }>(page, '/api/orders')).items
      .filter((o) => o.status === 'draft' && Date.parse(o.cutoffAt) > Date.now())
      .sort((a, b) => a.week.localeCompare(b.week))[0] as Order;
    await page.goto(`/orders/${open.id}`);
    await page.getByTestId('order-total-pouches').waitFor();
    const at = () => page.evaluate(() => document.activeElement?.getAttribute('data-cell'));
    expect(await page.locator('table [data-cell][tabindex="0"]').count()).toBe(1);
    await page.locator('[data-cell="0-0"]').focus();
    for (const [key, cell] of [
      ['ArrowRight', '0-1'],
      ['ArrowDown', '1-1'],
      ['End', '1-6'],
      ['ArrowRight', '1-6'],
      ['Home', '1-0'],
      ['ArrowUp', '0-0'],
      ['ArrowUp', '0-0'],
      ['ArrowDown', '1-0'],
    ] as const) {
      await page.keyboard.press(key);
      expect(await at(), key).toBe(cell);
    }
    // The cell moved to is the grid's one Tab stop; Enter chooses it.
    expect(await page.locator('[data-cell="1-0"]').getAttribute('tabindex')).toBe('0');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-cell="1-0"]').getAttribute('aria-pressed'), POLL).toBe('true');
    // The absence bar's « Annuler la sélection » puts focus back on the day it was chosen from.
    await page.getByTestId('absence-bar').getByRole('button', { name: 'Annuler la sélection' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => at(), POLL).toBe('1-0');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-cell="1-0"]').getAttribute('aria-pressed'), POLL).toBe('true');
    // Escape lets go of the chosen days, then of the day's treatments; focus stays on the day.
    await page.getByTestId('cell-treatments').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('absence-bar').waitFor({ state: 'detached' });
    expect(await page.locator('[data-cell="1-0"]').getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('cell-treatments').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('cell-treatments').waitFor({ state: 'detached' });
    expect(await at()).toBe('1-0');
    // Shift with an arrow chooses the days passed too, and Shift+click every day up to the one
    // clicked, as in a list of files (days already away are left out); the hint above says so.
    await page.getByText('(Maj+clic : tous les jours jusqu’à celui-ci)', { exact: false }).waitFor();
    const row = page.locator('[data-cell^="1-"]');
    const chosenDays = () =>
      row.evaluateAll((cells) => cells.filter((c) => c.ariaPressed === 'true').map((c) => c.dataset.cell));
    const presentUpTo = (last: number) =>
      row.evaluateAll(
        (cells, to) => cells.filter((c, i) => i <= to && !('absent' in c.dataset)).map((c) => c.dataset.cell),
        last,
      );
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await at()).toBe('1-2');
    await expect.poll(chosenDays, POLL).toEqual(await presentUpTo(2));
    await page.locator('[data-cell="1-5"]').click({ modifiers: ['Shift'] });
    await expect.poll(chosenDays, POLL).toEqual(await presentUpTo(5));
    await page.keyboard.press('Escape');
    await page.getByTestId('absence-bar').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    // Tab leaves the grid at once, whatever its size.
    await page.keyboard.press('Tab');
    expect(await at()).toBeNull();
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('table')))).toBe(false);
  });

  it('When a pharmacist admits a resident already in the care home, Then the dialog says so and a switch admits a namesake', async () => {
    const page = await newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    const { items } = await api<{
      items: { careHomeId: number; lastName: string; firstName: string; birthDate: string }[];
    }>(page, '/api/residents');
    const careHomeId = (items[0] as { careHomeId: number }).careHomeId;
    await page.goto(`/residents?careHome=${careHomeId}`);
    const existing = items[0] as { lastName: string; firstName: string; birthDate: string };
    await page.getByRole('button', { name: 'Admettre un résident' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill(existing.lastName.toUpperCase());
    await dialog.getByRole('textbox', { name: 'Prénom' }).fill(existing.firstName);
    await dialog
      .getByRole('textbox', { name: 'Date de naissance' })
      .fill(existing.birthDate.split('-').reverse().join('/'));
    await dialog.getByRole('textbox', { name: 'Chambre' }).fill('512 bis');
    await dialog.getByRole('button', { name: 'Admettre un résident' }).click();
    await dialog.getByText(/est déjà résident·e de cet EHPAD/).waitFor();
    await screenshot(page, 'residents-duplicate');
    await dialog.getByRole('switch', { name: /Une autre personne/ }).check();
    await dialog.getByRole('button', { name: 'Admettre un résident' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const after = await api<{ items: { lastName: string; room: string }[] }>(
      page,
      `/api/residents?careHomeId=${careHomeId}`,
    );
    expect(after.items.filter((r) => r.room === '512 bis')).toHaveLength(1);
  });
});

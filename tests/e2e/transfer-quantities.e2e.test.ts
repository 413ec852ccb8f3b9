import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, loginAs, screenshot, startBrowserHarness } from '../helpers/browser';

// Quantities typed in the dépannage dialogs, and the lots table of a transfer in each state (#15).

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

type ApiLot = { id: number; cip13: string; lotNumber: string; expiryDate: string; available: number };

/** A product whose first-expired, unexpired lot at Bugeat has at least 8 units to lend. */
async function bugeatLendableLot(bugeat: Page): Promise<ApiLot> {
  const response = await bugeat.request.get('/api/stock/lots');
  expect(response.ok()).toBe(true);
  const lots = ((await response.json()) as { items: ApiLot[] }).items;
  const today = new Date().toISOString().slice(0, 10);
  const firstPick = new Map<string, ApiLot>();
  for (const lot of [...lots].sort((a, b) => a.expiryDate.localeCompare(b.expiryDate) || a.id - b.id)) {
    if (lot.available > 0 && lot.expiryDate > today && !firstPick.has(lot.cip13)) firstPick.set(lot.cip13, lot);
  }
  const lot = [...firstPick.values()].find((l) => l.available >= 8);
  if (!lot) throw new Error('the demo seed gives Bugeat no lot with 8 units to lend');
  return lot;
}

/** Meymac asks Bugeat, through the API, for `quantity` units of `lot`'s product; returns the transfer's id. */
async function meymacAsksBugeat(meymac: Page, lot: ApiLot, quantity: number, reason: string): Promise<number> {
  const pool = (await (await meymac.request.get(`/api/pool/${lot.cip13}`)).json()) as {
    pharmacies: { pharmacyId: number; pharmacySlug: string }[];
  };
  const response = await meymac.request.post('/api/transfers', {
    data: {
      fromPharmacyId: pool.pharmacies.find((p) => p.pharmacySlug === 'bugeat')?.pharmacyId,
      cip13: lot.cip13,
      quantity,
      reason,
      urgency: 'normal',
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

/** Types into a field with real keystrokes, replacing what it held. */
async function typeInto(page: Page, field: Locator, text: string) {
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  // At a person's pace: typed with no pause at all, a re-render between "2," and "5" on a busy
  // machine could put the caret back at the start (seen once in a full run: "52,").
  await page.keyboard.type(text, { delay: 80 });
}

/** Counts the POSTs to an API path sent from a page (nothing must leave on a refused field). */
function countPosts(page: Page, pathEnd: string) {
  const counter = { posts: 0 };
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith(pathEnd)) counter.posts++;
  });
  return counter;
}

const headers = (page: Page) => page.getByRole('table', { name: 'Lots' }).getByRole('columnheader').allTextContents();

describe('quantities of a dépannage (real browser)', () => {
  it('When a quantity is typed as "2,5" or "2.5", or above what may be asked, accepted or received, Then the field says why and nothing is sent; the lots table names its figure in each state', async () => {
    const meymac = await harness.newPage();
    const bugeat = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    await loginAs(bugeat, 'pharmacien.bugeat@officoop.test');
    const lot = await bugeatLendableLot(bugeat);

    // The request dialog: "2,5" and "2.5" stay as typed, in error, and are not sent (never 25).
    const requests = countPosts(meymac, '/api/transfers');
    await meymac.goto('/pool');
    await meymac.getByLabel('Rechercher un médicament').fill(lot.cip13);
    const poolRow = meymac.getByTestId(`pool-row-${lot.cip13}`);
    await poolRow.getByRole('button', { name: /^Demander un dépannage à la Pharmacie de Bugeat/ }).click();
    const ask = meymac.getByRole('dialog', { name: 'Demander un dépannage à la Pharmacie de Bugeat' });
    await ask.waitFor();
    await ask.getByLabel('Motif').fill('Patient de passage');
    // Typed or pasted, with a comma or a point: kept as typed (a pasted "2.5" was 25 units).
    for (const [typed, how] of [
      ['2,5', 'typed'],
      ['2.5', 'typed'],
      ['2.5', 'pasted'],
    ]) {
      if (how === 'typed') await typeInto(meymac, ask.getByLabel('Quantité'), typed as string);
      else await ask.getByLabel('Quantité').fill(typed as string);
      expect(await ask.getByLabel('Quantité').inputValue()).toBe(typed);
      await ask.getByText('Nombre entier d’unités').waitFor();
      await ask.getByRole('button', { name: 'Envoyer la demande' }).click();
      await ask.getByText('Nombre entier d’unités').waitFor();
    }
    await screenshot(meymac, 'transfer-request-decimal-quantity');
    // A minus sign stays too ("-3" never becomes 3), in error, and nothing is sent.
    await typeInto(meymac, ask.getByLabel('Quantité'), '-3');
    expect(await ask.getByLabel('Quantité').inputValue()).toBe('-3');
    await ask.getByText('Au moins 1').waitFor();
    await ask.getByRole('button', { name: 'Envoyer la demande' }).click();
    await ask.getByText('Au moins 1').waitFor();
    expect(requests.posts).toBe(0);

    // A double click on a slow network: the button is disabled while the request runs, the request
    // carries the form's Idempotency-Key (a UUID), and one transfer is created.
    const outbox = async () =>
      ((await (await meymac.request.get(`/api/transfers?box=outbox&q=${lot.cip13}`)).json()) as { total: number })
        .total;
    const before = await outbox();
    const keys: string[] = [];
    await meymac.route('**/api/transfers', async (route) => {
      if (route.request().method() === 'POST') {
        keys.push(route.request().headers()['idempotency-key'] ?? '');
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      await route.continue();
    });
    await typeInto(meymac, ask.getByLabel('Quantité'), '2');
    const send = ask.getByRole('button', { name: 'Envoyer la demande' });
    await send.dblclick();
    expect(await send.isDisabled()).toBe(true);
    await screenshot(meymac, 'transfer-request-pending');
    await ask.waitFor({ state: 'hidden' });
    await meymac.unroute('**/api/transfers');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await outbox()).toBe(before + 1);

    const pool = (await (await meymac.request.get(`/api/pool/${lot.cip13}`)).json()) as {
      pharmacies: { pharmacyId: number; pharmacySlug: string }[];
    };
    const bugeatId = pool.pharmacies.find((p) => p.pharmacySlug === 'bugeat')?.pharmacyId;
    const askFor = async (quantity: number, reason: string) => {
      const response = await meymac.request.post('/api/transfers', {
        data: { fromPharmacyId: bugeatId, cip13: lot.cip13, quantity, reason, urgency: 'normal' },
      });
      expect(response.status()).toBe(201);
      return ((await response.json()) as { id: number }).id;
    };
    const cancelled = await askFor(4, 'Renouvellement EHPAD');
    const shipped = await askFor(4, 'Patiente de Mme Durand');

    // Accepting more than was asked is refused on the field, with the asked quantity.
    const accepts = countPosts(bugeat, '/accept');
    await bugeat.goto(`/transfers/${cancelled}`);
    await bugeat.getByRole('button', { name: 'Accepter' }).click();
    const accept = bugeat.getByRole('dialog', { name: 'Accepter la demande' });
    await typeInto(bugeat, accept.getByLabel('Quantité accordée'), '10');
    await accept.getByRole('button', { name: 'Accepter' }).click();
    await accept.getByText('Au plus 4 unités : c’est ce qui a été demandé.').waitFor();
    await screenshot(bugeat, 'transfer-accept-too-many');
    await typeInto(bugeat, accept.getByLabel('Quantité accordée'), '2,5');
    await accept.getByRole('button', { name: 'Accepter' }).click();
    await accept.getByText('Nombre entier d’unités').waitFor();
    // Pasted with a decimal point: kept as 2.5 and refused (it was 25).
    await accept.getByLabel('Quantité accordée').fill('2.5');
    await accept.getByRole('button', { name: 'Accepter' }).click();
    await accept.getByText('Nombre entier d’unités').waitFor();
    // An emptied field is asked for, not read as « all that was asked » (4 units were reserved).
    await accept.getByLabel('Quantité accordée').fill('');
    await accept.getByRole('button', { name: 'Accepter' }).click();
    await accept.getByText('Champ obligatoire').waitFor();
    expect(accepts.posts).toBe(0);
    await typeInto(bugeat, accept.getByLabel('Quantité accordée'), '3');
    await accept.getByRole('button', { name: 'Accepter' }).click();
    await accept.waitFor({ state: 'detached' });
    expect(accepts.posts).toBe(1);

    // Accepted: the lots are reserved, not shipped, and nothing can have been received yet.
    await bugeat.getByTestId('transfer-lots-note').getByText('pas encore expédiés').waitFor();
    expect(await headers(bugeat)).toEqual(['Lot', 'Péremption', 'Quantité réservée']);
    await screenshot(bugeat, 'transfer-lots-reserved');

    // Cancelled before shipping: the reservation was released.
    expect((await meymac.request.post(`/api/transfers/${cancelled}/cancel`)).status()).toBe(200);
    await bugeat.reload();
    await bugeat.getByText('Lots réservés puis libérés à l’annulation : rien n’a été expédié.').waitFor();
    expect(await headers(bugeat)).toEqual(['Lot', 'Péremption', 'Quantité réservée, libérée']);
    await screenshot(bugeat, 'transfer-lots-released');

    // Shipped: the figure is what left; receiving more of a lot than was shipped is refused on the field.
    expect((await bugeat.request.post(`/api/transfers/${shipped}/accept`, { data: {} })).status()).toBe(200);
    expect((await bugeat.request.post(`/api/transfers/${shipped}/ship`)).status()).toBe(200);
    const receipts = countPosts(meymac, '/receive');
    await meymac.goto(`/transfers/${shipped}`);
    await meymac.getByRole('table', { name: 'Lots' }).waitFor();
    expect(await headers(meymac)).toEqual(['Lot', 'Péremption', 'Quantité expédiée', 'Quantité reçue']);
    expect(await meymac.getByTestId('transfer-lots-note').count()).toBe(0);
    await meymac.getByRole('button', { name: 'Réceptionner' }).click();
    const receive = meymac.getByRole('dialog', { name: 'Réceptionner le dépannage' });
    const received = receive.getByLabel(`Quantité reçue du lot ${lot.lotNumber}`);
    await typeInto(meymac, received, '9');
    await receive.getByRole('button', { name: 'Réceptionner' }).click();
    await receive.getByText('Au plus 4 : c’est ce qui a été expédié').waitFor();
    await screenshot(meymac, 'transfer-receive-too-many');
    expect(receipts.posts).toBe(0);
  }, 120_000);

  it('When the sender chooses the lots itself, Then the lots offered start first-expired first, no more than was asked can leave, and the lot chosen is reserved', async () => {
    const meymac = await harness.newPage();
    const bugeat = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    await loginAs(bugeat, 'pharmacien.bugeat@officoop.test');
    const lot = await bugeatLendableLot(bugeat);
    const id = await meymacAsksBugeat(meymac, lot, 3, 'Patient de passage');

    const accepts = countPosts(bugeat, '/accept');
    await bugeat.goto(`/transfers/${id}`);
    await bugeat.getByRole('button', { name: 'Accepter' }).click();
    const accept = bugeat.getByRole('dialog', { name: 'Accepter la demande' });
    await accept.getByRole('switch', { name: 'Choisir les lots envoyés' }).check({ force: true });
    const field = accept.getByRole('textbox', { name: `Lot ${lot.lotNumber}` });
    // First-expired first, as the server would reserve them.
    await expect.poll(() => field.inputValue()).toBe('3');
    await accept.getByText('Quantité accordée : 3 unités sur 3 demandées').waitFor();
    await typeInto(bugeat, field, '5');
    await accept.getByRole('button', { name: 'Accepter' }).click();
    await accept.getByText('Au plus 3 unités : c’est ce qui a été demandé.').waitFor();
    expect(accepts.posts).toBe(0);
    await typeInto(bugeat, field, '2');
    await accept.getByText('Quantité accordée : 2 unités sur 3 demandées').waitFor();
    await screenshot(bugeat, 'transfer-accept-choose-lots');
    await accept.getByRole('button', { name: 'Accepter' }).click();
    await accept.waitFor({ state: 'detached' });
    expect(accepts.posts).toBe(1);
    const accepted = (await (await bugeat.request.get(`/api/transfers/${id}`)).json()) as {
      quantityAccepted: number;
      lines: { lotNumber: string; quantity: number }[];
    };
    expect([accepted.quantityAccepted, accepted.lines.map((l) => [l.lotNumber, l.quantity])]).toEqual([
      2,
      [[lot.lotNumber, 2]],
    ]);
  });

  it('When a motif is one long word with no space, Then the transfer page wraps it inside its card, not wider than the screen', async () => {
    const meymac = await harness.newPage();
    const bugeat = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    await loginAs(bugeat, 'pharmacien.bugeat@officoop.test');
    const reason = `Ordonnance-${'0123456789'.repeat(28)}`;
    const id = await meymacAsksBugeat(meymac, await bugeatLendableLot(bugeat), 1, reason);
    await bugeat.goto(`/transfers/${id}`);
    await bugeat.getByText(reason).waitFor();
    const width = await bugeat.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(bugeat.viewportSize()?.width ?? 0);
    await screenshot(bugeat, 'transfer-long-motif');
  });
});

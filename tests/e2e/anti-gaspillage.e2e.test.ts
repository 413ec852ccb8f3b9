import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserHarness,
  expectNoSeriousA11yViolations,
  loginAs,
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

type Suggestion = {
  lotId: number;
  cip13: string;
  lotNumber: string;
  fromPharmacyName: string;
  toPharmacyId: number;
  toPharmacyName: string;
  suggestedQuantity: number;
  daysLeft: number;
};

/** The suggestion behind a row of the anti-waste list, as the API gives it to the logged-in pharmacy. */
async function suggestionOf(page: Page, lotNumber: string): Promise<Suggestion> {
  const res = await page.request.get('/api/pool/rebalance');
  expect(res.ok()).toBe(true);
  const found = ((await res.json()) as { items: Suggestion[] }).items.find((s) => s.lotNumber === lotNumber);
  if (!found) throw new Error(`no suggestion for lot ${lotNumber}`);
  return found;
}

/** The first row of the list that has this button, and its lot number. */
async function firstRowWith(page: Page, button: string) {
  const row = page
    .locator('[data-testid^="rebalance-row-"]')
    .filter({ has: page.getByRole('button', { name: button }) })
    .first();
  await row.waitFor();
  const lotNumber = ((await row.getAttribute('data-testid')) ?? '').replace('rebalance-row-', '');
  return { row, lotNumber };
}

describe('anti-gaspillage (real browser)', () => {
  it('When a pharmacist asks for a lot another pharmacy would waste, Then the request dialog opens pre-filled, refuses more than can be lent, and warns of the open request', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.felletin@officoop.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Anti-gaspillage' }).click();
    await page.getByText('Les plus urgentes d’abord').waitFor();
    const { row, lotNumber } = await firstRowWith(page, 'Demander ce lot');
    const s = await suggestionOf(page, lotNumber);

    // The button opens the dialog: nothing is sent yet.
    await row.getByRole('button', { name: 'Demander ce lot' }).click();
    const ask = page.getByRole('dialog', { name: `Demander un dépannage à la ${s.fromPharmacyName}` });
    await ask.waitFor();
    expect(await ask.getByLabel('Quantité').inputValue()).toBe(String(s.suggestedQuantity));
    expect(await ask.getByLabel('Motif').inputValue()).toMatch(
      new RegExp(`^Anti-gaspillage : lot ${lotNumber} périme le \\d{2}/\\d{2}/\\d{4}$`),
    );
    const lendable = await ask.getByTestId('request-lendable').textContent();
    const available = Number(/peut prêter (\d+)/.exec(lendable ?? '')?.[1]);
    expect(available).toBeGreaterThanOrEqual(s.suggestedQuantity);

    // More than the other pharmacy can lend is refused under the field, before anything is sent.
    let posted = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/transfers') && r.method() === 'POST') posted++;
    });
    await ask.getByLabel('Quantité').fill(String(available + 1));
    await ask.getByRole('button', { name: 'Envoyer la demande' }).click();
    await ask.getByText(`Au plus ${available} unités : c’est ce que cette officine peut prêter.`).waitFor();
    expect(posted).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'rebalance-ask-too-many');

    await ask.getByLabel('Quantité').fill(String(s.suggestedQuantity));
    await ask.getByRole('radio', { name: 'Urgent' }).check();
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/transfers') && r.request().method() === 'POST'),
      ask.getByRole('button', { name: 'Envoyer la demande' }).click(),
    ]);
    expect(created.status()).toBe(201);
    const transfer = (await created.json()) as { id: number; quantityRequested: number; urgency: string };
    expect(transfer).toMatchObject({ quantityRequested: s.suggestedQuantity, urgency: 'urgent' });
    const suggestion = page.getByTestId(`rebalance-row-${lotNumber}`);
    await suggestion.getByRole('link', { name: `Dépannage n° ${transfer.id} en cours` }).waitFor();
    expect(await suggestion.getByRole('button', { name: 'Demander ce lot' }).isDisabled()).toBe(true);

    // Asking the same pharmacy for the same product again, from the pool: a warning, not a block.
    await page.getByRole('navigation').getByRole('link', { name: 'Stock partagé' }).click();
    await page.getByLabel('Rechercher un médicament').fill(s.cip13);
    const poolRow = page.getByTestId(`pool-row-${s.cip13}`);
    await poolRow.waitFor();
    await poolRow
      .getByRole('button', { name: new RegExp(`^Demander un dépannage à la ${s.fromPharmacyName}`) })
      .click();
    const again = page.getByRole('dialog', { name: `Demander un dépannage à la ${s.fromPharmacyName}` });
    await again.getByText('Une demande est déjà en cours').waitFor();
    await again.getByRole('link', { name: new RegExp(`^Dépannage n° ${transfer.id} :`) }).waitFor();
    await again.getByLabel('Quantité').fill('1');
    await again.getByLabel('Motif').fill('Patient de passage, en plus');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'rebalance-ask-open-warning');
    const [second] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/transfers') && r.request().method() === 'POST'),
      again.getByRole('button', { name: 'Envoyer la demande' }).click(),
    ]);
    expect(second.status()).toBe(201);
  }, 90_000);

  it('When the holder offers a lot and the other pharmacy accepts, Then it becomes a dépannage that is shipped and received', async () => {
    const bugeat = await harness.newPage();
    await loginAs(bugeat, 'pharmacien.bugeat@officoop.test');
    await bugeat.goto('/pool/rebalance');
    const { lotNumber } = await firstRowWith(bugeat, 'Proposer ce lot');
    const s = await suggestionOf(bugeat, lotNumber);
    const row = bugeat.getByTestId(`rebalance-row-${lotNumber}`);

    // The lot number opens the lot itself.
    await row.getByRole('button', { name: `Ouvrir le lot ${lotNumber}` }).click();
    const drawer = bugeat.getByRole('dialog', { name: `Lot ${lotNumber}` });
    await drawer.getByText('Mouvements').waitFor();
    await bugeat.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await row.getByRole('button', { name: 'Proposer ce lot' }).click();
    const offerDialog = bugeat.getByRole('dialog', { name: `Proposer ce lot à la ${s.toPharmacyName}` });
    await offerDialog.waitFor();
    expect(await offerDialog.getByLabel('Quantité').inputValue()).toBe(String(s.suggestedQuantity));
    await offerDialog.getByLabel('Quantité').fill('10');
    await expectNoSeriousA11yViolations(bugeat);
    await screenshot(bugeat, 'rebalance-offer-dialog');
    const [offered] = await Promise.all([
      bugeat.waitForResponse((r) => r.url().endsWith('/api/transfer-offers') && r.request().method() === 'POST'),
      offerDialog.getByRole('button', { name: 'Envoyer l’offre' }).click(),
    ]);
    expect(offered.status()).toBe(201);
    const offerId = ((await offered.json()) as { id: number }).id;
    await row.getByText(`Offre n° ${offerId} en attente`).waitFor();
    await bugeat.getByRole('table', { name: 'Vos offres en attente' }).getByTestId(`offer-row-${lotNumber}`).waitFor();

    // The recipient sees the offer above its suggestions and accepts it.
    const pool = await bugeat.request.get(`/api/pool/${s.cip13}`);
    const slug = (
      (await pool.json()) as { pharmacies: { pharmacyId: number; pharmacySlug: string }[] }
    ).pharmacies.find((p) => p.pharmacyId === s.toPharmacyId)?.pharmacySlug;
    const other = await harness.newPage();
    await loginAs(other, `pharmacien.${slug}@officoop.test`);
    // Its home counts the offers waiting for its answer among the dépannages to handle, and leads to them.
    const waiting = (await (await other.request.get('/api/transfer-offers?box=received&status=offered')).json()) as {
      items: unknown[];
    };
    expect(waiting.items.length).toBeGreaterThanOrEqual(1);
    await other.goto('/');
    const offersLine = other
      .getByTestId('card-transfers')
      .getByRole('link', { name: `Offres anti-gaspillage à accepter ou refuser : ${waiting.items.length}` });
    await offersLine.waitFor();
    await screenshot(other, 'home-transfers-card-offers');
    await offersLine.click();
    await other.waitForURL(/\/pool\/rebalance$/);
    const received = other.getByRole('table', { name: 'Offres reçues' }).getByTestId(`offer-row-${lotNumber}`);
    await received.waitFor();
    expect(await received.textContent()).toContain('10 u.');
    await expectNoSeriousA11yViolations(other);
    await screenshot(other, 'rebalance-offer-received');
    await received.getByRole('button', { name: 'Accepter' }).click();
    const confirm = other.getByRole('dialog', { name: 'Accepter l’offre de la Pharmacie de Bugeat' });
    await confirm.getByText(`lot ${lotNumber}`, { exact: false }).waitFor();
    const [accepted] = await Promise.all([
      other.waitForResponse((r) => r.url().endsWith(`/api/transfer-offers/${offerId}/accept`)),
      confirm.getByRole('button', { name: 'Accepter' }).click(),
    ]);
    expect(accepted.status()).toBe(200);
    const transferId = ((await accepted.json()) as { id: number }).id;
    await other.getByText(`Offre acceptée : dépannage n° ${transferId} créé.`).waitFor();
    await received.waitFor({ state: 'detached' });

    // From here it is a dépannage like any other: Bugeat ships it, the recipient receives the very lot.
    await bugeat.goto('/transfers');
    const inRow = bugeat.getByTestId(`transfer-row-${transferId}`);
    await expect.poll(() => inRow.textContent()).toContain('Accepté');
    await inRow.getByRole('button', { name: 'Expédier' }).click();
    await bugeat.getByRole('dialog', { name: 'Expédier' }).getByRole('button', { name: 'Expédier' }).click();
    await expect.poll(() => inRow.textContent()).toContain('Expédié');
    await other.goto('/transfers?tab=outbox');
    const outRow = other.getByTestId(`transfer-row-${transferId}`);
    await outRow.getByRole('button', { name: 'Réceptionner' }).click();
    const receive = other.getByRole('dialog', { name: 'Réceptionner le dépannage' });
    await receive.getByTestId(`receive-line-${lotNumber}`).waitFor();
    await receive.getByRole('button', { name: 'Réceptionner' }).click();
    await expect.poll(() => outRow.textContent()).toContain('Reçu');
    // Its timeline says who did what: Bugeat offered, the recipient accepted (not "requested by").
    await bugeat.goto(`/transfers/${transferId}`);
    const offeredBy = bugeat.getByTestId('timeline-offered');
    await offeredBy.getByText(`Offert (offre n° ${offerId})`).waitFor();
    expect(await bugeat.getByTestId('timeline-offered-by').textContent()).toContain('Pharmacie de Bugeat');
    expect(await bugeat.getByTestId('timeline-offerAccepted-by').textContent()).toContain(s.toPharmacyName);
    expect(await bugeat.getByTestId('timeline-requested').count()).toBe(0);
    // Nobody asked: the facts name what was offered, not what was requested.
    await bugeat.getByText('Quantité offerte').waitFor();
    expect(await bugeat.getByText('Quantité demandée').count()).toBe(0);
    expect(await bugeat.getByText('Officine demandeuse').count()).toBe(0);
    await screenshot(bugeat, 'transfer-born-from-offer');
    const detail = await other.request.get(`/api/transfers/${transferId}`);
    expect(await detail.json()).toMatchObject({
      status: 'received',
      quantityAccepted: 10,
      lines: [{ lotNumber, quantity: 10, quantityReceived: 10 }],
    });
  }, 120_000);

  it('When an offer is declined with a reason, or lapses because the lot was used, Then the offerer reads both outcomes on its anti-gaspillage page', async () => {
    const bugeat = await harness.newPage();
    await loginAs(bugeat, 'pharmacien.bugeat@officoop.test');
    await bugeat.goto('/pool/rebalance');
    const { lotNumber } = await firstRowWith(bugeat, 'Proposer ce lot');
    const s = await suggestionOf(bugeat, lotNumber);
    const note = `Anti-gaspillage : lot ${lotNumber}`;
    const make = async (quantity: number) => {
      const res = await bugeat.request.post('/api/transfer-offers', {
        data: { lotId: s.lotId, toPharmacyId: s.toPharmacyId, quantity, note },
      });
      expect(res.status()).toBe(201);
      return ((await res.json()) as { id: number }).id;
    };
    const declined = await make(2);

    // The recipient declines in its panel, saying why.
    const pool = await bugeat.request.get(`/api/pool/${s.cip13}`);
    const slug = (
      (await pool.json()) as { pharmacies: { pharmacyId: number; pharmacySlug: string }[] }
    ).pharmacies.find((p) => p.pharmacyId === s.toPharmacyId)?.pharmacySlug;
    const other = await harness.newPage();
    await loginAs(other, `pharmacien.${slug}@officoop.test`);
    await other.goto('/pool/rebalance');
    const received = other.getByRole('table', { name: 'Offres reçues' }).getByTestId(`offer-row-${lotNumber}`);
    await received.getByRole('button', { name: 'Refuser' }).click();
    const decline = other.getByRole('dialog', { name: 'Refuser l’offre de la Pharmacie de Bugeat' });
    await decline.getByLabel('Motif (facultatif)').fill('Nous venons d’en recevoir');
    await decline.getByRole('button', { name: 'Refuser' }).click();
    await received.waitFor({ state: 'detached' });

    // A second offer of the lot lapses when Bugeat's own patients take its units.
    const lapsed = await make(2);
    const lot = (await (await bugeat.request.get(`/api/stock/lots/${s.lotId}`)).json()) as {
      quantity: number;
      reserved: number;
    };
    const used = await bugeat.request.post('/api/stock/adjustments', {
      data: { lotId: s.lotId, delta: -(lot.quantity - lot.reserved - 1), reason: 'Délivré au comptoir' },
    });
    expect(used.status()).toBe(201);

    await bugeat.reload();
    const outcomes = bugeat.getByRole('table', { name: 'Vos offres récentes' });
    await outcomes.waitFor();
    await outcomes.getByTestId(`offer-outcome-${declined}`).getByText('Refusée').waitFor();
    expect(await outcomes.getByText('« Nous venons d’en recevoir »').count()).toBe(1);
    await outcomes.getByTestId(`offer-outcome-${lapsed}`).getByText('Caduque').waitFor();
    await expectNoSeriousA11yViolations(bugeat);
    await screenshot(bugeat, 'rebalance-offer-outcomes');
  }, 120_000);

  it('When a pharmacist opens anti-gaspillage on a tablet, Then the rows and their buttons fit 768 px', async () => {
    const page = await harness.newPage(TABLET);
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    await page.goto('/pool/rebalance');
    const { row } = await firstRowWith(page, 'Demander ce lot');
    const button = row.getByRole('button', { name: 'Demander ce lot' });
    const box = await button.boundingBox();
    expect(box).not.toBeNull();
    // The table scrolls inside its frame: the button is reachable and not clipped off the page.
    await button.scrollIntoViewIfNeeded();
    const inView = await button.boundingBox();
    expect((inView?.x ?? 0) + (inView?.width ?? 0)).toBeLessThanOrEqual(TABLET.width);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'rebalance-tablet');
  }, 60_000);
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, loginAs, screenshot, startBrowserHarness, TABLET } from '../helpers/browser';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

type ApiLot = {
  id: number;
  cip13: string;
  productLabel: string;
  lotNumber: string;
  expiryDate: string;
  available: number;
};

const frenchDate = (day: string) => day.split('-').reverse().join('/');

/**
 * A product Bugeat can lend 3 units of from a single lot: the first lot it would pick
 * (first-expired, not yet expired) holds at least 3 available units.
 */
async function bugeatLendableLot(bugeat: Page): Promise<ApiLot> {
  const response = await bugeat.request.get('/api/stock/lots');
  expect(response.ok()).toBe(true);
  const lots = ((await response.json()) as { items: ApiLot[] }).items;
  const today = new Date().toISOString().slice(0, 10);
  const firstPick = new Map<string, ApiLot>();
  for (const lot of [...lots].sort((a, b) => a.expiryDate.localeCompare(b.expiryDate) || a.id - b.id)) {
    if (lot.available > 0 && lot.expiryDate > today && !firstPick.has(lot.cip13)) firstPick.set(lot.cip13, lot);
  }
  const lot = [...firstPick.values()].find((l) => l.available >= 3);
  if (!lot) throw new Error('the demo seed gives Bugeat no lot with 3 units to lend');
  return lot;
}

async function rowOf(page: Page, testId: string) {
  const row = page.getByTestId(testId);
  await row.waitFor();
  return row;
}

describe('pooled stock (real browser)', () => {
  it('When Meymac asks Bugeat for a drug found in the pool, and Bugeat accepts and ships, Then Meymac receives the very lot', async () => {
    const meymac = await harness.newPage();
    const bugeat = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    await loginAs(bugeat, 'pharmacien.bugeat@officoop.test');
    const lot = await bugeatLendableLot(bugeat);

    // Meymac finds the drug in the pool and asks Bugeat for 3 units.
    await meymac.getByRole('navigation').getByRole('link', { name: 'Stock partagé' }).click();
    await meymac.getByLabel('Rechercher un médicament').fill(lot.cip13);
    const poolRow = await rowOf(meymac, `pool-row-${lot.cip13}`);
    const bugeatCell = await poolRow.getByTestId('pool-cell-bugeat').textContent();
    expect(bugeatCell).toMatch(/^\d+ unités disponibles/);
    expect(bugeatCell).toContain(`Pér. ${frenchDate(lot.expiryDate)}`);
    await screenshot(meymac, 'stock-pool');
    await poolRow.getByRole('button', { name: /^Demander un dépannage à Pharmacie de Bugeat/ }).click();
    const ask = meymac.getByRole('dialog', { name: 'Demander un dépannage à Pharmacie de Bugeat' });
    await ask.waitFor();
    // The shared schema refuses an empty request before anything is sent.
    await ask.getByRole('button', { name: 'Envoyer la demande' }).click();
    await ask.getByText('Champ obligatoire').first().waitFor();
    await ask.getByLabel('Quantité').fill('3');
    await ask.getByLabel('Motif').fill('Ordonnance de Mme Lefèvre, sortie d’hospitalisation');
    await ask.getByRole('radio', { name: 'Urgent' }).check();
    await screenshot(meymac, 'stock-pool-request');
    const [created] = await Promise.all([
      meymac.waitForResponse((r) => r.url().endsWith('/api/transfers') && r.request().method() === 'POST'),
      ask.getByRole('button', { name: 'Envoyer la demande' }).click(),
    ]);
    expect(created.status()).toBe(201);
    const transferId = ((await created.json()) as { id: number }).id;
    await meymac.getByText('Demande envoyée à Pharmacie de Bugeat.').waitFor();

    await meymac.goto('/transfers?tab=outbox');
    const outRow = await rowOf(meymac, `transfer-row-${transferId}`);
    await expect.poll(() => outRow.textContent()).toContain('Demandé');

    // Bugeat sees it waiting on its home page and in its inbox, accepts it and ships it.
    await bugeat.goto('/');
    await expect.poll(() => bugeat.getByTestId('card-transfers').textContent()).toMatch(/Demandes à accepter/);
    await screenshot(bugeat, 'stock-home-bugeat');
    await bugeat.getByRole('navigation').getByRole('link', { name: 'Dépannages' }).click();
    const inRow = await rowOf(bugeat, `transfer-row-${transferId}`);
    expect(await inRow.textContent()).toContain('Meymac');
    expect(await inRow.textContent()).toContain('Urgent');
    await inRow.getByRole('button', { name: 'Accepter' }).click();
    const accept = bugeat.getByRole('dialog', { name: 'Accepter la demande' });
    expect(await accept.getByLabel('Quantité accordée').inputValue()).toBe('3');
    await accept.getByRole('button', { name: 'Accepter' }).click();
    await expect.poll(() => inRow.textContent()).toContain('Accepté');
    await inRow.getByRole('button', { name: 'Expédier' }).click();
    const ship = bugeat.getByRole('dialog', { name: 'Expédier' });
    await ship.getByRole('button', { name: 'Expédier' }).click();
    await expect.poll(() => inRow.textContent()).toContain('Expédié');
    await screenshot(bugeat, 'stock-transfers-inbox');

    // Meymac receives the lot Bugeat shipped, with its number and expiry.
    await meymac.reload();
    await expect.poll(() => outRow.textContent()).toContain('Expédié');
    await outRow.getByRole('button', { name: 'Réceptionner' }).click();
    const receive = meymac.getByRole('dialog', { name: 'Réceptionner le dépannage' });
    const line = receive.getByTestId(`receive-line-${lot.lotNumber}`);
    await line.waitFor();
    expect(await line.textContent()).toContain(frenchDate(lot.expiryDate));
    await screenshot(meymac, 'stock-transfers-receive');
    await receive.getByRole('button', { name: 'Réceptionner' }).click();
    await expect.poll(() => outRow.textContent()).toContain('Reçu');
    await screenshot(meymac, 'stock-transfers-outbox');

    // The lot is now in Meymac's stock with the same lot number and expiry as at Bugeat.
    await meymac.getByRole('navigation').getByRole('link', { name: 'Mon stock' }).click();
    await meymac.getByLabel('Rechercher (produit, CIP13, lot)').fill(lot.lotNumber);
    const lotRow = await rowOf(meymac, `lot-row-${lot.lotNumber}`);
    const cells = await lotRow.getByRole('cell').allTextContents();
    expect(cells[0]).toContain(lot.cip13);
    expect(cells[1]).toBe(lot.lotNumber);
    expect(cells[2]).toContain(frenchDate(lot.expiryDate));
    expect(cells[3]).toBe('3');
    await lotRow.getByRole('button', { name: lot.lotNumber, exact: true }).click();
    const drawer = meymac.getByRole('dialog', { name: `Lot ${lot.lotNumber}` });
    await drawer.getByRole('cell', { name: 'Dépannage reçu' }).waitFor();
    await screenshot(meymac, 'stock-lot-drawer');
  }, 90_000);

  it('When a snapshot CSV has a bad row, Then the preview names its line and nothing can be applied', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'preparateur.felletin@officoop.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Import de stock' }).click();
    const csv = 'CIP13;Lot;Péremption;Quantité\n3400930000007;OK1;2027-06-30;10\n3400930000007;BAD1;31/13/2027;4\n';
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'etat-de-stock.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const error = page.getByTestId('import-error-3');
    await error.waitFor();
    const [line, field, reason] = await error.getByRole('cell').allTextContents();
    expect([line, field]).toEqual(['3', 'Péremption']);
    expect(reason).toMatch(/^« 31\/13\/2027 » n’est pas une date/);
    expect(await page.getByRole('button', { name: 'Appliquer' }).isDisabled()).toBe(true);
    await screenshot(page, 'stock-import-errors');
  });

  it('When a pharmacist opens each stock page at desktop and tablet width, Then each shows its content', async () => {
    const pages: [string, string, string][] = [
      ['/', 'home', 'Lots qui périment ce mois-ci'],
      ['/pool?q=amlodipine', 'pool-search', 'Stock partagé'],
      ['/transfers', 'transfers', 'Dépannages'],
      ['/stock', 'stock', 'Mon stock'],
      ['/stock/alerts', 'alerts-expiring', 'Péremptions et seuils'],
      ['/stock/alerts?tab=low', 'alerts-low', 'Péremptions et seuils'],
      ['/stock/alerts?tab=thresholds', 'alerts-thresholds', 'Péremptions et seuils'],
      ['/pool/rebalance', 'rebalance', 'Anti-gaspillage'],
      ['/stock/import', 'import', 'Import de stock'],
      ['/transfers/settlement', 'settlement', 'Compensation mensuelle'],
    ];
    for (const [viewport, suffix] of [
      [undefined, 'desktop'],
      [TABLET, 'tablet'],
    ] as const) {
      const page = await harness.newPage(viewport);
      await loginAs(page, 'pharmacien.felletin@officoop.test');
      for (const [path, name, heading] of pages) {
        await page.goto(path);
        await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
        await expect.poll(() => page.getByLabel('Chargement…').count()).toBe(0);
        await screenshot(page, `stock-page-${name}-${suffix}`);
      }
    }
  }, 90_000);

  it('When the treasurer opens the settlement, Then the month’s pairs are listed with their downloads', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'tresorier@officoop.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Compensation mensuelle' }).click();
    await page.getByRole('heading', { name: 'Compensation mensuelle' }).waitFor();
    await page.getByRole('table', { name: 'Compensation mensuelle' }).waitFor();
    const csv = page.getByRole('link', { name: 'Télécharger en CSV' });
    expect(await csv.getAttribute('href')).toMatch(/^\/api\/transfers\/settlement\?month=\d{4}-\d{2}&format=csv$/);
    const download = await page.request.get((await csv.getAttribute('href')) ?? '');
    expect(download.headers()['content-type']).toMatch(/text\/csv/);
    await screenshot(page, 'stock-settlement-treasurer');
  });
});

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

type ApiLot = {
  id: number;
  cip13: string;
  productLabel: string;
  lotNumber: string;
  expiryDate: string;
  quantity: number;
  reserved: number;
};

async function lotsOf(page: Page): Promise<ApiLot[]> {
  const response = await page.request.get('/api/stock/lots');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: ApiLot[] }).items;
}

async function choose(page: Page, csv: string): Promise<void> {
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'etat-de-stock.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
}

/** A product the pharmacy holds in exactly two lots, none reserved or expired: the file will list only its first lot. */
function productWithTwoLots(lots: ApiLot[]): [ApiLot, ApiLot] {
  const byProduct = new Map<string, ApiLot[]>();
  for (const lot of lots) byProduct.set(lot.cip13, [...(byProduct.get(lot.cip13) ?? []), lot]);
  const today = new Date().toISOString().slice(0, 10);
  const pair = [...byProduct.values()].find(
    (l) => l.length === 2 && l.every((x) => x.reserved === 0 && x.expiryDate > today),
  );
  if (!pair) throw new Error('no demo product held in two unreserved lots');
  return [pair[0] as ApiLot, pair[1] as ApiLot];
}

describe('stock snapshot import, as a pharmacist uses it', () => {
  it('When a snapshot lists one lot of a product and an expired lot, Then the preview names products, shows the lot going to 0 and warns; applying asks first; re-applying offers nothing', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.felletin@officoop.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Import de stock' }).click();
    await page.getByRole('heading', { name: 'Import de stock', exact: true }).waitFor();

    const [kept, dropped] = productWithTwoLots(await lotsOf(page));
    const expiredYear = new Date().getFullYear() - 1;
    const csv = [
      'CIP13;Lot;Péremption;Quantité',
      `${kept.cip13};${kept.lotNumber};${kept.expiryDate};${kept.quantity + 2}`,
      `3400935955838;PERIME1;01/${expiredYear};3`,
      '',
    ].join('\n');
    await choose(page, csv);

    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    // Two data lines: the header and the blank last line are not lines read.
    expect(await summary.textContent()).toMatch(/^2 lignes lues, 3 ajustements à appliquer/);
    expect(await page.getByTestId('import-unit').textContent()).toMatch(/^Quantités lues en unités/);
    expect(await page.getByTestId('import-unlisted').textContent()).toMatch(
      /1 lot absent du fichier passera à 0 : pour chaque produit qu’il liste, le fichier fait foi/,
    );
    expect(await page.getByTestId('import-expired').textContent()).toMatch(
      /1 lot du fichier est déjà périmé \(ligne 3\)/,
    );
    const table = page.getByRole('table', { name: 'Ajustements prévus' });
    const droppedRow = table.getByRole('row').filter({ hasText: dropped.lotNumber });
    expect(await droppedRow.textContent()).toContain('Absent du fichier : mis à 0');
    expect(await droppedRow.textContent()).toContain(dropped.productLabel);
    expect(await droppedRow.textContent()).toContain(`${dropped.quantity} → 0`);
    const expiredRow = table.getByRole('row').filter({ hasText: 'PERIME1' });
    expect(await expiredRow.textContent()).toContain('DOLIPRANE 1000 mg');
    expect(await expiredRow.textContent()).toContain('Périmé');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'stock-import-preview-desktop');

    // Applying asks first, and says how many lots go to 0.
    await page.getByRole('button', { name: 'Appliquer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Appliquer l’import ?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      '3 ajustements seront appliqués à votre stock, dont 1 lot mis à 0 car absent du fichier.',
    );
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'stock-import-confirm');
    await dialog.getByRole('button', { name: 'Appliquer' }).click();
    await page.getByText('Import appliqué').waitFor();
    // After applying, the page tells what was done, in the past tense.
    await page.getByRole('heading', { name: 'Ajustements appliqués (3)' }).waitFor();
    expect(await page.getByText(/Ajustements prévus|passeront? à 0|sera compté/).count()).toBe(0);
    expect(await page.getByTestId('import-unlisted').textContent()).toMatch(/^1 lot absent du fichier est passé à 0/);
    expect(await page.getByTestId('import-expired').textContent()).toMatch(
      /^1 lot du fichier était déjà périmé \(ligne 3\) : il a été compté/,
    );
    await page.getByRole('table', { name: 'Ajustements appliqués' }).waitFor();
    await screenshot(page, 'stock-import-applied');
    const after = await lotsOf(page);
    expect(after.find((l) => l.id === kept.id)?.quantity).toBe(kept.quantity + 2);
    expect(after.find((l) => l.id === dropped.id)).toBeUndefined();

    // The same file again: nothing changes, so nothing to apply.
    await page.getByRole('button', { name: 'Retirer le fichier' }).click();
    await choose(page, csv);
    await page.getByText('Le stock est déjà conforme au fichier : rien à changer.').waitFor();
    expect(await page.getByRole('button', { name: 'Appliquer' }).count()).toBe(0);
  }, 120_000);

  it('When the file counts boxes, as in the page’s own example, Then the preview converts them to units and says so', async () => {
    const page = await harness.newPage(TABLET);
    await loginAs(page, 'pharmacien.meymac@officoop.test');
    await page.goto('/stock/import');
    await page.locator('pre').first().waitFor();
    const examples = await page.locator('pre').allTextContents();
    expect(examples).toHaveLength(2);
    // The page's examples name a real box of the catalogue: the file they make has no error.
    await choose(page, `${examples[1]}\n`);
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-unit').textContent()).toMatch(
      /^Quantités lues en boîtes, converties en unités/,
    );
    const row = page.getByRole('table', { name: 'Ajustements prévus' }).getByRole('row').filter({ hasText: 'AB123' });
    expect(await row.textContent()).toContain('DOLIPRANE 1000 mg');
    expect(await row.textContent()).toContain('0 → 40');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'stock-import-boxes-tablet');

    await page.getByRole('button', { name: 'Retirer le fichier' }).click();
    await choose(page, `${examples[0]}\n`);
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toMatch(/^1 ligne lue, 1 ajustement à appliquer/);
  }, 120_000);

  it('When the file prices a lot already held and gives a month expiry, Then the preview says the price is ignored with the cost kept, and reads the month as its last day', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    await page.goto('/stock/import');
    await page.getByRole('heading', { name: 'Import de stock', exact: true }).waitFor();
    const today = new Date().toISOString().slice(0, 10);
    const held = (await lotsOf(page)).find((l) => l.reserved === 0 && l.expiryDate > today) as ApiLot;
    const year = new Date().getFullYear() + 2;
    const csv = [
      'CIP13;Lot;Péremption;Quantité;Prix',
      `${held.cip13};${held.lotNumber};${held.expiryDate};${held.quantity};9,99`,
      `3400935955838;MOIS07;07/${year};16;0,145`,
      '',
    ].join('\n');
    await choose(page, csv);
    const prices = page.getByTestId('import-prices');
    await prices.waitFor();
    expect(await prices.textContent()).toContain('Un état de stock compte les unités');
    expect(await page.getByTestId('import-price-2').textContent()).toMatch(
      new RegExp(
        `^Ligne 2, lot ${held.lotNumber} : prix ignoré, le lot existe déjà \\(coût d’achat conservé : [0-9,]+\\s€\\)\\.$`,
      ),
    );
    const row = page.getByRole('table', { name: 'Ajustements prévus' }).getByRole('row').filter({ hasText: 'MOIS07' });
    expect(await row.textContent()).toContain(`31/07/${year}`);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'stock-import-price-ignored');
  }, 120_000);
});

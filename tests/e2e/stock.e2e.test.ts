import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centsOf } from '../../server/stock/stock.models';
import { formatMoney } from '../../web/src/shared/format';
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

type ApiLot = {
  id: number;
  cip13: string;
  productLabel: string;
  lotNumber: string;
  expiryDate: string;
  available: number;
  unitCostMillicents: number;
};

/** Each stock page, its screenshot name and its h1. */
const STOCK_PAGES: [string, string, string][] = [
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

const frenchDate = (day: string) => day.split('-').reverse().join('/');

async function lotsOf(page: Page): Promise<ApiLot[]> {
  const response = await page.request.get('/api/stock/lots');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: ApiLot[] }).items;
}

/**
 * A product Bugeat can lend 3 units of from a single lot: the first lot it would pick
 * (first-expired, not yet expired) holds at least 3 available units, and Meymac holds no box
 * of that lot yet (wholesalers deliver the same lot to several pharmacies), so what Meymac
 * then holds of it is what the transfer brought.
 */
async function bugeatLendableLot(bugeat: Page, meymac: Page): Promise<ApiLot> {
  const lots = await lotsOf(bugeat);
  const meymacLots = new Set((await lotsOf(meymac)).map((l) => `${l.cip13}/${l.lotNumber}`));
  const today = new Date().toISOString().slice(0, 10);
  const firstPick = new Map<string, ApiLot>();
  for (const lot of [...lots].sort((a, b) => a.expiryDate.localeCompare(b.expiryDate) || a.id - b.id)) {
    if (lot.available > 0 && lot.expiryDate > today && !firstPick.has(lot.cip13)) firstPick.set(lot.cip13, lot);
  }
  const lot = [...firstPick.values()].find((l) => l.available >= 3 && !meymacLots.has(`${l.cip13}/${l.lotNumber}`));
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
    const lot = await bugeatLendableLot(bugeat, meymac);

    // Meymac finds the drug in the pool and asks Bugeat for 3 units.
    await meymac.getByRole('navigation').getByRole('link', { name: 'Stock partagé' }).click();
    await meymac.getByLabel('Rechercher un médicament').fill(lot.cip13);
    const poolRow = await rowOf(meymac, `pool-row-${lot.cip13}`);
    const bugeatCell = await poolRow.getByTestId('pool-cell-bugeat').textContent();
    expect(bugeatCell).toMatch(/^\d+ unités disponibles/);
    expect(bugeatCell).toContain(`Pér. ${frenchDate(lot.expiryDate)}`);
    // A screen reader hears how many products the search found (one: the CIP13 typed).
    await expect.poll(() => meymac.getByTestId('pool-found').textContent()).toBe('1 produit trouvé');
    expect(await meymac.getByTestId('pool-found').getAttribute('role')).toBe('status');
    // The request button names the box by its count, as two presentations of one name are two
    // rows (« (boîte de 30) », not the packaging's whole description).
    expect(
      await poolRow
        .getByRole('button', { name: /^Demander un dépannage à la Pharmacie de Bugeat/ })
        .getAttribute('aria-label'),
    ).toMatch(/ : .+ \(boîte de \d+\)$/);
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'stock-pool');
    await poolRow.getByRole('button', { name: /^Demander un dépannage à la Pharmacie de Bugeat/ }).focus();
    await meymac.keyboard.press('Enter');
    const ask = meymac.getByRole('dialog', { name: 'Demander un dépannage à la Pharmacie de Bugeat' });
    await ask.waitFor();
    // The shared schema refuses an empty request before anything is sent.
    await ask.getByRole('button', { name: 'Envoyer la demande' }).click();
    await ask.getByText('Champ obligatoire').first().waitFor();
    await ask.getByLabel('Quantité').fill('3');
    await ask.getByLabel('Motif').fill('Ordonnance de Mme Lefèvre, sortie d’hospitalisation');
    await ask.getByRole('radio', { name: 'Urgent' }).check();
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'stock-pool-request');
    const [created] = await Promise.all([
      meymac.waitForResponse((r) => r.url().endsWith('/api/transfers') && r.request().method() === 'POST'),
      ask.getByRole('button', { name: 'Envoyer la demande' }).click(),
    ]);
    expect(created.status()).toBe(201);
    const transferId = ((await created.json()) as { id: number }).id;
    await meymac.getByText('Demande envoyée à la Pharmacie de Bugeat.').waitFor();

    await meymac.goto('/transfers?tab=outbox');
    const outRow = await rowOf(meymac, `transfer-row-${transferId}`);
    await expect.poll(() => outRow.textContent()).toContain('Demandé');

    // Bugeat sees it waiting on its home page and in its inbox, accepts it and ships it.
    await bugeat.goto('/');
    await expect.poll(() => bugeat.getByTestId('card-transfers').textContent()).toMatch(/Demandes à accepter/);
    await expectNoSeriousA11yViolations(bugeat);
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
    await expectNoSeriousA11yViolations(bugeat);
    await screenshot(bugeat, 'stock-transfers-inbox');

    // Meymac receives the lot Bugeat shipped, with its number and expiry.
    await meymac.reload();
    await expect.poll(() => outRow.textContent()).toContain('Expédié');
    await outRow.getByRole('button', { name: 'Réceptionner' }).click();
    const receive = meymac.getByRole('dialog', { name: 'Réceptionner le dépannage' });
    const line = receive.getByTestId(`receive-line-${lot.lotNumber}`);
    await line.waitFor();
    expect(await line.textContent()).toContain(frenchDate(lot.expiryDate));
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'stock-transfers-receive');
    await receive.getByRole('button', { name: 'Réceptionner' }).click();
    await expect.poll(() => outRow.textContent()).toContain('Reçu');
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'stock-transfers-outbox');

    // The lot is now in Meymac's stock with the same lot number and expiry as at Bugeat.
    await meymac.getByRole('navigation').getByRole('link', { name: 'Mon stock' }).click();
    await meymac.getByLabel('Rechercher (produit, CIP13, lot)').fill(lot.lotNumber);
    const lotRow = await rowOf(meymac, `lot-row-${lot.lotNumber}`);
    // Lots are grouped by product: the product heads its group, the row gives lot, expiry, units.
    expect(await meymac.getByTestId(`product-group-${lot.cip13}`).textContent()).toContain(lot.cip13);
    const cells = await lotRow.getByRole('cell').allTextContents();
    expect(cells[0]).toBe(lot.lotNumber);
    expect(cells[1]).toContain(frenchDate(lot.expiryDate));
    expect(cells[2]).toBe('3');
    await lotRow.getByRole('button', { name: lot.lotNumber, exact: true }).click();
    const drawer = meymac.getByRole('dialog', { name: `Lot ${lot.lotNumber}` });
    await drawer.getByRole('cell', { name: 'Dépannage reçu' }).waitFor();
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'stock-lot-drawer');
  }, 90_000);

  it('When Bugeat rejects one request and grants part of another, and fewer units arrive, Then each side sees why', async () => {
    const meymac = await harness.newPage();
    const bugeat = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    await loginAs(bugeat, 'pharmacien.bugeat@officoop.test');
    const lot = await bugeatLendableLot(bugeat, meymac);
    const pool = (await (await meymac.request.get(`/api/pool/${lot.cip13}`)).json()) as {
      pharmacies: { pharmacyId: number; pharmacySlug: string }[];
    };
    const bugeatId = pool.pharmacies.find((p) => p.pharmacySlug === 'bugeat')?.pharmacyId;
    const ask = async (reason: string) => {
      const response = await meymac.request.post('/api/transfers', {
        data: { fromPharmacyId: bugeatId, cip13: lot.cip13, quantity: 3, reason, urgency: 'normal' },
      });
      expect(response.status()).toBe(201);
      return ((await response.json()) as { id: number }).id;
    };
    const rejected = await ask('Patient de passage');
    const partial = await ask('Renouvellement EHPAD');

    await bugeat.goto('/transfers');
    const rejectRow = await rowOf(bugeat, `transfer-row-${rejected}`);
    await rejectRow.getByRole('button', { name: 'Refuser' }).click();
    const reject = bugeat.getByRole('dialog', { name: 'Refuser la demande' });
    await reject.getByLabel('Motif du refus').fill('Stock réservé à nos patients');
    await reject.getByRole('button', { name: 'Refuser' }).click();
    await expect.poll(() => rejectRow.textContent()).toContain('Refusé');

    const partialRow = await rowOf(bugeat, `transfer-row-${partial}`);
    await partialRow.getByRole('button', { name: 'Accepter' }).click();
    const accept = bugeat.getByRole('dialog', { name: 'Accepter la demande' });
    await accept.getByLabel('Quantité accordée').fill('2');
    await accept.getByRole('button', { name: 'Accepter' }).click();
    await expect.poll(() => partialRow.textContent()).toContain('2 sur 3');
    await partialRow.getByRole('button', { name: 'Expédier' }).click();
    await bugeat.getByRole('dialog', { name: 'Expédier' }).getByRole('button', { name: 'Expédier' }).click();
    await expect.poll(() => partialRow.textContent()).toContain('Expédié');

    await meymac.goto('/transfers?tab=outbox');
    expect(await (await rowOf(meymac, `transfer-row-${rejected}`)).textContent()).toContain(
      'Refus : Stock réservé à nos patients',
    );
    // Meymac already holds 4 units of that very lot, bought at 1 € more a unit.
    const bought = lot.unitCostMillicents + 100_000;
    const held = await meymac.request.post('/api/stock/receipts', {
      data: {
        cip13: lot.cip13,
        lotNumber: lot.lotNumber,
        expiryDate: lot.expiryDate,
        quantity: 4,
        unitCostMillicents: bought,
        unitCostCents: Math.round(bought / 1000),
      },
    });
    expect(held.status()).toBe(201);
    const outRow = await rowOf(meymac, `transfer-row-${partial}`);
    await outRow.getByRole('button', { name: 'Réceptionner' }).click();
    const receive = meymac.getByRole('dialog', { name: 'Réceptionner le dépannage' });
    await receive.getByLabel(`Quantité reçue du lot ${lot.lotNumber}`).fill('1');
    await receive.getByRole('button', { name: 'Réceptionner' }).click();
    await receive.getByText('Une note est nécessaire quand il manque des unités').waitFor();
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'stock-transfers-receive-short');
    await receive.getByLabel('Note de réception').fill('Une boîte écrasée pendant le transport');
    await receive.getByRole('button', { name: 'Réceptionner' }).click();
    await expect.poll(() => outRow.textContent()).toContain('Reçu');
    expect(await outRow.textContent()).toContain('Réception : Une boîte écrasée pendant le transport');
    // The toast says the lot's cost moved to the weighted average of 4 units and the 1 received.
    await meymac.getByText(new RegExp(`Coût unitaire du lot ${lot.lotNumber} : .+ → .+ \\(moyenne pondérée`)).waitFor();
  }, 60_000);

  it('When a technician receives boxes and moves them by hand, Then refusals are explained and the lot shows each movement', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'preparateur.felletin@officoop.test');
    await page.goto('/stock');
    await page.getByRole('button', { name: 'Réceptionner' }).click();
    const receipt = page.getByRole('dialog', { name: 'Réceptionner des boîtes' });
    await receipt.getByRole('button', { name: 'Enregistrer la réception' }).click();
    expect(await receipt.getByText('Champ obligatoire').count()).toBeGreaterThanOrEqual(4);

    await receipt.getByLabel('Médicament').fill('amlor');
    await page.getByRole('option', { name: /3400933313586/ }).click();
    // A lot number too long is kept whole and refused in words (the field used to cut it at 20, silently).
    await receipt.getByLabel('Numéro de lot').fill('E2E-LOT1-0123456789-XYZ');
    await receipt.getByLabel('Numéro de lot').blur();
    await receipt.getByText('Numéro de lot trop long (20 caractères au plus)').waitFor();
    expect(await receipt.getByLabel('Numéro de lot').inputValue()).toBe('E2E-LOT1-0123456789-XYZ');
    await receipt.getByLabel('Numéro de lot').fill('E2E-LOT1');
    // The expiry is typed as printed on the box, month and year; an impossible day is explained.
    const expiry = receipt.getByRole('textbox', { name: 'Date de péremption' });
    await expiry.fill('31/02/2028');
    await expiry.blur();
    await receipt.getByText('Ce jour n’existe pas : vérifiez le jour et le mois').waitFor();
    const now = new Date();
    const box = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 4, 0));
    const [mm, yyyy] = [String(box.getUTCMonth() + 1).padStart(2, '0'), box.getUTCFullYear()];
    await expiry.fill(`${mm}/${yyyy}`);
    await expiry.blur();
    expect(await expiry.inputValue()).toBe(`${box.getUTCDate()}/${mm}/${yyyy}`);
    // A value pasted with a decimal point or a minus sign is kept as it is and refused in words
    // (it was 25 units and 1 € per unit, silently).
    await receipt.getByLabel('Quantité').fill('2.5');
    await receipt.getByLabel('Coût unitaire HT').fill('-1');
    await receipt.getByText('Nombre entier d’unités').waitFor();
    await receipt.getByText('Au moins 0').waitFor();
    expect(await receipt.getByLabel('Quantité').inputValue()).toBe('2.5');
    expect(await receipt.getByLabel('Coût unitaire HT').inputValue()).toBe('-1');
    await receipt.getByRole('button', { name: 'Enregistrer la réception' }).click();
    await receipt.getByText('Nombre entier d’unités').waitFor();
    // « 1e3 » is no price (it was sent as 1 000 € a unit): refused on the field, nothing sent.
    const receiptPosts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/stock/receipts')) receiptPosts.push(r.url());
    });
    await receipt.getByLabel('Quantité').fill('20');
    await receipt.getByLabel('Coût unitaire HT').fill('1e3');
    await receipt.getByRole('button', { name: 'Enregistrer la réception' }).click();
    await receipt.getByText('Saisissez un nombre').waitFor();
    await page.waitForTimeout(500);
    expect(receiptPosts).toEqual([]);
    await receipt.getByLabel('Quantité').fill('20');
    await receipt.getByLabel('Coût unitaire HT').fill('1.25');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'stock-receipt-form');
    await receipt.getByRole('button', { name: 'Enregistrer la réception' }).click();
    await page.getByText('20 unités entrées dans le lot E2E-LOT1.').waitFor();

    await page.getByLabel('Rechercher (produit, CIP13, lot)').fill('E2E-LOT1');
    const row = await rowOf(page, 'lot-row-E2E-LOT1');
    // Grouped by product: lot, expiry, on hand.
    expect((await row.getByRole('cell').allTextContents())[2]).toBe('20');
    const menu = async (item: string) => {
      await row.getByRole('button', { name: 'Actions pour Lot E2E-LOT1' }).click();
      await page.getByRole('menuitem', { name: item }).click();
    };

    await menu('Dispenser');
    const dispense = page.getByRole('dialog', { name: 'Dispenser' });
    await dispense.getByLabel('Quantité').fill('25');
    await dispense.getByRole('button', { name: 'Enregistrer la dispensation' }).click();
    await dispense.getByText('Stock insuffisant : 20 unités disponibles pour 25 demandées.').waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'stock-dispense-refused');
    await dispense.getByLabel('Quantité').fill('5');
    await dispense.getByRole('button', { name: 'Enregistrer la dispensation' }).click();
    await dispense.waitFor({ state: 'detached' });

    await menu('Ajuster la quantité');
    const adjust = page.getByRole('dialog', { name: 'Ajuster la quantité' });
    await adjust.getByLabel('Écart (+ ou −)').fill('-2');
    await adjust.getByText('Nouvelle quantité en stock : 13').waitFor();
    await adjust.getByLabel('Motif').fill('Inventaire');
    await adjust.getByRole('button', { name: 'Enregistrer l’ajustement' }).click();
    await adjust.waitFor({ state: 'detached' });

    await menu('Détruire');
    const destroy = page.getByRole('dialog', { name: 'Détruire des unités' });
    await destroy.getByLabel('Quantité').fill('1');
    await destroy.getByRole('radio', { name: 'Endommagé' }).check();
    await destroy.getByRole('button', { name: 'Enregistrer la destruction' }).click();
    await destroy.waitFor({ state: 'detached' });

    await expect.poll(async () => (await row.getByRole('cell').allTextContents())[2]).toBe('12');
    await row.getByRole('button', { name: 'E2E-LOT1', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: 'Lot E2E-LOT1' });
    await drawer.getByRole('cell', { name: 'Destruction' }).waitFor();
    const movements = await drawer.getByRole('row').allTextContents();
    expect(movements.slice(1).map((r) => r.replace(/^\d{2}\/\d{2}\/\d{4}/, ''))).toEqual([
      // Each movement names who made it and in which pharmacy.
      'Destruction-1EndommagéPréparateur·rice de FelletinPharmacie de Felletin',
      'Ajustement-2InventairePréparateur·rice de FelletinPharmacie de Felletin',
      'Dispensation-5Préparateur·rice de FelletinPharmacie de Felletin',
      'Réception+20Préparateur·rice de FelletinPharmacie de Felletin',
    ]);
    await page.keyboard.press('Escape');

    // A minimum of 50 puts the lot's product on the low-stock list.
    await page.goto('/stock/alerts?tab=thresholds');
    await page.getByRole('button', { name: 'Nouveau seuil' }).click();
    const threshold = page.getByRole('dialog', { name: 'Nouveau seuil' });
    // Chosen with the keyboard only: type, arrow down, Enter.
    const product = threshold.getByLabel('Médicament');
    await product.fill('3400933313586');
    await page.getByRole('option', { name: /3400933313586/ }).waitFor();
    await product.press('ArrowDown');
    await product.press('Enter');
    expect(await product.inputValue()).toMatch(/3400933313586$/);
    await threshold.getByLabel('Quantité minimum').fill('50');
    await threshold.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('cell', { name: /3400933313586/ }).waitFor();
    await page.getByRole('tab', { name: 'Sous le seuil' }).click();
    const low = page.getByRole('table', { name: 'Sous le seuil' }).getByRole('row', { name: /3400933313586/ });
    await low.waitFor();
    expect(await low.getByRole('cell').allTextContents()).toEqual([
      expect.stringContaining('AMLOR'),
      '50',
      '12',
      '38',
      'Chercher dans le stock partagé',
    ]);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'stock-alerts-low-after');

    // The low-stock list leads to the pool, and an address with a product filters the stock by it.
    await low.getByRole('link', { name: 'Chercher dans le stock partagé' }).click();
    await page.getByTestId('pool-row-3400933313586').waitFor();
    await page.goto('/stock?cip13=3400933313586');
    await expect.poll(() => page.getByRole('combobox', { name: 'Médicament' }).inputValue()).toMatch(/3400933313586$/);
    await rowOf(page, 'lot-row-E2E-LOT1');
    expect(await page.getByRole('row').count()).toBe(2);
    // On a phone the lot reads as one column (number and expiry), so the units available and the
    // lot's menu are on the screen, not behind a sideways scroll.
    await page.setViewportSize(PHONE);
    const phoneRow = await rowOf(page, 'lot-row-E2E-LOT1');
    await phoneRow.getByText('E2E-LOT1').waitFor();
    for (const target of [
      page.getByRole('columnheader', { name: 'Disponible' }),
      phoneRow.getByRole('button', { name: 'Actions pour Lot E2E-LOT1' }),
    ]) {
      await expect
        .poll(async () => {
          const b = await target.boundingBox();
          return (b?.x ?? 0) + (b?.width ?? Number.POSITIVE_INFINITY);
        })
        .toBeLessThanOrEqual(PHONE.width);
    }
    await screenshot(page, 'stock-lots-phone');
  }, 60_000);

  it('When a technician receives more of a lot already on the shelf at another price, Then the lot costs the weighted average and the toast says so', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'preparateur.felletin@officoop.test');
    await page.goto('/stock');
    const receive = async (quantity: string, cost: string) => {
      await page.getByRole('button', { name: 'Réceptionner' }).click();
      const receipt = page.getByRole('dialog', { name: 'Réceptionner des boîtes' });
      await receipt.getByLabel('Médicament').fill('3400933313586');
      await page.getByRole('option', { name: /3400933313586/ }).click();
      await receipt.getByLabel('Numéro de lot').fill('E2E-PMP');
      await receipt.getByRole('textbox', { name: 'Date de péremption' }).fill('12/2029');
      await receipt.getByLabel('Quantité').fill(quantity);
      await receipt.getByLabel('Coût unitaire HT').fill(cost);
      await receipt.getByRole('button', { name: 'Enregistrer la réception' }).click();
      await receipt.waitFor({ state: 'detached' });
    };
    await receive('10', '1');
    await page.getByText('10 unités entrées dans le lot E2E-PMP.', { exact: true }).waitFor();
    await receive('30', '2');
    // (10 × 1 € + 30 × 2 €) / 40 = 1,75 €.
    await page
      .getByText(
        /^30 unités entrées dans le lot E2E-PMP\. Coût unitaire du lot : 1,00\s€ → 1,75\s€ \(moyenne pondérée des prix d’achat\)\.$/,
      )
      .waitFor();
    await screenshot(page, 'stock-receipt-weighted-cost');
  });

  it('When a technician receives boxes as the delivery note counts them, Then the lot gets boxes × box size units at the box price ÷ box size', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'preparateur.felletin@officoop.test');
    await page.goto('/stock');
    await page.getByRole('button', { name: 'Réceptionner' }).click();
    const receipt = page.getByRole('dialog', { name: 'Réceptionner des boîtes' });
    await receipt.getByLabel('Médicament').fill('3400933313586');
    await page.getByRole('option', { name: /3400933313586/ }).click();
    // AMLOR 5 mg, boîte de 30 gélules (its BDPM label).
    await receipt.getByText('En boîtes de 30').click();
    await receipt.getByLabel('Numéro de lot').fill('E2E-BOX');
    await receipt.getByRole('textbox', { name: 'Date de péremption' }).fill('11/2029');
    await receipt.getByLabel('Nombre de boîtes').fill('3');
    await receipt.getByText('Soit 90 unités en stock').waitFor();
    await receipt.getByLabel('Prix de la boîte HT').fill('10');
    // 10 € ÷ 30, rounded once to the millicent.
    await receipt.getByText(/^Soit 0,33333\s€ l’unité$/).waitFor();
    await screenshot(page, 'stock-receipt-boxes');
    await receipt.getByRole('button', { name: 'Enregistrer la réception' }).click();
    await page.getByText('90 unités entrées dans le lot E2E-BOX.', { exact: true }).waitFor();
    const lot = (await (await page.request.get('/api/stock/lots?q=E2E-BOX')).json()).items[0];
    expect(lot).toMatchObject({ quantity: 90, unitCostMillicents: 33_333, unitCostCents: 33 });
  });

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
    expect(await page.getByRole('button', { name: 'Appliquer' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'stock-import-errors');
  });

  for (const [viewport, suffix] of [
    [undefined, 'desktop'],
    [TABLET, 'tablet'],
  ] as const) {
    it(`When a pharmacist opens each stock page on a ${suffix}, Then each shows its content, titled and accessible`, async () => {
      const page = await harness.newPage(viewport);
      await loginAs(page, 'pharmacien.felletin@officoop.test');
      for (const [path, name, heading] of STOCK_PAGES) {
        await page.goto(path);
        await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
        await expect.poll(() => page.getByLabel('Chargement…').count()).toBe(0);
        if (path !== '/') expect(await page.title()).toBe(`${heading} — Officoop`);
        await expectNoSeriousA11yViolations(page);
        await screenshot(page, `stock-page-${name}-${suffix}`);
      }
    }, 120_000);
  }

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
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'stock-settlement-treasurer');
  });
});

// Issue #15, fresh tester: a 20 000-lot pharmacy's expiring lots rendered 861 rows at once.
describe('long stock lists (real browser)', () => {
  it('When a pharmacist widens the expiry horizon to two years, Then the lots come 50 a page with a pager', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    await page.goto('/stock/alerts');
    // The default horizon's count depends on the day (the demo's lots expire relative to it):
    // read it, then wait for the two years' count to replace it.
    const atDefault = page.getByText(/^\d+ lots?, valeur /);
    await atDefault.waitFor();
    const defaultSummary = (await atDefault.textContent()) ?? '';
    // The value at risk is summed from the costs as bought and rounded once (centsOf), as Mon stock does.
    const expiring = (await (await page.request.get('/api/stock/expiring?days=90')).json()) as {
      items: { available: number; unitCostMillicents: number }[];
    };
    const atRisk = centsOf(
      expiring.items.map((l) => ({ quantity: l.available, unitCostMillicents: l.unitCostMillicents })),
    );
    expect(defaultSummary.replace(/\s/g, ' ')).toBe(
      `${expiring.items.length} lot${expiring.items.length > 1 ? 's' : ''}, valeur ${formatMoney(atRisk).replace(/\s/g, ' ')}`,
    );
    const horizon = page.getByRole('textbox', { name: /Horizon/ });
    await horizon.fill('730');
    await page
      .getByText(/^\d+ lots, valeur /)
      .filter({ hasNotText: defaultSummary })
      .waitFor();
    const summary = (await page.getByText(/^\d+ lots, valeur /).textContent()) ?? '';
    const total = Number(summary.replace(/\D.*$/, ''));
    expect(total).toBeGreaterThan(50);
    const rows = page.getByRole('table', { name: 'Bientôt périmés' }).locator('tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 50);
    expect(await rows.count()).toBe(50);
    const first = (await rows.first().textContent()) ?? '';
    await page.getByRole('button', { name: 'Page suivante' }).click();
    await page.waitForFunction((text) => document.querySelector('tbody tr')?.textContent !== text, first);
    expect(await rows.count()).toBe(Math.min(50, total - 50));
    await screenshot(page, 'stock-alerts-paged');
  });
});

import { execFileSync } from 'node:child_process';
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

type ApiTransfer = { id: number; status: string; reason: string; cip13: string; productLabel: string };

/** The demo's shipped dépannage from Bugeat to Peyrelevade, as Peyrelevade sees it. */
async function shippedFromBugeat(page: Page): Promise<ApiTransfer> {
  const list = await page.request.get('/api/transfers?box=outbox');
  expect(list.ok()).toBe(true);
  const transfer = ((await list.json()) as { items: ApiTransfer[] }).items.find((t) => t.reason === 'Dépannage EHPAD');
  if (!transfer) throw new Error('the demo seed has no "Dépannage EHPAD" transfer');
  expect(transfer.status).toBe('shipped');
  return transfer;
}

describe('pharmacy contacts and the dépannage slip (real browser)', () => {
  it('When the admin edits Bugeat’s contact, Then a pharmacist sees it on the pool and the transfer, and prints the slip', async () => {
    // The admin edits Bugeat: a FINESS with a wrong key is refused under its field, then fixed.
    const admin = await harness.newPage();
    await loginAs(admin, 'admin@officoop.test');
    await admin.goto('/admin/pharmacies');
    await admin.getByRole('button', { name: 'Modifier Pharmacie de Bugeat' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Modifier Pharmacie de Bugeat' });
    await dialog.getByLabel('Téléphone').fill('05.55.00.77.88');
    await dialog.getByLabel('Pharmacien·ne titulaire').fill('Marie Dupuy');
    await dialog.getByLabel('Numéro FINESS').fill('190991019');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.getByText('la clé (dernier chiffre) ne correspond pas').waitFor();
    await screenshot(admin, 'contacts-admin-edit-error');
    await dialog.getByLabel('Numéro FINESS').fill('19 099 101 8');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = admin.getByRole('row', { name: /Pharmacie de Bugeat/ });
    await row.getByText('05 55 00 77 88').waitFor();
    expect(await row.textContent()).toContain('Marie Dupuy');
    await expectNoSeriousA11yViolations(admin);
    await screenshot(admin, 'contacts-admin-list');

    // Peyrelevade finds the product in the pool and opens Bugeat's contact from the row.
    const peyrelevade = await harness.newPage();
    await loginAs(peyrelevade, 'pharmacien.peyrelevade@officoop.test');
    const transfer = await shippedFromBugeat(peyrelevade);
    await peyrelevade.goto(`/pool?q=${transfer.cip13}`);
    const cell = peyrelevade.getByTestId(`pool-row-${transfer.cip13}`).getByTestId('pool-cell-bugeat');
    await cell.getByRole('button', { name: 'Coordonnées de la Pharmacie de Bugeat' }).click();
    const card = peyrelevade.getByTestId('contact-bugeat');
    await card.waitFor();
    const cardText = await card.textContent();
    expect(cardText).toContain('Tél. 05 55 00 77 88');
    expect(cardText).toContain('Titulaire : Marie Dupuy');
    expect(cardText).toContain('2 place du Champ de Foire');
    expect(await card.getByRole('link', { name: 'Tél. 05 55 00 77 88' }).getAttribute('href')).toBe('tel:+33555007788');
    await expectNoSeriousA11yViolations(peyrelevade);
    await screenshot(peyrelevade, 'contacts-pool-popover');
    // Escape closes the card and gives focus back to its button (a keyboard user could not close it).
    await peyrelevade.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
    const opener = cell.getByRole('button', { name: 'Coordonnées de la Pharmacie de Bugeat' });
    await expect.poll(() => opener.evaluate((el) => el === document.activeElement)).toBe(true);

    // The transfer page shows both pharmacies' contacts and the slip to print.
    await peyrelevade.goto(`/transfers/${transfer.id}`);
    const contacts = peyrelevade.getByTestId('transfer-contacts');
    await contacts.getByTestId('contact-bugeat').waitFor();
    expect(await contacts.getByTestId('contact-bugeat').textContent()).toContain('05 55 00 77 88');
    expect(await contacts.getByTestId('contact-peyrelevade').textContent()).toContain('05 55 00 33 03');
    await expectNoSeriousA11yViolations(peyrelevade);
    await screenshot(peyrelevade, 'contacts-transfer');

    const [download] = await Promise.all([
      peyrelevade.waitForEvent('download'),
      peyrelevade.getByRole('link', { name: 'Bon de dépannage (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`bon-depannage-${transfer.id}.pdf`);
    const file = await download.path();
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain(`Bon de dépannage n° ${transfer.id}`);
    expect(text).toContain('Marie Dupuy');
    expect(text).toContain('05 55 00 33 03');
    expect(text).toContain(`CIP13 : ${transfer.cip13}`);

    // On a tablet the transfer page still shows both contacts and the slip button.
    const tablet = await harness.newPage(TABLET);
    await loginAs(tablet, 'pharmacien.bugeat@officoop.test');
    await tablet.goto(`/transfers/${transfer.id}`);
    await tablet.getByTestId('transfer-contacts').getByTestId('contact-peyrelevade').waitFor();
    await tablet.getByRole('link', { name: 'Bon de dépannage (PDF)' }).waitFor();
    await screenshot(tablet, 'contacts-transfer-tablet');
  });
});

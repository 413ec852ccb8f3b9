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

// The monthly settlement as the treasurer and the pharmacists use it (issue #15): the home card,
// a provisional month, a closed month's payment marked paid by the creditor's pharmacist and undone
// by the treasurer, the year's statements. One server and one browser for the file.

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

type Pair = {
  pharmacyAId: number;
  pharmacyBId: number;
  pharmacyAName: string;
  pharmacyBName: string;
  debtorId: number | null;
  creditorId: number | null;
  netCents: number;
  provisional: boolean;
  payment: unknown;
};
type Pharmacy = { id: number; slug: string; town: string };

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.ok()).toBe(true);
  return (await res.json()) as T;
}

/** The latest month (this year or last) whose statement holds a final, unpaid payment, and that line. */
async function payableLine(page: Page): Promise<{ month: string; pair: Pair }> {
  const year = new Date().getFullYear();
  for (const y of [year, year - 1]) {
    const { items } = await getJson<{ items: { month: string; provisional: boolean; payments: number }[] }>(
      page,
      `/api/transfers/settlement/year?year=${y}`,
    );
    for (const item of [...items].reverse()) {
      if (item.payments === 0) continue;
      const { pairs } = await getJson<{ pairs: Pair[] }>(page, `/api/transfers/settlement?month=${item.month}`);
      const pair = pairs.find((p) => p.netCents > 0 && !p.provisional && p.payment === null);
      if (pair) return { month: item.month, pair };
    }
  }
  throw new Error('the demo seed holds no closed month with a payment to make');
}

describe('monthly settlement (real browser)', () => {
  it('When the treasurer opens the home, Then the card gives this month and last month and opens last month’s statement', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'tresorier@officoop.test');
    const card = page.getByTestId('card-settlement');
    const months = card.locator('[data-testid^="card-settlement-"]');
    await months.first().waitFor();
    expect(await months.count()).toBe(2);
    // This month is never over: it reads provisional.
    expect(await months.first().textContent()).toMatch(/^[a-zéû]+ \d{4} \(provisoire\) : /);
    await card.getByRole('link', { name: 'Ouvrir la compensation mensuelle' }).click();
    await page.waitForURL(/\/transfers\/settlement\?month=\d{4}-\d{2}$/);
    await page.getByRole('table', { name: 'Compensation mensuelle' }).waitFor();
  });

  it('When the current month is opened, Then it is marked provisoire and offers no payment', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'tresorier@officoop.test');
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date()).slice(0, 7);
    await page.goto(`/transfers/settlement?month=${month}`);
    await page.getByTestId('settlement-provisional').waitFor();
    await page.getByRole('alert').or(page.getByText('Relevé provisoire')).first().waitFor();
    await page.getByText('Le mois n’est pas terminé : les montants peuvent encore changer.').waitFor();
    await page.getByRole('table', { name: 'Compensation mensuelle' }).waitFor();
    expect(await page.getByRole('button', { name: /^Marquer payé/ }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'settlement-provisional');
  });

  it('When the address asks for a month that does not exist, Then the page says so and names the month it shows', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'tresorier@officoop.test');
    await page.goto('/transfers/settlement?month=2026-13');
    const notice = page.getByTestId('unread-address');
    expect(await notice.textContent()).toMatch(
      /^L’adresse de la page demande « 2026-13 », qui ne se lit pas\. Affiché à la place : [a-zéû]+ \d{4}\.$/,
    );
    // The month shown is the one the month picker holds.
    const shown = (await notice.textContent())?.match(/: ([a-zéû]+ \d{4})\.$/)?.[1] ?? '';
    expect((await page.getByRole('button', { name: 'Mois' }).textContent())?.toLowerCase()).toBe(shown);
  });

  it('When the creditor’s pharmacist marks a closed month paid, Then everyone sees who marked it, and the treasurer can undo it', async () => {
    const treasurer = await harness.newPage();
    await loginAs(treasurer, 'tresorier@officoop.test');
    const { month, pair } = await payableLine(treasurer);
    const { items: pharmacies } = await getJson<{ items: Pharmacy[] }>(treasurer, '/api/pharmacies');
    const slugOf = (id: number | null) => pharmacies.find((p) => p.id === id)?.slug as string;
    const townOf = (id: number) => pharmacies.find((p) => p.id === id)?.town as string;
    const pairLabel = `${townOf(pair.pharmacyAId)} – ${townOf(pair.pharmacyBId)}`;
    const row = (page: Page) => page.getByTestId(`settlement-pair-${pair.pharmacyAId}-${pair.pharmacyBId}`);

    // The debtor's pharmacist sees the line to pay, but marking it is the creditor's.
    const debtor = await harness.newPage();
    await loginAs(debtor, `pharmacien.${slugOf(pair.debtorId)}@officoop.test`);
    await debtor.goto(`/transfers/settlement?month=${month}`);
    await row(debtor).getByText('À régler').waitFor();
    expect(await row(debtor).getByRole('button').count()).toBe(0);

    const creditor = await harness.newPage();
    await loginAs(creditor, `pharmacien.${slugOf(pair.creditorId)}@officoop.test`);
    await creditor.goto(`/transfers/settlement?month=${month}`);
    // Each dépannage of the month opens its own page for the pharmacies' staff.
    const firstTransfer = creditor
      .getByRole('table', { name: 'Dépannages reçus dans le mois' })
      .getByRole('link', { name: /^N° \d+$/ })
      .first();
    expect(await firstTransfer.getAttribute('href')).toMatch(/^\/transfers\/\d+$/);
    await creditor.getByRole('button', { name: `Marquer payé : ${pairLabel}` }).click();
    const dialog = creditor.getByRole('dialog', { name: 'Marquer le règlement comme payé' });
    await dialog.getByText(/a bien réglé .* pour /).waitFor();
    await expectNoSeriousA11yViolations(creditor);
    await screenshot(creditor, 'settlement-mark-paid-dialog');
    await dialog.getByRole('button', { name: 'Oui, c’est payé' }).click();
    await row(creditor).getByText('Payé', { exact: true }).waitFor();
    await row(creditor)
      .getByText(/^Marqué le \d{2}\/\d{2}\/\d{4} par Pharmacien·ne de /)
      .waitFor();
    await screenshot(creditor, 'settlement-paid');

    // The treasurer sees it paid in the month and in the year's list, then undoes it.
    await treasurer.goto(`/transfers/settlement?month=${month}`);
    await row(treasurer).getByText('Payé', { exact: true }).waitFor();
    // The treasurer reads no transfer: the numbers are plain text.
    expect(
      await treasurer.getByRole('table', { name: 'Dépannages reçus dans le mois' }).getByRole('link').count(),
    ).toBe(0);
    const yearRow = treasurer.getByTestId(`settlement-month-${month}`);
    // A month still provisional for other pairs says how many of its payments are marked.
    await yearRow.getByText(/^Payé$| payés?$/).waitFor();
    await expect
      .poll(async () => yearRow.getByRole('link', { name: /en PDF$/ }).getAttribute('href'))
      .toBe(`/api/transfers/settlement?month=${month}&format=pdf`);
    await treasurer.getByRole('button', { name: `Annuler le paiement : ${pairLabel}` }).click();
    const undo = treasurer.getByRole('dialog', { name: 'Annuler le paiement' });
    await undo.getByRole('button', { name: 'Annuler le paiement' }).click();
    await row(treasurer)
      .getByRole('button', { name: `Marquer payé : ${pairLabel}` })
      .waitFor();
    await row(treasurer).getByText('À régler').waitFor();
  });

  it('When the treasurer browses the year on a tablet, Then each month opens its statement and the page fits 768 px', async () => {
    const page = await harness.newPage(TABLET);
    await loginAs(page, 'tresorier@officoop.test');
    const { month } = await payableLine(page);
    const year = Number(month.slice(0, 4));
    await page.goto(`/transfers/settlement?month=${year}-01`);
    await page.getByRole('heading', { name: `Relevés de ${year}` }).waitFor();
    const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${month}-15T00:00:00Z`),
    );
    await page.getByTestId(`settlement-month-${month}`).getByRole('button', { name: monthName }).click();
    await page.waitForURL(new RegExp(`month=${month}$`));
    await page.getByRole('table', { name: 'Dépannages reçus dans le mois' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(TABLET.width);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'settlement-year-tablet');
  });
});

import type { Page } from 'playwright-core';
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

// Who did each step, the lists that grow (transfers, stock, pool) and two tables on a tablet:
// one server and one browser for the file.
let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

type ApiTransfer = {
  id: number;
  status: string;
  reason: string;
  productLabel: string;
  cip13: string;
  fromPharmacyId: number;
  lines: { lotNumber: string }[];
};

async function transfersOf(page: Page, query: string) {
  const res = await page.request.get(`/api/transfers?${query}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as { items: ApiTransfer[]; total: number };
}

async function demoTransfer(page: Page, box: 'inbox' | 'outbox', reason: string): Promise<ApiTransfer> {
  const summary = (await transfersOf(page, `box=${box}&pageSize=500`)).items.find((t) => t.reason === reason);
  if (!summary) throw new Error(`the demo seed has no ${box} transfer "${reason}"`);
  return (await (await page.request.get(`/api/transfers/${summary.id}`)).json()) as ApiTransfer;
}

/** The page scrolls no wider than the window, and every button of the main content is wholly on screen. */
async function expectFitsWidth(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll('main table button')]
      .map((b) => ({ text: b.textContent?.trim() || b.getAttribute('aria-label'), r: b.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.left < 0 || r.right > window.innerWidth))
      .map(({ text }) => text),
  );
  expect(cut).toEqual([]);
}

describe('who did it (real browser)', () => {
  it('When Meymac opens a received dépannage, Then each step of the timeline names the person and the pharmacy; the lot it received names them too', async () => {
    const meymac = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    const transfer = await demoTransfer(meymac, 'outbox', 'Patiente en sortie d’hospitalisation');
    await meymac.goto(`/transfers/${transfer.id}`);
    const timeline = meymac.getByTestId('transfer-timeline');
    await timeline.waitFor();
    const by = async (step: string) => timeline.getByTestId(`timeline-${step}-by`).textContent();
    expect(await by('requested')).toBe('par Pharmacien·ne de Meymac — Pharmacie de Meymac');
    expect(await by('accepted')).toBe('par Pharmacien·ne de Bugeat — Pharmacie de Bugeat');
    expect(await by('shipped')).toBe('par Pharmacien·ne de Bugeat — Pharmacie de Bugeat');
    expect(await by('received')).toBe('par Pharmacien·ne de Meymac — Pharmacie de Meymac');
    await screenshot(meymac, 'stock-lists-timeline');

    // The lot it brought: its movement says who booked it, where, and from which pharmacy.
    const lotNumber = transfer.lines[0]?.lotNumber as string;
    await meymac.goto(`/stock?q=${encodeURIComponent(lotNumber)}&group=0`);
    await meymac.getByTestId(`lot-row-${lotNumber}`).getByText(lotNumber, { exact: true }).click();
    const drawer = meymac.getByRole('dialog', { name: `Lot ${lotNumber}` });
    const movements = drawer.getByRole('table', { name: 'Mouvements' });
    await movements.waitFor();
    const row = movements.getByRole('row').filter({ hasText: `Dépannage n° ${transfer.id}` });
    const text = await row.textContent();
    expect(text).toContain('de la Pharmacie de Bugeat');
    expect(text).toContain('Pharmacien·ne de Meymac');
    expect(text).toContain('Pharmacie de Meymac');
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'stock-lists-lot-drawer');
  }, 90_000);
});

/** A page's answer to a click can take seconds on a loaded machine (as the other waits of these files). */
const WAIT = { timeout: 20_000 };

describe('lists that grow (real browser)', () => {
  it('When Bugeat has many requests, Then its list is paged, searched and filtered by status, and the address keeps it', async () => {
    const meymac = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    const bugeatId = (await demoTransfer(meymac, 'outbox', 'Patiente en sortie d’hospitalisation')).fromPharmacyId;
    // A product Bugeat can lend: the one of the demo transfer it received from Meymac's shipment aside.
    const pool = (await (await meymac.request.get('/api/pool?q=biogaran&inStock=true&limit=50')).json()) as {
      items: { cip13: string; productLabel: string; pharmacies: { pharmacyId: number; available: number }[] }[];
    };
    const product = pool.items.find((p) => (p.pharmacies.find((x) => x.pharmacyId === bugeatId)?.available ?? 0) > 30);
    if (!product) throw new Error('no product Bugeat can lend 30 units of');
    for (let i = 0; i < 27; i++) {
      const res = await meymac.request.post('/api/transfers', {
        data: { fromPharmacyId: bugeatId, cip13: product.cip13, quantity: 1, reason: `Demande groupée ${i + 1}` },
      });
      expect(res.status()).toBe(201);
    }

    const bugeat = await harness.newPage();
    await loginAs(bugeat, 'pharmacien.bugeat@officoop.test');
    const all = await transfersOf(bugeat, 'box=inbox&pageSize=500');
    await bugeat.goto('/transfers');
    await bugeat
      .getByTestId('transfers-total')
      .filter({ hasText: `${all.total} dépannages` })
      .waitFor();
    const rowIds = async () =>
      await bugeat
        .locator('[data-testid^="transfer-row-"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    const first = await rowIds();
    expect(first).toHaveLength(25);
    expect(first).toEqual(all.items.slice(0, 25).map((t) => `transfer-row-${t.id}`));
    await bugeat.getByRole('button', { name: '2', exact: true }).click();
    await bugeat.waitForURL(/page=2/);
    await bugeat.getByTestId(`transfer-row-${all.items[25]?.id}`).waitFor();
    expect(await rowIds()).toEqual(all.items.slice(25, 50).map((t) => `transfer-row-${t.id}`));

    // Searching by the other pharmacy's town finds Meymac's requests, from page 1.
    await bugeat.getByTestId('transfers-search').fill('meymac');
    await bugeat.waitForURL(/q=meymac/);
    expect(new URL(bugeat.url()).searchParams.get('page')).toBeNull();
    const fromMeymac = await transfersOf(bugeat, 'box=inbox&q=meymac&pageSize=500');
    await bugeat
      .getByTestId('transfers-total')
      .filter({ hasText: `${fromMeymac.total} dépannages` })
      .waitFor();

    // Filtered by status: only the received ones, and the address keeps both.
    await bugeat.getByTestId('transfers-status').click();
    await bugeat.getByRole('option', { name: /^Reçu/ }).click();
    await bugeat.waitForURL(/status=received/);
    const received = await transfersOf(bugeat, 'box=inbox&q=meymac&status=received&pageSize=500');
    expect(received.total).toBeGreaterThan(0);
    await bugeat
      .getByTestId('transfers-total')
      .filter({ hasText: new RegExp(`^${received.total} dépannages?$`) })
      .waitFor();
    expect(await rowIds()).toEqual(received.items.map((t) => `transfer-row-${t.id}`));
    await expectNoSeriousA11yViolations(bugeat);
    await screenshot(bugeat, 'stock-lists-transfers-filtered');

    await bugeat.reload();
    await bugeat.getByTestId(`transfer-row-${received.items[0]?.id}`).waitFor();
    expect(await bugeat.getByTestId('transfers-search').inputValue()).toBe('meymac');

    // A search that matches nothing says so.
    await bugeat.getByRole('button', { name: 'Effacer les filtres' }).click();
    await bugeat.getByTestId('transfers-search').fill('zzzz introuvable');
    await bugeat.getByText('Aucun dépannage ne correspond à ces critères.').waitFor();
  }, 120_000);

  it('When Meymac opens its stock, Then lots are grouped by product with totals, and products sort by quantity', async () => {
    const meymac = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    await meymac.goto('/stock');
    const groups = meymac.locator('[data-testid^="product-group-"]');
    await groups.first().waitFor();
    const lots = (await (await meymac.request.get('/api/stock/lots')).json()) as {
      items: { cip13: string; quantity: number }[];
    };
    const first = groups.first();
    const cip13 = ((await first.getAttribute('data-testid')) as string).replace('product-group-', '');
    const units = lots.items.filter((l) => l.cip13 === cip13).reduce((s, l) => s + l.quantity, 0);
    const count = lots.items.filter((l) => l.cip13 === cip13).length;
    const total = ((await first.getByTestId(`product-total-${cip13}`).textContent()) ?? '').replace(/\s/g, '');
    expect(total).toContain(`Total:${units}unitésen${count}lot`);
    await screenshot(meymac, 'stock-lists-stock-grouped');

    await meymac.getByTestId('stock-sort').click();
    await meymac.getByRole('option', { name: 'Quantité en stock (la plus faible)' }).click();
    await meymac.waitForURL(/sort=quantity/);
    const totals = () =>
      meymac
        .locator('[data-testid^="product-total-"]')
        .allTextContents()
        .then((texts) => texts.map((text) => Number(/Total:(\d+)/.exec(text.replace(/\s/g, ''))?.[1])));
    // The groups re-render after the address changes: wait for the new order.
    await expect
      .poll(async () => {
        const now = await totals();
        return now.length > 1 && now.every((n, k) => k === 0 || (now[k - 1] as number) <= n);
      })
      .toBe(true);

    // Ungrouped, the single table of lots comes back.
    await meymac.getByTestId('stock-group').click();
    await meymac.waitForURL(/group=0/);
    await meymac.getByRole('table', { name: 'Mon stock', exact: true }).waitFor();
    expect(await groups.count()).toBe(0);
  }, 90_000);

  it('When Meymac pages through its stock by product and closes and opens a product, Then the server pages, totals and sorts, and the address keeps it', async () => {
    const meymac = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    type ApiProducts = { items: { cip13: string; lots: number }[]; total: number; lotCount: number };
    const api = async (query: string) =>
      (await (await meymac.request.get(`/api/stock/products?pageSize=20${query}`)).json()) as ApiProducts;
    const first = await api('');
    expect(first.total).toBeGreaterThan(20);
    await meymac.goto('/stock');
    const groups = meymac.locator('[data-testid^="product-group-"]');
    const shown = () => groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.slice(14)));
    await expect.poll(shown, WAIT).toEqual(first.items.map((p) => p.cip13));
    expect(((await meymac.getByTestId('stock-count').textContent()) ?? '').replace(/\s/g, '')).toBe(
      `${first.total}médicaments·${first.lotCount}lots`,
    );
    // A usual stock (a few lots a product): the page's groups show their lots at once, as before;
    // each group closes and opens again (its lots come from the server).
    const product = first.items[0] as ApiProducts['items'][number];
    const group = meymac.getByTestId(`product-group-${product.cip13}`);
    await expect.poll(() => group.getByRole('row').count(), WAIT).toBe(Math.min(product.lots, 10) + 1);
    const hide = group.getByRole('button', { name: /^Masquer les lots/ });
    expect(await hide.getAttribute('aria-expanded')).toBe('true');
    await hide.click();
    await expect.poll(() => group.getByRole('row').count(), WAIT).toBe(0);
    const show = group.getByRole('button', { name: /^Voir (le lot|les \d+ lots)/ });
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    await show.click();
    await expect.poll(() => group.getByRole('row').count(), WAIT).toBe(Math.min(product.lots, 10) + 1);
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'stock-lists-stock-opened');

    // Page 2 is the server's second page, and the address says so.
    await meymac.getByRole('button', { name: '2', exact: true }).click();
    await meymac.waitForURL(/page=2/);
    const second = await api('&page=2');
    await expect.poll(shown, WAIT).toEqual(second.items.map((p) => p.cip13));
    await meymac.reload();
    await expect.poll(shown, WAIT).toEqual(second.items.map((p) => p.cip13));

    // A search starts again from page 1, in the address too; few products open at once.
    await meymac.getByLabel('Rechercher (produit, CIP13, lot)').fill(product.cip13);
    await meymac.waitForURL((url) => url.searchParams.get('q') === product.cip13 && !url.searchParams.has('page'));
    await expect.poll(shown, WAIT).toEqual([product.cip13]);
    await expect.poll(() => group.getByRole('row').count(), WAIT).toBe(Math.min(product.lots, 10) + 1);

    // The flat list sorts on the server by a column's header: most units first.
    await meymac.goto('/stock?group=0');
    await meymac.getByRole('button', { name: 'En stock', exact: true }).click();
    await meymac.waitForURL(/lotSort=quantity/);
    const header = meymac.getByRole('columnheader', { name: 'En stock', exact: true });
    await expect.poll(() => header.getAttribute('aria-sort'), WAIT).toBe('ascending');
    await meymac.getByRole('button', { name: 'En stock', exact: true }).click();
    await meymac.waitForURL(/order=desc/);
    const lots = (await (await meymac.request.get('/api/stock/lots?sort=quantity&order=desc&pageSize=50')).json()) as {
      items: { lotNumber: string }[];
    };
    const rows = meymac.locator('[data-testid^="lot-row-"]');
    await expect
      .poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))), WAIT)
      .toEqual(lots.items.map((l) => `lot-row-${l.lotNumber}`));
    expect(await meymac.getByRole('columnheader', { name: 'En stock', exact: true }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    await screenshot(meymac, 'stock-lists-stock-flat-sorted');
  }, 120_000);

  it('When "En stock uniquement" is turned on before typing, Then the products other pharmacies can lend are listed at once', async () => {
    const meymac = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    await meymac.goto('/pool');
    await meymac.getByText('Tapez au moins 2 caractères').waitFor();
    await meymac.getByTestId('pool-in-stock').click();
    await meymac.waitForURL(/inStock=1/);
    const api = (await (await meymac.request.get('/api/pool?inStock=true&limit=50')).json()) as {
      items: { cip13: string }[];
    };
    expect(api.items.length).toBeGreaterThan(0);
    const rows = meymac.locator('[data-testid^="pool-row-"]');
    await expect
      .poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))), WAIT)
      .toEqual(api.items.map((p) => `pool-row-${p.cip13}`));
    expect(await meymac.getByTestId('pool-in-stock-count').textContent()).toMatch(/autre officine peut prêter/);
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'stock-lists-pool-in-stock-all');
  }, 60_000);

  it('When "En stock uniquement" is on, Then the pool lists only products another pharmacy can lend', async () => {
    const meymac = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    await meymac.goto('/pool?q=biogaran');
    const rows = meymac.locator('[data-testid^="pool-row-"]');
    await rows.first().waitFor();
    const before = await rows.count();
    await meymac.getByTestId('pool-in-stock').click();
    await meymac.waitForURL(/inStock=1/);
    const api = (await (await meymac.request.get('/api/pool?q=biogaran&inStock=true')).json()) as {
      items: { cip13: string }[];
    };
    await meymac.waitForFunction(
      (n) => document.querySelectorAll('[data-testid^="pool-row-"]').length === n,
      api.items.length,
    );
    expect(api.items.length).toBeLessThanOrEqual(before);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(
      api.items.map((p) => `pool-row-${p.cip13}`),
    );
    await screenshot(meymac, 'stock-lists-pool-in-stock');
  }, 60_000);
});

describe('tablet, 768 px (real browser)', () => {
  it('When the admin opens the users table on a tablet, Then nothing scrolls sideways and no button is cut', async () => {
    const admin = await harness.newPage(TABLET);
    await loginAs(admin, 'admin@officoop.test');
    await admin.goto('/admin/users');
    await admin.getByTestId('user-row-admin@officoop.test').waitFor();
    await expectFitsWidth(admin);
    await screenshot(admin, 'stock-lists-users-tablet');
  }, 60_000);

  it('When a pharmacist opens anti-gaspillage on a tablet, Then its buttons fit', async () => {
    const meymac = await harness.newPage(TABLET);
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    await meymac.goto('/pool/rebalance');
    await meymac.locator('[data-testid^="rebalance-row-"]').first().waitFor();
    await expectFitsWidth(meymac);
    await screenshot(meymac, 'stock-lists-rebalance-tablet');
  }, 60_000);
});

describe('phone, 390 px (real browser)', () => {
  it('When a pharmacist searches the pool on a phone, Then each product is a card, one line per pharmacy, and the request opens from it', async () => {
    const meymac = await harness.newPage(PHONE);
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    const api = (await (await meymac.request.get('/api/pool?q=amlodipine')).json()) as {
      items: { cip13: string; pharmacies: { pharmacySlug: string; available: number }[] }[];
    };
    const product = api.items.find((p) => p.pharmacies.some((a) => a.pharmacySlug === 'bugeat' && a.available > 0));
    if (!product) throw new Error('the demo gives Bugeat no amlodipine to lend');
    const bugeatUnits = product.pharmacies.find((a) => a.pharmacySlug === 'bugeat')?.available ?? 0;
    await meymac.goto('/pool?q=amlodipine');
    const row = meymac.getByTestId(`pool-row-${product.cip13}`);
    await row.waitFor();
    // Five pharmacy columns do not fit a phone: the table no longer scrolls sideways (it was 700 px).
    const table = await meymac.getByRole('table', { name: 'Stock partagé' }).boundingBox();
    expect(table?.width).toBeLessThanOrEqual(PHONE.width);
    const line = row.getByTestId('pool-card-bugeat');
    expect(await line.textContent()).toMatch(
      new RegExp(`^Bugeat.*Pér\\. \\d{2}/\\d{2}/\\d{4}.*${bugeatUnits} unités disponibles`),
    );
    expect(await row.getByTestId('pool-card-meymac').textContent()).toContain('Mon officine');
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'stock-lists-pool-phone');
    await line.getByRole('button', { name: /^Demander un dépannage à la Pharmacie de Bugeat/ }).click();
    await meymac.getByRole('dialog', { name: 'Demander un dépannage à la Pharmacie de Bugeat' }).waitFor();
  }, 60_000);
});

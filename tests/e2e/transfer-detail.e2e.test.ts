import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDateTime } from '../../web/src/shared/format';
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

type ApiTransfer = {
  id: number;
  status: string;
  reason: string;
  requestedAt: string;
  decidedAt: string | null;
  shippedAt: string | null;
  receivedAt: string | null;
  lines: { lotNumber: string; expiryDate: string; quantity: number; quantityReceived: number | null }[];
};

/** A demo transfer of the logged-in pharmacy, found by its box and the reason the seed gave it. */
async function demoTransfer(page: Page, box: 'inbox' | 'outbox', reason: string): Promise<ApiTransfer> {
  const list = await page.request.get(`/api/transfers?box=${box}`);
  expect(list.ok()).toBe(true);
  const summary = ((await list.json()) as { items: ApiTransfer[] }).items.find((t) => t.reason === reason);
  if (!summary) throw new Error(`the demo seed has no ${box} transfer "${reason}"`);
  const one = await page.request.get(`/api/transfers/${summary.id}`);
  expect(one.ok()).toBe(true);
  return (await one.json()) as ApiTransfer;
}

describe('transfer detail page (real browser)', () => {
  it('When Meymac opens a received dépannage from its list, Then it sees the lots and every dated step', async () => {
    const meymac = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    const transfer = await demoTransfer(meymac, 'outbox', 'Patiente en sortie d’hospitalisation');
    expect(transfer.status).toBe('received');

    await meymac.goto('/transfers?tab=outbox');
    const row = meymac.getByTestId(`transfer-row-${transfer.id}`);
    await row.getByRole('link', { name: `N° ${transfer.id}`, exact: true }).click();
    await meymac.getByRole('heading', { name: `Dépannage n° ${transfer.id}` }).waitFor();
    expect(new URL(meymac.url()).pathname).toBe(`/transfers/${transfer.id}`);

    // The lots table: number, expiry, shipped and received quantities.
    const lots = meymac.getByRole('table', { name: 'Lots' });
    await lots.waitFor();
    expect(transfer.lines.length).toBeGreaterThan(0);
    for (const line of transfer.lines) {
      const cells = await lots.getByTestId(`transfer-line-${line.lotNumber}`).getByRole('cell').allTextContents();
      expect(cells).toEqual([
        line.lotNumber,
        formatCalendarDate(line.expiryDate),
        String(line.quantity),
        String(line.quantityReceived),
      ]);
    }

    // The timeline: requested, accepted, shipped, received, each at its Paris date and time.
    const timeline = meymac.getByTestId('transfer-timeline');
    const steps: [string, string, string | null][] = [
      ['requested', 'Demandé', transfer.requestedAt],
      ['accepted', 'Accepté', transfer.decidedAt],
      ['shipped', 'Expédié', transfer.shippedAt],
      ['received', 'Reçu', transfer.receivedAt],
    ];
    for (const [key, label, at] of steps) {
      const text = await timeline.getByTestId(`timeline-${key}`).textContent();
      expect(text).toContain(label);
      expect(text).toContain(formatDateTime(at ?? ''));
    }
    expect(await timeline.getByTestId('timeline-rejected').count()).toBe(0);
    expect(await timeline.getByTestId('timeline-cancelled').count()).toBe(0);
    const page = await meymac.locator('main').textContent();
    expect(page).toContain('Notre officine');
    expect(page).toContain('Valeur');
    expect(page).toContain('Patiente en sortie d’hospitalisation');
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'transfer-detail-desktop');

    const tablet = await harness.newPage(TABLET);
    await loginAs(tablet, 'pharmacien.meymac@officoop.test');
    await tablet.goto(`/transfers/${transfer.id}`);
    await tablet.getByRole('table', { name: 'Lots' }).waitFor();
    await expectNoSeriousA11yViolations(tablet);
    await screenshot(tablet, 'transfer-detail-tablet');
  }, 60_000);

  it('When a dépannage waits for our step, Then its page offers the same actions as the list', async () => {
    const meymac = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    const transfer = await demoTransfer(meymac, 'inbox', 'Fin de stock avant livraison');
    expect(transfer.status).toBe('accepted');
    await meymac.goto(`/transfers/${transfer.id}`);
    await meymac.getByRole('button', { name: 'Expédier' }).click();
    const ship = meymac.getByRole('dialog', { name: 'Expédier' });
    await ship.waitFor();
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'transfer-detail-ship');
    await ship.getByRole('button', { name: 'Retour' }).click();
    await ship.waitFor({ state: 'hidden' });
    expect(await meymac.getByRole('button', { name: 'Annuler' }).count()).toBe(1);
  }, 60_000);

  it('When a pharmacist opens the dépannages on a phone, Then each one reads as a card with its actions on the screen', async () => {
    const bugeat = await harness.newPage(PHONE);
    await loginAs(bugeat, 'pharmacien.bugeat@officoop.test');
    const transfer = await demoTransfer(bugeat, 'inbox', 'Ordonnance d’un patient de passage');
    expect(transfer.status).toBe('requested');
    await bugeat.goto('/transfers');
    const row = bugeat.getByTestId(`transfer-row-${transfer.id}`);
    const card = row.getByTestId('transfer-card');
    await card.waitFor();
    await expect.poll(() => card.innerText()).toContain('Demandé par Meymac · quantité :');
    expect(await bugeat.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The table itself does not scroll sideways: the accept button is on the screen, not past its edge.
    const accept = card.getByRole('button', { name: 'Accepter' });
    const box = await accept.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(PHONE.width);
    // The header names the pharmacy whole on a phone (it read « Pharmacie … »): it wraps, not cut.
    const scope = bugeat.getByTestId('scope-name');
    expect(await scope.evaluate((el) => el.scrollHeight <= el.clientHeight && el.scrollWidth <= el.clientWidth)).toBe(
      true,
    );
    await screenshot(bugeat, 'transfers-phone');
    await accept.click();
    await bugeat.getByRole('dialog').waitFor();
    await bugeat.keyboard.press('Escape');
  }, 60_000);

  it('When Meymac opens the id of a dépannage between two other pharmacies, Then it is not found', async () => {
    const royere = await harness.newPage();
    await loginAs(royere, 'pharmacien.royere@officoop.test');
    const theirs = await demoTransfer(royere, 'outbox', 'Traitement urgent d’un patient');

    const meymac = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    await meymac.goto(`/transfers/${theirs.id}`);
    await meymac.getByRole('heading', { name: 'Dépannage introuvable' }).waitFor();
    expect(await meymac.getByText('Traitement urgent d’un patient').count()).toBe(0);
    await expectNoSeriousA11yViolations(meymac);
    await screenshot(meymac, 'transfer-detail-not-found');
  }, 60_000);
});

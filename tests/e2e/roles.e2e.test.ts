import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/users/users.schemas';
import { en, fr } from '../../web/src/i18n/catalogue';
import { formatDate } from '../../web/src/shared/format';
import { navItemsFor } from '../../web/src/shell/navigation';
import {
  type BrowserHarness,
  expectNoSeriousA11yViolations,
  loginAs,
  navLabels,
  PHONE,
  screenshot,
  startBrowserHarness,
  TABLET,
} from '../helpers/browser';

/** The home cards (but the alerts inbox) that do not link to the page where their thing is done. */
async function cardsWithoutLink(page: Page): Promise<string[]> {
  await page.getByTestId('card-alerts').waitFor();
  await expect.poll(() => page.getByText('Chargement…').count()).toBe(0);
  const cards = page.locator('section[data-testid^="card-"]:not([data-testid="card-alerts"])');
  const missing: string[] = [];
  for (const card of await cards.all()) {
    if ((await card.getByRole('link').count()) === 0) missing.push((await card.getAttribute('data-testid')) ?? '?');
  }
  return missing;
}

/**
 * What a role's navigation lists, in order: its entries of the navigation table, in the
 * language shown (each domain adds its own entries there; this checks the filtering by role).
 */
const navOf = (role: Role, lang: 'fr' | 'en' = 'fr') =>
  navItemsFor(role).map((item) => (lang === 'fr' ? fr : en)[item.label]);

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('role home pages (real browser)', () => {
  it('When a pharmacist logs in, Then the home shows their pharmacy, role, today’s cards and only their navigation', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    expect(await navLabels(page)).toEqual(navOf('pharmacist'));
    expect(await page.getByTestId('scope-name').textContent()).toBe('Pharmacie de Bugeat');
    expect(await page.getByTestId('role-badge').textContent()).toMatch(/pharmacien/i);
    await page.getByRole('heading', { name: 'Dépannages à traiter' }).waitFor();
    await page.getByRole('heading', { name: 'Lots qui périment ce mois-ci' }).waitFor();
    await page.getByRole('heading', { name: 'Alertes' }).waitFor();
    // No card for a feature that does not work yet: the placeholders said "none" forever.
    expect(await page.getByText('Aucune production en attente de vérification.').count()).toBe(0);
    expect(await cardsWithoutLink(page)).toEqual([]);
    expect(await page.title()).toBe('Accueil — Officoop');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'home-pharmacist');

    // Pages of other roles are not offered, and typing their address shows "not found".
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    expect(await page.title()).toBe('Page introuvable — Officoop');
    await expectNoSeriousA11yViolations(page);
    // A malformed id in the address is not found either (it waited for ever, or got express's
    // English « Cannot GET »).
    for (const address of ['/reviews/abc', '/patients/0', '/reviews/1.5', '/orders/1e3']) {
      await page.goto(address);
      await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    }

    await page.goto('/care-homes');
    await page.getByRole('cell', { name: 'EHPAD Les Bruyères — Bugeat' }).waitFor();
    expect(await page.getByRole('row').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Nouvel EHPAD' }).count()).toBe(0);
  });

  it('When a technician follows a home card, Then it leads to the page where the thing is done', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'preparateur.meymac@officoop.test');
    expect(await navLabels(page)).toEqual(navOf('technician'));
    expect(await cardsWithoutLink(page)).toEqual([]);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'home-technician');
    await page.getByTestId('card-expiring').getByRole('link', { name: 'Voir les péremptions' }).click();
    await page.getByRole('heading', { name: 'Péremptions et seuils', level: 1 }).waitFor();
    expect(await page.title()).toBe('Péremptions et seuils — Officoop');
  });

  it('When a pharmacist of a pharmacy serving no care home logs in, Then neither the menu nor the robot offers dose-pack orders to plan', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.royere@officoop.test');
    const menu = await navLabels(page);
    expect(menu).toEqual(navItemsFor('pharmacist', 0).map((item) => fr[item.label]));
    expect(menu).not.toContain('Commandes PDA');
    expect(menu).not.toContain('Résidents');
    expect(menu).toContain('Robot PDA');
    expect(await cardsWithoutLink(page)).toEqual([]);
    await page.getByRole('link', { name: 'Robot PDA' }).click();
    await page.getByTestId('robot-no-care-home').waitFor();
    expect(await page.getByTestId('robot-no-care-home').textContent()).toBe(
      'Votre pharmacie ne dessert aucun EHPAD : elle n’a pas de commande à planifier. Le calendrier montre les séries des autres pharmacies.',
    );
    expect(await page.getByRole('button', { name: /Planifier les commandes/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Commandes à planifier' }).count()).toBe(0);
    await screenshot(page, 'robot-no-care-home');
    // The orders page, reached by its address, says why it has none.
    await page.goto('/orders');
    expect(await page.getByTestId('orders-no-care-home').textContent()).toBe(
      'Votre pharmacie ne dessert aucun EHPAD : elle ne reçoit pas de commandes de piluliers.',
    );
  });

  it('When the workstation’s clock is two days behind, Then the app still goes by the server’s day', async () => {
    const page = await harness.newPage();
    const behind = new Date(Date.now() - 2 * 24 * 3600_000);
    await page.context().clock.install({ time: behind });
    await loginAs(page, 'pharmacien.meymac@officoop.test');
    const day = formatDate; // dd/MM/yyyy, Paris
    await expect.poll(() => page.getByText(/^Aujourd’hui, /).textContent()).toBe(`Aujourd’hui, ${day(new Date())}`);
    expect(day(behind)).not.toBe(day(new Date()));
  });

  it('When a count card is still loading, Then it says « Chargement… », not that there is nothing to do', async () => {
    const page = await harness.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/order-change-requests*', async (route) => {
      await held;
      await route.continue();
    });
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    const card = page.getByTestId('card-order-changes');
    await card.getByText('Chargement…').waitFor();
    expect(await card.getByText('Aucune demande en attente.').count()).toBe(0);
    release();
    await card.getByText('Chargement…').waitFor({ state: 'detached' });
  });

  it('When a care-home user logs in, Then the home shows the care home and promises no order it cannot take', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'ehpad.bugeat@officoop.test');
    expect(await navLabels(page)).toEqual(navOf('carehome'));
    expect(await page.getByTestId('scope-name').textContent()).toBe('EHPAD Les Bruyères — Bugeat');
    expect(await cardsWithoutLink(page)).toEqual([]);
    expect(await page.getByText(/sera préparée à partir des prescriptions/).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'home-carehome');
    await page.goto('/care-homes');
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    // An order or a resident that is not hers (or none): a page that says so, with a way back.
    await page.goto('/orders/999999');
    await page.getByRole('heading', { name: 'Commande introuvable' }).waitFor();
    await page.getByRole('link', { name: 'Toutes les commandes' }).click();
    await page.waitForURL('**/orders');
    await page.goto('/residents/999999');
    await page.getByRole('heading', { name: 'Résident introuvable' }).waitFor();
    await page.getByRole('link', { name: 'Tous les résidents' }).waitFor();
  });

  it('When the treasurer logs in, Then the home sums up last month’s settlement and links to it, and no care-home pages', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'tresorier@officoop.test');
    expect(await navLabels(page)).toEqual(navOf('treasurer'));
    expect(await page.getByTestId('scope-name').textContent()).toBe('Coopérative');
    const card = page.getByTestId('card-settlement');
    // This month so far and last month, each 'novembre 2026 : …' (or '… (provisoire) : …').
    await card
      .getByText(/^[a-zéû]+ \d{4}( \(provisoire\))? : /)
      .first()
      .waitFor();
    expect(await card.getByText(/^[a-zéû]+ \d{4}( \(provisoire\))? : /).count()).toBe(2);
    expect(await cardsWithoutLink(page)).toEqual([]);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'home-treasurer');
    await card.getByRole('link', { name: 'Ouvrir la compensation mensuelle' }).click();
    await page.getByRole('table', { name: 'Compensation mensuelle' }).waitFor();
    // The robot is not the treasurer's business (SPEC §2): no entry, no page, no card.
    expect(await navLabels(page)).not.toContain('Robot PDA');
    await page.goto('/robot');
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    await page.goto('/');
    await card.waitFor();
    expect(await page.getByText(/robot/i).count()).toBe(0);
  });

  it('When the admin logs in, Then the home summarises users and care homes and the navigation has the admin pages', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'admin@officoop.test');
    expect(await navLabels(page)).toEqual(navOf('admin'));
    await page.getByText('Comptes actifs : 15 sur 15').waitFor();
    await page.getByText('EHPAD enregistrés : 3').waitFor();
    expect(await page.getByText('Aucun robot configuré pour le moment.').count()).toBe(0);
    expect(await cardsWithoutLink(page)).toEqual([]);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'home-admin');
  });

  it('When the user switches to English and back, Then every label follows and the choice survives a reload', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.felletin@officoop.test');
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Transfers to handle' }).waitFor();
    expect(await navLabels(page)).toEqual(navOf('pharmacist', 'en'));
    expect(await page.getByTestId('role-badge').textContent()).toMatch(/pharmacist/i);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'home-pharmacist-en');

    await page.reload();
    await page.getByRole('heading', { name: /^Hello / }).waitFor();
    // Dates keep their French order, but the robot's days are named in English (« lun. 07/12 » read before).
    await page.getByRole('navigation').getByRole('link', { name: 'PDA robot' }).click();
    const calendar = page.getByRole('table', { name: /^Robot schedule/ });
    await calendar.waitFor();
    const days = await calendar.getByRole('columnheader').allTextContents();
    expect(days.length).toBeGreaterThan(0);
    for (const day of days) expect(day).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{2}\/\d{2}/);
    await page.getByRole('navigation').getByRole('link', { name: 'Home', exact: true }).click();

    await page.getByText('FR', { exact: true }).click();
    await page.getByRole('heading', { name: 'Dépannages à traiter' }).waitFor();
    await page.getByRole('heading', { name: 'Lots qui périment ce mois-ci' }).waitFor();
    expect(await navLabels(page)).toEqual(navOf('pharmacist'));
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  });

  it('When a nurse opens the app on a phone, Then the header names her care home whole and the language is chosen from her menu', async () => {
    const page = await harness.newPage(PHONE);
    await loginAs(page, 'ehpad.meymac@officoop.test');
    // « EHPAD Le Puy Chabrol — Meymac » read « EHPAD Le Puy Chabrol —… »: which home was she in?
    const scope = page.getByTestId('scope-name');
    expect(await scope.textContent()).toBe('EHPAD Le Puy Chabrol — Meymac');
    expect(await scope.evaluate((el) => el.scrollHeight <= el.clientHeight && el.scrollWidth <= el.clientWidth)).toBe(
      true,
    );
    await page.getByRole('button', { name: /^Menu d/ }).click();
    await page.getByRole('menu').getByText('EN', { exact: true }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Home' }).waitFor({ state: 'attached' });
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'home-nurse-phone');
  });

  it('When a keyboard user presses Tab, Then a visible skip link leads straight to the page content', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'tresorier@officoop.test');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('When the screen is a 768-px tablet, Then the navigation folds behind a menu button that opens it', async () => {
    const page = await harness.newPage(TABLET);
    await loginAs(page, 'pharmacien.meymac@officoop.test');
    const toggle = page.getByRole('button', { name: 'Afficher ou masquer la navigation' });
    expect(await toggle.isVisible()).toBe(true);
    // Folded means slid out of the viewport to the left (Mantine keeps it rendered for the transition).
    const navRight = async () => {
      const box = await page.getByRole('navigation').boundingBox();
      return box ? box.x + box.width : 0;
    };
    expect(await navRight()).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'home-pharmacist-tablet');
    await toggle.click();
    await expect.poll(navRight).toBeGreaterThan(100);
    await page.getByRole('navigation').getByRole('link', { name: 'EHPAD' }).click();
    await page.getByRole('heading', { name: 'EHPAD', level: 1 }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'care-homes-tablet');
  });
});

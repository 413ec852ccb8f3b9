import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSettled,
  type BrowserHarness,
  expectNoSeriousA11yViolations,
  loginAs,
  screenshot,
  startBrowserHarness,
} from '../helpers/browser';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('login page (real browser)', () => {
  it('When opening the app, Then the French login page shows, with the demo accounts in demo mode', async () => {
    const page = await harness.newPage();
    await page.goto('/');
    await expect.poll(() => page.url()).toMatch(/\/login$/);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByLabel('Adresse e-mail').isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).isVisible()).toBe(true);
    await page.getByRole('heading', { name: 'Comptes de démonstration' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'login');

    await page.getByRole('button', { name: 'EHPAD (ehpad.felletin@officoop.test)' }).click();
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe('ehpad.felletin@officoop.test');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: /^Bonjour/ }).waitFor();
  });

  it('When the password is wrong, Then an error message says so and the user stays on the login page', async () => {
    const page = await harness.newPage();
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail').fill('pharmacien.meymac@officoop.test');
    await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('pas-le-bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(page.url()).toMatch(/\/login$/);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'login-failed');
  });

  it('When using only the keyboard, Then the user can fill the form and log in', async () => {
    const page = await harness.newPage();
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail').waitFor();
    // The e-mail field has focus on arrival; Tab moves through the password to the submit button.
    await page.keyboard.type('tresorier@officoop.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-officoop-2026');
    const focused = async () => page.evaluate(() => document.activeElement?.getAttribute('autocomplete'));
    expect(await focused()).toBe('current-password');
    // Next, the button that shows the password typed (a check before sending it).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/mot de passe/i);
    await page.keyboard.press('Space');
    expect(await page.locator('input[autocomplete="current-password"]').getAttribute('type')).toBe('text');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('role-badge').waitFor();
    expect(await page.getByTestId('role-badge').textContent()).toMatch(/trésorier/i);
  });

  it('When logging out, Then the login page says so and the home page is no longer reachable', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.peyrelevade@officoop.test');
    await page.getByRole('button', { name: /^Menu de/ }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await page.getByText('Vous êtes déconnecté.').waitFor();
    expect(page.url()).toMatch(/\/login$/);
    await page.goto('/');
    await expect.poll(() => page.url()).toMatch(/\/login$/);
    expect(await page.getByTestId('role-badge').count()).toBe(0);
  });

  it('When the session ends behind the user’s back, Then the next action leads to the login page with a message', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    // The home page has finished loading (its last card asks for the share statement only once
    // the periods are in): the session ends while the user reads it, not during its requests.
    await apiSettled(page);
    await page.context().clearCookies();
    await page.getByRole('navigation').getByRole('link', { name: 'EHPAD' }).click();
    await page.getByText('Votre session a expiré. Veuillez vous reconnecter.').waitFor();
    expect(page.url()).toMatch(/\/login$/);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'login-session-expired');
    // Logging in again brings the user back where they were going.
    await page.getByLabel('Adresse e-mail').fill('pharmacien.bugeat@officoop.test');
    await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('demo-officoop-2026');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'EHPAD', level: 1 }).waitFor();
  });
});

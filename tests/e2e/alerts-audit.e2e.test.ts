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

describe('alerts page (real browser)', () => {
  it('When a pharmacist follows "et N de plus", Then every alert is listed, filtered, linked to its page, hidden and brought back', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    const card = page.getByTestId('card-alerts');
    await card.getByRole('link', { name: /^et \d+ de plus$/ }).click();
    await page.getByRole('heading', { name: 'Alertes', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/alerts');
    expect(await page.title()).toBe('Alertes — Officoop');
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(5);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'alerts-page');

    // Only the transfers: each one opens its transfer. The filter offers the pharmacy's domains,
    // not the treasurer's shares.
    await page.getByRole('combobox', { name: 'Domaine' }).click();
    expect(await page.getByRole('option').allTextContents()).toEqual([
      'Stock',
      'Dépannages',
      'Commandes EHPAD',
      'Bilans de médication',
      'Robot',
    ]);
    await page.getByRole('option', { name: 'Dépannages' }).click();
    await page.waitForURL(/domain=transfers/);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('tbody tr')].every((row) => /Dépannage|dépannage/.test(row.textContent ?? '')),
    );
    // A transfer alert (the domain also holds anti-waste offers, which open the anti-waste page).
    const first = rows.filter({ has: page.locator('a[href^="/transfers/"]') }).first();
    const message = (await first.locator('td').nth(2).locator('p').first().textContent()) ?? '';
    await first.getByRole('link', { name: 'Ouvrir' }).click();
    await page.waitForURL(/\/transfers\/\d+$/);
    await page.goBack();
    await page.waitForURL(/\/alerts\?domain=transfers/);

    // Hidden, it leaves "À traiter" and shows under "Masquées", where it can be brought back.
    const row = rows.filter({ hasText: message }).first();
    await row.getByRole('button', { name: 'Masquer' }).click();
    await page.getByText('Alerte masquée.').waitFor();
    await rows.filter({ hasText: message }).first().waitFor({ state: 'detached' });
    await page.getByText('Masquées', { exact: true }).click();
    await page.waitForURL(/state=dismissed/);
    const hidden = rows.filter({ hasText: message }).first();
    await hidden.getByText(/^Masquée le \d{2}\/\d{2}\/\d{4}/).waitFor();
    await screenshot(page, 'alerts-page-dismissed');
    await hidden.getByRole('button', { name: 'Rétablir' }).click();
    await page.getByText('Alerte rétablie.').waitFor();
    await page.getByText('À traiter', { exact: true }).first().click();
    await rows.filter({ hasText: message }).first().waitFor();
  });

  it('When a pharmacist hides an alert on the home card by mistake, Then "Annuler" brings it back', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    const card = page.getByTestId('card-alerts');
    const firstItem = card.locator('li').first();
    await firstItem.waitFor();
    const text = (await firstItem.locator('a, p').first().textContent()) ?? '';
    await firstItem.getByRole('button', { name: 'Masquer l’alerte' }).click();
    await card.getByText(text, { exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Annuler' }).click();
    await card.getByText(text, { exact: true }).waitFor();
  });

  it('When a pharmacist hides an alert on the alerts page by mistake, Then "Annuler" in the notice brings it back', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    await page.goto('/alerts?domain=stock');
    const rows = page.locator('tbody tr');
    const first = rows.first();
    await first.waitFor();
    const message = (await first.locator('td').nth(2).locator('p').first().textContent()) ?? '';
    await first.getByRole('button', { name: 'Masquer' }).click();
    const notice = page.locator('.mantine-Notification-root').filter({ hasText: 'Alerte masquée.' });
    await notice.waitFor();
    await rows.filter({ hasText: message }).first().waitFor({ state: 'detached' });
    await screenshot(page, 'alerts-page-dismissed-notice');
    await notice.getByRole('button', { name: 'Annuler' }).click();
    await page.getByText('Alerte rétablie.').waitFor();
    // Back among the alerts to handle, still open.
    const back = rows.filter({ hasText: message }).first();
    await back.getByText('À traiter', { exact: true }).waitFor();
    await back.getByRole('button', { name: 'Masquer' }).waitFor();
  });

  it('When a care-home nurse opens the alerts page, Then it lists the orders’ news without asking for a domain of the pharmacies', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'ehpad.bugeat@officoop.test');
    // A pharmacy's domain in the address (a link shared by a pharmacist) is not applied.
    await page.goto('/alerts?domain=stock');
    await page.getByRole('heading', { name: 'Alertes', level: 1 }).waitFor();
    await page.getByLabel('Levées depuis le', { exact: true }).waitFor();
    await page.getByText(/^Ce que la pharmacie vous signale sur vos commandes PDA/).waitFor();
    expect(await page.getByText(/parts sociales|dépannages/).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Domaine' }).count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: 'Domaine' }).count()).toBe(0);
    await page.locator('tbody tr').first().waitFor();
    expect(await page.locator('tbody').textContent()).not.toMatch(/stock|péremption/i);
  });

  it('When the alerts page is seen on a tablet, Then the filters and the list fit 768 px', async () => {
    const page = await harness.newPage(TABLET);
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    await page.goto('/alerts?domain=stock');
    await page.locator('tbody tr').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'alerts-page-tablet');
  });
});

describe('audit page (real browser)', () => {
  it('When someone failed to log in, Then the admin finds it from the home card in one click on "connexions échouées"', async () => {
    const anonymous = await harness.newPage();
    await anonymous.goto('/login');
    await anonymous.locator('input[autocomplete="username"]').fill('pharmacien.bugeat@officoop.test');
    await anonymous.locator('input[autocomplete="current-password"]').fill('not-the-password');
    await anonymous.locator('input[autocomplete="current-password"]').press('Enter');
    await anonymous.getByRole('alert').waitFor();

    const page = await harness.newPage();
    await loginAs(page, 'admin@officoop.test');
    const card = page.getByTestId('card-audit');
    await card.getByText('Connexions échouées ces 7 derniers jours : 1').waitFor();
    await card.getByRole('link', { name: 'Ouvrir le journal' }).click();
    await page.getByRole('heading', { name: 'Journal d’audit', level: 1 }).waitFor();
    await page.getByText(/^\d+ entrées$/).waitFor();
    await page.locator('tbody tr').first().waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'audit-page');

    await page.getByRole('button', { name: 'Sécurité : connexions échouées' }).click();
    await page.waitForURL(/action=auth\.login_failed/);
    await page.getByText('1 entrée', { exact: true }).waitFor();
    const row = page.locator('tbody tr').first();
    await row.getByText('Connexion échouée').waitFor();
    await row.getByText(/E-mail : pharmacien\.bugeat@officoop\.test/).waitFor();
    // In French: nobody was logged in; the account aimed at is named by its number.
    await row.getByText('Personne non connectée', { exact: true }).waitFor();
    await row.getByText(/^Sécurité : compte n° \d+$/).waitFor();
    expect(await row.textContent()).not.toMatch(/anonymous/);
    await screenshot(page, 'audit-page-failed-logins');

    // Who: the admin's own actions only. Chosen right after switching "connexions échouées" off,
    // as a person does: the choice must not bring back the filter just removed.
    await page.getByRole('button', { name: 'Sécurité : connexions échouées' }).click();
    await page.waitForURL((url) => !url.search.includes('action='));
    await page.getByRole('combobox', { name: 'Qui' }).fill('admin@');
    await page.getByRole('option', { name: /admin@officoop\.test/ }).click();
    await page.waitForURL(/actorUserId=\d+/);
    expect(new URL(page.url()).searchParams.get('action')).toBeNull();
    await page.waitForFunction(
      () => {
        const cells = [...document.querySelectorAll('tbody tr td:nth-child(2)')].map((c) => c.textContent);
        return cells.length > 0 && cells.every((c) => c?.includes('admin@officoop.test'));
      },
      undefined,
      { timeout: 20_000 },
    );
  });

  // Issue #15, fresh tester: raw keys and JSON in the details column.
  it('When the admin reads a row’s details, Then they read as French: lots counted, pharmacies named, euros, labels', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'admin@officoop.test');
    await page.goto('/admin/audit?action=settlement.mark_paid');
    const paid = page.locator('tbody tr').first();
    await paid
      .getByText(
        /Mois : [a-zéû]+ \d{4} · Pharmacie débitrice : (?!\d)[^·]+ · Pharmacie créancière : (?!\d)[^·]+ · Montant : \d+,\d{2}\s€/,
      )
      .waitFor();
    await page.goto('/admin/audit?action=transfers.accept');
    await page
      .locator('tbody tr')
      .first()
      .getByText(/Lots : \d+ lots?$/)
      .waitFor();
    await page.goto('/admin/audit?action=periods.create');
    const period = page.locator('tbody tr').filter({ hasText: 'Trimestre' }).first();
    await period.getByText(/Type : Trimestre · Début : \d{2}\/\d{2}\/\d{4}/).waitFor();
    expect(await page.locator('tbody').textContent()).not.toMatch(/[[{]"|quarter/);
    await screenshot(page, 'audit-page-details');
  });

  it('When the admin reads the log, Then actions and elements read in French in the table and the filters, codes in grey', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'admin@officoop.test');
    await page.goto('/admin/audit');
    const login = page.locator('tbody tr').filter({ hasText: 'auth.login' }).first();
    await login.getByText('Connexion', { exact: true }).waitFor();
    await login.getByText('Claire Coordinatrice', { exact: true }).waitFor();
    await login.getByText(/^Utilisateur n° \d+$/).waitFor();

    // The action menu lists French labels, each with its code; choosing one filters by the code.
    await page.getByRole('combobox', { name: 'Action' }).fill('dépannage dem');
    const option = page.getByRole('option', { name: /Dépannage demandé/ });
    await option.getByText('transfers.request', { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'audit-page-action-menu');
    await option.click();
    await page.waitForURL(/action=transfers\.request/);
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('tbody tr td:nth-child(3)')].map((c) => c.textContent ?? '');
      return cells.length > 0 && cells.every((c) => c.startsWith('Dépannage demandétransfers.request'));
    });
    await page
      .locator('tbody tr td:nth-child(4)')
      .first()
      .getByText(/^Dépannage n° \d+$/)
      .waitFor();

    await page.getByRole('combobox', { name: 'Élément' }).click();
    await page
      .getByRole('option')
      .filter({ has: page.getByText('transfer', { exact: true }) })
      .getByText('Dépannage', { exact: true })
      .waitFor();
    await page.keyboard.press('Escape');
  });

  it('When the admin types a period ending before it starts, Then the dates say so and no list is asked for', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'admin@officoop.test');
    await page.goto('/admin/audit');
    await page.getByText(/^\d+ entrées$/).waitFor();
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/audit') asked.push(r.url());
    });
    await page.getByRole('textbox', { name: 'Du' }).fill('24/11/2026');
    await page.getByRole('textbox', { name: 'Du' }).press('Tab');
    await page.waitForURL(/from=2026-11-24/);
    await page.getByRole('textbox', { name: 'Au' }).fill('23/11/2026');
    await page.getByRole('textbox', { name: 'Au' }).press('Tab');
    await page.waitForURL(/to=2026-11-23/);
    await page.getByText('La date de fin précède la date de début.').waitFor();
    expect(await page.locator('table').count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'audit-page-range-inverted');
    expect(asked.filter((url) => url.includes('to=2026-11-23'))).toEqual([]);

    // Put right, the list comes back.
    await page.getByRole('textbox', { name: 'Au' }).fill('30/11/2026');
    await page.getByRole('textbox', { name: 'Au' }).press('Tab');
    await page.waitForURL(/to=2026-11-30/);
    await page.locator('table').waitFor();
    expect(await page.getByText('La date de fin précède la date de début.').count()).toBe(0);

    // Picked in the calendar instead: each field's button is named after the field; the calendar
    // opens with focus on the field's day (not on « Mois précédent »), the arrow keys move it, and
    // once the day is picked focus is back on that button, not at the top of the page.
    const buttons = page.getByRole('button', { name: /^Ouvrir le calendrier/ });
    expect(await buttons.count()).toBe(2);
    expect(await buttons.evaluateAll((all) => all.map((b) => b.getAttribute('aria-label')))).toEqual([
      'Ouvrir le calendrier : Du',
      'Ouvrir le calendrier : Au',
    ]);
    const openTo = page.getByRole('button', { name: 'Ouvrir le calendrier : Au' });
    await openTo.focus();
    await page.keyboard.press('Enter');
    const focusedDay = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await expect.poll(focusedDay).toBe('30 novembre 2026');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(focusedDay).toBe('29 novembre 2026');
    await page.keyboard.press('Enter');
    await page.waitForURL(/to=2026-11-29/);
    expect(await page.getByRole('textbox', { name: 'Au' }).inputValue()).toBe('29/11/2026');
    await expect.poll(() => openTo.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('When a pharmacist opens the alerts page on a period ending before it starts, Then the dates say so and no list is asked for', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/alerts' && r.url().includes('to=')) asked.push(r.url());
    });
    await page.goto('/alerts?state=all&from=2026-11-24&to=2026-11-23');
    await page.getByText('La date de fin précède la date de début.').waitFor();
    expect(await page.locator('table').count()).toBe(0);
    expect(asked).toEqual([]);

    // Put right key by key, as a person types: the half-typed date stays in the field.
    const to = page.getByRole('textbox', { name: 'Au' });
    await to.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await page.waitForURL((url) => !url.searchParams.has('to'));
    await page.keyboard.type('30/11/2026', { delay: 30 });
    expect(await to.inputValue()).toBe('30/11/2026');
    await page.waitForURL(/to=2026-11-30/);
    await page.locator('table').waitFor();
  });
});

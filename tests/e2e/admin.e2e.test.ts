import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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

describe('admin pages (real browser)', () => {
  it('When the admin creates a technician, Then the password is shown once and the new account can log in', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'admin@officoop.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Utilisateurs' }).click();
    await page.getByRole('cell', { name: 'pharmacien.bugeat@officoop.test' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'admin-users');

    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
    await dialog.waitFor();
    // The shared zod schema refuses an incomplete form before anything is sent.
    await dialog.getByRole('button', { name: 'Créer' }).click();
    await dialog.getByText('Adresse e-mail invalide').waitFor();
    await dialog.getByText('Choisissez une officine').waitFor();
    // Focus goes to the first field to correct, inside the dialog (it fell behind it before).
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.getAttribute('autocomplete') ?? document.activeElement?.tagName),
      )
      .not.toBe('BODY');
    expect(await dialog.getByLabel('Adresse e-mail').evaluate((el) => el === document.activeElement)).toBe(true);

    await dialog.getByLabel('Adresse e-mail').fill('camille.martin@officoop.test');
    await dialog.getByLabel('Nom affiché').fill('Camille Martin');
    await dialog.getByRole('combobox', { name: 'Rôle' }).click();
    await page.getByRole('option', { name: 'Préparateur' }).click();
    await dialog.getByRole('combobox', { name: 'Officine' }).click();
    await page.getByRole('option', { name: 'Pharmacie de Felletin' }).click();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'admin-users-create');
    await dialog.getByRole('button', { name: 'Créer' }).click();

    const passwordDialog = page.getByRole('dialog', { name: 'Mot de passe provisoire' });
    await passwordDialog.waitFor();
    const password = await page.getByTestId('generated-password').inputValue();
    expect(password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'admin-users-password');
    // Shown once: Escape does not close it by mistake; « Fermer » does, and focus is back on the
    // page (on « Nouvel utilisateur »), not lost.
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    expect(await passwordDialog.isVisible()).toBe(true);
    // Nor does Back take it away unasked: the password would be lost for good.
    await page.goBack();
    const guard = page.getByRole('dialog', { name: 'Quitter sans noter le mot de passe ?' });
    await guard.getByText(/^Ce mot de passe ne sera plus affiché/).waitFor();
    await guard.getByRole('button', { name: 'Rester sur la page' }).click();
    await guard.waitFor({ state: 'detached' });
    expect(await page.getByTestId('generated-password').inputValue()).toBe(password);
    await passwordDialog.getByRole('button', { name: 'Fermer' }).last().click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe('Nouvel utilisateur');
    const row = page.getByTestId('user-row-camille.martin@officoop.test');
    await row.waitFor();
    expect(await row.textContent()).toContain('Pharmacie de Felletin');

    await expect.poll(() => row.textContent()).toContain('Mot de passe provisoire');

    // The password given is provisional: at her first login Camille is asked to choose hers, and
    // the dialog does not let her past without it.
    const newcomer = await harness.newPage();
    await loginAs(newcomer, 'camille.martin@officoop.test', password);
    expect(await newcomer.getByTestId('scope-name').textContent()).toBe('Pharmacie de Felletin');
    const change = newcomer.getByRole('dialog', { name: 'Choisissez votre mot de passe' });
    await change.waitFor();
    await newcomer.keyboard.press('Escape');
    await newcomer.waitForTimeout(300);
    expect(await change.isVisible()).toBe(true);
    expect(await change.getByRole('button', { name: 'Fermer' }).count()).toBe(0);
    // Too short and not typed the same twice: both are said at once, not one after the other.
    await change.getByLabel('Mot de passe provisoire reçu').fill(password);
    await change.getByLabel(/^Nouveau mot de passe\s*\*?$/).fill('court');
    await change.getByLabel('Nouveau mot de passe, encore une fois').fill('courte');
    await change.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await change.getByText('Les deux saisies diffèrent').waitFor();
    const fresh = change.getByLabel(/^Nouveau mot de passe\s*\*?$/);
    const errorId = (await fresh.getAttribute('aria-describedby'))?.split(' ').find((id) => id.endsWith('-error'));
    expect(await newcomer.locator(`[id="${errorId}"]`).textContent()).toBe('Au moins 12 caractères');
    await change.getByLabel('Mot de passe provisoire reçu').fill('pas-le-bon-mot-de-passe');
    await change.getByLabel(/^Nouveau mot de passe\s*\*?$/).fill('le chemin des Millevaches');
    await change.getByLabel('Nouveau mot de passe, encore une fois').fill('le chemin des Millevaches');
    await change.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await change.getByText('Ce n’est pas votre mot de passe actuel.').waitFor();
    await expect
      .poll(() => change.getByLabel('Mot de passe provisoire reçu').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await change.getByLabel('Mot de passe provisoire reçu').fill(password);
    // A row of keys is refused beside the new password, with the reason.
    await change.getByLabel(/^Nouveau mot de passe\s*\*?$/).fill('azertyuiop123');
    await change.getByLabel('Nouveau mot de passe, encore une fois').fill('azertyuiop123');
    await change.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await change.getByText(/^Ce mot de passe se devine trop facilement/).waitFor();
    await change.getByLabel(/^Nouveau mot de passe\s*\*?$/).fill('le chemin des Millevaches');
    await change.getByLabel('Nouveau mot de passe, encore une fois').fill('le chemin des Millevaches');
    await screenshot(newcomer, 'change-password-first-login');
    await change.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await newcomer.getByText('Mot de passe changé. Vos autres sessions ont été fermées.').waitFor();
    await change.waitFor({ state: 'hidden' });
    await newcomer.getByRole('heading', { name: 'Bonjour Camille Martin' }).waitFor();
    const again = await harness.newPage();
    await loginAs(again, 'camille.martin@officoop.test', 'le chemin des Millevaches');
    await again.getByRole('heading', { name: 'Bonjour Camille Martin' }).waitFor();
    expect(await again.getByRole('dialog').count()).toBe(0);

    // Later changes go through her menu, and that dialog can be closed.
    await again.getByRole('button', { name: /^Menu de Camille Martin/ }).click();
    await again.getByRole('menuitem', { name: 'Changer mon mot de passe' }).click();
    const later = again.getByRole('dialog', { name: 'Changer mon mot de passe' });
    await later.getByLabel('Mot de passe actuel').waitFor();
    await later.getByRole('button', { name: 'Annuler' }).click();
    await later.waitFor({ state: 'hidden' });

    await page.reload();
    await expect.poll(() => row.textContent()).not.toContain('Mot de passe provisoire');
  });

  it('When the admin disables an account, Then it shows as disabled and can be enabled again', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'admin@officoop.test');
    await page.goto('/admin/users');
    const row = page.getByTestId('user-row-preparateur.royere@officoop.test');
    // From the keyboard, the menu opens onto its first item (WAI-ARIA menu button), and Escape
    // gives focus back to the button.
    await row.getByRole('button', { name: /^Actions pour/ }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.getAttribute('role') + ':' + document.activeElement?.textContent),
      )
      .toMatch(/^menuitem:Modifier/);
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
      .toMatch(/^Actions pour/);
    await row.getByRole('button', { name: /^Actions pour/ }).click();
    await page.getByRole('menuitem', { name: 'Désactiver' }).click();
    const confirm = page.getByRole('dialog', { name: 'Désactiver' });
    // A destructive confirm opens on « Annuler »: an Enter pressed by habit disables nobody.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Annuler');
    await confirm.getByRole('button', { name: 'Désactiver' }).click();
    await expect.poll(() => row.textContent()).toContain('Désactivé');
    await row.getByRole('button', { name: /^Actions pour/ }).click();
    await page.getByRole('menuitem', { name: 'Réactiver' }).click();
    await expect.poll(() => row.textContent()).toContain('Actif');
  });

  it('When the admin edits a care home and a pharmacy, Then the tables show the new values', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'admin@officoop.test');
    await page.getByRole('navigation').getByRole('link', { name: 'EHPAD' }).click();
    await page.getByRole('button', { name: 'Actions pour EHPAD Les Tilleuls — Felletin' }).click();
    await page.getByRole('menuitem', { name: 'Modifier' }).click();
    const dialog = page.getByRole('dialog', { name: /^Modifier EHPAD Les Tilleuls/ });
    await dialog.getByLabel('N° FINESS').fill('12');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.getByText(/^Numéro FINESS invalide/).waitFor();
    // One digit off: the Luhn key gives it away, as for a pharmacy's number.
    await dialog.getByLabel('N° FINESS').fill('230000912');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.getByText(/^Numéro FINESS invalide : la clé/).waitFor();
    await dialog.getByLabel('N° FINESS').fill('23 000 092 9');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    // Shown as the register prints it, like the pharmacies' numbers.
    await page.getByRole('cell', { name: '23 000 092 9', exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'admin-care-homes');

    // A cut-off that leaves no time to produce before the pharmacist's control is refused on its field.
    await page.getByRole('button', { name: 'Actions pour EHPAD Les Tilleuls — Felletin' }).click();
    await page.getByRole('menuitem', { name: 'Horaires et commandes' }).click();
    const settings = page.getByRole('dialog', { name: /^Horaires et commandes — EHPAD Les Tilleuls/ });
    await settings.getByRole('combobox', { name: 'Jour limite de commande' }).click();
    await page.getByRole('option', { name: 'Vendredi' }).click();
    await settings.getByLabel('Heure limite de commande').fill('11:00');
    await settings.getByRole('button', { name: 'Enregistrer' }).click();
    await settings
      .getByText(
        'La clôture laisse trop peu de temps : les sachets doivent être produits puis contrôlés (240 min) avant la livraison.',
      )
      .waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'admin-care-home-no-production-time');
    await settings.getByRole('button', { name: 'Annuler' }).click();

    await page.getByRole('navigation').getByRole('link', { name: 'Officines' }).click();
    await page.getByRole('button', { name: 'Modifier Pharmacie de Peyrelevade' }).click();
    const pharmacyDialog = page.getByRole('dialog');
    await pharmacyDialog.getByLabel('Nom').fill('Pharmacie du Lac');
    await pharmacyDialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('cell', { name: 'Pharmacie du Lac', exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'admin-pharmacies');
  });
});

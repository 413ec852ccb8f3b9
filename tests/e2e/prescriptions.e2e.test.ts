import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, parisDate } from '../../server/shared/dates';
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

type Line = {
  id: number;
  cip13: string;
  productLabel: string;
  state: string;
  asNeeded: boolean;
  startDate: string;
  endDate: string | null;
};

async function api<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.ok(), path).toBe(true);
  return (await res.json()) as T;
}

/** `YYYY-MM-DD` → what a French user types: `dd/mm/yyyy`. */
const typed = (day: string) => day.split('-').reverse().join('/');

describe('a resident’s PDA lines (real browser)', () => {
  it('When the pharmacist enters a drug the resident already takes, Then it is refused until confirmed, and a line not started can be withdrawn', async () => {
    const page = await harness.newPage();
    page.setDefaultNavigationTimeout(30_000);
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    const residents = (await api<{ items: { id: number; status: string }[] }>(page, '/api/residents')).items;
    let resident = 0;
    let taken: Line | undefined;
    for (const r of residents.filter((x) => x.status === 'active')) {
      const lines = (await api<{ items: Line[] }>(page, `/api/residents/${r.id}/prescriptions`)).items;
      taken = lines.find((l) => l.state === 'active' && !l.asNeeded);
      if (taken) {
        resident = r.id;
        break;
      }
    }
    expect(taken, 'a resident with a regular line').toBeDefined();
    const product = taken as Line;
    const linesOf = async () =>
      (await api<{ items: Line[] }>(page, `/api/residents/${resident}/prescriptions`)).items.filter(
        (l) => l.cip13 === product.cip13,
      );
    const before = (await linesOf()).length;

    await page.goto(`/residents/${resident}`);
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle ligne de prescription' });
    await dialog.getByLabel('Médicament').fill(product.cip13);
    await page.getByRole('option', { name: new RegExp(product.cip13) }).click();
    await dialog.getByRole('textbox', { name: 'soir' }).fill('0,5');
    // It starts in ten days: a line entered ahead of time.
    const start = addCalendarDays(parisDate(new Date()), 10);
    await dialog.getByRole('textbox', { name: 'Début' }).fill(typed(start));
    await dialog.getByLabel('Prescripteur').fill('Dr Lebrun');
    // A dose past the bound is refused in words and stays as typed: never clamped to 10.
    await dialog.getByRole('textbox', { name: 'soir' }).fill('25');
    await dialog.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await dialog.getByText('Au plus 10 unités par prise').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'soir' }).inputValue()).toBe('25');
    expect((await linesOf()).length).toBe(before);
    await dialog.getByRole('textbox', { name: 'soir' }).fill('0,5');
    await dialog.getByRole('button', { name: 'Ajouter une ligne' }).click();
    // Refused: the dose would double in the pouches without anyone seeing it.
    await dialog.getByText('Ce résident a déjà une ligne de ce produit sur ces jours').waitFor();
    const confirm = dialog.getByRole('switch', { name: 'Deuxième ligne voulue de ce produit' });
    await confirm.waitFor();
    expect((await linesOf()).length).toBe(before);
    await screenshot(page, 'prescription-duplicate');
    await expectNoSeriousA11yViolations(page);

    await confirm.check({ force: true });
    await dialog.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await dialog.waitFor({ state: 'detached' });
    const added = (await linesOf()).find((l) => l.startDate === start && l.state === 'planned') as Line;
    expect(added).toBeDefined();

    // Entered by mistake after all: withdrawn before it starts.
    await page
      .getByTestId(`prescription-${added.id}`)
      .getByRole('button', { name: /Actions pour/ })
      .click();
    await page.getByRole('menuitem', { name: 'Arrêter' }).click();
    const stop = page.getByRole('dialog', { name: 'Arrêter la ligne' });
    await stop.getByText('la ligne est retirée : elle ne sera jamais donnée').waitFor();
    await screenshot(page, 'prescription-withdraw');
    await stop.getByRole('button', { name: 'Arrêter' }).click();
    await stop.waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await linesOf()).find((l) => l.id === added.id))
      .toMatchObject({ state: 'ended', endDate: addCalendarDays(start, -1) });
    await page.getByTestId(`prescription-${added.id}`).getByText('jamais donnée').filter({ visible: true }).waitFor();
  });

  it('When a pharmacist opens a discharged resident, Then the page says no pouch is prepared from that day, though the lines stay in force', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.felletin@officoop.test');
    type Row = { id: number; status: string; statusFrom: string | null };
    const { items } = await api<{ items: Row[] }>(page, '/api/residents');
    const gone = items.find((r) => r.status === 'discharged' && r.statusFrom);
    const present = items.find((r) => r.status === 'active');
    if (!gone?.statusFrom || !present) throw new Error('no discharged and present Felletin residents');
    await page.goto(`/residents/${gone.id}`);
    await page
      .getByTestId('lines-not-prepared')
      .getByText(`Sorti le ${typed(gone.statusFrom)} : aucun sachet n’est plus préparé à partir de ce jour.`, {
        exact: false,
      })
      .waitFor();
    // A resident who is there reads no such line.
    await page.goto(`/residents/${present.id}`);
    await page.getByRole('table', { name: 'Traitement en cours (PDA)' }).waitFor();
    expect(await page.getByTestId('lines-not-prepared').count()).toBe(0);
  });

  it('When half a capsule is entered, Then the dialog says under the doses that a capsule is not cut, and the refusal goes as soon as the dose is changed', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    const resident = (await api<{ items: { id: number; status: string }[] }>(page, '/api/residents')).items.find(
      (r) => r.status === 'active',
    );
    if (!resident) throw new Error('no active Bugeat resident');
    let posted = 0;
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith(`/api/residents/${resident.id}/prescriptions`)) posted += 1;
    });
    await page.goto(`/residents/${resident.id}`);
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle ligne de prescription' });
    // AMLODIPINE 5 mg, gélule: a capsule is not cut.
    await dialog.getByLabel('Médicament').fill('3400937977661');
    await page.getByRole('option', { name: /3400937977661/ }).click();
    await dialog.getByRole('textbox', { name: 'soir' }).fill('0,5');
    await dialog.getByRole('textbox', { name: 'Début' }).fill(typed(addCalendarDays(parisDate(new Date()), 3)));
    await dialog.getByLabel('Prescripteur').fill('Dr Lebrun');
    await dialog.getByRole('button', { name: 'Ajouter une ligne' }).click();
    const refusal = dialog.getByText(
      'Ce médicament se donne en unités entières (prise : soir) : une gélule ou une capsule ne se coupe pas.',
      { exact: false },
    );
    await refusal.waitFor();
    // Said by the dialog itself, from the product's form: nothing was sent.
    expect(posted).toBe(0);
    await screenshot(page, 'prescription-capsule-not-cut');
    // The refusal was about the dose as it was: it goes once the dose changes, before sending again.
    await dialog.getByRole('textbox', { name: 'soir' }).fill('1');
    await refusal.waitFor({ state: 'detached' });
    // Half of a film-coated tablet whose form does not say « sécable » (XARELTO 15 mg): allowed,
    // but the dialog asks to check the leaflet; the check goes with a whole dose.
    await dialog.getByLabel('Médicament').fill('3400921922684');
    await page.getByRole('option', { name: /3400921922684/ }).click();
    await dialog.getByRole('textbox', { name: 'soir' }).fill('0,5');
    const toCheck = dialog.getByTestId('fraction-to-check');
    expect(await toCheck.textContent()).toBe(
      'La présentation choisie ne se dit pas sécable : vérifiez dans sa notice que le comprimé peut être coupé.',
    );
    await dialog.getByRole('textbox', { name: 'soir' }).fill('1');
    await toCheck.waitFor({ state: 'detached' });
    expect(posted).toBe(0);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});

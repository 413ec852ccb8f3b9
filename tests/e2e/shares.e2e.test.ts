import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
import { pdfText } from '../helpers/shares';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

type Period = { id: number; kind: string; start: string; end: string; status: string };

/** The quarter the demo keeps open (today's), from the API the page reads too. */
async function openQuarter(page: Page): Promise<Period> {
  const periods = ((await (await page.request.get('/api/periods')).json()) as { items: Period[] }).items;
  const quarter = periods.find((p) => p.kind === 'quarter' && p.status === 'open');
  if (!quarter) throw new Error('the demo has no open quarter');
  return quarter;
}

describe('shares (real browser)', () => {
  it('When the treasurer records an entry, previews the quarter and downloads the PDF, Then the entry is in the report', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'tresorier@officoop.test');

    // Record a maintenance invoice in the ledger.
    await page.getByRole('navigation').getByRole('link', { name: 'Grand livre' }).click();
    await page.getByRole('heading', { name: 'Grand livre de la coopérative' }).waitFor();
    await page.getByRole('button', { name: 'Nouvelle écriture' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle écriture au grand livre' });
    // A date months ahead (a mistyped year or month) asks to be checked; today's does not.
    const parisDay = (ms: number) =>
      new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      }).format(ms);
    const today = await dialog.getByRole('textbox', { name: 'Date' }).inputValue();
    expect(today).toBe(parisDay(Date.now()));
    await dialog.getByRole('textbox', { name: 'Date' }).fill(parisDay(Date.now() + 130 * 86_400_000));
    await dialog.getByText(/^Dans 1[23]\d jours : vérifiez le mois et l’année\.$/).waitFor();
    await screenshot(page, 'shares-entry-far-ahead');
    // Beyond a year the server refuses it: the field says so at once, as an error, with the latest day.
    await dialog.getByRole('textbox', { name: 'Date' }).fill(parisDay(Date.now() + 800 * 86_400_000));
    await dialog.getByText(/^Le \d\d\/\d\d\/\d{4} est à plus d’un an : au plus tard le \d\d\/\d\d\/\d{4}\.$/).waitFor();
    expect(await dialog.getByText(/vérifiez le mois et l’année/).count()).toBe(0);
    // Last year typed for this one (a year back, not last quarter's invoice) asks to be checked too.
    await dialog.getByRole('textbox', { name: 'Date' }).fill(parisDay(Date.now() - 367 * 86_400_000));
    await dialog.getByText(/^Il y a 36\d jours : vérifiez le mois et l’année\.$/).waitFor();
    await dialog.getByRole('textbox', { name: 'Date' }).fill(today);
    await dialog.getByText(/vérifiez le mois et l’année/).waitFor({ state: 'detached' });
    // A third decimal is refused in words, on leaving the field, and the text stays as typed.
    await dialog.getByLabel('Montant').fill('1234,567');
    await dialog.getByLabel('Montant').blur();
    await dialog.getByText('Montant invalide : des euros avec au plus deux décimales').waitFor();
    expect(await dialog.getByLabel('Montant').inputValue()).toBe('1234,567');
    await dialog.getByLabel('Montant').fill('1234,56');
    await dialog.getByRole('combobox', { name: 'Catégorie' }).click();
    await page.getByRole('option', { name: 'Maintenance du robot' }).click();
    // A pasted label longer than the field keeps 200 characters, and the field says so.
    await dialog.getByLabel('Libellé').fill('Facture de maintenance du robot PDA '.repeat(11));
    expect((await dialog.getByLabel('Libellé').inputValue()).length).toBe(200);
    await dialog.getByTestId('text-limit').getByText('200 / 200 caractères : limite atteinte').waitFor();
    await dialog.getByLabel('Libellé').fill('Réparation du bras de découpe');
    expect(await dialog.getByTestId('text-limit').count()).toBe(0);
    await dialog.getByLabel('Référence').fill('F-E2E-1');
    await dialog.getByRole('button', { name: 'Enregistrer l’écriture' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: 'Réparation du bras de découpe' });
    await row.getByRole('cell', { name: '1 234,56 €', exact: true }).waitFor();

    // Its split among the five pharmacies, to the cent.
    await row.getByRole('button').click();
    await page.getByRole('menuitem', { name: 'Voir la répartition' }).click();
    const split = page.getByRole('table', { name: 'Quote-part de chaque officine' });
    await split.waitFor();
    expect((await split.locator('tfoot').textContent())?.replace(/\s/g, ' ')).toContain('1 234,56 €');
    await screenshot(page, 'shares-ledger-split');
    await page.keyboard.press('Escape');

    // Preview the open quarter: the report counts the new entry.
    const quarter = await openQuarter(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Rapport de répartition' }).click();
    await page.getByText('Projet (période ouverte)').waitFor();
    const quarterName = `T${(Number(quarter.start.slice(5, 7)) + 2) / 3} ${quarter.start.slice(0, 4)} — ouverte`;
    await expect.poll(() => page.getByRole('combobox', { name: 'Période' }).inputValue()).toBe(quarterName);
    const api = (await (
      await page.request.get(`/api/reports/shares?from=${quarter.start}&to=${quarter.end}`)
    ).json()) as {
      members: { pharmacyId: number; netCents: number }[];
      categories: { name: string; totalCents: number }[];
    };
    expect(api.categories.find((c) => c.name === 'Maintenance du robot')?.totalCents).toBeGreaterThanOrEqual(123_456);
    const euros = (cents: number) =>
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/\s/g, ' ');
    for (const m of api.members) {
      const cell = (await page.getByTestId(`net-${m.pharmacyId}`).textContent())?.replace(/\s/g, ' ');
      expect(cell).toContain(euros(Math.abs(m.netCents)));
    }
    await screenshot(page, 'shares-report-preview');

    // The PDF the general meeting gets.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger le PDF' }).click(),
    ]);
    // The open quarter is a draft: its file says so.
    expect(download.suggestedFilename()).toBe(`parts-${quarter.start}-${quarter.end}-projet.pdf`);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // The same report as JSON, for the cooperative's accountant: the figures the page shows.
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger le JSON' }).click(),
    ]);
    expect(json.suggestedFilename()).toBe(`parts-${quarter.start}-${quarter.end}-projet.json`);
    const saved = JSON.parse(readFileSync(await json.path(), 'utf8')) as { members: { netCents: number }[] };
    expect(saved.members.map((m) => m.netCents)).toEqual(api.members.map((m) => m.netCents));

    // Any two dates: « Autres dates… » shows the two fields, from the quarter shown, and the
    // report follows the dates typed.
    await page.getByRole('combobox', { name: 'Période' }).click();
    await page.getByRole('option', { name: 'Autres dates…' }).click();
    const frDate = (iso: string) => iso.split('-').reverse().join('/');
    const fromField = page.getByRole('textbox', { name: 'Du', exact: true });
    await expect.poll(() => fromField.inputValue()).toBe(frDate(quarter.start));
    expect(await page.getByRole('textbox', { name: 'Au', exact: true }).inputValue()).toBe(frDate(quarter.end));
    const secondMonth = `${quarter.start.slice(0, 5)}${String(Number(quarter.start.slice(5, 7)) + 1).padStart(2, '0')}-01`;
    await fromField.fill(frDate(secondMonth));
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(secondMonth);
    expect(await page.getByRole('combobox', { name: 'Période' }).inputValue()).toBe('Autres dates…');
    await page.getByText('Document de travail (dates libres)').waitFor();
    // An end before the start: the « Au » field says why the report is refused.
    // Typed key by key, as a person does: the half-typed date stays in the field.
    const toField = page.getByRole('textbox', { name: 'Au', exact: true });
    await toField.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    expect(await toField.inputValue()).toBe('');
    await page.keyboard.type(frDate(quarter.start).slice(0, 5), { delay: 30 });
    // Half a date is no range: the figures shown are still the last range's, the page says so, and
    // they cannot be downloaded as if they were the dates typed.
    await page
      .getByTestId('typing-note')
      .getByText(`celui du ${frDate(secondMonth)} au ${frDate(quarter.end)}`)
      .waitFor();
    expect(await page.getByRole('link', { name: 'Télécharger le PDF' }).count()).toBe(0);
    expect(await page.getByText('Télécharger le PDF').count()).toBe(1);
    await page.keyboard.type(frDate(quarter.start).slice(5), { delay: 30 });
    expect(await toField.inputValue()).toBe(frDate(quarter.start));
    expect(await page.getByTestId('typing-note').count()).toBe(0);
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe(quarter.start);
    await page.getByText('La date de fin précède la date de début').waitFor();
    // The message under « Au » does not lift it above « Du »: the fields stay on one line.
    const tops = await Promise.all([fromField, toField].map(async (f) => (await f.boundingBox())?.y));
    expect(tops[1]).toBe(tops[0]);
    // Both dates emptied: each asks for a date, and the end is not said to come before the start.
    await fromField.fill('');
    await toField.fill('');
    await expect.poll(() => page.getByText('Champ obligatoire').count()).toBe(2);
    expect(await page.getByText('La date de fin précède la date de début').count()).toBe(0);
    await fromField.fill(frDate(secondMonth));
    // A phone's numeric keypad has no « / »: the eight digits alone are the day.
    await toField.fill(quarter.end.split('-').reverse().join(''));
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe(quarter.end);
    expect(await page.getByText('La date de fin précède la date de début').count()).toBe(0);
    expect(await page.getByText('Champ obligatoire').count()).toBe(0);
    // A range the report refuses says why under each date, not only « Vérifiez les champs saisis ».
    await page.goto('/shares/report?from=1990-01-01&to=2030-12-31');
    await page.getByText('Date hors des limites (entre 2000 et 2099)').waitFor();
    await page.getByText('Dix ans au plus entre les deux dates').waitFor();
    expect(await page.getByText('Vérifiez les champs saisis.').count()).toBe(0);
    await screenshot(page, 'shares-range-refused');
    // A quarter of next year has not begun: its zeros are explained, not left to be wondered at.
    const nextYear = Number(quarter.start.slice(0, 4)) + 1;
    await page.goto(`/shares/report?from=${nextYear}-01-01&to=${nextYear}-03-31`);
    await page.getByText('Période à venir').waitFor();
    await page.getByText(`Elle commence le 01/01/${nextYear}`).waitFor();

    // Shares are whole: "2,5" is refused in words, never read as 25.
    await page.goto('/shares');
    await page.getByRole('button', { name: 'Nouvelle opération' }).click();
    const tx = page.getByRole('dialog', { name: 'Nouvelle opération sur les parts' });
    await tx.getByLabel('Nombre de parts').fill('2,5');
    await tx.getByLabel('Nombre de parts').blur();
    await tx.getByText('Saisissez un nombre entier de parts').waitFor();
    expect(await tx.getByLabel('Nombre de parts').inputValue()).toBe('2,5');
  });

  it.each([
    ['a desktop', undefined, ''],
    ['a tablet', TABLET, '-tablet'],
  ] as const)(
    'When the treasurer opens each shares page on %s, Then each reads clearly',
    async (_screen, viewport, suffix) => {
      const page = await harness.newPage(viewport);
      await loginAs(page, 'tresorier@officoop.test');
      await page
        .getByTestId('card-shares-draft')
        .getByText(/écritures/)
        .waitFor();
      await screenshot(page, `shares-home-treasurer${suffix}`);
      if (!suffix) await expectNoSeriousA11yViolations(page);
      for (const [path, heading, name] of [
        ['/shares', 'Registre des parts sociales', 'shares-register'],
        ['/ledger', 'Grand livre de la coopérative', 'shares-ledger'],
        ['/ledger/categories', 'Catégories et clés de répartition', 'shares-categories'],
        ['/shares/report', 'Rapport de répartition', 'shares-report'],
      ] as const) {
        await page.goto(path);
        await page.getByRole('heading', { name: heading }).waitFor();
        await expect.poll(() => page.getByRole('table').count()).toBeGreaterThan(0);
        await screenshot(page, `${name}${suffix}`);
        if (!suffix) await expectNoSeriousA11yViolations(page);
      }
      await page.goto('/ledger');
      await page.getByRole('button', { name: 'Nouvelle écriture' }).click();
      await page.getByRole('dialog', { name: 'Nouvelle écriture au grand livre' }).waitFor();
      await screenshot(page, `shares-ledger-new-entry${suffix}`);
      if (!suffix) await expectNoSeriousA11yViolations(page);
      await page.keyboard.press('Escape');
      // The closed quarter and one member's statement from it.
      const periods = (await (await page.request.get('/api/periods')).json()) as { items: Period[] };
      const closed = periods.items.find((p) => p.status === 'closed') as Period;
      await page.goto(`/shares/report?from=${closed.start}&to=${closed.end}`);
      await page.getByText(/^Clôturé le/).waitFor();
      await page.getByText('Excédent réparti selon les parts').waitFor();
      // Two members of the same holding may differ by cents: the page says why, as the PDF does.
      await page
        .getByTestId('cents-rule')
        .getByText(/méthode du plus fort reste/)
        .waitFor();
      await screenshot(page, `shares-report-closed${suffix}`);
      await page.getByRole('link', { name: 'Pharmacie de Meymac' }).click();
      await page.getByRole('heading', { name: 'Relevé — Pharmacie de Meymac' }).waitFor();
      await screenshot(page, `shares-statement-treasurer${suffix}`);
      if (!suffix) await expectNoSeriousA11yViolations(page);
    },
  );

  it('When the treasurer reads the report, a statement and the ledger on a phone, Then nets, parts and amounts are on the screen without scrolling sideways', async () => {
    const page = await harness.newPage(PHONE);
    await loginAs(page, 'tresorier@officoop.test');
    await page.goto('/shares/report');
    const members = page.getByRole('table', { name: 'Répartition par officine' });
    await members.getByRole('columnheader', { name: 'Résultat net' }).waitFor();
    // Neither table is wider than its box (the net was past the screen's edge, behind a sideways scroll).
    for (const name of ['Répartition par officine', 'Catégories et clés appliquées']) {
      const table = page.getByRole('table', { name });
      const [tableBox, screen] = [await table.boundingBox(), page.viewportSize()];
      expect((tableBox?.x ?? 0) + (tableBox?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(
        screen?.width ?? 0,
      );
    }
    const net = members.getByTestId(/^net-/).first();
    const box = await net.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'shares-report-phone');
    // A member's statement: its part of each cost, the figure it reads, is on the screen too.
    await members.getByRole('link', { name: 'Pharmacie de Meymac' }).click();
    const costs = page.getByRole('table', { name: 'Charges' });
    const part = costs.getByRole('columnheader', { name: 'Quote-part de l’officine' });
    await part.waitFor();
    const partBox = await part.boundingBox();
    expect((partBox?.x ?? 0) + (partBox?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'shares-statement-phone');
    // The ledger is one card per entry: its amount, its label and its menu on the screen.
    await page.goto('/ledger');
    const entry = page.getByTestId(/^entry-/).first();
    const amount = entry
      .getByRole('cell')
      .first()
      .getByText(/^-?[\d\s]+,\d\d\s€$/);
    await amount.waitFor();
    for (const shown of [
      amount,
      entry.getByRole('button'),
      page.getByRole('table', { name: 'Grand livre de la coopérative' }),
    ]) {
      const b = await shown.boundingBox();
      expect((b?.x ?? 0) + (b?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(PHONE.width);
    }
    const id = (await entry.getAttribute('data-testid'))?.slice('entry-'.length);
    const label = (await (await page.request.get(`/api/ledger/entries/${id}`)).json()).description;
    await entry.getByRole('cell').first().getByText(label).waitFor();
    await screenshot(page, 'shares-ledger-phone');
    // The register and the categories fit the screen too: shares, capital part, who and how many
    // were behind a sideways scroll (found by a tester).
    for (const [path, tables] of [
      ['/shares', ['Parts détenues', 'Opérations']],
      ['/ledger/categories', ['Catégories et clés de répartition']],
    ] as const) {
      await page.goto(path);
      for (const name of tables) {
        const table = page.getByRole('table', { name });
        await table.getByRole('row').nth(1).waitFor();
        const b = await table.boundingBox();
        expect((b?.x ?? 0) + (b?.width ?? Number.POSITIVE_INFINITY), name).toBeLessThanOrEqual(PHONE.width);
      }
      await screenshot(page, `shares-${path.split('/').at(-1)}-phone`);
    }
  });

  it('When a pharmacist opens its shares, Then it reads its own statement and not another pharmacy’s', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.felletin@officoop.test');
    const card = page.getByTestId('card-shares-statement');
    await card.getByText(/Résultat net de/).waitFor();
    await card.getByRole('link', { name: 'Voir mon relevé' }).click();
    await page.getByRole('heading', { name: 'Relevé — Pharmacie de Felletin' }).waitFor();
    await page.getByTestId('statement-net').waitFor();
    await screenshot(page, 'shares-statement-pharmacist');
    await expectNoSeriousA11yViolations(page);
    // The statement shown, as a PDF to keep: its own page, not the general meeting's report.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger le PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^releve-\d+-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}(-projet)?\.pdf$/);
    const statementText = pdfText(readFileSync(await download.path()));
    expect(statementText).toContain('Relevé — Pharmacie de Felletin');
    expect(statementText).not.toContain('Pharmacie de Meymac');
    await page.goto('/shares/report');
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    const other = await page.request.get('/api/shares/statements/1?from=2026-01-01&to=2026-03-31');
    expect(other.status()).toBe(404);
  });

  it('When the treasurer closes last month, Then the dialog lists the report’s warnings first, and the home card then says the month is closed', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'tresorier@officoop.test');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const start = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
    const monthName = `${new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' }).format(new Date(`${start}T12:00:00Z`))} ${start.slice(0, 4)}`;
    // The current quarter is not over: its close button is off, and the page says why in words (a
    // disabled button shows no tooltip, and the keyboard does not reach it).
    const { items: periods } = (await (await page.request.get('/api/periods')).json()) as { items: Period[] };
    const current = periods.find((p) => p.kind === 'quarter' && p.start <= today && today <= p.end) as Period;
    expect(current.status).toBe('open');
    await page.goto(`/shares/report?from=${current.start}&to=${current.end}`);
    expect(await page.getByRole('button', { name: 'Clôturer la période' }).isDisabled()).toBe(true);
    const endsOn = current.end.split('-').reverse().join('/');
    await page
      .getByTestId('close-not-yet')
      .getByText(`La période se termine le ${endsOn} : elle pourra être clôturée ensuite.`)
      .waitFor();
    // « Ouvrir une période » proposes one not opened yet: the current quarter is, so last month
    // (when no closed quarter holds it already).
    await page.getByRole('button', { name: 'Ouvrir une période' }).click();
    const opening = page.getByRole('dialog', { name: 'Ouvrir une période' });
    const proposed = [
      await opening.getByLabel('Type de période').inputValue(),
      await opening.getByRole('textbox', { name: 'Premier jour' }).inputValue(),
    ];
    await opening.getByRole('button', { name: 'Annuler' }).click();
    await opening.waitFor({ state: 'hidden' });
    // In a January or the month after a quarter, the demo has already closed last month's quarter.
    const opened = await page.request.post('/api/periods', { data: { kind: 'month', start } });
    expect(proposed[0] === 'Mois' && proposed[1] === start.split('-').reverse().join('/')).toBe(
      opened.status() === 201,
    );
    if (opened.status() === 201) {
      const period = (await opened.json()) as Period;
      // A large PDA fee that month: a surplus shared by holding, which the report warns of.
      const categories = (await (await page.request.get('/api/ledger/categories')).json()) as {
        items: { id: number; name: string }[];
      };
      const fees = categories.items.find((c) => c.name === 'Honoraires PDA des EHPAD') as { id: number };
      const entry = await page.request.post('/api/ledger/entries', {
        headers: { 'Idempotency-Key': randomUUID() },
        data: {
          date: `${start.slice(0, 8)}15`,
          categoryId: fees.id,
          amountCents: 10_000_000,
          description: 'Honoraires PDA (essai de clôture)',
          reference: 'E2E-CLOSE',
        },
      });
      expect(entry.status()).toBe(201);
      await page.goto(`/shares/report?from=${period.start}&to=${period.end}`);
      await page.getByText('Projet (période ouverte)').waitFor();
      const onPage = page.getByTestId('report-warning');
      await onPage.first().waitFor();
      const texts = await onPage.allTextContents();
      expect(texts.join(' ')).toContain('Excédent réparti selon les parts');
      await page.getByRole('button', { name: 'Clôturer la période' }).click();
      const dialog = page.getByRole('dialog', { name: `Clôturer ${monthName} ?` });
      await dialog.getByTestId('close-warnings').waitFor();
      // The same warnings, word for word, before the treasurer confirms.
      expect(await dialog.getByTestId('report-warning').allTextContents()).toEqual(texts);
      await screenshot(page, 'shares-close-warnings');
      await expectNoSeriousA11yViolations(page);
      await dialog.getByRole('button', { name: 'Clôturer la période' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    // Closed, last month is no longer a draft: the card says it is closed and links to its report.
    await page.goto('/');
    const card = page.getByTestId('card-shares-draft');
    await card.getByText(new RegExp(`^${monthName} clôturé`)).waitFor();
    expect(await card.getByText('sera prêt le 1er').count()).toBe(0);
    await screenshot(page, 'shares-home-month-closed');
    await card.getByRole('link', { name: 'Voir le rapport clôturé' }).click();
    await page.getByText(/^Clôturé le/).waitFor();
  });

  it('When the treasurer changes the nominal value of a share, Then a date before recorded operations is refused under the date, and a later one is saved', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'tresorier@officoop.test');
    const { items } = (await (await page.request.get('/api/shares/transactions')).json()) as {
      items: { date: string }[];
    };
    const last = items
      .map((tx) => tx.date)
      .sort()
      .at(-1) as string;
    const frenchDay = (day: string) => day.split('-').reverse().join('/');
    await page.goto('/shares');
    await page.getByRole('button', { name: 'Changer la valeur nominale' }).click();
    const dialog = page.getByRole('dialog', { name: 'Changer la valeur nominale' });
    const from = dialog.getByRole('textbox', { name: 'À partir du' });
    await from.fill(frenchDay(last));
    await dialog.getByRole('textbox', { name: 'Valeur nominale d’une part' }).fill('52,50');
    await dialog.getByRole('button', { name: 'Enregistrer la valeur' }).click();
    // Operations already recorded keep the value of their day: the date says why it cannot be that early.
    await dialog.getByText(`dernière le ${frenchDay(last)}`, { exact: false }).waitFor();
    await screenshot(page, 'shares-nominal-backdated');
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(Date.now() + 86_400_000);
    expect(tomorrow > last).toBe(true);
    const after = tomorrow;
    await from.fill(frenchDay(after));
    await dialog.getByRole('button', { name: 'Enregistrer la valeur' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(`Valeur nominale de 52,50 € à partir du ${frenchDay(after)}.`).waitFor();
    const values = (await (await page.request.get('/api/shares/nominal-values')).json()) as {
      items: { validFrom: string; valueCents: number }[];
    };
    expect(values.items).toContainEqual(expect.objectContaining({ validFrom: after, valueCents: 5250 }));
  });
});

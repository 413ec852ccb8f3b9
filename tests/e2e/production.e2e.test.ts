import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeek } from '../../server/shared/dates';
import { formatCount } from '../../web/src/shared/format';
import {
  type BrowserHarness,
  DESKTOP,
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

// The demo runs on the real clock: the orders of the first open week of Felletin and Meymac are
// submitted and unplanned, and Bugeat (the robot's host) holds what they need. A pharmacist books
// one at the first start the robot proposes, through the API; the rest happens in the browser.
async function bookPendingOrder(page: Page, careHome: string): Promise<{ batchId: number; orderId: number }> {
  const robots = (await (await page.request.get('/api/robots')).json()) as { items: { id: number }[] };
  const robotId = robots.items[0]?.id as number;
  const pending = (await (await page.request.get(`/api/robots/${robotId}/pending-orders`)).json()) as {
    items: { orderId: number; careHomeName: string }[];
  };
  const order = pending.items.find((o) => o.careHomeName.includes(careHome));
  if (!order) throw new Error(`the demo has no pending ${careHome} order`);
  const slots = (await (await page.request.get(`/api/robots/${robotId}/slots?orderIds=${order.orderId}`)).json()) as {
    starts: string[];
  };
  const booked = await page.request.post('/api/robot-batches', {
    data: { robotId, start: slots.starts[0], orderIds: [order.orderId] },
  });
  expect(booked.status()).toBe(201);
  return { batchId: ((await booked.json()) as { id: number }).id, orderId: order.orderId };
}

/**
 * The demo runs on the real clock: from a closed week's batch slot (Wednesday noon) until it ends,
 * that batch is in production on the robot, and the robot makes one batch at a time. The host's
 * technician completes it first, through the API, as they would on its page.
 */
async function completeRunningBatch(page: Page, batchId: number) {
  const view = (await (await page.request.get(`/api/robot-batches/${batchId}`)).json()) as {
    production: { runningBatchId: number | null };
  };
  const running = view.production.runningBatchId;
  if (running === null) return;
  const batch = (await (await page.request.get(`/api/robot-batches/${running}`)).json()) as { pouches: number };
  const done = await page.request.post(`/api/robot-batches/${running}/complete`, {
    data: { pouchesProduced: batch.pouches },
  });
  expect(done.status()).toBe(200);
}

/** The order's cut-off a minute ago: from then on its batch may start (the demo runs on the real clock). */
function passCutoff(orderId: number) {
  const db = new Database(harness.dbPath);
  try {
    db.prepare('UPDATE weekly_orders SET cutoff_at = ? WHERE id = ?').run(
      new Date(Date.now() - 60_000).toISOString(),
      orderId,
    );
  } finally {
    db.close();
  }
}

describe('robot production (real browser)', () => {
  let batchId: number;
  let orderId: number;

  it('When a technician starts and completes a batch, Then its lots are recorded', async () => {
    const pharmacist = await harness.newPage();
    await loginAs(pharmacist, 'pharmacien.felletin@officoop.test');
    ({ batchId, orderId } = await bookPendingOrder(pharmacist, 'Felletin'));

    const page = await harness.newPage();
    await loginAs(page, 'preparateur.felletin@officoop.test');
    await page.goto(`/robot/batches/${batchId}`);
    await page.getByRole('heading', { name: `Série robot n° ${batchId}`, level: 1 }).waitFor();
    await page.getByTestId('stock-covered').waitFor();
    // The open week's cut-off is ahead: the care home may still change the order, so the batch waits.
    await page.getByTestId('start-after-cutoff').getByText('Démarrage possible après la clôture').waitFor();
    expect(await page.getByRole('button', { name: 'Démarrer la production' }).isDisabled()).toBe(true);
    await screenshot(page, 'production-batch-booked');
    await expectNoSeriousA11yViolations(page);

    // The cut-off passes (moved in the database, as the API tests move their clock). Meymac's
    // order of the week, booked after it on the same robot, passes its cut-off too; Bugeat's
    // technician (the robot's host) has its page open.
    passCutoff(orderId);
    const meymac = await harness.newPage();
    await loginAs(meymac, 'pharmacien.meymac@officoop.test');
    const meymacBooking = await bookPendingOrder(meymac, 'Meymac');
    passCutoff(meymacBooking.orderId);
    const host = await harness.newPage();
    await loginAs(host, 'preparateur.bugeat@officoop.test');
    await completeRunningBatch(host, batchId);
    await host.goto(`/robot/batches/${meymacBooking.batchId}`);
    await host.getByRole('heading', { name: `Série robot n° ${meymacBooking.batchId}`, level: 1 }).waitFor();
    await host.getByRole('button', { name: 'Démarrer la production' }).and(host.locator(':enabled')).waitFor();
    // The host runs Meymac's batch, but its delivery notes are Meymac's documents (the API answers 404).
    expect(await host.getByRole('link', { name: 'Bon de livraison' }).count()).toBe(0);

    await page.reload();
    await page.getByRole('heading', { name: `Série robot n° ${batchId}`, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Démarrer la production' }).and(page.locator(':enabled')).waitFor();
    expect(await page.getByTestId('start-after-cutoff').count()).toBe(0);
    // Felletin's own staff print its order's delivery note from the batch.
    await page.getByRole('link', { name: 'Bon de livraison' }).waitFor();

    await page.getByRole('button', { name: 'Démarrer la production' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Démarrer la production' }).click();
    await page.getByTestId('batch-status').getByText('En production').waitFor();

    // The robot makes one batch at a time: Bugeat's technician, whose page was loaded before, is
    // told so on starting Meymac's batch; the page then says which batch runs and links to it.
    await host.getByRole('button', { name: 'Démarrer la production' }).click();
    const refused = host.getByRole('dialog');
    await refused.getByRole('button', { name: 'Démarrer la production' }).waitFor();
    await screenshot(host, 'production-start-dialog');
    await refused.getByRole('button', { name: 'Démarrer la production' }).click();
    await refused.getByText(`Le robot produit la série n° ${batchId} : attendez qu’elle soit terminée.`).waitFor();
    await refused.getByRole('button', { name: 'Annuler' }).click();
    await refused.waitFor({ state: 'hidden' });
    const busy = host.getByTestId('start-robot-busy');
    await busy.getByText('Le robot produit en ce moment une autre série').waitFor();
    expect(await host.getByRole('button', { name: 'Démarrer la production' }).isDisabled()).toBe(true);
    await expectNoSeriousA11yViolations(host);
    await screenshot(host, 'production-robot-busy');
    await busy.getByRole('link', { name: `Ouvrir la série robot n° ${batchId}` }).click();
    await host.getByRole('heading', { name: `Série robot n° ${batchId}`, level: 1 }).waitFor();

    // The robot's calendar shows the batch where it runs (started ahead of its slot), in production.
    // Started late in the evening, it runs past midnight and shows on both days: the first will do.
    const running = (await (await host.request.get(`/api/robot-batches/${batchId}`)).json()) as { start: string };
    await host.goto(`/robot?week=${isoWeek(new Date(running.start))}`);
    await host
      .getByTestId('batch')
      .filter({ has: host.getByTestId('batch-status').getByText('En production') })
      .first()
      .waitFor();
    await screenshot(host, 'robot-calendar-in-production');

    // The host's technician finds the running batch on the home page, and gets to it from there.
    await host.goto('/');
    const today = host.getByTestId('card-upcoming-batches');
    const item = today.getByRole('listitem').filter({ hasText: `Série robot n° ${batchId}` });
    await item.getByText('En production').waitFor();
    await screenshot(host, 'home-upcoming-batches');
    await item.getByRole('link', { name: `Série robot n° ${batchId}` }).click();
    await host.getByRole('heading', { name: `Série robot n° ${batchId}`, level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Terminer la production' }).click();
    const dialog = page.getByRole('dialog', { name: 'Terminer la production' });
    await dialog.getByLabel('Incident de production').waitFor();
    // Ended moments after it started, for a run planned longer: the dialog asks to check the robot first.
    expect(await dialog.getByTestId('run-too-short').textContent()).toMatch(
      /^La série a démarré il y a (moins d’une minute|\d+ min), pour .+ prévues : vérifiez que le robot a bien fini/,
    );
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'production-complete-dialog');
    // One pouch short and no incident described: the form says so before anything is sent.
    const planned = ((await (await page.request.get(`/api/robot-batches/${batchId}`)).json()) as { pouches: number })
      .pouches;
    const produced = dialog.getByRole('textbox', { name: 'Sachets produits' });
    await produced.fill(String(planned - 1));
    await dialog.getByRole('button', { name: 'Terminer la production' }).click();
    await dialog.getByText('Décrivez l’incident : il manque 1 sachet.').waitFor();
    await screenshot(page, 'production-complete-incident-missing');
    // A count that cannot be right is the field's error alone: « -5 » read « Il manque 1 045 sachets ».
    await produced.fill('-5');
    await dialog.getByTestId('short-pouches').waitFor({ state: 'detached' });
    await produced.fill(String(planned));
    await dialog.getByRole('button', { name: 'Terminer la production' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('batch-status').getByText('Produite').waitFor();
    await page.getByRole('table', { name: 'Lots utilisés' }).waitFor();
    // The times are those the robot ran, with the planned length beside the real one.
    await page.getByText('Production', { exact: true }).waitFor();
    await page.getByText(/^\d+ min \(prévue : (\d+ h( \d{2})?|\d+ min)\)$/).waitFor();
    expect(await page.getByRole('button', { name: 'Vérifier la série' }).count()).toBe(0); // technicians do not verify
    await page
      .getByText('La série attend le contrôle d’un pharmacien de la Pharmacie de Felletin, qui sert ses EHPAD.')
      .waitFor();
    await screenshot(page, 'production-batch-produced');
    await page.setViewportSize(TABLET);
    await screenshot(page, 'production-batch-produced-tablet');
    // On a phone the orders and the lots read as one summary each: the delivery note, the lot's
    // expiry and units are on the screen, not behind a sideways scroll.
    await page.setViewportSize(PHONE);
    for (const table of ['Commandes de la série', 'Lots utilisés']) {
      const box = await page.getByRole('table', { name: table }).boundingBox();
      expect(box && box.x + box.width, table).toBeLessThanOrEqual(PHONE.width);
    }
    await page
      .getByRole('table', { name: 'Lots utilisés' })
      .getByText(/^Lot \S+ · péremption \d{2}\/\d{2}\/\d{4} · \d+ u\.$/)
      .first()
      .waitFor();
    await screenshot(page, 'production-batch-produced-phone');
    await page.setViewportSize(TABLET);
    // The technician's home lists it as waiting for the pharmacist, not as work of its own.
    await page.goto('/');
    const waiting = page.getByTestId('card-batches-to-verify');
    await waiting.getByText('Séries en attente du pharmacien').waitFor();
    await waiting.getByRole('link', { name: `Série robot n° ${batchId}` }).waitFor();
  });

  it('When the Felletin pharmacist finds a torn pouch, Then verification waits until it is remade, then the batch is verified', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.felletin@officoop.test');
    // A first check found a torn pouch: recorded as the verify dialog's "anomalies" outcome would.
    const view = (await (await page.request.get(`/api/robot-batches/${batchId}/verification`)).json()) as {
      residents: { residentId: number }[];
    };
    const found = await page.request.post(`/api/robot-batches/${batchId}/verify`, {
      data: {
        pouchesChecked: 14,
        notes: 'Contrôle arrêté au sachet déchiré, à reprendre',
        anomalies: [{ residentId: view.residents[0]?.residentId, description: 'Sachet du mardi midi déchiré' }],
      },
    });
    expect(found.ok()).toBe(true);

    await page
      .getByTestId('card-batches-to-verify')
      .getByRole('link', { name: `Série robot n° ${batchId}` })
      .click();
    await page.getByRole('heading', { name: `Série robot n° ${batchId}`, level: 1 }).waitFor();
    await page
      .getByText(/Une anomalie ouverte bloque/)
      .first()
      .waitFor();
    await screenshot(page, 'production-anomaly');
    // The check's remarks are on the page, not only in the API.
    expect(await page.getByTestId('verification-checks').textContent()).toMatch(
      /anomalies relevées \(14 sachets contrôlés\) — remarques : Contrôle arrêté au sachet déchiré, à reprendre/,
    );
    // On a phone the anomaly reads as one summary, its state and its « Résoudre » on the screen.
    await page.setViewportSize(PHONE);
    const anomalies = await page.getByRole('table', { name: 'Anomalies' }).boundingBox();
    expect(anomalies && anomalies.x + anomalies.width).toBeLessThanOrEqual(PHONE.width);
    const resolveButton = await page.getByRole('button', { name: /^Résoudre / }).boundingBox();
    expect(resolveButton && resolveButton.x + resolveButton.width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'production-anomaly-phone');
    await page.setViewportSize(DESKTOP);
    // The pharmacist may also reject the batch: redo it or give it up (here: not done).
    await page.getByRole('button', { name: 'Rejeter la série' }).click();
    const reject = page.getByRole('dialog', { name: /Rejeter la série robot/ });
    await reject.getByLabel('Motif du rejet').waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'production-reject-dialog');
    await reject.getByRole('button', { name: 'Annuler' }).click();
    await reject.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: /^Résoudre / }).click();
    const resolve = page.getByRole('dialog', { name: 'Résoudre l’anomalie' });
    await resolve.getByLabel('Ce qui a été fait').fill('Sachet refait à la main et recontrôlé');
    await expectNoSeriousA11yViolations(page);
    await resolve.getByRole('button', { name: 'Résoudre' }).click();
    await resolve.waitFor({ state: 'hidden' });
    await page.getByText('Résolue', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Vérifier la série' }).click();
    const dialog = page.getByRole('dialog', { name: 'Contrôle de la série' });
    await dialog.getByLabel('Sachets contrôlés').waitFor();
    await screenshot(page, 'production-verify-dialog');
    // An anomaly row left without its resident says what to choose (it read « Doit être supérieur à 0 »).
    await dialog.getByRole('button', { name: 'Ajouter une anomalie' }).click();
    await dialog.getByRole('button', { name: 'Enregistrer les anomalies' }).click();
    await dialog.getByText('Choisissez le résident concerné.').waitFor();
    await dialog.getByRole('button', { name: 'Retirer cette anomalie' }).click();
    await dialog.getByRole('button', { name: 'Valider la série' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('batch-status').getByText('Vérifiée').waitFor();
    await screenshot(page, 'production-batch-verified');
  });

  it('When the care home opens its home page, Then it sees its order verified, on a tablet too', async () => {
    const page = await harness.newPage(TABLET);
    await loginAs(page, 'ehpad.felletin@officoop.test');
    const card = page.getByTestId('card-order-progress');
    await card.getByTestId(`order-status-${orderId}`).getByText('Vérifiée').waitFor();
    expect(await card.getByTestId(`order-progress-${orderId}`).getAttribute('data-status')).toBe('verified');
    await card.getByRole('button', { name: 'Signer la réception' }).first().waitFor();
    await screenshot(page, 'production-carehome-verified-tablet');
    // The remarks on receipt are the care home's to write.
    await card.getByRole('button', { name: 'Signer la réception' }).first().click();
    const sign = page.getByRole('dialog', { name: 'Réception de la livraison' });
    expect(await sign.getByLabel('Remarques').isEditable()).toBe(true);
    await sign.getByRole('button', { name: 'Annuler' }).click();
    await sign.waitFor({ state: 'hidden' });
  });

  it('When the pharmacist opens the delivery signature for the care home, Then the care home’s remarks box is read-only', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.felletin@officoop.test');
    await page.goto(`/orders/${orderId}`);
    await page.getByRole('button', { name: 'Signer la réception' }).click();
    const sign = page.getByRole('dialog', { name: 'Réception de la livraison' });
    const remarks = sign.getByLabel('Remarques');
    await remarks.waitFor();
    expect(await remarks.isEditable()).toBe(false);
    await sign.getByText(/Les remarques sont celles de l’EHPAD/).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'production-delivery-sign-pharmacist');
    await sign.getByRole('button', { name: 'Annuler' }).click();
    await sign.waitFor({ state: 'hidden' });
  });

  it('When a pharmacist recalls the dépannage lot, Then the transfer, batches and its residents show', async () => {
    const page = await harness.newPage();
    await loginAs(page, 'pharmacien.bugeat@officoop.test');
    const recalled = (await (await page.request.get('/api/stock/lots?includeEmpty=true')).json()) as {
      items: { cip13: string; lotNumber: string }[];
    };
    const lot = recalled.items.find((l) => /^MY\d{4}R$/.test(l.lotNumber));
    if (!lot) throw new Error('the demo has no dépannage lot at Bugeat');
    await page.goto('/recall');
    await page.getByLabel('CIP13').fill(lot.cip13);
    await page.getByLabel('Lot').fill(lot.lotNumber);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const transfers = page.getByRole('table', { name: 'Transferts (dépannages)' });
    await transfers.getByText('Pharmacie de Meymac').waitFor();
    // Units shipped and received apart: a short receipt leaves units to chase.
    await transfers.getByRole('columnheader', { name: 'Envoyées', exact: true }).waitFor();
    await transfers.getByRole('columnheader', { name: 'Reçues', exact: true }).waitFor();
    expect(await page.getByRole('table', { name: 'Résidents concernés' }).getByRole('row').count()).toBeGreaterThan(1);
    // What left at the counter, per pharmacy, as the API traces it (the demo dispenses every day).
    const traced = (await (
      await page.request.get(`/api/recalls?cip13=${lot.cip13}&lot=${encodeURIComponent(lot.lotNumber)}`)
    ).json()) as { dispensed: { pharmacyName: string; units: number }[] };
    const counter = page.getByRole('table', { name: 'Dispensations au comptoir' });
    if (traced.dispensed.length === 0)
      await page.getByText('Aucune unité de ce lot n’a été dispensée au comptoir.').waitFor();
    for (const d of traced.dispensed)
      expect(
        (await counter.getByRole('row').filter({ hasText: d.pharmacyName }).textContent())?.replace(/\s/g, ' '),
      ).toContain(formatCount(d.units).replace(/\s/g, ' '));
    await screenshot(page, 'recall-results');
    await page.setViewportSize(TABLET);
    await screenshot(page, 'recall-results-tablet');
    // On a phone the units still on the shelves, received and put in pouches are on the screen, not
    // behind a sideways scroll.
    await page.setViewportSize(PHONE);
    for (const [table, column] of [
      ['Pharmacies détentrices', 'En rayon'],
      ['Transferts (dépannages)', 'Reçues'],
      ['Séries robot et EHPAD', 'Unités'],
      ['Résidents concernés', 'Unités'],
    ]) {
      const header = page.getByRole('table', { name: table }).getByRole('columnheader', { name: column });
      await expect
        .poll(async () => {
          const b = await header.boundingBox();
          return (b?.x ?? 0) + (b?.width ?? Number.POSITIVE_INFINITY);
        })
        .toBeLessThanOrEqual(PHONE.width);
    }
    // Which transfer, from whom to whom: in the one column that stands for four on a phone.
    await transfers.getByRole('cell', { name: /Pharmacie de Meymac → Pharmacie de Bugeat/ }).waitFor();
    await screenshot(page, 'recall-results-phone');
    await page.setViewportSize(TABLET);
    // A refused search (a CIP13 with a wrong check digit) leaves no answer of the lot before under its error.
    await page.getByLabel('CIP13').fill(`${lot.cip13.slice(0, 12)}${(Number(lot.cip13[12]) + 1) % 10}`);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('CIP13 invalide : 13 chiffres, clé de contrôle comprise').waitFor();
    await transfers.waitFor({ state: 'detached' });
    expect(await page.getByRole('table', { name: 'Résidents concernés' }).count()).toBe(0);
  });
});

import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
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

// The demo runs on the real clock: Felletin's order of the first open week is submitted and
// unplanned. Its pharmacist books it through the API; then its slot is moved into the past in the
// database (as the API tests move their clock), as if nobody had started it.
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

/** The batch's slot ended an hour ago, unstarted; its order's cut-off passed before it. */
function missSlot(batchId: number, orderId: number) {
  const db = new Database(harness.dbPath);
  const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  try {
    const { minutes } = db
      .prepare('SELECT duration_minutes AS minutes FROM robot_batches WHERE id = ?')
      .get(batchId) as {
      minutes: number;
    };
    // Triggers refuse overlapping batches: the first past hour free of the demo's own batches.
    const move = db.prepare('UPDATE robot_batches SET start_at = ?, end_at = ? WHERE id = ?');
    const moved = [1, 3, 5, 8, 12, 18, 26, 36, 48].some((hours) => {
      try {
        move.run(at(-hours * 60 - minutes), at(-hours * 60), batchId);
        return true;
      } catch {
        return false;
      }
    });
    expect(moved).toBe(true);
    db.prepare('UPDATE weekly_orders SET cutoff_at = ? WHERE id = ?').run(at(-24 * 60), orderId);
  } finally {
    db.close();
  }
}

describe('a robot slot that went by without production (real browser)', () => {
  it('When a booked batch’s slot passed unstarted, Then its page, its order and the host’s alerts say so, and cancelling puts the order back to be planned', async () => {
    const pharmacist = await harness.newPage();
    await loginAs(pharmacist, 'pharmacien.felletin@officoop.test');
    const { batchId, orderId } = await bookPendingOrder(pharmacist, 'Felletin');
    missSlot(batchId, orderId);

    // The batch page: the flag, what it means and the way out.
    await pharmacist.goto(`/robot/batches/${batchId}`);
    await pharmacist.getByRole('heading', { name: `Série robot n° ${batchId}`, level: 1 }).waitFor();
    const panel = pharmacist.getByTestId('batch-slot-missed');
    await panel.getByText('Créneau passé sans production — à replanifier').waitFor();
    await panel.getByText('est passé sans que la production soit lancée').waitFor();
    // Whether it can still be made in time is the server's answer (robot busy, working hours), not the browser clock's.
    const { startOutlook } = (await (await pharmacist.request.get(`/api/robot-batches/${batchId}`)).json()) as {
      startOutlook: { earliestStart: string; inTime: boolean };
    };
    expect(await panel.getAttribute('data-earliest-start')).toBe(startOutlook.earliestStart);
    expect(await panel.getAttribute('data-in-time')).toBe(String(startOutlook.inTime));
    const later = Date.parse(startOutlook.earliestStart) - Date.now() > 60_000;
    await panel
      .getByText(
        later
          ? 'Le robot n’est libre qu’à partir du'
          : startOutlook.inTime
            ? 'Il reste le temps de la produire'
            : 'Démarrée maintenant, elle finirait après',
      )
      .waitFor();
    await pharmacist.getByTestId('batch-slot-missed-badge').getByText('Créneau passé — à replanifier').waitFor();
    await panel.getByRole('link', { name: 'Ouvrir le calendrier de la semaine' }).waitFor();
    await pharmacist
      .getByRole('button', { name: 'Démarrer la production' })
      .and(pharmacist.locator(':enabled'))
      .waitFor();
    await expectNoSeriousA11yViolations(pharmacist);
    await screenshot(pharmacist, 'robot-batch-slot-missed');

    // The order no longer reads only "Planifiée": its progress says the slot went by.
    await pharmacist.goto(`/orders/${orderId}`);
    const notice = pharmacist.getByTestId('order-slot-missed');
    await notice.getByText('Créneau passé sans production — à replanifier').waitFor();
    await notice.getByRole('link', { name: `Ouvrir la série n° ${batchId}` }).waitFor();
    await expectNoSeriousA11yViolations(pharmacist);
    await screenshot(pharmacist, 'order-slot-missed');

    // The pharmacy's list of its care homes' orders says it too, not only "Planifiée".
    await pharmacist.goto('/orders');
    const row = pharmacist.getByTestId(`order-row-${orderId}`);
    await row.locator('[data-slot-missed="true"]').getByText('Créneau passé — à replanifier').waitFor();
    await expectNoSeriousA11yViolations(pharmacist);
    await screenshot(pharmacist, 'orders-list-slot-missed');

    // And so does the care home's own list of weekly orders.
    const nurse = await harness.newPage();
    await loginAs(nurse, 'ehpad.felletin@officoop.test');
    await nurse.goto('/orders');
    await nurse.locator('[data-slot-missed="true"]', { hasText: 'Créneau passé — à replanifier' }).first().waitFor();
    await expectNoSeriousA11yViolations(nurse);
    await screenshot(nurse, 'orders-carehome-slot-missed');

    // The robot's host is told on its home page, with a link to the batch.
    const host = await harness.newPage();
    await loginAs(host, 'preparateur.bugeat@officoop.test');
    await host.goto('/');
    const alert = host
      .getByTestId('card-alerts')
      .getByRole('link', { name: `Série robot n° ${batchId} (` })
      .first();
    await alert.waitFor();
    expect(await alert.getAttribute('href')).toBe(`/robot/batches/${batchId}`);
    await screenshot(host, 'home-alert-slot-missed');

    // Felletin cancels the batch from its page: its order goes back to "submitted".
    await pharmacist.goto(`/robot/batches/${batchId}`);
    await pharmacist.getByTestId('batch-slot-missed').getByRole('button', { name: 'Annuler la série' }).click();
    const confirm = pharmacist.getByRole('dialog', { name: `Annuler la série n° ${batchId} ?` });
    await confirm.getByText('Sa commande redevient « transmise »').waitFor();
    await expectNoSeriousA11yViolations(pharmacist);
    await confirm.getByRole('button', { name: 'Annuler la série' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await pharmacist.getByTestId('batch-status').getByText('Annulée').waitFor();
    expect(await pharmacist.getByTestId('batch-slot-missed').count()).toBe(0);
    const progress = (await (await pharmacist.request.get(`/api/orders/${orderId}/progress`)).json()) as {
      status: string;
    };
    expect(progress.status).toBe('submitted');
    const alerts = (await (await host.request.get('/api/alerts')).json()) as {
      items: { kind: string; entityId: string }[];
    };
    expect(alerts.items.filter((a) => a.kind === 'robot.batch_slot_missed' && a.entityId === String(batchId))).toEqual(
      [],
    );
  });

  it('When Felletin books a batch on Bugeat’s robot and then cancels its only order, Then Bugeat’s staff read on their home page the booking, then that the slot is free, with a link to the batch', async () => {
    const pharmacist = await harness.newPage();
    await loginAs(pharmacist, 'pharmacien.felletin@officoop.test');
    const { batchId, orderId } = await bookPendingOrder(pharmacist, 'Felletin');

    const host = await harness.newPage();
    await loginAs(host, 'pharmacien.bugeat@officoop.test');
    await host.goto('/');
    const alert = host
      .getByTestId('card-alerts')
      .getByRole('link', { name: `Série robot n° ${batchId} (Pharmacie de Felletin` })
      .first();
    await alert.waitFor();
    expect(await alert.textContent()).toContain('nouvelle série réservée sur votre robot le');
    await screenshot(host, 'home-alert-hosted-batch-booked');

    const cancelled = await pharmacist.request.post(`/api/orders/${orderId}/cancel`);
    expect(cancelled.status()).toBe(200);
    await host.reload();
    await host.getByTestId('card-alerts').getByText('le créneau du', { exact: false }).first().waitFor();
    expect(await alert.textContent()).toContain('le créneau du');
    expect(await alert.getAttribute('href')).toBe(`/robot/batches/${batchId}`);
    await expectNoSeriousA11yViolations(host);
    await screenshot(host, 'home-alert-hosted-batch-emptied');
    await alert.click();
    await host.getByTestId('batch-status').getByText('Annulée').waitFor();
  });
});

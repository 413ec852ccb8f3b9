import { describe, expect, it } from 'vitest';
import { alertLink } from '../../web/src/alerts/alerts.api';

describe('where an anti-waste offer alert links', () => {
  it('When an offer was accepted, Then its alert opens the transfer to ship', () => {
    const alert = {
      kind: 'transfers.offerAccepted',
      entity: 'transfer_offer',
      entityId: '7',
      params: { transferId: 42 },
    };
    expect(alertLink(alert)).toBe('/transfers/42');
  });

  it('When an offer was declined, lapsed or made, Then its alert opens the anti-waste page with the offers panels', () => {
    for (const kind of ['transfers.offerDeclined', 'transfers.offerLapsed', 'transfers.offered']) {
      expect(alertLink({ kind, entity: 'transfer_offer', entityId: '7', params: { product: 'X' } })).toBe(
        '/pool/rebalance',
      );
    }
  });
});

describe('where an order that left its robot batch links', () => {
  it('When a planned order outgrew its batch, Then its alert opens the robot week the batch was booked in, to plan it again', () => {
    const alert = {
      kind: 'robot.order_left_batch',
      entity: 'weekly_order',
      entityId: '12',
      params: { careHome: 'EHPAD Les Bruyères', robotWeek: '2026-W48', week: '2026-W49' },
    };
    expect(alertLink(alert)).toBe('/robot?week=2026-W48');
    // Any other order alert still opens the order.
    expect(alertLink({ ...alert, kind: 'orders.changed' })).toBe('/orders/12');
  });
});

describe('where a batch a robot closure cancelled links', () => {
  it('When the coordinator closed the robot over a booked batch, Then its alert opens the robot week, where its orders wait to be booked again', () => {
    const alert = {
      kind: 'robot.batch_cancelled_by_closure',
      entity: 'robot_batch',
      entityId: '31',
      params: { batchId: 31, robot: 'Robot PDA', robotWeek: '2026-W50', careHomes: 'EHPAD Les Bruyères' },
    };
    expect(alertLink(alert)).toBe('/robot?week=2026-W50');
    // Raised before the alert named its week: the batch's page, as before.
    expect(alertLink({ ...alert, params: { batchId: 31 } })).toBe('/robot/batches/31');
  });
});

describe('where a robot batch whose slot went by links', () => {
  it('When a booked batch’s slot passed without production, Then its alert opens the batch, to start or cancel it', () => {
    const alert = {
      kind: 'robot.batch_slot_missed',
      entity: 'robot_batch',
      entityId: '31',
      params: { batchId: 31, robotWeek: '2026-W50' },
    };
    expect(alertLink(alert)).toBe('/robot/batches/31');
  });
});

describe('where a recalled lot alert links', () => {
  it('When another pharmacy destroyed a recalled lot, Then its alert opens the recall of that product and lot', () => {
    const alert = {
      kind: 'stock.lot_recalled',
      entity: 'recall',
      entityId: '3400935955838/EXP 8',
      params: { cip13: '3400935955838', lotNumber: 'EXP 8', held: 3, inTransit: 0 },
    };
    expect(alertLink(alert)).toBe('/recall?cip13=3400935955838&lot=EXP+8');
  });
});

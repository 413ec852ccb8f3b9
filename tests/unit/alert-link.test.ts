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

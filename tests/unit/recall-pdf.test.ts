import { describe, expect, it } from 'vitest';
import { renderRecallPdf } from '../../reports/recall';
import type { RecallOut } from '../../server/recall/recall.schemas';
import { pdfText } from '../helpers/shares';

// A lot of which a dépannage shipped 4 units and the receiver counted 3: a recall must show the
// unit that never arrived, not only what was received.
const recall: RecallOut = {
  cip13: '3400930117163',
  lot: 'PE6593B',
  label: 'PARACETAMOL 500 mg, comprimé',
  holdings: [
    {
      pharmacyId: 2,
      pharmacyName: 'Pharmacie de Meymac',
      lotId: 7,
      lotNumber: 'PE6593B',
      expiryDate: '2027-06-30',
      quantity: 3,
      reserved: 0,
      since: '2026-11-20T10:00:00.000Z',
    },
  ],
  transfers: [
    {
      transferId: 12,
      fromPharmacyId: 5,
      fromPharmacyName: 'Pharmacie de Peyrelevade',
      toPharmacyId: 2,
      toPharmacyName: 'Pharmacie de Meymac',
      status: 'received',
      quantity: 4,
      quantityReceived: 3,
      requestedAt: '2026-11-18T09:00:00.000Z',
      shippedAt: '2026-11-19T09:00:00.000Z',
      receivedAt: '2026-11-20T10:00:00.000Z',
    },
    {
      transferId: 13,
      fromPharmacyId: 5,
      fromPharmacyName: 'Pharmacie de Peyrelevade',
      toPharmacyId: 1,
      toPharmacyName: 'Pharmacie de Bugeat',
      status: 'shipped',
      quantity: 6,
      quantityReceived: null,
      requestedAt: '2026-11-21T09:00:00.000Z',
      shippedAt: '2026-11-22T09:00:00.000Z',
      receivedAt: null,
    },
  ],
  dispensed: [],
  batches: [],
  residents: [],
  hiddenResidents: 0,
};

describe('recall PDF', () => {
  it('When a dépannage received fewer units than were shipped, Then the report shows both and the units not received', async () => {
    const text = pdfText(
      await renderRecallPdf(recall, {
        printedAt: new Date('2026-12-01T09:00:00Z'),
        printedBy: 'Pharmacien·ne de Meymac',
      }),
    );
    expect(text).toMatch(/Envoyées\s+Reçues/);
    const received = text.split('\n').find((line) => /^\s*12\s/.test(line)) ?? '';
    expect(received).toMatch(/Meymac\s+4\s+3\s+reçu/);
    // Shipped, not yet received: nothing counted at the other end yet.
    const inTransit = text.split('\n').find((line) => /^\s*13\s/.test(line)) ?? '';
    expect(inTransit).toMatch(/Bugeat\s+6\s+—\s+expédié/);
    expect(text).toContain('1 unité expédiée non reçue');
    expect(text).toContain('Aucune unité de ce lot n’a été dispensée au comptoir.');
  });

  it('When the lot was dispensed at the counter, Then the report says by which pharmacy, how many units and between which days', async () => {
    const text = pdfText(
      await renderRecallPdf(
        {
          ...recall,
          dispensed: [
            {
              pharmacyId: 2,
              pharmacyName: 'Pharmacie de Meymac',
              units: 1109,
              firstDay: '2026-11-02',
              lastDay: '2026-11-30',
              dispenses: 42,
            },
          ],
        },
        { printedAt: new Date('2026-12-01T09:00:00Z'), printedBy: 'Pharmacien·ne de Meymac' },
      ),
    ).replace(/\u00a0/g, ' ');
    expect(text.replace(/\s+/g, ' ')).toContain('1 109 unités dispensées au comptoir');
    expect(text).toMatch(/Dispensations au comptoir/);
    expect(text).toMatch(/Pharmacie de Meymac\s+1 109\s+42\s+02\/11\/2026\s+30\/11\/2026/);
  });
});

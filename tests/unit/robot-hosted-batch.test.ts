import { describe, expect, it } from 'vitest';
import { hostedBatchNotice } from '../../server/robot/hosted-batch.models';
import { fr } from '../../web/src/i18n/catalogue';
import { formatMessage } from '../../web/src/i18n/format';
import { displayParam } from '../../web/src/shared/format';

// Intl groups thousands with a narrow no-break space.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

/** The notice as the host's home card reads it in French (dates as dd/MM/yyyy). */
function read(notice: ReturnType<typeof hostedBatchNotice>): string {
  const template = fr[notice.messageKey as keyof typeof fr];
  expect(template, notice.messageKey).toBeDefined();
  const params = Object.fromEntries(Object.entries(notice.params).map(([k, v]) => [k, displayParam(v)]));
  return plain(formatMessage(template, params, 'fr'));
}

// Wednesday 25 November 2026, 15:00–15:48 Paris (UTC+1).
const batch = {
  id: 12,
  pharmacyName: 'Pharmacie de Felletin',
  start: '2026-11-25T14:00:00.000Z',
  end: '2026-11-25T14:48:00.000Z',
  pouches: 1121,
  durationMinutes: 48,
};
const robotName = 'Robot PDA de Bugeat';
const order = { careHomeName: 'EHPAD Les Tilleuls — Felletin', week: '2026-W49' };

describe('the French notice a host reads about a colleague’s batch on its robot (SPEC §6)', () => {
  it('When a batch is booked, Then it names the pharmacy, robot, Paris day, start–end and pouches', () => {
    expect(read(hostedBatchNotice({ robotName, before: null, after: batch, change: 'booked' }))).toBe(
      'Série robot n° 12 (Pharmacie de Felletin, Robot PDA de Bugeat) : nouvelle série réservée sur votre robot le 25/11/2026 de 15:00 à 15:48, 1 121 sachets.',
    );
  });

  it('When a batch moves to the next morning, Then both slots are told in Paris time', () => {
    const after = { ...batch, start: '2026-11-26T07:30:00.000Z', end: '2026-11-26T08:18:00.000Z' };
    expect(read(hostedBatchNotice({ robotName, before: batch, after, change: 'moved' }))).toBe(
      'Série robot n° 12 (Pharmacie de Felletin, Robot PDA de Bugeat) : déplacée du 25/11/2026 de 15:00 à 15:48 au 26/11/2026 de 08:30 à 09:18 (1 121 sachets).',
    );
  });

  it('When a batch moved already and moves again, Then the move is told from the slot first told', () => {
    const first = { ...batch, start: '2026-11-26T07:30:00.000Z', end: '2026-11-26T08:18:00.000Z' };
    const told = hostedBatchNotice({ robotName, before: batch, after: first, change: 'moved' }).params;
    const after = { ...batch, start: '2026-11-27T09:00:00.000Z', end: '2026-11-27T09:48:00.000Z' };
    expect(hostedBatchNotice({ robotName, before: first, after, change: 'moved', told }).params).toMatchObject({
      fromDay: '2026-11-25',
      fromStartTime: '15:00',
      startDay: '2026-11-27',
      startTime: '10:00',
    });
  });

  it('When a batch is cancelled, Then the freed slot and its pouches are told', () => {
    expect(read(hostedBatchNotice({ robotName, before: batch, after: batch, change: 'cancelled' }))).toBe(
      'Série robot n° 12 (Pharmacie de Felletin, Robot PDA de Bugeat) : annulée. Le créneau du 25/11/2026 de 15:00 à 15:48 (1 121 sachets) est libéré.',
    );
  });

  it('When an order’s pouches grow, Then the batch is longer, with the pouches and end it had', () => {
    const after = { ...batch, end: '2026-11-25T14:52:00.000Z', pouches: 1300, durationMinutes: 52 };
    const notice = hostedBatchNotice({
      robotName,
      before: batch,
      after,
      change: 'grown',
      order: { ...order, reason: 'changed' },
    });
    expect(notice.params.change).toBe('grown');
    expect(read(notice)).toBe(
      'Série robot n° 12 (Pharmacie de Felletin, Robot PDA de Bugeat) : la commande de EHPAD Les Tilleuls — Felletin pour la semaine 49 (du 30/11/2026 au 06/12/2026) a changé. La série du 25/11/2026 à 15:00 est allongée : 1 300 sachets au lieu de 1 121, fin à 15:52 au lieu de 15:48.',
    );
  });

  it('When an order’s pouches change without changing the end, Then it says the times stay', () => {
    const after = { ...batch, pouches: 1110 };
    const notice = hostedBatchNotice({
      robotName,
      before: batch,
      after,
      change: 'shrunk',
      order: { ...order, reason: 'changed' },
    });
    expect([notice.messageKey, notice.params.change]).toEqual(['alerts.hostedBatchOrderChangedSameTime', 'shrunk']);
    expect(read(notice)).toContain('compte désormais 1 110 sachets au lieu de 1 121, aux mêmes horaires.');
  });

  it('When a shrunk batch then grows back past what was first told, Then it is told as longer than that', () => {
    const shrunk = { ...batch, end: '2026-11-25T14:40:00.000Z', pouches: 700, durationMinutes: 40 };
    const told = hostedBatchNotice({
      robotName,
      before: batch,
      after: shrunk,
      change: 'shrunk',
      order: { ...order, reason: 'changed' },
    }).params;
    const grown = { ...batch, end: '2026-11-25T14:50:00.000Z', pouches: 1200, durationMinutes: 50 };
    const notice = hostedBatchNotice({
      robotName,
      before: shrunk,
      after: grown,
      change: 'grown',
      order: { ...order, reason: 'changed' },
      told,
    });
    expect([notice.messageKey, notice.params.fromPouches, notice.params.fromEndTime]).toEqual([
      'alerts.hostedBatchOrderChangedLonger',
      1121,
      '15:48',
    ]);
  });

  it('When the only order grew out of the slot, Then the batch is emptied and the slot freed', () => {
    const notice = hostedBatchNotice({
      robotName,
      before: batch,
      after: batch,
      change: 'emptied',
      order: { ...order, reason: 'left' },
    });
    expect(read(notice)).toBe(
      'Série robot n° 12 (Pharmacie de Felletin, Robot PDA de Bugeat) : la commande de EHPAD Les Tilleuls — Felletin pour la semaine 49 (du 30/11/2026 au 06/12/2026) a augmenté et ne tient plus dans le créneau : elle sort de la série. C’était la seule de la série : le créneau du 25/11/2026 de 15:00 à 15:48 est libéré.',
    );
  });

  it('When a resize names no order, Then it throws (a caller’s mistake)', () => {
    expect(() => hostedBatchNotice({ robotName, before: batch, after: batch, change: 'shrunk' })).toThrow();
  });
});

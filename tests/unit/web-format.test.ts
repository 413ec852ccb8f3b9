import { describe, expect, it } from 'vitest';
import { en, fr } from '../../web/src/i18n/catalogue';
import { countdown, isoWeekOf, nextCutoff, parisWallClock } from '../../web/src/shared/dates';
import {
  formatCalendarDate,
  formatCount,
  formatDate,
  formatDateTime,
  formatEndDateTime,
  formatMoney,
  formatMonth,
  formatTime,
  formatUnitCost,
  formatWeekday,
} from '../../web/src/shared/format';

// Intl separates thousands with a narrow no-break space and the euro sign with a no-break space.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('web formatting', () => {
  it('When formatting cents, Then it reads 1 234,56 € and refuses fractions of a cent', () => {
    expect(plain(formatMoney(123456))).toBe('1 234,56 €');
    expect(plain(formatMoney(-5))).toBe('-0,05 €');
    expect(plain(formatMoney(0))).toBe('0,00 €');
    expect(() => formatMoney(1.5)).toThrow();
  });

  // A pharmacist in English mode read « lun. 07/12 » on the robot calendar.
  it('When the UI is in English, Then weekday and month names are English while dates keep their French order', () => {
    expect(formatWeekday('2026-12-07', 'fr', 'short')).toBe('lun.');
    expect(formatWeekday('2026-12-07', 'en', 'short')).toBe('Mon');
    expect(formatMonth('2026-12', 'fr')).toBe('décembre 2026');
    expect(formatMonth('2026-12', 'en')).toBe('December 2026');
    // An instant's weekday is Paris's: Sunday 23:30 UTC in summer is Monday 01:30 in Paris.
    expect(formatWeekday('2026-06-28T23:30:00Z', 'fr', 'long')).toBe('lundi');
    expect(formatWeekday('2026-06-28T23:30:00Z', 'en', 'long')).toBe('Monday');
    // A calendar date names its own day on either side of a DST change.
    expect(formatWeekday('2027-03-28', 'en', 'long')).toBe('Sunday');
    expect(formatWeekday('2026-10-25', 'fr', 'long')).toBe('dimanche');
  });

  // Issue #15, fresh tester: a pool cell read "11732 unités".
  it('When formatting a count of units, Then thousands are grouped as French writes them', () => {
    expect(plain(formatCount(11732))).toBe('11 732');
    expect(plain(formatCount(0))).toBe('0');
    expect(plain(formatCount(1_000_000))).toBe('1 000 000');
  });

  it('When formatting a unit cost as bought, Then a tablet at 0,043 € reads 0,043 €, not 0,04 €', () => {
    expect(plain(formatUnitCost(4_300))).toBe('0,043 €');
    expect(plain(formatUnitCost(145_000))).toBe('1,45 €');
    expect(plain(formatUnitCost(1))).toBe('0,00001 €');
    expect(plain(formatUnitCost(123_456_700))).toBe('1 234,567 €');
    expect(() => formatUnitCost(0.5)).toThrow();
  });

  it('When formatting an instant, Then it shows Paris wall-clock time across daylight saving', () => {
    expect(formatDate('2026-03-28T23:30:00Z')).toBe('29/03/2026');
    expect(formatTime('2026-03-28T23:30:00Z')).toBe('00:30');
    expect(formatDateTime('2026-03-29T01:30:00Z')).toBe('29/03/2026 03:30');
    expect(formatDateTime('2026-10-25T00:30:00Z')).toBe('25/10/2026 02:30');
    expect(formatDateTime('2026-10-25T01:30:00Z')).toBe('25/10/2026 02:30');
  });

  it('When a period ends at a Paris midnight, Then its end reads 24:00 of its last day, in winter and summer', () => {
    // Christmas Day closure: 25/12 00:00 Paris → 26/12 00:00 Paris (23:00Z the day before).
    expect(formatEndDateTime('2026-12-25T23:00:00Z')).toBe('25/12/2026 24:00');
    expect(formatEndDateTime('2026-07-14T22:00:00Z')).toBe('14/07/2026 24:00');
    expect(formatEndDateTime('2026-12-25T17:30:00Z')).toBe('25/12/2026 18:30');
  });

  it('When formatting a calendar date, Then no time zone shifts it', () => {
    expect(formatCalendarDate('2026-01-01')).toBe('01/01/2026');
    expect(() => formatCalendarDate('2026-1-1')).toThrow();
  });
});

describe('web dates', () => {
  it('When converting Paris wall-clock time, Then the UTC instant follows the season', () => {
    expect(parisWallClock(2026, 1, 14, 12, 0).toISOString()).toBe('2026-01-14T11:00:00.000Z');
    expect(parisWallClock(2026, 7, 15, 12, 0).toISOString()).toBe('2026-07-15T10:00:00.000Z');
  });

  it('When computing ISO weeks, Then year boundaries follow ISO 8601', () => {
    expect(isoWeekOf(2026, 1, 1)).toBe('2026-W01');
    expect(isoWeekOf(2027, 1, 1)).toBe('2026-W53');
    expect(isoWeekOf(2024, 12, 30)).toBe('2025-W01');
  });

  it('When the cut-off is Wednesday noon, Then the next one and the order week it closes are found', () => {
    // Monday 23 November 2026, 10:00 Paris.
    const monday = new Date('2026-11-23T09:00:00Z');
    const cutoff = nextCutoff(monday);
    expect(cutoff.at.toISOString()).toBe('2026-11-25T11:00:00.000Z');
    expect(cutoff.orderWeek).toBe('2026-W49');
    expect(countdown(monday, cutoff.at)).toEqual({ days: 2, hours: 2, minutes: 0 });
    // Just after the cut-off, the next one is a week later.
    const after = nextCutoff(new Date('2026-11-25T11:00:00Z'));
    expect(after.at.toISOString()).toBe('2026-12-02T11:00:00.000Z');
    expect(after.orderWeek).toBe('2026-W50');
  });

  it('When the cut-off week crosses the autumn clock change, Then it is still noon in Paris', () => {
    const cutoff = nextCutoff(new Date('2026-10-23T08:00:00Z'));
    expect(cutoff.at.toISOString()).toBe('2026-10-28T11:00:00.000Z');
  });
});

describe('web catalogues', () => {
  it('When comparing French and English, Then both have the same keys and the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });
});

describe('alert messages', () => {
  it('When an order alert stored before weeks had labels carries only its week, Then its message has the week number and days', async () => {
    const { alertDisplayParams } = await import('../../web/src/home/AlertsCard');
    const params = alertDisplayParams({ careHome: 'EHPAD de Bugeat', week: '2026-W50' });
    expect(fr['alerts.orderChangeRequested']).toContain('{weekNumber}');
    expect(params).toMatchObject({
      weekNumber: 50,
      weekFrom: '07/12/2026',
      weekTo: '13/12/2026',
      careHome: 'EHPAD de Bugeat',
    });
    // An alert that names them keeps its own values.
    expect(
      alertDisplayParams({ week: '2026-W50', weekNumber: 50, weekFrom: '2026-12-07', weekTo: '2026-12-13' }).weekTo,
    ).toBe('13/12/2026');
  });
});

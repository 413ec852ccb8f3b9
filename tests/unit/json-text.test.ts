import { describe, expect, it } from 'vitest';
import { sharedJson, storedJson, stringifyAnswer } from '../../server/http/json-text';
import { scheduleFrom } from '../../server/orders/orders.models';

type Day = { date: string; absent: boolean; pouchesByTime: Record<string, number> };
const week = (n: number): Day[] =>
  Array.from({ length: 7 }, (_, i) => ({
    date: `2026-12-0${i + 1}`,
    absent: i === n,
    pouchesByTime: { matin: 1, 'soir "tard"': n },
  }));

describe('stored JSON texts in an API answer (issue 16)', () => {
  it('Given answers holding stored weeks, Then the answer is byte for byte what stringifying the parsed weeks gives', () => {
    const parsed = {
      id: 7,
      residents: [0, 1, 2].map((n) => ({ name: `Résident ${n} \u2028`, days: week(n) })),
      empty: [],
    };
    const stored = {
      ...parsed,
      residents: parsed.residents.map((r) => ({ ...r, days: storedJson<Day[]>(JSON.stringify(r.days)) })),
    };
    expect(stringifyAnswer(stored)).toBe(JSON.stringify(parsed));
    expect(JSON.parse(stringifyAnswer(stored))).toEqual(parsed);
  });

  it('Given a user string shaped like a splice marker, Then it is sent as the string it is', () => {
    const forged = ['\u00000', '\u0000deadbeefdeadbeef:0', '"\\u0000:0"'];
    const value = { forged, days: storedJson<Day[]>(JSON.stringify(week(3))) };
    expect(JSON.parse(stringifyAnswer(value))).toEqual({ forged, days: week(3) });
  });

  it('Given a stored value stringified elsewhere (a log line), Then it reads as the value, not as a marker', () => {
    const value = { days: storedJson<Day[]>(JSON.stringify(week(4))) };
    expect(JSON.parse(JSON.stringify(value))).toEqual({ days: week(4) });
  });

  it('Given a value that cannot be stringified, Then the error is thrown and the next answer is whole', () => {
    const cyclic: Record<string, unknown> = { days: storedJson<Day[]>(JSON.stringify(week(5))) };
    cyclic.self = cyclic;
    expect(() => stringifyAnswer(cyclic)).toThrow(TypeError);
    expect(JSON.parse(stringifyAnswer({ days: storedJson<Day[]>(JSON.stringify(week(6))) }))).toEqual({
      days: week(6),
    });
  });

  it('Given a kept schedule answered twice and another kept beside it, Then each answer is what stringifying its own weeks gives', () => {
    const calendar = { cutoffWeekday: 3, cutoffTime: '12:00', deliveryWeekday: 5, deliveryTime: '14:00' };
    const winter = scheduleFrom(calendar, '2026-11-30', 8);
    const spring = scheduleFrom({ ...calendar, cutoffTime: '10:30' }, '2027-03-22', 3);
    for (const items of [winter, spring, winter, spring]) {
      expect(stringifyAnswer({ items: sharedJson(items) })).toBe(JSON.stringify({ items }));
    }
    expect(JSON.parse(stringifyAnswer({ items: sharedJson(spring) })).items[0]).toEqual({
      week: '2027-W12',
      cutoffAt: '2027-03-17T09:30:00.000Z',
      deliveryAt: '2027-03-19T13:00:00.000Z',
      deliveryMovedFor: null,
    });
  });
});

import { afterAll, vi } from 'vitest';
import { type FixedClock, fixedClock } from '../../server/shared/clock';

/** The instant API tests run at unless they say otherwise (a Monday morning in Paris). */
export const TEST_NOW = '2026-11-23T09:00:00.000Z';

/**
 * A fixed clock that the whole test process agrees with: the app reads it through `ctx.clock`,
 * and `Date` is faked to the same instant, so third-party code that reads the system time
 * (supertest's cookie jar, rate limiters) never sees the real date. Moving the clock moves `Date`.
 * Timers stay real. The fake is undone after the test file.
 */
export function testClock(iso: string = TEST_NOW): FixedClock {
  const clock = fixedClock(iso);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(clock.now());
  return {
    now: clock.now,
    set(isoOrDate) {
      clock.set(isoOrDate);
      vi.setSystemTime(clock.now());
    },
    advance(ms) {
      clock.advance(ms);
      vi.setSystemTime(clock.now());
    },
  };
}

afterAll(() => {
  vi.useRealTimers();
});

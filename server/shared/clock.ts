/** Injected time source: use cases read `ctx.clock.now()`, never `new Date()`. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at an instant that tests can move forward. */
export function fixedClock(iso: string) {
  let current = new Date(iso);
  return {
    now: () => new Date(current),
    set(isoOrDate: string | Date) {
      current = new Date(isoOrDate);
    },
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}
export type FixedClock = ReturnType<typeof fixedClock>;

import { describe, expect, it } from 'vitest';
import { type Ctx, systemActor, withActor } from '../../server/http/context';

describe('withActor', () => {
  it('When a context with a lazy logger on its prototype acts as another actor, Then it keeps the database, clock and the lazy logger, and the original is unchanged', () => {
    let built = 0;
    class Lazy {
      db = 'db' as unknown as Ctx['db'];
      clock = 'clock' as unknown as Ctx['clock'];
      actor: Ctx['actor'] = { kind: 'anonymous' };
      get log() {
        built += 1;
        return 'logger' as unknown as Ctx['log'];
      }
    }
    const ctx = new Lazy();
    const system = withActor(ctx, systemActor('robot.host_notice'));
    expect(built).toBe(0);
    expect(system.actor).toEqual({ kind: 'system', name: 'robot.host_notice' });
    expect([system.db, system.clock, system.log]).toEqual(['db', 'clock', 'logger']);
    expect(built).toBe(1);
    expect(ctx.actor).toEqual({ kind: 'anonymous' });
  });

  it('When a plain context acts as another actor, Then every field but the actor is kept', () => {
    const ctx = { db: 1, clock: 2, log: 3, actor: { kind: 'anonymous' as const } };
    expect(withActor(ctx, systemActor('x'))).toEqual({ db: 1, clock: 2, log: 3, actor: { kind: 'system', name: 'x' } });
  });
});

import { describe, expect, it } from 'vitest';
import { noteServerTime, serverNow } from '../../web/src/shared/server-clock';

describe('the web app’s now is the server’s', () => {
  it('When an answer says the server is an hour ahead of the browser, Then serverNow is an hour ahead; an unreadable header changes nothing', () => {
    const received = Date.now();
    noteServerTime(new Date(received + 3_600_000).toISOString(), received);
    const ahead = serverNow().getTime() - Date.now();
    expect(ahead).toBeGreaterThan(3_600_000 - 1_000);
    expect(ahead).toBeLessThanOrEqual(3_600_000);
    noteServerTime(null);
    noteServerTime('not a date');
    expect(serverNow().getTime() - Date.now()).toBeGreaterThan(3_600_000 - 1_000);
    // A workstation two minutes fast: the app reads the server's minute, not its own.
    noteServerTime(new Date(received - 120_000).toISOString(), received);
    expect(Math.round((serverNow().getTime() - Date.now()) / 60_000)).toBe(-2);
  });
});

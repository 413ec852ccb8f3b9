import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, migrate, openDb } from '../../db/client';
import { findLiveSession } from '../../server/auth/sessions.repository';
import { createTestDb } from '../helpers/test-db';

// The session look-up answers from memory while the database is unchanged (issue 16): every
// way the answer can change must still be seen at the next request.

const NOW = '2026-12-03T10:00:00.000Z';
const LATER = '2026-12-03T11:00:00.000Z';
const EXPIRES = '2026-12-03T10:30:00.000Z';

function seed(db: Db): void {
  db.$client.exec(`
    INSERT INTO users (id, email, display_name, password_hash, role, active, created_at)
      VALUES (1, 'tresorier@officoop.test', 'Trésorier', 'x', 'treasurer', 1, '${NOW}');
    INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ('s1', 1, '${NOW}', '${EXPIRES}');
  `);
}

describe('findLiveSession: the live session and its user, as the database holds them now', () => {
  const dir = mkdtempSync(join(tmpdir(), 'officoop-live-session-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('When the same session is read twice, Then both answers are the row', () => {
    const db = createTestDb();
    seed(db);
    const first = findLiveSession(db, 's1', NOW);
    expect(first).toMatchObject({ sessionId: 's1', userId: 1, role: 'treasurer', expiresAt: EXPIRES });
    expect(findLiveSession(db, 's1', NOW)).toEqual(first);
    expect(findLiveSession(db, 'unknown', NOW)).toBeUndefined();
  });

  it('When the session expires with nothing written, Then it is no longer found', () => {
    const db = createTestDb();
    seed(db);
    expect(findLiveSession(db, 's1', NOW)).toBeDefined();
    expect(findLiveSession(db, 's1', EXPIRES)).toBeUndefined();
    expect(findLiveSession(db, 's1', LATER)).toBeUndefined();
  });

  it('When this connection changes the user or the session, Then the next read sees it', () => {
    const db = createTestDb();
    seed(db);
    expect(findLiveSession(db, 's1', NOW)?.role).toBe('treasurer');
    db.$client.exec(`UPDATE users SET role = 'admin' WHERE id = 1`);
    expect(findLiveSession(db, 's1', NOW)?.role).toBe('admin');
    db.$client.exec(`UPDATE sessions SET expires_at = '${LATER}' WHERE id = 's1'`);
    expect(findLiveSession(db, 's1', NOW)?.expiresAt).toBe(LATER);
    db.$client.exec('UPDATE users SET active = 0 WHERE id = 1');
    expect(findLiveSession(db, 's1', NOW)).toBeUndefined();
  });

  it('When another connection commits a change, Then the next read sees it', () => {
    const path = join(dir, 'other-connection.sqlite');
    const db = openDb(path);
    migrate(db);
    seed(db);
    const other = openDb(path);
    try {
      expect(findLiveSession(db, 's1', NOW)?.role).toBe('treasurer');
      other.$client.exec(`UPDATE users SET role = 'admin' WHERE id = 1`);
      expect(findLiveSession(db, 's1', NOW)?.role).toBe('admin');
      other.$client.exec(`DELETE FROM sessions WHERE id = 's1'`);
      expect(findLiveSession(db, 's1', NOW)).toBeUndefined();
    } finally {
      other.$client.close();
      db.$client.close();
    }
  });

  it('When a transaction reads a change it then rolls back, Then the next read sees the row as committed', () => {
    const db = createTestDb();
    seed(db);
    expect(findLiveSession(db, 's1', NOW)?.role).toBe('treasurer');
    const changeThenFail = db.$client.transaction(() => {
      db.$client.exec(`UPDATE users SET role = 'admin' WHERE id = 1`);
      expect(findLiveSession(db, 's1', NOW)?.role).toBe('admin');
      throw new Error('rolled back');
    });
    expect(changeThenFail).toThrow('rolled back');
    expect(findLiveSession(db, 's1', NOW)?.role).toBe('treasurer');
  });

  it('When the clock goes back before an expiry already passed, Then the session is found again, as in SQL', () => {
    const db = createTestDb();
    seed(db);
    expect(findLiveSession(db, 's1', LATER)).toBeUndefined();
    expect(findLiveSession(db, 's1', NOW)?.sessionId).toBe('s1');
  });

  it('When more sessions are read than are kept, Then each is still found', () => {
    const db = createTestDb();
    seed(db);
    const values = Array.from({ length: 1500 }, (_, i) => `('s-${i}', 1, '${NOW}', '${EXPIRES}')`).join(',');
    db.$client.exec(`INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ${values}`);
    for (let i = 0; i < 1500; i++) expect(findLiveSession(db, `s-${i}`, NOW)?.sessionId).toBe(`s-${i}`);
    for (let i = 0; i < 1500; i += 7) expect(findLiveSession(db, `s-${i}`, NOW)?.sessionId).toBe(`s-${i}`);
  });
});

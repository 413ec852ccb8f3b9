import { type Db, migrate, openDb } from '../../db/client';

/** A fresh in-memory database with every migration applied: each test file owns its data. */
export function createTestDb(): Db {
  const db = openDb(':memory:');
  migrate(db);
  return db;
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDb } from '../../db/client';

// A migration that changes a column rebuilds its table the way drizzle-kit writes it (pragma,
// new table, copy, drop, rename). On a database holding rows that reference that table, the
// migrator's transaction ignored the pragma and the DROP failed: 0017 (reviews) and 0019 (stock
// lots) could not upgrade the cooperative's database (found while upgrading a demo database).

let dir: string;
let journal: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];

function addMigration(tag: string, statements: string[]): void {
  writeFileSync(join(dir, `${tag}.sql`), statements.join('\n--> statement-breakpoint\n'));
  journal.push({ idx: journal.length, version: '6', when: 1_700_000_000_000 + journal.length, tag, breakpoints: true });
  writeFileSync(
    join(dir, 'meta', '_journal.json'),
    JSON.stringify({ version: '7', dialect: 'sqlite', entries: journal }),
  );
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'officoop-migrate-'));
  mkdirSync(join(dir, 'meta'));
  journal = [];
  addMigration('0000_parent_child', [
    'CREATE TABLE `parent` (`id` integer PRIMARY KEY NOT NULL, `name` text NOT NULL);',
    'CREATE TABLE `child` (`id` integer PRIMARY KEY NOT NULL, `parent_id` integer NOT NULL REFERENCES `parent`(`id`));',
  ]);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const rebuildParent = [
  'PRAGMA foreign_keys=OFF;',
  'CREATE TABLE `__new_parent` (`id` integer PRIMARY KEY NOT NULL, `name` text NOT NULL, `note` text);',
  'INSERT INTO `__new_parent`("id", "name") SELECT "id", "name" FROM `parent`;',
  'DROP TABLE `parent`;',
  'ALTER TABLE `__new_parent` RENAME TO `parent`;',
  'PRAGMA foreign_keys=ON;',
];

describe('migrate (db/client.ts)', () => {
  it('When a migration rebuilds a table that other rows reference, Then the upgrade keeps every row and the keys stay enforced', () => {
    const db = openDb(join(dir, 'coop.sqlite'));
    migrate(db, dir);
    db.$client.exec("INSERT INTO parent VALUES (1, 'Bugeat'); INSERT INTO child VALUES (10, 1);");
    addMigration('0001_rebuild_parent', rebuildParent);
    migrate(db, dir);
    expect(db.$client.prepare('SELECT id, name, note FROM parent').all()).toEqual([
      { id: 1, name: 'Bugeat', note: null },
    ]);
    expect(db.$client.prepare('SELECT parent_id FROM child').all()).toEqual([{ parent_id: 1 }]);
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.$client.exec('INSERT INTO child VALUES (11, 99)')).toThrow(/FOREIGN KEY/);
    db.$client.close();
  });

  it('When a migration leaves a row pointing at nothing, Then migrate throws naming it, and the keys are back on', () => {
    const db = openDb(join(dir, 'coop.sqlite'));
    migrate(db, dir);
    db.$client.exec("INSERT INTO parent VALUES (1, 'Bugeat'); INSERT INTO child VALUES (10, 1);");
    addMigration('0001_lose_parent', ['DELETE FROM `parent`;']);
    expect(() => migrate(db, dir)).toThrow(/dangling references \(first: child/);
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    db.$client.close();
  });
});

import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { seedDemoCatalogue } from '../../db/seed/demo-catalogue';
import { searchProducts } from '../../server/catalogue/catalogue.usecases';
import { type ImportReport, importCatalogue, readBdpmDir } from '../../server/catalogue/catalogue-import.usecases';
import { systemActor } from '../../server/http/context';
import { fixedClock } from '../../server/shared/clock';
import { createTestDb } from '../helpers/test-db';

const FIXTURES = join(import.meta.dirname, '../fixtures/bdpm');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the official fixture folder, with some files replaced or edited. */
function fixtureDir(edit: (dir: string) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'officoop-bdpm-test-'));
  temps.push(dir);
  cpSync(join(FIXTURES, 'official'), dir, { recursive: true });
  edit(dir);
  return dir;
}
const useVariant = (variant: string, file: string) => (dir: string) =>
  cpSync(join(FIXTURES, 'variants', variant), join(dir, file));
const editLines = (file: string, change: (lines: string[]) => string[]) => (dir: string) => {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n').slice(0, -1);
  writeFileSync(join(dir, file), `${change(lines).join('\n')}\n`);
};

function setup() {
  const db = createTestDb();
  const clock = fixedClock('2026-11-22T02:00:00.000Z');
  const ctx = { db, clock, actor: systemActor('catalogue-import') };
  const run = (dir: string, skipBadRows = false) => importCatalogue({ ctx, parsed: readBdpmDir(dir), skipBadRows });
  return { db, clock, run };
}

const fileReport = (report: ImportReport, file: string) => report.files.find((f) => f.file === file)!;
const count = (db: Db, table: string) =>
  (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const presentation = (db: Db, cip13: string) =>
  db.$client.prepare('SELECT * FROM catalogue_presentations WHERE cip13 = ?').get(cip13) as Record<string, unknown>;

describe('BDPM import', () => {
  it('When the official files are imported, Then every row lands, with Windows-1252 accents decoded', () => {
    const { db, run } = setup();
    const report = run(fixtureDir());
    expect(report.applied).toBe(true);
    expect(report.files.map((f) => [f.file, f.encoding, f.inserted, f.rejected])).toEqual([
      ['CIS_COMPO_bdpm.txt', 'windows-1252', 11, 0],
      ['CIS_GENER_bdpm.txt', 'windows-1252', 2, 0],
      ['CIS_bdpm.txt', 'windows-1252', 9, 0],
      ['CIS_CIP_bdpm.txt', 'utf-8', 17, 0],
    ]);
    const name = db.$client.prepare("SELECT name FROM catalogue_specialities WHERE cis = '66711220'").pluck().get();
    expect(name).toBe(
      'FLUIMUCIL 600 mg ADULTES, granulés pour solution buvable en sachet édulcorés au sorbitol et à l’aspartam',
    );
    expect(presentation(db, '3400927849800')).toMatchObject({ price_cents: 146629, units_per_box: 90, marketed: 1 });
  });

  it('When the same files are imported again, Then nothing is inserted or updated and it says nothing changed', () => {
    const { db, run } = setup();
    const dir = fixtureDir();
    run(dir);
    const auditRows = count(db, 'audit_log');
    const second = run(dir);
    expect(second).toMatchObject({ applied: true, changed: false });
    for (const f of second.files) expect([f.file, f.inserted, f.updated, f.retired]).toEqual([f.file, 0, 0, 0]);
    expect(count(db, 'audit_log')).toBe(auditRows);
  });

  it('When a re-import drops a presentation and changes a price, Then the dropped one is inactive, not deleted', () => {
    const { db, clock, run } = setup();
    run(fixtureDir());
    clock.advance(7 * 24 * 3600_000);
    const report = run(
      fixtureDir(
        editLines('CIS_CIP_bdpm.txt', (lines) =>
          lines.filter((l) => !l.includes('3400937977722')).map((l) => l.replace('\t3,01\t4,03\t', '\t3,11\t4,13\t')),
        ),
      ),
    );
    expect(fileReport(report, 'CIS_CIP_bdpm.txt')).toMatchObject({ inserted: 0, retired: 1, updated: 4 });
    expect(count(db, 'catalogue_presentations')).toBe(17);
    expect(presentation(db, '3400937977722')).toMatchObject({ active: 0, updated_at: '2026-11-29T02:00:00.000Z' });
    expect(presentation(db, '3400937977661')).toMatchObject({ active: 1, price_cents: 311 });
    const ctx = { db, clock, actor: systemActor('test'), log: undefined as never };
    const found = searchProducts({ ctx, query: { q: 'amlodipine 5', limit: 10 } }).items;
    expect(found.map((i) => [i.cip13, i.active])).toEqual([
      ['3400930117163', true],
      ['3400937977661', true],
      ['3400937977722', false],
    ]);

    const back = run(fixtureDir());
    expect(fileReport(back, 'CIS_CIP_bdpm.txt')).toMatchObject({ inserted: 0, updated: 5, retired: 0 });
    expect(presentation(db, '3400937977722')).toMatchObject({ active: 1 });
  });

  it('When a re-import stops marketing a presentation or its flags change, Then search ranks it by its new flags', () => {
    // The ranking reads the tier (marketed and listed, listed, dropped) from an index on the flags (issue 16).
    const { db, clock, run } = setup();
    const ctx = { db, clock, actor: systemActor('test'), log: undefined as never };
    const ranked = () =>
      searchProducts({ ctx, query: { q: 'amlodipine 5', limit: 10 } }).items.map((i) => [
        i.cip13,
        i.marketed,
        i.active,
      ]);
    run(fixtureDir());
    expect(ranked()).toEqual([
      ['3400930117163', true, true],
      ['3400937977661', true, true],
      ['3400937977722', true, true],
    ]);

    clock.advance(7 * 24 * 3600_000);
    run(
      fixtureDir(
        editLines('CIS_CIP_bdpm.txt', (lines) =>
          lines.map((l) =>
            l.includes('3400930117163')
              ? l.replace('Déclaration de commercialisation', "Déclaration d'arrêt de commercialisation")
              : l,
          ),
        ),
      ),
    );
    expect(ranked()).toEqual([
      ['3400937977661', true, true],
      ['3400937977722', true, true],
      ['3400930117163', false, true],
    ]);

    db.$client.prepare("UPDATE catalogue_presentations SET active = 0 WHERE cip13 = '3400937977661'").run();
    expect(ranked()).toEqual([
      ['3400937977722', true, true],
      ['3400930117163', false, true],
      ['3400937977661', true, false],
    ]);
  });

  it('When a speciality is dropped, Then it is kept as inactive and still searchable', () => {
    const { db, run } = setup();
    run(fixtureDir());
    const report = run(
      fixtureDir(editLines('CIS_bdpm.txt', (lines) => lines.filter((l) => !l.startsWith('64631925')))),
    );
    expect(fileReport(report, 'CIS_bdpm.txt').retired).toBe(1);
    expect(db.$client.prepare("SELECT active FROM catalogue_specialities WHERE cis = '64631925'").pluck().get()).toBe(
      0,
    );
    expect(
      db.$client.prepare("SELECT rowid FROM catalogue_search WHERE catalogue_search MATCH 'coumadine'").all(),
    ).toHaveLength(1);
  });

  it.each([
    ['wrong column count', 'CIS_CIP_bdpm.wrong-columns.txt', 'CIS_CIP_bdpm.txt', 3, 'expected 13 columns, found 12'],
    ['bad check digit', 'CIS_CIP_bdpm.bad-check-digit.txt', 'CIS_CIP_bdpm.txt', 5, 'wrong check digit (expected 3)'],
    ['truncated last line', 'CIS_CIP_bdpm.truncated.txt', 'CIS_CIP_bdpm.txt', 17, 'truncated last line'],
    ['unknown encoding', 'CIS_bdpm.utf16.txt', 'CIS_bdpm.txt', 0, 'unknown encoding'],
  ])(
    'When a file has a %s, Then the import names the line and writes nothing at all',
    (_what, variant, file, line, reason) => {
      const { db, run } = setup();
      const report = run(fixtureDir(useVariant(variant, file)));
      expect(report.applied).toBe(false);
      const bad = fileReport(report, file);
      expect(bad.status).toBe('refused');
      expect(bad.firstRejected[0]).toMatchObject({ line, reason: expect.stringContaining(reason) });
      expect(report.files.filter((f) => f.file !== file).every((f) => f.status === 'held')).toBe(true);
      for (const table of [
        'catalogue_specialities',
        'catalogue_presentations',
        'catalogue_compositions',
        'audit_log',
      ]) {
        expect(count(db, table), table).toBe(0);
      }
    },
  );

  it('When a bad row is skipped on a re-import, Then the valid rows are imported and nothing is deactivated', () => {
    const { db, run } = setup();
    run(fixtureDir());
    const report = run(
      fixtureDir((dir) => {
        useVariant('CIS_CIP_bdpm.bad-check-digit.txt', 'CIS_CIP_bdpm.txt')(dir);
        editLines('CIS_CIP_bdpm.txt', (lines) => lines.filter((l) => !l.includes('3400937977722')))(dir);
      }),
      true,
    );
    expect(report.applied).toBe(true);
    expect(fileReport(report, 'CIS_CIP_bdpm.txt')).toMatchObject({ rejected: 1, retired: 0, unchanged: 15 });
    expect(fileReport(report, 'CIS_CIP_bdpm.txt').notes[0]).toMatch(/kept as they were/);
    expect(presentation(db, '3400937977722').active).toBe(1);
    expect(presentation(db, '3400933323523').active).toBe(1);
  });

  it('When the speciality file is missing, Then the import is refused', () => {
    const { run } = setup();
    const report = run(fixtureDir((dir) => rmSync(join(dir, 'CIS_bdpm.txt'))));
    expect(report.applied).toBe(false);
    expect(fileReport(report, 'CIS_bdpm.txt')).toMatchObject({ status: 'missing', notes: ['file not found'] });
  });

  it('When presentations are imported, Then PDA flags follow the rules and a pharmacist override survives re-imports', () => {
    const { db, run } = setup();
    const dir = fixtureDir();
    run(dir);
    const flags = (cip13: string) => {
      const p = presentation(db, cip13);
      return [p.pda_excluded, p.pda_rule];
    };
    expect(flags('3400937977661')).toEqual([0, null]);
    expect(flags('3400930264546')).toEqual([1, 'vitamin_k_antagonist']);
    expect(flags('3400933323523')).toEqual([1, 'narcotic']);
    expect(flags('3400933000912')).toEqual([1, 'liquid']);
    expect(flags('3400935294227')).toEqual([1, 'effervescent']);
    expect(flags('3400949004027')).toEqual([1, 'unknown_form']);

    db.$client
      .prepare(
        "UPDATE catalogue_presentations SET pda_excluded = 1, pda_reason = 'Photosensible', pda_overridden = 1 WHERE cip13 = '3400937977661'",
      )
      .run();
    const again = run(dir);
    expect(again.changed).toBe(false);
    expect(presentation(db, '3400937977661')).toMatchObject({ pda_excluded: 1, pda_reason: 'Photosensible' });
  });

  it('When the demo catalogue is seeded over an imported one, Then it only adds what is missing', () => {
    const { db, run } = setup();
    run(
      fixtureDir(
        editLines('CIS_CIP_bdpm.txt', (lines) => lines.map((l) => l.replace('\t3,01\t4,03\t', '\t3,11\t4,13\t'))),
      ),
    );
    const compositions = count(db, 'catalogue_compositions');
    const report = seedDemoCatalogue(db, new Date('2026-11-23T09:00:00.000Z'));
    expect(report.files.every((f) => f.updated === 0 && f.retired === 0)).toBe(true);
    expect(fileReport(report, 'CIS_CIP_bdpm.txt').inserted).toBeGreaterThan(140);
    expect(presentation(db, '3400937977661')).toMatchObject({ price_cents: 311, active: 1 });
    expect(db.$client.prepare('SELECT count(*) FROM catalogue_presentations WHERE active = 0').pluck().get()).toBe(0);
    expect(count(db, 'catalogue_compositions')).toBeGreaterThan(compositions);
    expect(count(db, 'audit_log')).toBe(4);
  });

  it('When the import changes rows, Then one audit row per changed file records it', () => {
    const { db, run } = setup();
    run(fixtureDir());
    const rows = db.$client.prepare('SELECT action, entity_id, actor_label FROM audit_log ORDER BY id').all();
    expect(rows).toEqual(
      ['CIS_COMPO_bdpm.txt', 'CIS_GENER_bdpm.txt', 'CIS_bdpm.txt', 'CIS_CIP_bdpm.txt'].map((f) => ({
        action: 'catalogue.import',
        entity_id: f,
        actor_label: 'system:catalogue-import',
      })),
    );
  });
});

describe('npm run catalogue:import', () => {
  const execute = promisify(execFile);
  const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
  const cli = (dbPath: string, ...args: string[]) =>
    execute(tsx, ['server/catalogue/catalogue-import-cli.ts', ...args], {
      env: { ...process.env, DB_PATH: dbPath, LOG_LEVEL: 'silent' },
    });

  it('When run twice on the same folder, Then the second run says nothing changed; on a broken file it exits 1 naming the line', async () => {
    const dbPath = join(fixtureDir(), 'officoop.sqlite');
    const first = await cli(dbPath, fixtureDir());
    expect(first.stdout).toMatch(/CIS_CIP_bdpm\.txt\s+applied\s+utf-8\s+read 17\s+inserted 17/);
    expect(first.stdout).toMatch(/Imported: 39 inserted/);
    const second = await cli(dbPath, fixtureDir());
    expect(second.stdout).toMatch(/Nothing changed/);
    await expect(
      cli(dbPath, fixtureDir(useVariant('CIS_CIP_bdpm.bad-check-digit.txt', 'CIS_CIP_bdpm.txt'))),
    ).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/line 5: CIP13 "3400933323524" has a wrong check digit[\s\S]*Import refused/),
    });
    await expect(cli(dbPath)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/usage/) });
  }, 30_000);
});

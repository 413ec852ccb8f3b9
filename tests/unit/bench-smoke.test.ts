import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../bench/dataset';
import { BASELINE, ENDPOINTS, IN_PROCESS } from '../../bench/figures';
import { createRng } from '../../bench/prng';
import type { BenchResult } from '../../bench/report';
import { SCALES } from '../../bench/scales';
import { captureEndpointSql, replayCapturedSql } from '../../bench/sql-capture';

const run = promisify(execFile);
const workDir = mkdtempSync(join(tmpdir(), 'officoop-bench-test-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('npm run bench (smoke, tiny scale)', () => {
  it('When run at tiny scale, Then it exits 0, prints the table and writes the JSON with one row per figure', async () => {
    const outDir = join(workDir, 'results');
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--scale', 'tiny', '--duration', '1', '--connections', '1', '--out', outDir],
      { cwd: process.cwd(), timeout: 240_000 },
    );

    const files = readdirSync(outDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}-tiny\.json$/);
    const result = JSON.parse(readFileSync(join(outDir, files[0] as string), 'utf8')) as BenchResult;

    expect(result.scale).toBe('tiny');
    expect(result.http.map((f) => f.name)).toEqual([BASELINE.name, ...ENDPOINTS.map((e) => e.name)]);
    expect(result.inProcess.map((f) => f.name)).toEqual(IN_PROCESS.map((b) => b.name));
    // The authenticated floor answers 200 only if the baseline reads the session the server created.
    for (const name of ['baseline', 'health', 'baseline.auth-floor']) {
      const figure = result.http.find((f) => f.name === name);
      expect(figure?.status).toBe('measured');
      expect(figure?.runs).toHaveLength(1);
      expect(figure?.runs[0]).toMatchObject({ connections: 1, non2xx: 0, errors: 0 });
      expect(figure?.runs[0]?.ok).toBeGreaterThan(0);
      // Each server's CPU per answered request is read from /proc, its main thread's a part of it.
      const { cpuUsPerRequest, cpuMainThreadUsPerRequest } = figure?.runs[0] ?? {};
      expect(cpuUsPerRequest).toBeGreaterThan(0);
      expect(cpuMainThreadUsPerRequest).toBeGreaterThan(0);
      expect(cpuMainThreadUsPerRequest).toBeLessThanOrEqual(cpuUsPerRequest as number);
    }
    expect(result.http.find((f) => f.name === 'health')?.runs[0]?.ratio).toEqual(expect.any(Number));
    expect(result.http.find((f) => f.name === 'health')?.runs[0]?.cpuSqlRatio).toEqual(expect.any(Number));
    // The dataset holds a resource for every read's path (goal 5 of issue 16: every endpoint measured).
    expect(result.http.filter((f) => f.status !== 'measured').map((f) => `${f.name}: ${f.status}`)).toEqual([]);
    expect(result.rss?.atRestBytes).toEqual(expect.any(Number));

    const tableLines = stdout.split('\n').filter((line) => line.startsWith('| '));
    expect(tableLines[0]).toContain('| figure ');
    expect(tableLines).toHaveLength(2 + result.rows.length);
    const figures = result.rows.map((row) => row.figure);
    expect(figures).toContain('baseline express hello @ 1 conn');
    expect(figures).toContain('GET /api/health @ 1 conn');
    expect(figures.some((f) => f.startsWith('GET /api/products?q=amlo'))).toBe(true);
    expect(figures).toContain('server RSS at rest');
    expect(figures).toContain('server RSS peak under load');
    for (const row of result.rows) expect(stdout).toContain(row.figure);
  }, 260_000);

  it('When the dataset is built twice with the same seed, Then the rows are identical', async () => {
    const dump = async (name: string) => {
      const dbPath = join(workDir, `${name}.sqlite`);
      await buildDataset({ dbPath, rng: createRng(1), scale: { ...SCALES.tiny, pharmacies: 8, careHomes: 6 } });
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(dbPath, { readonly: true });
      try {
        return {
          pharmacies: db.prepare('SELECT * FROM pharmacies ORDER BY id').all(),
          careHomes: db.prepare('SELECT * FROM care_homes ORDER BY id').all(),
          users: db.prepare('SELECT email, role, pharmacy_id, care_home_id FROM users ORDER BY id').all(),
          lots: db.prepare('SELECT * FROM stock_lots ORDER BY id').all(),
          movements: db.prepare('SELECT * FROM stock_movements ORDER BY id').all(),
        };
      } finally {
        db.close();
      }
    };
    const first = await dump('a');
    expect(first.pharmacies).toHaveLength(8);
    expect(first.careHomes).toHaveLength(6);
    expect(first.lots.some((lot) => (lot as { lot_number: string }).lot_number.startsWith('BN'))).toBe(true);
    expect(await dump('b')).toEqual(first);
  });

  it("When a read's SQL is captured and replayed by its floor route, Then the floor runs the endpoint's statements, not the session's", async () => {
    const dbPath = join(workDir, 'capture.sqlite');
    const dataset = await buildDataset({ dbPath, rng: createRng(1), scale: SCALES.tiny });
    const endpoint = ENDPOINTS.find((e) => e.name === 'robot.list');
    if (!endpoint) throw new Error('robot.list is not a bench endpoint');
    const captured = await captureEndpointSql({ dbPath, endpoints: [endpoint], dataset });
    const statements = captured['robot.list'] ?? [];
    expect(statements.length).toBeGreaterThan(0);
    // Nor the session look-up's change counters (sessions.repository.ts): the stack's part too.
    expect(statements.filter((s) => /\bsessions\b|total_changes|data_version/i.test(s.sql))).toEqual([]);

    const sqlite = new Database(dbPath);
    const app = express();
    app.get('/sql/:name', replayCapturedSql(sqlite, captured));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((ok) => server.once('listening', () => ok()));
    try {
      const { port } = server.address() as { port: number };
      const replay = await fetch(`http://127.0.0.1:${port}/sql/robot.list`);
      expect(replay.status).toBe(200);
      const results = (await replay.json()) as unknown[];
      expect(results).toHaveLength(statements.length);
      const names = sqlite.prepare('SELECT name FROM robots').pluck().all() as string[];
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(JSON.stringify(results)).toContain(JSON.stringify(name));
      expect((await fetch(`http://127.0.0.1:${port}/sql/robot.nothing`)).status).toBe(404);
    } finally {
      server.close();
      sqlite.close();
    }
  });
});

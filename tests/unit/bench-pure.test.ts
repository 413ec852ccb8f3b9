import { describe, expect, it } from 'vitest';
import { CliError, isSelected, parseArgs } from '../../bench/cli';
import { isDeclared } from '../../bench/http';
import { runDuration } from '../../bench/http-figures';
import { measureInProcess, SkipBench } from '../../bench/inprocess';
import { createRng } from '../../bench/prng';
import { cpuBetween, cpuPerRequestUs, onlyThread, readThreadCpuNs } from '../../bench/process-cpu';
import {
  buildRows,
  busyMachineNote,
  cpuRatio,
  describeHttpTarget,
  goalsSummary,
  type HttpFigure,
  type HttpRun,
  judgeHttpRun,
  ratioTo,
  renderMarkdown,
  resultFileName,
} from '../../bench/report';
import { parseVmRss } from '../../bench/rss';
import { SCALES } from '../../bench/scales';
import { median, percentile, summariseLatencies } from '../../bench/stats';

describe('bench PRNG', () => {
  it('When seeded twice with the same seed, Then it yields the same sequence', () => {
    const a = createRng(42);
    const b = createRng(42);
    const first = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('When seeded differently, Then the sequences differ', () => {
    expect(createRng(1).next()).not.toBe(createRng(2).next());
  });

  it('When asked for integers, Then both bounds are reachable and nothing falls outside', () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    expect(() => rng.int(5, 4)).toThrow(RangeError);
  });

  it('When forked with a label, Then the fork is reproducible and independent of the parent position', () => {
    const parent = createRng(9);
    const early = parent.fork('stock').next();
    parent.next();
    parent.next();
    expect(parent.fork('stock').next()).toBe(early);
    expect(parent.fork('ledger').next()).not.toBe(early);
  });
});

describe('bench statistics', () => {
  it('When computing nearest-rank percentiles, Then p50/p95/p99 pick existing samples', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('When summarising unsorted latencies, Then they are sorted numerically first', () => {
    const summary = summariseLatencies([10, 2, 1, 30, 4]);
    expect(summary).toEqual({ count: 5, p50: 4, p95: 30, p99: 30, max: 30 });
  });

  it('When taking a median, Then even-sized lists average the middle pair', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('bench RSS parsing', () => {
  it('When /proc status holds VmRSS, Then it is returned in bytes', () => {
    const status = 'Name:\tnode\nVmPeak:\t 1000 kB\nVmRSS:\t   91236 kB\nThreads:\t11\n';
    expect(parseVmRss(status)).toBe(91_236 * 1024);
  });

  it('When VmRSS is absent (a zombie), Then the result is null', () => {
    expect(parseVmRss('Name:\tnode\nState:\tZ (zombie)\n')).toBeNull();
  });
});

describe('bench command line', () => {
  it('When given no arguments, Then it runs every figure at small scale on 1, 10 and 50 connections', () => {
    expect(parseArgs([])).toMatchObject({ scale: 'small', only: [], durationS: null, connections: [1, 10, 50] });
  });

  it('When given names and options in both forms, Then each is parsed', () => {
    const options = parseArgs(['health', '--scale', 'territory', '--duration=2', '--connections', '50,1', 'products']);
    expect(options).toMatchObject({
      scale: 'territory',
      only: ['health', 'products'],
      durationS: 2,
      connections: [1, 50],
    });
  });

  it('When an option is unknown or malformed, Then a CliError says so', () => {
    expect(() => parseArgs(['--scale', 'galaxy'])).toThrow(CliError);
    expect(() => parseArgs(['--duration', '-1'])).toThrow(CliError);
    expect(() => parseArgs(['--connections', '1,x'])).toThrow(CliError);
    expect(() => parseArgs(['--scale'])).toThrow(CliError);
    expect(() => parseArgs(['--fast'])).toThrow(CliError);
  });

  it('When names are selected, Then a name matches itself and its dotted children only', () => {
    expect(isSelected('products.search', [])).toBe(true);
    expect(isSelected('products.search', ['products'])).toBe(true);
    expect(isSelected('products.search', ['products.search'])).toBe(true);
    expect(isSelected('productsx', ['products'])).toBe(false);
    expect(isSelected('health', ['products'])).toBe(false);
  });

  it('When reading the scales, Then territory matches the issue (5 × 3 000 lots, 10 × 80 residents)', () => {
    expect(SCALES.territory).toMatchObject({
      pharmacies: 5,
      lotsPerPharmacy: 3_000,
      careHomes: 10,
      residentsPerCareHome: 80,
    });
    expect(SCALES.national).toMatchObject({ pharmacies: 1_000, careHomes: 1_000, ledgerEntries: 100_000 });
  });
});

describe('bench route detection', () => {
  const templates = ['/api/health', '/api/products', '/api/robots/{robotId}/calendar'];

  it('When a path matches a declared template, Then the route exists, whatever its query string', () => {
    expect(isDeclared(templates, '/api/products?q=amlo')).toBe(true);
    expect(isDeclared(templates, '/api/robots/1/calendar?week=2026-W02')).toBe(true);
  });

  it('When no template matches, Then the route is missing (parameters never span slashes)', () => {
    expect(isDeclared(templates, '/api/pool')).toBe(false);
    expect(isDeclared(templates, '/api/robots/1/2/calendar')).toBe(false);
    expect(isDeclared(templates, '/api/healthz')).toBe(false);
  });
});

const run = (overrides: Partial<HttpRun> = {}): HttpRun => ({
  connections: 50,
  durationS: 3,
  ok: 30_000,
  non2xx: 0,
  errors: 0,
  reqPerSec: 10_000,
  latency: { count: 30_000, p50: 4, p95: 9, p99: 12, max: 40 },
  ratio: 0.8,
  ...overrides,
});

const readTarget = { minRatio: 0.7, latency: [{ percentile: 'p99' as const, ms: 25, connections: 50 }] };

describe('bench verdicts', () => {
  it('When the ratio and p99 meet the read-endpoint target, Then the run passes', () => {
    expect(judgeHttpRun(run(), readTarget)).toBe('pass');
  });

  it('When the ratio is under 70 %, Then the run is short', () => {
    expect(judgeHttpRun(run({ ratio: 0.69 }), readTarget)).toBe('short');
  });

  it('When p99 is over 25 ms at 50 connections, Then the run is short, but the p99 rule ignores 10 connections', () => {
    const slow = { count: 1, p50: 20, p95: 30, p99: 40, max: 90 };
    expect(judgeHttpRun(run({ latency: slow }), readTarget)).toBe('short');
    expect(judgeHttpRun(run({ latency: slow, connections: 10 }), readTarget)).toBe('pass');
  });

  it('When some answers were not 2xx, Then a run with a target is short', () => {
    expect(judgeHttpRun(run({ non2xx: 3 }), readTarget)).toBe('short');
  });

  it('When a write load left the database consistent, Then it passes; when not, it is short', () => {
    expect(judgeHttpRun(run({ ratio: 0.1 }), undefined, { ok: true })).toBe('pass');
    expect(judgeHttpRun(run(), undefined, { ok: false })).toBe('short');
    expect(judgeHttpRun(run({ non2xx: 1 }), undefined, { ok: true })).toBe('short');
  });

  it('When a figure has no target, Then its verdict is a dash', () => {
    expect(judgeHttpRun(run(), undefined)).toBe('—');
  });

  it('When the baseline is missing or zero, Then there is no ratio', () => {
    expect(ratioTo(500, 1_000)).toBe(0.5);
    expect(ratioTo(500, 0)).toBeNull();
    expect(ratioTo(500, undefined)).toBeNull();
  });

  it('When describing a target, Then the latency part only shows at its connection level', () => {
    expect(describeHttpTarget(readTarget, 50)).toBe('≥ 70 % of hello; p99 < 25 ms');
    expect(describeHttpTarget(readTarget, 1)).toBe('≥ 70 % of hello');
    expect(describeHttpTarget(undefined, 1)).toBe('—');
    expect(describeHttpTarget(readTarget, null)).toBe('≥ 70 % of hello; p99 < 25 ms @ 50 conn');
  });
});

describe('bench report', () => {
  const figures: HttpFigure[] = [
    { name: 'baseline', label: 'baseline hello', path: '/hello', status: 'measured', runs: [run({ ratio: 1 })] },
    { name: 'products.search', label: 'GET /api/products', path: '/api/products', status: 'missing', runs: [] },
  ];

  it('When building rows, Then HTTP runs, RSS and in-process figures each get a row with a verdict', () => {
    const rows = buildRows({
      http: figures,
      inProcess: [
        { name: 'json', label: 'JSON 5 000 rows', status: 'measured', medianMs: 3.2, runs: 15 },
        { name: 'planner', label: 'planner', status: 'measured', medianMs: 250, runs: 5, maxMs: 200 },
        { name: 'later', label: 'later', status: 'skipped', note: 'not built yet', medianMs: null, runs: 0 },
      ],
      rss: { atRestBytes: 90 * 1024 * 1024, peakBytes: 120 * 1024 * 1024, baselineAtRestBytes: null },
      dataset: [
        {
          name: 'catalogue',
          status: 'built',
          rows: {},
          ms: 1_800,
          timings: [{ name: 'catalogue.import', label: 'BDPM import', ms: 1_734, maxMs: 20_000 }],
        },
      ],
    });
    expect(rows.map((row) => [row.figure, row.result])).toEqual([
      ['baseline hello @ 50 conn', '—'],
      ['GET /api/products', 'n/a'],
      ['server RSS at rest', 'pass'],
      ['server RSS peak under load', '—'],
      ['BDPM import', 'pass'],
      ['JSON 5 000 rows', '—'],
      ['planner', 'short'],
      ['later', 'n/a'],
    ]);
    expect(rows[1]?.value).toBe('n/a (route missing)');
    expect(rows[0]?.value).toBe('10000 req/s · p50 4.00 / p95 9.00 / p99 12.0 ms');
    expect(rows[2]?.value).toBe('90.0 MB');
    expect(rows[4]).toMatchObject({ value: '1.73 s (one run, while building the dataset)', target: '< 20 s' });
  });

  it('When rendering Markdown, Then every line is a table row of equal width with a header', () => {
    const table = renderMarkdown(
      buildRows({
        http: figures,
        inProcess: [],
        rss: { atRestBytes: null, peakBytes: null, baselineAtRestBytes: null },
        dataset: [],
      }),
    );
    expect(table).toMatch(/\| server RSS at rest +\| n\/a +\|/);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(
      /^\| figure +\| value +\| SPEC §11 \/ issue 16 target +\| ÷ hello +\| ÷ same SQL +\| CPU ÷ hello +\| CPU ÷ same SQL +\| p99\/p50 +\| pass\/short \|$/,
    );
    expect(lines[1]).toMatch(/^\| -+ \| -+ \| -+ \| -+ \| -+ \| -+ \| -+ \| -+ \| -+ \|$/);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines).toHaveLength(2 + 4);
  });

  it('When the load average exceeded the CPU count, Then a note says the absolute figures are noisy', () => {
    const machine = {
      node: 'v20',
      platform: 'linux-x64',
      cpus: 2,
      cpuModel: 'x',
      loadAtStart: 1.2,
      loadAtEnd: 3.5,
      totalMemBytes: 1,
      freeMemBytes: 1,
    };
    expect(busyMachineNote(machine)).toContain('load average 3.5 on 2 CPUs');
    expect(busyMachineNote({ ...machine, loadAtEnd: 1.9 })).toBeNull();
  });

  it('When no server ran, Then there are no RSS rows', () => {
    const rows = buildRows({ http: [], inProcess: [], rss: null, dataset: [] });
    expect(rows).toEqual([]);
  });

  it('When naming the result file, Then the date is the Paris calendar date', () => {
    expect(resultFileName(new Date('2026-03-28T23:30:00Z'), 'small')).toBe('2026-03-29-small.json');
    expect(resultFileName(new Date('2026-12-01T10:00:00Z'), 'territory')).toBe('2026-12-01-territory.json');
  });
});

describe('bench in-process measurement', () => {
  const ctx = { rng: createRng(1), scale: SCALES.tiny };

  it('When a figure is measured, Then it reports the median over the requested runs after warm-up', async () => {
    let calls = 0;
    const figure = await measureInProcess(
      { name: 'count', label: 'count', warmup: 2, runs: 5, prepare: () => () => calls++ },
      ctx,
    );
    expect(figure).toMatchObject({ status: 'measured', runs: 5 });
    expect(figure.medianMs).toBeGreaterThanOrEqual(0);
    expect(calls).toBe(7);
  });

  it('When prepare throws SkipBench, Then the figure is skipped with the reason', async () => {
    const figure = await measureInProcess(
      {
        name: 'later',
        label: 'later',
        prepare: () => {
          throw new SkipBench('planner not built yet');
        },
      },
      ctx,
    );
    expect(figure).toMatchObject({ status: 'skipped', note: 'planner not built yet', medianMs: null });
  });

  it('When the timed function throws, Then the figure is failed, not the whole run', async () => {
    const figure = await measureInProcess(
      {
        name: 'boom',
        label: 'boom',
        prepare: () => () => {
          throw new Error('boom');
        },
      },
      ctx,
    );
    expect(figure).toMatchObject({ status: 'failed', note: 'boom' });
  });
});

describe('bench run durations', () => {
  it('When an endpoint is slow at many connections, Then its run lasts three rounds of every connection, at most 10 s', () => {
    // A 45 ms PDF at 50 connections: 2.25 s a round, so a 0.4 s sweep run would time no second answer.
    expect(runDuration(0.4, 50, 45)).toBe(6.8);
    expect(runDuration(0.4, 50, 500)).toBe(10);
    // A fast endpoint keeps the planned duration; the first level has no p50 yet.
    expect(runDuration(1.5, 50, 1)).toBe(1.5);
    expect(runDuration(1.5, 1, undefined)).toBe(1.5);
  });
});

describe("bench: the servers' CPU per request", () => {
  it('When a thread grew, one started and one ended between two readings, Then the growth and the new thread count, the ended one does not', () => {
    const before = new Map([
      [1, 1_000],
      [2, 500],
      [3, 9_000],
    ]);
    const after = new Map([
      [1, 4_000],
      [2, 500],
      [4, 250],
    ]);
    expect(cpuBetween(before, after)).toBe(3_000 + 0 + 250);
    expect(cpuBetween(null, after)).toBeNull();
    // The main thread alone (its tid is the pid); a thread the reading lacks gives no figure.
    expect(cpuBetween(onlyThread(before, 1), onlyThread(after, 1))).toBe(3_000);
    expect(cpuBetween(onlyThread(before, 4), onlyThread(after, 4))).toBeNull();
    expect(cpuPerRequestUs(3_250_000, 1_000)).toBe(3.25);
    expect(cpuPerRequestUs(3_250_000, 0)).toBeNull();
  });

  it("When this process works, Then its threads' CPU as read from /proc grows by about that work", () => {
    const before = readThreadCpuNs(process.pid);
    const started = process.cpuUsage();
    let x = 0;
    for (let i = 0; i < 3e7; i += 1) x += Math.sqrt(i);
    const spentNs = (process.cpuUsage(started).user + process.cpuUsage(started).system) * 1_000;
    const grown = cpuBetween(before, readThreadCpuNs(process.pid));
    expect(x).toBeGreaterThan(0);
    expect(grown).not.toBeNull();
    // process.cpuUsage ticks coarser than schedstat: only the order of magnitude must agree.
    expect(grown as number).toBeGreaterThan(spentNs * 0.5);
    expect(grown as number).toBeLessThan(spentNs * 2 + 20_000_000);
    expect(readThreadCpuNs(2 ** 22 + 7)).toBeNull();
  });

  it("When a run carries its CPU per request, Then the row shows it and both CPU ratios in the same sense as req/s's", () => {
    expect(cpuRatio(80, 100)).toBe(0.8);
    expect(cpuRatio(null, 100)).toBeNull();
    expect(cpuRatio(80, 0)).toBeNull();
    const rows = buildRows({
      http: [
        {
          name: 'a',
          label: 'GET /a',
          path: '/a',
          status: 'measured',
          runs: [
            run({
              connections: 1,
              cpuUsPerRequest: 125.4,
              cpuRatio: 0.64,
              cpuSqlRatio: 0.8,
              sqlRatio: 0.75,
              floor: { ...run({ connections: 1, cpuUsPerRequest: 100.2, cpuRatio: 0.8 }) },
            }),
          ],
        },
      ],
      inProcess: [],
      rss: null,
      dataset: [],
    });
    expect(rows[0]).toMatchObject({ cpuRatio: '0.80', cpuSqlRatio: '1.00' });
    expect(rows[0]?.value).toContain(' · CPU 100 µs/req');
    expect(rows[1]).toMatchObject({ ratio: '0.80', sqlRatio: '0.75', cpuRatio: '0.64', cpuSqlRatio: '0.80' });
    expect(rows[1]?.value).toBe('10000 req/s · p50 4.00 / p95 9.00 / p99 12.0 ms · CPU 125 µs/req');
  });
});

describe("bench: issue 16's goals read from one run", () => {
  const figure = (over: Partial<HttpFigure>): HttpFigure => ({
    name: 'x',
    label: 'x',
    path: '/x',
    status: 'measured',
    runs: [],
    ...over,
  });
  const tail = { ratio: 5, connections: [10, 50] };
  const latency = (p50: number, p99: number) => ({ count: 1_000, p50, p95: p99, p99, max: p99 });
  const http: HttpFigure[] = [
    figure({
      name: 'baseline',
      label: 'baseline express hello',
      runs: [run({ connections: 1, ratio: 1 }), run({ connections: 10, ratio: 1, latency: latency(1, 8) })],
    }),
    figure({
      name: 'baseline.noop',
      label: 'no-op',
      target: { minRatio: 0.7, maxTail: tail },
      runs: [run({ connections: 1, ratio: 0.71, cpuRatio: 0.77 })],
    }),
    figure({
      name: 'a.read',
      label: 'GET /a',
      target: { minSqlRatio: 0.7, maxTail: tail },
      runs: [
        run({ connections: 1, sqlRatio: 0.6951, cpuSqlRatio: 0.7 }),
        run({ connections: 10, latency: latency(2, 11) }),
        run({ connections: 50, latency: latency(4, 12) }),
      ],
    }),
    figure({
      name: 'b.read',
      label: 'GET /b',
      target: { minSqlRatio: 0.7 },
      runs: [run({ connections: 1, sqlRatio: 0.82, cpuSqlRatio: 0.64 })],
    }),
    figure({ name: 'c.read', label: 'GET /c', status: 'missing', target: { minSqlRatio: 0.7 } }),
    figure({
      name: 'products.search',
      label: 'GET /products',
      target: { minSqlRatio: 0.7, maxP50OverHello: 3 },
      runs: [run({ connections: 1, sqlRatio: 0.9, p50OverHello: 6.5 })],
    }),
    figure({ name: 'baseline.search-least', label: 'least', runs: [run({ connections: 1, p50OverHello: 3.3 })] }),
  ];
  const inProcess = [
    { name: 'p', label: 'planner', status: 'measured' as const, medianMs: 9, runs: 15, maxMs: 200 },
    { name: 's', label: 'shares report', status: 'measured' as const, medianMs: 600, runs: 15, maxMs: 500 },
    { name: 'j', label: 'no target', status: 'measured' as const, medianMs: 1, runs: 15 },
  ];

  it('When a run is summed up, Then each goal reads its own figures, a read at 0.695 is short and the one not measured is left out', () => {
    const lines = goalsSummary({
      http,
      inProcess,
      rss: { atRestBytes: 120 * 1024 * 1024, peakBytes: null, baselineAtRestBytes: null },
    });
    expect(lines[0]).toBe("Issue 16's goals in this run:");
    expect(lines[1]).toBe(
      "- goal 2, the stack, req/s at 1 connection: authenticated no-op 0.71 of hello's (≥ 0.7: met); 2 of 3 reads ≥ their line of same SQL (short, 3 decimals as the table rounds to 2: GET /a 0.695)",
    );
    // By CPU only the runs that carry it count: the products run has none.
    expect(lines[2]).toBe(
      "- goal 2, the stack, server CPU per request at 1 connection: authenticated no-op 0.77 of hello's (≥ 0.7: met); 1 of 2 reads ≥ their line of same SQL (short, 3 decimals as the table rounds to 2: GET /b 0.640)",
    );
    lines.splice(2, 1);
    expect(lines[2]).toBe(
      "- goal 3, search, p50 at 1 connection ÷ hello's: GET /products 6.5 × (≤ 3: short); the least answers, told their page: search-least 3.3 ×",
    );
    expect(lines[3]).toBe(
      "- goal 4, no starvation: p99 ≤ 5 × p50 in 1 of 2 runs at 10/50 connections (hello's own p99 ÷ p50: 8.0 at 10 connections)",
    );
    expect(lines[4]).toBe(
      '- goals 5 and 6: 1 of 2 in-process figures under their SPEC §11 target; short: shares report; RSS at rest 120.0 MB (< 150 MB: met)',
    );
    expect(lines).toHaveLength(5);
  });

  it('When a run measured none of the goals (a selection of figures), Then there is no summary', () => {
    expect(goalsSummary({ http: [http[0] as HttpFigure], inProcess: [], rss: null })).toEqual([]);
  });
});

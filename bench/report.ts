import type { LatencySummary } from './stats';

/** A latency ceiling that applies at one connection level. */
export type LatencyRule = { percentile: 'p50' | 'p95' | 'p99'; ms: number; connections: number };

/** SPEC §11 targets for one HTTP figure. */
export type HttpTarget = {
  /** Of the bare express hello route's req/s (SPEC §11). */
  minRatio?: number;
  /** Of the bare express route running this endpoint's own SQL (issue 16). */
  minSqlRatio?: number;
  /** p99 ≤ ratio × p50 at these connection levels (issue 16: no starvation). */
  maxTail?: { ratio: number; connections: number[] };
  /** p50 at 1 connection ≤ this × the hello route's p50 in the same run (issue 16, search). */
  maxP50OverHello?: number;
  latency?: LatencyRule[];
};

/** The same-SQL floor's run at one connection level, taken just before the endpoint's. */
export type FloorRun = Omit<HttpRun, 'floor' | 'sqlRatio' | 'cpuSqlRatio'>;

export type HttpRun = {
  connections: number;
  durationS: number;
  /** Responses with a 2xx status. */
  ok: number;
  non2xx: number;
  errors: number;
  reqPerSec: number;
  /** Answers on established connections (each connection's first answer excluded). */
  latency: LatencySummary;
  /** Each connection's first answer, opening included (absent in results before 2026-12-01). */
  firstAnswer?: LatencySummary;
  ratio: number | null;
  /** p50 ÷ the hello route's p50 at the same connection level. */
  p50OverHello?: number | null;
  /** The "baseline <endpoint>" run (same SQL, bare express), when measured. */
  floor?: FloorRun;
  /** req/s ÷ the floor's req/s. */
  sqlRatio?: number | null;
  /**
   * µs of the answering process's CPU (every thread) per answered request (process-cpu.ts):
   * the server's own cost, without the load generator's (absent in results before 2026-12-03).
   */
  cpuUsPerRequest?: number | null;
  /**
   * Of `cpuUsPerRequest`, the main thread's (JavaScript, the scavenger's own share of garbage
   * collection); the rest ran on V8's helper threads (parallel and concurrent collection, the
   * optimising compiler) and libuv's pool. In the result file only.
   */
  cpuMainThreadUsPerRequest?: number | null;
  /** The hello route's CPU per request ÷ this run's (`cpuRatio`): the same sense as `ratio`. */
  cpuRatio?: number | null;
  /** The same-SQL floor's CPU per request ÷ this run's: the same sense as `sqlRatio`. */
  cpuSqlRatio?: number | null;
};

export type HttpFigure = {
  name: string;
  label: string;
  path: string;
  /** `missing`: the route answered 404 on the probe; `failed`: the probe answered another error. */
  status: 'measured' | 'missing' | 'failed';
  note?: string;
  target?: HttpTarget;
  runs: HttpRun[];
  /** For write loads: what the database looked like afterwards. */
  check?: { ok: boolean; note: string };
};

export type InProcessFigure = {
  name: string;
  label: string;
  status: 'measured' | 'skipped' | 'failed';
  note?: string;
  medianMs: number | null;
  runs: number;
  maxMs?: number;
};

export type RssFigures = { atRestBytes: number | null; peakBytes: number | null; baselineAtRestBytes: number | null };

/** A one-shot timing taken while building the dataset (an import, say), with its §11 target. */
export type BuildTiming = { name: string; label: string; ms: number; maxMs?: number };

export type DatasetSummary = {
  name: string;
  status: 'built' | 'skipped';
  note?: string;
  rows: Record<string, number>;
  ms: number;
  timings?: BuildTiming[];
};

export type BenchResult = {
  version: 1;
  startedAt: string;
  finishedAt: string;
  scale: string;
  seed: number;
  machine: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    /** 1-minute load average when the run started and when it finished. */
    loadAtStart: number;
    loadAtEnd: number;
    totalMemBytes: number;
    freeMemBytes: number;
  };
  gitCommit: string | null;
  dataset: DatasetSummary[];
  http: HttpFigure[];
  inProcess: InProcessFigure[];
  /** Null when no HTTP figure was selected, so no server ran. */
  rss: RssFigures | null;
  rows: TableRow[];
};

export type Verdict = 'pass' | 'short' | '—' | 'n/a';

export type TableRow = {
  figure: string;
  value: string;
  target: string;
  /** req/s ÷ the bare express hello's, same connection level, same run. */
  ratio: string;
  /** req/s ÷ the same-SQL floor's (read endpoints), or '—'. */
  sqlRatio?: string;
  /** The same two ratios by the server's CPU per request (`cpuRatio`), or '—'. */
  cpuRatio?: string;
  cpuSqlRatio?: string;
  /** p99 ÷ p50, or '—'. */
  tail?: string;
  /** How the figure grew from small to national (growth.ts), when results of those scales exist. */
  growth?: string;
  result: Verdict;
};

export const RSS_AT_REST_TARGET_BYTES = 150 * 1024 * 1024;

export function ratioTo(reqPerSec: number, baselineReqPerSec: number | undefined): number | null {
  if (baselineReqPerSec === undefined || !(baselineReqPerSec > 0)) return null;
  return reqPerSec / baselineReqPerSec;
}

/**
 * A reference's CPU per request ÷ a run's (both µs): how many of this run's requests the
 * reference's CPU would answer, per reference request; ≥ 0.7 reads as `ratio` ≥ 0.7 does. Null
 * when either is missing or not positive.
 */
export function cpuRatio(referenceUs: number | null | undefined, runUs: number | null | undefined): number | null {
  return referenceUs != null && runUs != null && referenceUs > 0 && runUs > 0 ? referenceUs / runUs : null;
}

/** p99 ÷ p50 of a run, the starvation measure of issue 16. */
export function tailRatio(run: Pick<HttpRun, 'latency'>): number | null {
  return run.latency.p50 > 0 && Number.isFinite(run.latency.p99) ? run.latency.p99 / run.latency.p50 : null;
}

/** Verdict of one load run against its figure's targets; '—' when nothing applies to it. */
export function judgeHttpRun(run: HttpRun, target: HttpTarget | undefined, check?: { ok: boolean }): Verdict {
  if (run.ok === 0 || run.non2xx > 0 || run.errors > 0) return target || check ? 'short' : '—';
  const checks: boolean[] = check ? [check.ok] : [];
  if (target?.minRatio !== undefined && run.ratio !== null) checks.push(run.ratio >= target.minRatio);
  if (target?.minSqlRatio !== undefined && run.sqlRatio != null) checks.push(run.sqlRatio >= target.minSqlRatio);
  if (target?.maxP50OverHello !== undefined && run.connections === 1 && run.p50OverHello != null) {
    checks.push(run.p50OverHello <= target.maxP50OverHello);
  }
  const tail = tailRatio(run);
  if (target?.maxTail?.connections.includes(run.connections) && tail !== null)
    checks.push(tail <= target.maxTail.ratio);
  for (const rule of target?.latency ?? []) {
    if (rule.connections === run.connections) checks.push(run.latency[rule.percentile] < rule.ms);
  }
  if (checks.length === 0) return '—';
  return checks.every(Boolean) ? 'pass' : 'short';
}

/** The target as read at one connection level, or every rule when `connections` is null. */
export function describeHttpTarget(target: HttpTarget | undefined, connections: number | null): string {
  if (!target) return '—';
  const parts: string[] = [];
  if (target.minRatio !== undefined) parts.push(`≥ ${Math.round(target.minRatio * 100)} % of hello`);
  if (target.minSqlRatio !== undefined) parts.push(`≥ ${Math.round(target.minSqlRatio * 100)} % of same SQL`);
  if (target.maxP50OverHello !== undefined && (connections === null || connections === 1)) {
    parts.push(`p50 ≤ ${target.maxP50OverHello} × hello's${connections === null ? ' @ 1 conn' : ''}`);
  }
  if (target.maxTail && (connections === null || target.maxTail.connections.includes(connections))) {
    parts.push(
      `p99 ≤ ${target.maxTail.ratio} × p50${connections === null ? ` @ ${target.maxTail.connections.join(', ')} conn` : ''}`,
    );
  }
  for (const rule of target.latency ?? []) {
    if (connections === null) parts.push(`${rule.percentile} < ${rule.ms} ms @ ${rule.connections} conn`);
    else if (rule.connections === connections) parts.push(`${rule.percentile} < ${rule.ms} ms`);
  }
  return parts.length > 0 ? parts.join('; ') : '—';
}

export function buildRows(result: Pick<BenchResult, 'http' | 'inProcess' | 'rss' | 'dataset'>): TableRow[] {
  const rows: TableRow[] = [];
  for (const figure of result.http) {
    if (figure.status !== 'measured') {
      rows.push({
        figure: figure.label,
        value: figure.status === 'missing' ? 'n/a (route missing)' : `n/a (${figure.note ?? 'probe failed'})`,
        target: describeHttpTarget(figure.target, null),
        ratio: '—',
        result: 'n/a',
      });
      continue;
    }
    for (const run of figure.runs) {
      if (run.floor) {
        rows.push({
          figure: `baseline ${figure.label} (same SQL, bare express) @ ${run.connections} conn`,
          value: `${loadValue(run.floor)}${run.floor.p50OverHello != null && figure.target?.maxP50OverHello !== undefined ? ` · p50 ${run.floor.p50OverHello.toFixed(1)} × hello's` : ''}`,
          target: '—',
          ratio: formatRatio(run.floor.ratio),
          sqlRatio: '1.00',
          cpuRatio: formatRatio(run.floor.cpuRatio),
          cpuSqlRatio: run.floor.cpuUsPerRequest == null ? '—' : '1.00',
          tail: formatTail(run.floor),
          result: '—',
        });
      }
      rows.push({
        figure: `${figure.label} @ ${run.connections} conn`,
        value: `${loadValue(run)}${run.p50OverHello != null && (figure.target?.maxP50OverHello !== undefined || figure.name.startsWith('baseline.')) ? ` · p50 ${run.p50OverHello.toFixed(1)} × hello's` : ''}${figure.check ? ` · ${figure.check.note}` : ''}`,
        target: figure.check
          ? `balances exact; ${describeHttpTarget(figure.target, run.connections)}`
          : describeHttpTarget(figure.target, run.connections),
        ratio: formatRatio(run.ratio),
        sqlRatio: formatRatio(run.sqlRatio),
        cpuRatio: formatRatio(run.cpuRatio),
        cpuSqlRatio: formatRatio(run.cpuSqlRatio),
        tail: formatTail(run),
        result: judgeHttpRun(run, figure.target, figure.check),
      });
    }
  }
  if (result.rss) rows.push(...rssRows(result.rss));
  for (const timing of result.dataset.flatMap((d) => d.timings ?? [])) {
    rows.push({
      figure: timing.label,
      value: `${formatDuration(timing.ms)} (one run, while building the dataset)`,
      target: timing.maxMs === undefined ? '—' : `< ${formatDuration(timing.maxMs)}`,
      ratio: '—',
      result: timing.maxMs === undefined ? '—' : timing.ms < timing.maxMs ? 'pass' : 'short',
    });
  }
  for (const figure of result.inProcess) {
    const target = figure.maxMs === undefined ? '—' : `< ${figure.maxMs} ms`;
    if (figure.status !== 'measured' || figure.medianMs === null) {
      rows.push({
        figure: figure.label,
        value: `n/a (${figure.note ?? figure.status})`,
        target,
        ratio: '—',
        result: 'n/a',
      });
      continue;
    }
    rows.push({
      figure: figure.label,
      value: `${formatMs(figure.medianMs)} ms (median of ${figure.runs})`,
      target,
      ratio: '—',
      result: figure.maxMs === undefined ? '—' : figure.medianMs < figure.maxMs ? 'pass' : 'short',
    });
  }
  return rows;
}

function loadValue(run: FloorRun): string {
  const problems = run.non2xx + run.errors > 0 ? ` (${run.non2xx} non-2xx, ${run.errors} errors)` : '';
  // Opening many connections at once costs one event-loop iteration per connection (http.ts):
  // shown beside the established connections' percentiles, never mixed into them.
  const opening =
    run.connections > 1 && run.firstAnswer && run.firstAnswer.count > 0
      ? ` · first answers ≤ ${formatMs(run.firstAnswer.max)} ms`
      : '';
  const cpu = run.cpuUsPerRequest == null ? '' : ` · CPU ${formatCount(run.cpuUsPerRequest)} µs/req`;
  return `${formatCount(run.reqPerSec)} req/s · p50 ${formatMs(run.latency.p50)} / p95 ${formatMs(run.latency.p95)} / p99 ${formatMs(run.latency.p99)} ms${cpu}${opening}${problems}`;
}

function formatRatio(ratio: number | null | undefined): string {
  return ratio == null ? '—' : ratio.toFixed(2);
}

function formatTail(run: Pick<HttpRun, 'latency'>): string {
  const tail = tailRatio(run);
  return tail === null ? '—' : tail.toFixed(1);
}

function rssRows(rss: RssFigures): TableRow[] {
  return [
    {
      figure: 'server RSS at rest',
      value: formatMegabytes(rss.atRestBytes),
      target: '< 150 MB',
      ratio: '—',
      result: rss.atRestBytes === null ? 'n/a' : rss.atRestBytes < RSS_AT_REST_TARGET_BYTES ? 'pass' : 'short',
    },
    {
      figure: 'server RSS peak under load',
      value: formatMegabytes(rss.peakBytes),
      target: '—',
      ratio: '—',
      result: rss.peakBytes === null ? 'n/a' : '—',
    },
  ];
}

/**
 * Issue 16's goals as this run reads them, one line per goal, for the reader of the table (the
 * rows hold the same figures): goal 2 (the authenticated no-op ÷ hello and the reads ÷ their same
 * SQL, both at 1 connection, the reads short of the line listed from the lowest; once by req/s,
 * once by the answering process's CPU per request, which the load generator does not blur),
 * goal 3 (each search's p50 ÷ hello's at 1 connection, beside the least answers told their
 * page), goal 4 (runs whose p99 ≤ 5 × p50 where that applies, hello's own beside them) and SPEC
 * §11's in-process and memory targets (goals 5 and 6). Figures not measured in this run are left
 * out; no line when none of a goal's figures ran.
 */
export function goalsSummary(result: Pick<BenchResult, 'http' | 'inProcess' | 'rss'>): string[] {
  const measured = result.http.filter((f) => f.status === 'measured');
  const atOne = (f: HttpFigure) => f.runs.find((r) => r.connections === 1);
  const lines: string[] = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'short');

  const noop = measured.find((f) => f.name === 'baseline.noop');
  const stack = (of: (run: HttpRun) => { hello: number | null | undefined; sql: number | null | undefined }) => {
    const noopRatio = noop && atOne(noop) ? of(atOne(noop) as HttpRun).hello : null;
    const reads = measured.flatMap((f) => {
      const run = atOne(f);
      const min = f.target?.minSqlRatio;
      const ratio = run ? of(run).sql : null;
      return min !== undefined && ratio != null ? [{ label: f.label, ratio, ok: ratio >= min }] : [];
    });
    const parts: string[] = [];
    if (noopRatio != null) {
      const min = noop?.target?.minRatio ?? 0.7;
      parts.push(`authenticated no-op ${noopRatio.toFixed(2)} of hello's (≥ ${min}: ${verdict(noopRatio >= min)})`);
    }
    if (reads.length > 0) {
      const short = reads.filter((r) => !r.ok).sort((a, b) => a.ratio - b.ratio);
      parts.push(
        `${reads.length - short.length} of ${reads.length} reads ≥ their line of same SQL` +
          (short.length > 0
            ? ` (short, 3 decimals as the table rounds to 2: ${short.map((r) => `${r.label} ${r.ratio.toFixed(3)}`).join(', ')})`
            : ''),
      );
    }
    return parts;
  };
  const byReqPerSec = stack((run) => ({ hello: run.ratio, sql: run.sqlRatio }));
  if (byReqPerSec.length > 0) lines.push(`- goal 2, the stack, req/s at 1 connection: ${byReqPerSec.join('; ')}`);
  const byCpu = stack((run) => ({ hello: run.cpuRatio, sql: run.cpuSqlRatio }));
  if (byCpu.length > 0) lines.push(`- goal 2, the stack, server CPU per request at 1 connection: ${byCpu.join('; ')}`);

  const searches = measured.flatMap((f) => {
    const run = atOne(f);
    const max = f.target?.maxP50OverHello;
    return max !== undefined && run?.p50OverHello != null
      ? [`${f.label} ${run.p50OverHello.toFixed(1)} × (≤ ${max}: ${verdict(run.p50OverHello <= max)})`]
      : [];
  });
  if (searches.length > 0) {
    const least = measured.flatMap((f) => {
      const run = atOne(f);
      return f.name.startsWith('baseline.search-') && f.name.endsWith('least') && run?.p50OverHello != null
        ? [`${f.name.replace('baseline.', '')} ${run.p50OverHello.toFixed(1)} ×`]
        : [];
    });
    lines.push(
      `- goal 3, search, p50 at 1 connection ÷ hello's: ${searches.join('; ')}${least.length > 0 ? `; the least answers, told their page: ${least.join(', ')}` : ''}`,
    );
  }

  const tails = measured.flatMap((f) =>
    f.runs.flatMap((run) => {
      const rule = f.target?.maxTail;
      const tail = tailRatio(run);
      return rule?.connections.includes(run.connections) && tail !== null ? [tail <= rule.ratio] : [];
    }),
  );
  if (tails.length > 0) {
    const hello = measured.find((f) => f.name === 'baseline');
    const helloTails = (hello?.runs ?? [])
      .filter((run) => run.connections > 1)
      .map((run) => `${tailRatio(run)?.toFixed(1) ?? '—'} at ${run.connections}`);
    lines.push(
      `- goal 4, no starvation: p99 ≤ 5 × p50 in ${tails.filter(Boolean).length} of ${tails.length} runs at 10/50 connections` +
        (helloTails.length > 0 ? ` (hello's own p99 ÷ p50: ${helloTails.join(', ')} connections)` : ''),
    );
  }

  const targets = result.inProcess.filter((f) => f.maxMs !== undefined);
  const timed = targets.filter((f) => f.status === 'measured' && f.medianMs !== null);
  const rssOk = result.rss?.atRestBytes != null ? result.rss.atRestBytes < RSS_AT_REST_TARGET_BYTES : null;
  if (timed.length > 0 || rssOk !== null) {
    const short = timed.filter((f) => (f.medianMs as number) >= (f.maxMs as number)).map((f) => f.label);
    const parts = [
      `${timed.length - short.length} of ${targets.length} in-process figures under their SPEC §11 target`,
    ];
    if (short.length > 0) parts.push(`short: ${short.join(', ')}`);
    if (rssOk !== null)
      parts.push(`RSS at rest ${formatMegabytes(result.rss?.atRestBytes ?? null)} (< 150 MB: ${verdict(rssOk)})`);
    lines.push(`- goals 5 and 6: ${parts.join('; ')}`);
  }
  return lines.length > 0 ? ["Issue 16's goals in this run:", ...lines] : [];
}

export function renderMarkdown(rows: readonly TableRow[]): string {
  const withGrowth = rows.some((row) => row.growth !== undefined);
  const header = [
    'figure',
    'value',
    'SPEC §11 / issue 16 target',
    '÷ hello',
    '÷ same SQL',
    'CPU ÷ hello',
    'CPU ÷ same SQL',
    'p99/p50',
    'pass/short',
  ];
  if (withGrowth) header.splice(8, 0, 'growth small → national');
  const cells = [
    header,
    ...rows.map((row) => {
      const line = [
        row.figure,
        row.value,
        row.target,
        row.ratio,
        row.sqlRatio ?? '—',
        row.cpuRatio ?? '—',
        row.cpuSqlRatio ?? '—',
        row.tail ?? '—',
        row.result,
      ];
      if (withGrowth) line.splice(8, 0, row.growth ?? '—');
      return line.map((cell) => cell.replaceAll('|', '\\|'));
    }),
  ];
  const widths = header.map((_, col) => Math.max(...cells.map((line) => (line[col] as string).length)));
  const line = (values: string[]) => `| ${values.map((v, col) => v.padEnd(widths[col] as number)).join(' | ')} |`;
  const [head, ...body] = cells;
  return [
    line(head as string[]),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...body.map((values) => line(values)),
  ].join('\n');
}

/** A warning to print under the table when the machine was busier than its CPU count. */
export function busyMachineNote(machine: BenchResult['machine']): string | null {
  const load = Math.max(machine.loadAtStart, machine.loadAtEnd);
  if (load <= machine.cpus) return null;
  return `Note: load average ${load.toFixed(1)} on ${machine.cpus} CPUs during this run: absolute figures are noisy, read the ratios.`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}

/** Milliseconds under a second, seconds above: `12.3 ms`, `1.73 s`, `20 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${formatMs(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(2)} s`;
}

export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toString() : 'n/a';
}

export function formatMegabytes(bytes: number | null): string {
  return bytes === null ? 'n/a' : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `bench/results/<YYYY-MM-DD>-<scale>.json`, the date taken in Paris time like every date in the app. */
export function resultFileName(now: Date, scale: string): string {
  const date = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return `${date}-${scale}.json`;
}

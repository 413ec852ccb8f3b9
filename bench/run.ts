/**
 * `npm run bench [-- NAME…] [--scale …]`: builds a synthetic dataset, starts the real server
 * and a bare express baseline as child processes, loads both with autocannon from this
 * process, times the registered pure functions, then prints a Markdown table and writes JSON.
 * It reports and never gates: the exit code is 0 even when figures are short.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchOptions, CliError, isSelected, parseArgs, USAGE } from './cli';
import { buildDataset } from './dataset';
import { type EndpointBench, resolvePath } from './endpoints';
import { BASELINE, ENDPOINTS, IN_PROCESS } from './figures';
import { declaredGetRoutes, isDeclared, login, probe, runLoad } from './http';
import { measureInProcess } from './inprocess';
import { createRng, DEFAULT_SEED } from './prng';
import { freePort, type ServerProcess, startServer } from './processes';
import {
  type BenchResult,
  buildRows,
  busyMachineNote,
  type DatasetSummary,
  type HttpFigure,
  type InProcessFigure,
  type RssFigures,
  ratioTo,
  renderMarkdown,
  resultFileName,
} from './report';
import { readRss, sampleRss } from './rss';
import { SCALES, type Scale } from './scales';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Lets the server finish start-up work (first queries, JIT) before RSS "at rest" is read. */
const SETTLE_MS = 1_000;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

export async function runBench(options: BenchOptions): Promise<{ result: BenchResult; file: string; table: string }> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0] ?? 0;
  const scale = SCALES[options.scale];
  const durationS = options.durationS ?? scale.durationS;
  const endpoints = ENDPOINTS.filter((e) => isSelected(e.name, options.only));
  const benches = IN_PROCESS.filter((b) => isSelected(b.name, options.only));
  const runHttp = endpoints.length > 0 || isSelected(BASELINE.name, options.only);
  const rng = createRng(DEFAULT_SEED);
  const workDir = mkdtempSync(join(tmpdir(), 'officoop-bench-'));

  try {
    let http: HttpFigure[] = [];
    let rss: RssFigures | null = null;
    let datasetSummaries: DatasetSummary[] = [];
    // The dataset only serves the server: in-process figures build their own inputs.
    if (runHttp) {
      log(`scale ${scale.name}: building the dataset in ${workDir}`);
      const dataset = await buildDataset({
        dbPath: join(workDir, 'bench.sqlite'),
        rng,
        scale,
        onProgress: (s) =>
          log(
            `  ${s.name}: ${s.status === 'built' ? JSON.stringify(s.rows) : `skipped (${s.note})`} in ${Math.round(s.ms)} ms`,
          ),
      });
      datasetSummaries = dataset.summaries;
      ({ http, rss } = await runHttpFigures({ options, scale, durationS, endpoints, workDir, dataset }));
    }

    const inProcess: InProcessFigure[] = [];
    for (const bench of benches) {
      log(`in-process ${bench.name}`);
      inProcess.push(await measureInProcess(bench, { rng: rng.fork(bench.name), scale }));
    }

    const partial = { http, inProcess, rss, dataset: datasetSummaries };
    const rows = buildRows(partial);
    const result: BenchResult = {
      version: 1,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      scale: scale.name,
      seed: DEFAULT_SEED,
      machine: machineInfo(loadAtStart),
      gitCommit: gitCommit(),
      ...partial,
      rows,
    };
    const outDir = resolve(ROOT, options.outDir);
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, resultFileName(startedAt, scale.name));
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return { result, file, table: renderMarkdown(rows) };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function runHttpFigures(opts: {
  options: BenchOptions;
  scale: Scale;
  durationS: number;
  endpoints: EndpointBench[];
  workDir: string;
  dataset: Awaited<ReturnType<typeof buildDataset>>;
}): Promise<{ http: HttpFigure[]; rss: RssFigures }> {
  const { options, scale, durationS, endpoints, workDir, dataset } = opts;
  const servers: ServerProcess[] = [];
  const stopAll = () => Promise.all(servers.map((s) => s.stop()));
  const onSignal = () => {
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    log('starting the baseline and the real server');
    const baseline = await startServer({
      script: 'bench/baseline-server.ts',
      env: {},
      port: await freePort(),
      readyPath: BASELINE.path as string,
      cwd: ROOT,
    });
    servers.push(baseline);
    const server = await startServer({
      script: 'server/main.ts',
      env: {
        DB_PATH: join(workDir, 'bench.sqlite'),
        BACKUP_DIR: join(workDir, 'backups'),
        SESSION_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'warn',
      },
      port: await freePort(),
      readyPath: '/api/health',
      cwd: ROOT,
    });
    servers.push(server);
    await new Promise((done) => setTimeout(done, SETTLE_MS));
    const rssAtRest: Pick<RssFigures, 'atRestBytes' | 'baselineAtRestBytes'> = {
      atRestBytes: readRss(server.pid),
      baselineAtRestBytes: readRss(baseline.pid),
    };

    const cookies = new Map<string, string>();
    const headersFor = async (endpoint: EndpointBench): Promise<Record<string, string>> => {
      if (!endpoint.as) return {};
      let cookie = cookies.get(endpoint.as);
      if (cookie === undefined) {
        const account = dataset.accounts[endpoint.as];
        if (!account) throw new Error(`no demo account with role ${endpoint.as}`);
        cookie = await login(server.baseUrl, account.email, account.password);
        cookies.set(endpoint.as, cookie);
      }
      return { cookie };
    };

    const targets: { endpoint: EndpointBench; url: string; headers: Record<string, string>; figure: HttpFigure }[] = [];
    const baselineFigure: HttpFigure = {
      name: BASELINE.name,
      label: BASELINE.label,
      path: '/hello',
      status: 'measured',
      runs: [],
    };
    targets.push({ endpoint: BASELINE, url: `${baseline.baseUrl}/hello`, headers: {}, figure: baselineFigure });
    const http: HttpFigure[] = [baselineFigure];
    // A route is "missing" when the server does not declare it; a 404 from a declared route is a failure.
    const declared = await declaredGetRoutes(server.baseUrl);
    for (const endpoint of endpoints) {
      const path = resolvePath(endpoint, dataset.facts);
      const figure: HttpFigure = {
        name: endpoint.name,
        label: endpoint.label,
        path,
        status: 'measured',
        runs: [],
        ...(endpoint.target ? { target: endpoint.target } : {}),
      };
      http.push(figure);
      const checked = await checkEndpoint(server.baseUrl, path, declared, () => headersFor(endpoint));
      if ('headers' in checked) {
        targets.push({ endpoint, url: `${server.baseUrl}${path}`, headers: checked.headers, figure });
      } else {
        figure.status = checked.status;
        if (checked.note) figure.note = checked.note;
      }
      log(`  ${endpoint.name}: ${figure.status === 'measured' ? 'ok' : (figure.note ?? figure.status)}`);
    }

    if (scale.warmupS > 0) {
      log(`warming up (${scale.warmupS} s per target)`);
      for (const t of targets)
        await runLoad({ url: t.url, connections: 10, durationS: scale.warmupS, headers: t.headers });
    }

    const sampler = sampleRss(server.pid);
    // Connection level outermost: each endpoint is compared with a baseline run taken moments before it.
    for (const connections of options.connections) {
      let baselineReqPerSec: number | undefined;
      for (const t of targets) {
        log(`load ${t.endpoint.name} @ ${connections} conn for ${durationS} s`);
        const run = await runLoad({ url: t.url, connections, durationS, headers: t.headers });
        if (t.endpoint === BASELINE) baselineReqPerSec = run.reqPerSec;
        t.figure.runs.push({ ...run, ratio: ratioTo(run.reqPerSec, baselineReqPerSec) });
      }
    }
    sampler.stop();
    return { http, rss: { ...rssAtRest, peakBytes: sampler.peak() } };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopAll();
  }
}

async function checkEndpoint(
  baseUrl: string,
  path: string,
  declared: string[] | null,
  headers: () => Promise<Record<string, string>>,
): Promise<{ headers: Record<string, string> } | { status: 'missing' | 'failed'; note?: string }> {
  if (declared && !isDeclared(declared, path)) return { status: 'missing' };
  let loginHeaders: Record<string, string>;
  try {
    loginHeaders = await headers();
  } catch (error) {
    return { status: 'failed', note: error instanceof Error ? error.message : String(error) };
  }
  const answer = await probe(`${baseUrl}${path}`, loginHeaders);
  if ('error' in answer) return { status: 'failed', note: answer.error };
  if (answer.status === 404 && !declared) return { status: 'missing' };
  if (answer.status < 200 || answer.status >= 300) return { status: 'failed', note: `probe answered ${answer.status}` };
  return { headers: loginHeaders };
}

function machineInfo(loadAtStart: number): BenchResult['machine'] {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    loadAtStart,
    loadAtEnd: loadavg()[0] ?? 0,
    totalMemBytes: totalmem(),
    freeMemBytes: freemem(),
  };
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (options.list) {
    for (const name of [BASELINE.name, ...ENDPOINTS.map((e) => e.name), ...IN_PROCESS.map((b) => b.name)]) {
      process.stdout.write(`${name}\n`);
    }
    return;
  }
  const started = Date.now();
  const { file, table, result } = await runBench(options);
  const note = busyMachineNote(result.machine);
  process.stdout.write(`\n${table}\n\n${note ? `${note}\n\n` : ''}`);
  log(`wrote ${file} in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}

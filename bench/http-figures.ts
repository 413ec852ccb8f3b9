import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { bundleServerIfNeeded } from '../server/build';
import { SERVER_BUNDLE } from '../server/shared/paths';
import { bundleBenchScript } from './bundle-script';
import type { BenchOptions } from './cli';
import type { BuiltDataset } from './dataset';
import { type EndpointBench, resolvePath, SWEEP_SHARE } from './endpoints';
import { BASELINE } from './figures';
import { declaredGetRoutes, isDeclared, type LoadRun, probe, roleCookies, runLoad } from './http';
import { cpuBetween, cpuPerRequestUs, onlyThread, readThreadCpuNs } from './process-cpu';
import { freePort, type ServerProcess, startServer } from './processes';
import { cpuRatio, type FloorRun, type HttpFigure, type RssFigures, ratioTo } from './report';
import { readRss, sampleRss } from './rss';
import type { Scale } from './scales';
import { captureEndpointSql } from './sql-capture';

/** Lets the server finish start-up work (first queries, JIT) before RSS "at rest" is read. */
const SETTLE_MS = 1_000;

/**
 * Starts the baseline and the real server as child processes, probes each endpoint, then
 * loads them with autocannon from this process while sampling the server's RSS.
 */
export async function runHttpFigures(opts: {
  options: BenchOptions;
  scale: Scale;
  durationS: number;
  endpoints: EndpointBench[];
  workDir: string;
  dataset: BuiltDataset;
  root: string;
  log: (message: string) => void;
}): Promise<{ http: HttpFigure[]; rss: RssFigures }> {
  const { options, scale, durationS, endpoints, workDir, dataset, root, log } = opts;
  const servers: ServerProcess[] = [];
  const stopAll = () => Promise.all(servers.map((s) => s.stop()));
  try {
    const dbPath = join(workDir, 'bench.sqlite');
    log('capturing the SQL of each read endpoint (for its same-SQL floor)');
    const captured = await captureEndpointSql({ dbPath, endpoints, dataset });
    const sqlRoutes = join(workDir, 'sql-routes.json');
    writeFileSync(sqlRoutes, JSON.stringify(captured));
    log('starting the baseline and the real server');
    // Shared, so that the baseline's authenticated floor reads the sessions the server creates.
    const sessionSecret = randomBytes(32).toString('hex');
    // Both servers run as they ship (bundled, plain node: bench/bundled.ts says why), so that
    // neither pays for tsx's `keepNames` wrappers the other does not.
    const baseline = await startServer({
      script: relative(root, await bundleBenchScript('baseline-server')),
      env: { DB_PATH: dbPath, SQL_ROUTES: sqlRoutes, SESSION_SECRET: sessionSecret },
      port: await freePort(),
      readyPath: BASELINE.path as string,
      cwd: root,
    });
    servers.push(baseline);
    // The server as `npm start` runs it: the bundle, with plain node.
    await bundleServerIfNeeded(log);
    const server = await startServer({
      script: relative(root, SERVER_BUNDLE),
      nodeArgs: [
        ...(options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', resolve(options.cpuProfDir)] : []),
        ...(options.diagnoseDir ? ['--import', 'tsx', '--import', join(root, 'bench', 'server-diagnostics.ts')] : []),
      ],
      env: {
        ...(options.diagnoseDir ? { BENCH_DIAGNOSE_DIR: resolve(options.diagnoseDir) } : {}),
        DB_PATH: dbPath,
        BACKUP_DIR: join(workDir, 'backups'),
        SESSION_SECRET: sessionSecret,
        LOG_LEVEL: 'warn',
      },
      port: await freePort(),
      readyPath: '/api/health',
      cwd: root,
    });
    servers.push(server);
    await new Promise((done) => setTimeout(done, SETTLE_MS));
    const rssAtRest: Pick<RssFigures, 'atRestBytes' | 'baselineAtRestBytes'> = {
      atRestBytes: readRss(server.pid),
      baselineAtRestBytes: readRss(baseline.pid),
    };

    const cookieOf = roleCookies(server.baseUrl, dataset.accounts);
    const headersFor = async (endpoint: EndpointBench): Promise<Record<string, string>> => {
      if (!endpoint.as) return {};
      const cookie = await cookieOf(endpoint.as);
      if (cookie === undefined) throw new Error(`no demo account with role ${endpoint.as}`);
      return { cookie };
    };

    const targets: {
      endpoint: EndpointBench;
      url: string;
      headers: Record<string, string>;
      figure: HttpFigure;
      posts?: { path: string; body: unknown }[];
      /** The bare express route running this endpoint's SQL. */
      floorUrl?: string;
      durationS: number;
      /** The process that answers `url`, whose CPU per request is read. */
      pid: number;
    }[] = [];
    const baselineFigure: HttpFigure = {
      name: BASELINE.name,
      label: BASELINE.label,
      path: '/hello',
      status: 'measured',
      runs: [],
    };
    targets.push({
      endpoint: BASELINE,
      url: `${baseline.baseUrl}/hello`,
      headers: {},
      figure: baselineFigure,
      durationS,
      pid: baseline.pid,
    });
    const http: HttpFigure[] = [baselineFigure];
    // A route is "missing" when the server does not declare it; a 404 from a declared route is a failure.
    const declared = await declaredGetRoutes(server.baseUrl);
    for (const endpoint of endpoints) {
      const path = resolvePath(endpoint, dataset.facts);
      const unresolved = path.includes('undefined');
      const figure: HttpFigure = {
        name: endpoint.name,
        label: endpoint.label,
        path,
        status: 'measured',
        runs: [],
        ...(endpoint.target ? { target: endpoint.target } : {}),
      };
      http.push(figure);
      if (endpoint.on === 'baseline') {
        const url = `${baseline.baseUrl}${path}`;
        const headers = await headersFor(endpoint);
        const answer = await probe(url, headers);
        if ('error' in answer || answer.status !== 200) {
          figure.status = 'failed';
          figure.note = 'error' in answer ? answer.error : `probe answered ${answer.status}`;
        } else targets.push({ endpoint, url, headers, figure, durationS, pid: baseline.pid });
        log(`  ${endpoint.name}: ${figure.status === 'measured' ? 'ok' : figure.note}`);
        continue;
      }
      if (endpoint.write) {
        // Writes are not probed (a probe would write); their first answers show up as non-2xx.
        const posts = endpoint.write.requests(dataset.facts);
        targets.push({
          endpoint,
          url: server.baseUrl,
          headers: await headersFor(endpoint),
          figure,
          posts,
          durationS: endpoint.sweep ? durationS * SWEEP_SHARE : durationS,
          pid: server.pid,
        });
        log(`  ${endpoint.name}: write load`);
        continue;
      }
      if (unresolved) {
        figure.status = 'failed';
        figure.note = 'the dataset holds no resource for this path';
        log(`  ${endpoint.name}: ${figure.note}`);
        continue;
      }
      const checked = await checkEndpoint(server.baseUrl, path, declared, () => headersFor(endpoint));
      if ('headers' in checked) {
        let floorUrl: string | undefined;
        if (captured[endpoint.name]) {
          const url = `${baseline.baseUrl}/sql/${encodeURIComponent(endpoint.name)}`;
          const answer = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch((error: Error) => error);
          if (answer instanceof Error) figure.note = `same-SQL floor: ${answer.message}`;
          else if (answer.ok) {
            await answer.arrayBuffer();
            floorUrl = url;
          } else figure.note = `same-SQL floor answered ${answer.status}: ${(await answer.text()).slice(0, 160)}`;
        }
        targets.push({
          endpoint,
          url: `${server.baseUrl}${path}`,
          headers: checked.headers,
          figure,
          durationS: endpoint.sweep ? durationS * SWEEP_SHARE : durationS,
          ...(floorUrl ? { floorUrl } : {}),
          pid: server.pid,
        });
      } else {
        figure.status = checked.status;
        if (checked.note) figure.note = checked.note;
      }
      log(`  ${endpoint.name}: ${figure.status === 'measured' ? 'ok' : (figure.note ?? figure.status)}`);
    }

    if (scale.warmupS > 0) {
      log(`warming up (up to ${scale.warmupS} s per target)`);
      // The sweep's too, for half its short run: each endpoint has its own handler, validation and
      // repository code, which V8 compiles as it runs. Cold, it paid that in its first measured
      // run while its same-SQL floor (one replay route shared by every endpoint) did not.
      for (const t of targets.filter((t) => !t.posts)) {
        const warmupS = Math.min(scale.warmupS, t.durationS / 2);
        if (t.floorUrl) await runLoad({ url: t.floorUrl, connections: 10, durationS: warmupS });
        await runLoad({ url: t.url, connections: 10, durationS: warmupS, headers: t.headers });
      }
    }

    const sampler = sampleRss(server.pid);
    const windows: {
      name: string;
      connections: number;
      from: number;
      to: number;
      p50: number;
      p99: number;
      firstMax: number;
    }[] = [];
    // Connection level outermost: each endpoint is compared with a baseline run taken moments before it.
    // A run stops counting while the server may still hold up to `connections` requests it read:
    // wait until both servers answer at once, so that no run pays for the previous one's backlog.
    const drained = async () => {
      await settle(`${server.baseUrl}/api/health`);
      await settle(`${baseline.baseUrl}/hello`);
    };
    // p50 at the first connection level of each endpoint, to size its later runs (below).
    const firstLevelP50 = new Map<(typeof targets)[number], number>();
    for (const connections of options.connections) {
      let baselineReqPerSec: number | undefined;
      let baselineP50: number | undefined;
      let baselineCpuUs: number | null = null;
      for (const t of targets) {
        if (t.endpoint.oneConnection && connections !== 1) continue;
        // Each connection's first answer is kept apart (http.ts): a run must give every
        // connection a few more, or a slow endpoint at 50 connections (a 45 ms PDF: 2.3 s a
        // round) would have no latency figure in a sweep's short run. At most 10 s.
        const durationS = runDuration(t.durationS, connections, firstLevelP50.get(t));
        // The endpoint's same-SQL floor runs just before it, so their ratio compares runs seconds apart.
        let floor: FloorRun | undefined;
        // The sweep measures its floors at 1 connection only, where no queue hides the overhead.
        if (t.floorUrl && (!t.endpoint.sweep || connections === 1)) {
          log(`load baseline ${t.endpoint.name} (same SQL) @ ${connections} conn for ${durationS} s`);
          await drained();
          const floorRun = await withCpu(baseline.pid, () =>
            runLoad({ url: t.floorUrl as string, connections, durationS }),
          );
          floor = {
            ...floorRun,
            ratio: ratioTo(floorRun.reqPerSec, baselineReqPerSec),
            p50OverHello: baselineP50 ? floorRun.latency.p50 / baselineP50 : null,
            cpuRatio: cpuRatio(baselineCpuUs, floorRun.cpuUsPerRequest),
          };
        }
        log(`load ${t.endpoint.name} @ ${connections} conn for ${durationS} s`);
        await drained();
        const from = Date.now();
        const run = await withCpu(t.pid, () =>
          runLoad({
            url: t.url,
            connections,
            durationS,
            headers: t.headers,
            posts: t.posts,
          }),
        );
        windows.push({
          name: t.endpoint.name,
          connections,
          from,
          to: Date.now(),
          p50: run.latency.p50,
          p99: run.latency.p99,
          firstMax: run.firstAnswer.max,
        });
        if (!firstLevelP50.has(t) && Number.isFinite(run.latency.p50)) firstLevelP50.set(t, run.latency.p50);
        if (t.endpoint === BASELINE) {
          baselineReqPerSec = run.reqPerSec;
          baselineP50 = run.latency.p50;
          baselineCpuUs = run.cpuUsPerRequest;
        }
        t.figure.runs.push({
          ...run,
          ratio: ratioTo(run.reqPerSec, baselineReqPerSec),
          p50OverHello: baselineP50 ? run.latency.p50 / baselineP50 : null,
          cpuRatio: cpuRatio(baselineCpuUs, run.cpuUsPerRequest),
          ...(floor
            ? {
                floor,
                sqlRatio: ratioTo(run.reqPerSec, floor.reqPerSec),
                cpuSqlRatio: cpuRatio(floor.cpuUsPerRequest, run.cpuUsPerRequest),
              }
            : {}),
        });
      }
    }
    sampler.stop();
    if (options.diagnoseDir) {
      mkdirSync(resolve(options.diagnoseDir), { recursive: true });
      writeFileSync(join(resolve(options.diagnoseDir), 'runs.json'), JSON.stringify(windows));
    }
    for (const t of targets) {
      if (!t.endpoint.write) continue;
      const ok = t.figure.runs.reduce((sum, r) => sum + r.ok, 0);
      const inFlight = t.figure.runs.reduce((sum, r) => sum + r.connections, 0);
      t.figure.check = t.endpoint.write.verify(dbPath, { ok, inFlight });
    }
    return { http, rss: { ...rssAtRest, peakBytes: sampler.peak() } };
  } finally {
    await stopAll();
  }
}

/**
 * Runs one load and reads the CPU the answering process (`pid`) spent meanwhile, per answered
 * request (process-cpu.ts). The reading brackets the whole run: at most `connections` requests
 * still in flight when it ends are left out of the count but not of the CPU.
 */
async function withCpu(
  pid: number,
  load: () => Promise<LoadRun>,
): Promise<LoadRun & { cpuUsPerRequest: number | null; cpuMainThreadUsPerRequest: number | null }> {
  const before = readThreadCpuNs(pid);
  const run = await load();
  const after = readThreadCpuNs(pid);
  const answered = run.ok + run.non2xx;
  return {
    ...run,
    cpuUsPerRequest: cpuPerRequestUs(cpuBetween(before, after), answered),
    cpuMainThreadUsPerRequest: cpuPerRequestUs(cpuBetween(onlyThread(before, pid), onlyThread(after, pid)), answered),
  };
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

/** Waits (at most 30 s) until one GET of `url` is answered within 50 ms: the server's queue is empty. */
async function settle(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
    } catch {
      // Answered late or not at all: still busy.
    }
    if (performance.now() - started < 50) return;
  }
}

/**
 * Seconds to load an endpoint at `connections`: the planned duration, or long enough for three
 * rounds of every connection at the endpoint's first-level p50 (ms), whichever is longer, capped
 * at 10 s. Rounded to a tenth of a second.
 */
export function runDuration(plannedS: number, connections: number, p50Ms: number | undefined): number {
  const roundsS = p50Ms === undefined ? 0 : (3 * connections * p50Ms) / 1000;
  return Math.round(Math.max(plannedS, Math.min(10, roundsS)) * 10) / 10;
}

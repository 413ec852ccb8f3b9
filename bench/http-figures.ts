import { randomBytes } from 'node:crypto';
import { join, relative } from 'node:path';
import { bundleServerIfNeeded } from '../server/build';
import { SERVER_BUNDLE } from '../server/shared/paths';
import type { BenchOptions } from './cli';
import type { BuiltDataset } from './dataset';
import { type EndpointBench, resolvePath } from './endpoints';
import { BASELINE } from './figures';
import { declaredGetRoutes, isDeclared, login, probe, runLoad } from './http';
import { freePort, type ServerProcess, startServer } from './processes';
import { type HttpFigure, type RssFigures, ratioTo } from './report';
import { readRss, sampleRss } from './rss';
import type { Scale } from './scales';

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
    log('starting the baseline and the real server');
    const baseline = await startServer({
      script: 'bench/baseline-server.ts',
      env: {},
      port: await freePort(),
      readyPath: BASELINE.path as string,
      cwd: root,
    });
    servers.push(baseline);
    // The server as `npm start` runs it: the bundle, with plain node.
    await bundleServerIfNeeded(log);
    const server = await startServer({
      script: relative(root, SERVER_BUNDLE),
      env: {
        DB_PATH: join(workDir, 'bench.sqlite'),
        BACKUP_DIR: join(workDir, 'backups'),
        SESSION_SECRET: randomBytes(32).toString('hex'),
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

    const targets: {
      endpoint: EndpointBench;
      url: string;
      headers: Record<string, string>;
      figure: HttpFigure;
      posts?: { path: string; body: unknown }[];
    }[] = [];
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
      if (endpoint.write) {
        // Writes are not probed (a probe would write); their first answers show up as non-2xx.
        const posts = endpoint.write.requests(dataset.facts);
        targets.push({ endpoint, url: server.baseUrl, headers: await headersFor(endpoint), figure, posts });
        log(`  ${endpoint.name}: write load`);
        continue;
      }
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
      for (const t of targets.filter((t) => !t.posts))
        await runLoad({ url: t.url, connections: 10, durationS: scale.warmupS, headers: t.headers });
    }

    const sampler = sampleRss(server.pid);
    // Connection level outermost: each endpoint is compared with a baseline run taken moments before it.
    for (const connections of options.connections) {
      let baselineReqPerSec: number | undefined;
      for (const t of targets) {
        log(`load ${t.endpoint.name} @ ${connections} conn for ${durationS} s`);
        const run = await runLoad({ url: t.url, connections, durationS, headers: t.headers, posts: t.posts });
        if (t.endpoint === BASELINE) baselineReqPerSec = run.reqPerSec;
        t.figure.runs.push({ ...run, ratio: ratioTo(run.reqPerSec, baselineReqPerSec) });
      }
    }
    sampler.stop();
    for (const t of targets) {
      if (!t.endpoint.write) continue;
      const ok = t.figure.runs.reduce((sum, r) => sum + r.ok, 0);
      const inFlight = t.figure.runs.reduce((sum, r) => sum + r.connections, 0);
      t.figure.check = t.endpoint.write.verify(join(workDir, 'bench.sqlite'), { ok, inFlight });
    }
    return { http, rss: { ...rssAtRest, peakBytes: sampler.peak() } };
  } finally {
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

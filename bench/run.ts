/**
 * `npm run bench [-- NAME…] [--scale …]`: builds a synthetic dataset, starts the real server
 * and a bare express baseline as child processes, loads both with autocannon from this
 * process, times the registered pure functions, then prints a Markdown table and writes JSON.
 * It reports and never gates: the exit code is 0 even when figures are short.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchOptions, CliError, isSelected, parseArgs, USAGE } from './cli';
import { buildDataset } from './dataset';
import { BASELINE, ENDPOINTS, IN_PROCESS } from './figures';
import { addGrowth } from './growth';
import { runHttpFigures } from './http-figures';
import { measureInProcess } from './inprocess';
import { createRng, DEFAULT_SEED } from './prng';
import { stopAllNow } from './processes';
import {
  type BenchResult,
  buildRows,
  busyMachineNote,
  type DatasetSummary,
  goalsSummary,
  type HttpFigure,
  type InProcessFigure,
  type RssFigures,
  renderMarkdown,
  resultFileName,
} from './report';
import { SCALES } from './scales';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

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
  // On Ctrl-C: no server left running, no temp database left behind.
  const onExit = () => {
    stopAllNow();
    rmSync(workDir, { recursive: true, force: true });
  };
  const onSignal = () => process.exit(130);
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

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
      ({ http, rss } = await runHttpFigures({
        options,
        scale,
        durationS,
        endpoints,
        workDir,
        dataset,
        root: ROOT,
        log,
      }));
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
    // Issue 16: with results of the small and the national scale at hand, each row's growth class.
    addGrowth(rows, result, outDir);
    const file = join(outDir, resultFileName(startedAt, scale.name));
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return { result, file, table: renderMarkdown(rows) };
  } finally {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    rmSync(workDir, { recursive: true, force: true });
  }
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
  const goals = goalsSummary(result);
  process.stdout.write(
    `\n${table}\n\n${goals.length > 0 ? `${goals.join('\n')}\n\n` : ''}${note ? `${note}\n\n` : ''}`,
  );
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

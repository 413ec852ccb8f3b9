import { performance } from 'node:perf_hooks';
import type { Rng } from './prng';
import type { InProcessFigure } from './report';
import type { Scale } from './scales';
import { median } from './stats';

export type InProcessContext = { rng: Rng; scale: Scale };

/**
 * A pure function worth timing. `prepare` builds the input outside the timing and returns
 * the closure that is timed; it may throw `SkipBench` when what it measures is not built yet.
 */
export type InProcessBench = {
  name: string;
  label: string;
  /** SPEC §11 target on the median, when there is one. */
  maxMs?: number;
  warmup?: number;
  runs?: number;
  prepare(ctx: InProcessContext): (() => unknown) | Promise<() => unknown>;
};

export class SkipBench extends Error {}

const DEFAULT_WARMUP = 3;
const DEFAULT_RUNS = 15;
const MIN_RUNS = 3;
/** Slow figures stop after this much measuring (but never before MIN_RUNS). */
const BUDGET_MS = 10_000;

export async function measureInProcess(bench: InProcessBench, ctx: InProcessContext): Promise<InProcessFigure> {
  const base = { name: bench.name, label: bench.label, ...(bench.maxMs === undefined ? {} : { maxMs: bench.maxMs }) };
  let fn: () => unknown;
  try {
    fn = await bench.prepare(ctx);
  } catch (error) {
    const skipped = error instanceof SkipBench;
    return { ...base, status: skipped ? 'skipped' : 'failed', note: errorMessage(error), medianMs: null, runs: 0 };
  }
  try {
    for (let i = 0; i < (bench.warmup ?? DEFAULT_WARMUP); i++) {
      const value = fn();
      if (value instanceof Promise) await value;
    }
    const durations: number[] = [];
    const started = performance.now();
    const wanted = bench.runs ?? DEFAULT_RUNS;
    while (durations.length < wanted) {
      const t0 = performance.now();
      const value = fn();
      // Awaiting only real promises keeps synchronous figures free of a microtask.
      if (value instanceof Promise) await value;
      durations.push(performance.now() - t0);
      if (durations.length >= MIN_RUNS && performance.now() - started > BUDGET_MS) break;
    }
    return { ...base, status: 'measured', medianMs: median(durations), runs: durations.length };
  } catch (error) {
    return { ...base, status: 'failed', note: errorMessage(error), medianMs: null, runs: 0 };
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

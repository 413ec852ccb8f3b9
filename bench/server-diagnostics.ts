/**
 * `npm run bench -- --diagnose DIR`: preloaded into the real server (`node --import`), it
 * records what could hold a request back, so that a latency tail is explained by
 * measurement rather than guessed (issue 16, goal 4). Per 100 ms window:
 * - the event loop's delay (max and p99, `monitorEventLoopDelay` at 1 ms resolution):
 *   synchronous work on the request path, GC included, shows up here;
 * - garbage-collection pauses (count, total and longest, by kind);
 * - requests finished and the longest time between the server receiving a request and
 *   finishing its answer (`http.server.request.start` → `http.server.response.finish`);
 * - the WAL file's size (a checkpoint shrinks nothing but resets it to the start: a drop
 *   in growth; a big WAL means checkpoints are due).
 * Written as JSON lines to DIR/diagnostics-<pid>.jsonl when the process exits.
 */
import { subscribe } from 'node:diagnostics_channel';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';

const dir = process.env.BENCH_DIAGNOSE_DIR;
if (dir) {
  const WINDOW_MS = 100;
  const lines: string[] = [];
  const eld = monitorEventLoopDelay({ resolution: 1 });
  eld.enable();
  let gc = { count: 0, totalMs: 0, maxMs: 0, major: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      // kind 4: mark-sweep-compact (major); 1: scavenge (minor).
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === 4) gc.major++;
    }
  }).observe({ entryTypes: ['gc'] });
  const started = new WeakMap<object, number>();
  let finished = 0;
  let maxServerMs = 0;
  let serverMsSum = 0;
  subscribe('http.server.request.start', (message) => {
    started.set((message as { response: object }).response, performance.now());
  });
  subscribe('http.server.response.finish', (message) => {
    const at = started.get((message as { response: object }).response);
    if (at === undefined) return;
    const ms = performance.now() - at;
    finished++;
    serverMsSum += ms;
    maxServerMs = Math.max(maxServerMs, ms);
  });
  const walPath = process.env.DB_PATH ? `${process.env.DB_PATH}-wal` : null;
  const timer = setInterval(() => {
    let walBytes: number | null = null;
    try {
      walBytes = walPath ? statSync(walPath).size : null;
    } catch {
      walBytes = null;
    }
    lines.push(
      JSON.stringify({
        t: Date.now(),
        eldMaxMs: eld.max / 1e6,
        eldP99Ms: eld.percentile(99) / 1e6,
        gcCount: gc.count,
        gcTotalMs: Math.round(gc.totalMs * 10) / 10,
        gcMaxMs: Math.round(gc.maxMs * 10) / 10,
        gcMajor: gc.major,
        requests: finished,
        serverMaxMs: Math.round(maxServerMs * 10) / 10,
        serverMeanMs: finished > 0 ? Math.round((serverMsSum / finished) * 100) / 100 : null,
        walBytes,
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576),
      }),
    );
    eld.reset();
    gc = { count: 0, totalMs: 0, maxMs: 0, major: 0 };
    finished = 0;
    maxServerMs = 0;
    serverMsSum = 0;
  }, WINDOW_MS);
  timer.unref();
  process.on('exit', () => {
    writeFileSync(join(dir, `diagnostics-${process.pid}.jsonl`), `${lines.join('\n')}\n`);
  });
}

import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time each thread of a process has run so far, in nanoseconds, keyed by thread id: the first
 * field of /proc/<pid>/task/<tid>/schedstat (time on a CPU, kernel and user, as the scheduler
 * counts it). Every thread counts: the main thread, V8's background compiler and garbage
 * collector helpers, libuv's pool. Null off Linux, when the process is gone or the kernel keeps no
 * schedstat.
 *
 * Why not /proc/<pid>/stat: its utime + stime tick at 100 Hz, 10 ms, a few percent of a 1.5 s
 * load run; schedstat is exact to the nanosecond.
 */
export function readThreadCpuNs(pid: number): Map<number, number> | null {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  const threads = new Map<number, number>();
  for (const tid of tids) {
    try {
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      if (Number.isFinite(ns)) threads.set(Number(tid), ns);
    } catch {
      // The thread ended between the listing and the read: its time is lost with it (cpuBetween).
    }
  }
  return threads.size > 0 ? threads : null;
}

/**
 * Nanoseconds of CPU a process ran between two readings of `readThreadCpuNs`: each thread's
 * growth, a thread started since counted whole, a thread ended since not counted (its share of the
 * interval cannot be read any more; Node's threads live as long as the process). Null when either
 * reading is missing.
 */
export function cpuBetween(
  before: ReadonlyMap<number, number> | null,
  after: ReadonlyMap<number, number> | null,
): number | null {
  if (!before || !after) return null;
  let ns = 0;
  for (const [tid, now] of after) ns += Math.max(0, now - (before.get(tid) ?? 0));
  return ns;
}

/**
 * Microseconds of the process's CPU per answered request over a load run (issue 16, goal 2): the
 * server's own work, garbage collection included, without the load generator's, which shares this
 * machine's two cores and blurs req/s at 1 connection. Null when nothing was answered or the CPU
 * could not be read.
 */
export function cpuPerRequestUs(cpuNs: number | null, answered: number): number | null {
  return cpuNs === null || answered <= 0 ? null : cpuNs / 1_000 / answered;
}

/** One thread's entry of a `readThreadCpuNs` reading (the main thread's tid is the pid), or null. */
export function onlyThread(reading: ReadonlyMap<number, number> | null, tid: number): Map<number, number> | null {
  const ns = reading?.get(tid);
  return ns === undefined ? null : new Map([[tid, ns]]);
}

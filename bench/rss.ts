import { readFileSync } from 'node:fs';

/** Resident set size in bytes from the text of /proc/<pid>/status, or null when absent. */
export function parseVmRss(statusText: string): number | null {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(statusText);
  return match ? Number(match[1]) * 1024 : null;
}

/** Current RSS of a process (Linux only; null elsewhere or when the process is gone). */
export function readRss(pid: number): number | null {
  try {
    return parseVmRss(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return null;
  }
}

export type RssSampler = {
  /** Largest RSS seen since start() (bytes), or null when nothing could be read. */
  peak(): number | null;
  samples(): number;
  stop(): void;
};

/** Polls a process's RSS on a timer so that the peak during a load run is caught. */
export function sampleRss(pid: number, intervalMs = 100): RssSampler {
  let peak: number | null = null;
  let count = 0;
  const take = () => {
    const rss = readRss(pid);
    if (rss === null) return;
    count += 1;
    if (peak === null || rss > peak) peak = rss;
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    peak: () => peak,
    samples: () => count,
    stop() {
      take();
      clearInterval(timer);
    },
  };
}

/**
 * `npx tsx bench/diagnose-report.ts DIR`: for each load run of a `npm run bench -- --diagnose DIR`
 * run, what the server saw during it (bench/server-diagnostics.ts): the client's p50/p99 on
 * established connections and its slowest first answer on a new one (bench/http.ts), the
 * longest event-loop delay, GC pauses (count, longest, total, major), the longest server-side
 * request time and how much the WAL grew. A tail the server-side figures do not show was
 * spent outside the server's event loop (queued in the kernel, or the load tool starved of CPU).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Sample = {
  t: number;
  eldMaxMs: number;
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
  gcMajor: number;
  requests: number;
  serverMaxMs: number;
  walBytes: number | null;
};
type Window = {
  name: string;
  connections: number;
  from: number;
  to: number;
  p50: number | null;
  p99: number | null;
  firstMax?: number | null;
};

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: npx tsx bench/diagnose-report.ts DIR\n');
  process.exit(2);
}
const windows = JSON.parse(readFileSync(join(dir, 'runs.json'), 'utf8')) as Window[];
const samples = readdirSync(dir)
  .filter((f) => f.startsWith('diagnostics-') && f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Sample),
  );
const header = [
  'run',
  'conn',
  'p50 ms',
  'p99 ms',
  'first answer max ms',
  'loop delay max ms',
  'GC n / max / total ms (major)',
  'server max ms',
  'WAL grew KB',
];
const lines = [header.join(' | ')];
for (const w of windows) {
  const inside = samples.filter((s) => s.t > w.from && s.t <= w.to + 100);
  if (inside.length === 0) continue;
  const max = (pick: (s: Sample) => number) => Math.max(...inside.map(pick));
  const sum = (pick: (s: Sample) => number) => inside.reduce((total, s) => total + pick(s), 0);
  const wal = inside.map((s) => s.walBytes ?? 0);
  const walGrowth = Math.max(0, (wal[wal.length - 1] ?? 0) - (wal[0] ?? 0));
  lines.push(
    [
      w.name,
      w.connections,
      w.p50 === null ? 'n/a' : w.p50.toFixed(2),
      w.p99 === null ? 'n/a' : w.p99.toFixed(1),
      w.firstMax === undefined || w.firstMax === null ? 'n/a' : w.firstMax.toFixed(1),
      max((s) => s.eldMaxMs).toFixed(1),
      `${sum((s) => s.gcCount)} / ${max((s) => s.gcMaxMs).toFixed(1)} / ${sum((s) => s.gcTotalMs).toFixed(0)} (${sum((s) => s.gcMajor)})`,
      max((s) => s.serverMaxMs).toFixed(1),
      (walGrowth / 1024).toFixed(0),
    ].join(' | '),
  );
}
process.stdout.write(`| ${lines.join(' |\n| ')} |\n`);

import { SCALE_NAMES, type ScaleName } from './scales';

export type BenchOptions = {
  scale: ScaleName;
  /** Figure names (or name prefixes) to run; empty means all. */
  only: string[];
  /** Seconds per autocannon run; defaults to the scale's duration. */
  durationS: number | null;
  /** Connection levels; defaults to 1, 10 and 50. */
  connections: number[];
  outDir: string;
  /** When set, the real server runs with `--cpu-prof` and writes its profile here on exit. */
  cpuProfDir: string | null;
  /** When set, the real server records event-loop delay, GC and WAL size per 100 ms here. */
  diagnoseDir: string | null;
  list: boolean;
  help: boolean;
};

export const DEFAULT_CONNECTIONS = [1, 10, 50];

export const USAGE = `Usage: npm run bench [-- NAME…] [--scale tiny|small|territory|national]
                 [--duration SECONDS] [--connections 1,10,50] [--out DIR]
                 [--cpu-prof DIR] [--diagnose DIR] [--list]

  NAME…          run only these figures (exact name or prefix before a dot,
                 e.g. "products" runs "products.search"); default: all
  --scale        dataset size (default small; tiny is for the smoke test)
  --duration     seconds per HTTP load run (default depends on the scale)
  --connections  comma-separated connection levels (default 1,10,50)
  --out          directory for the JSON result (default bench/results)
  --cpu-prof     run the real server with node --cpu-prof; its .cpuprofile
                 (open in Chrome DevTools or speedscope) is written to DIR
  --diagnose     record in the real server, per 100 ms, event-loop delay, GC
                 pauses, request times and WAL size (bench/server-diagnostics.ts),
                 with each load run's window, to DIR; summarise with
                 npx tsx bench/diagnose-report.ts DIR
  --list         print the figure names and exit`;

export class CliError extends Error {}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    scale: 'small',
    only: [],
    durationS: null,
    connections: [...DEFAULT_CONNECTIONS],
    outDir: 'bench/results',
    cpuProfDir: null,
    diagnoseDir: null,
    list: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const [flag, inline] = raw.startsWith('--') && raw.includes('=') ? splitOnce(raw) : [raw, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new CliError(`${flag} needs a value`);
      i += 1;
      return next;
    };
    switch (flag) {
      case '--scale': {
        const scale = value();
        if (!isScaleName(scale)) throw new CliError(`unknown scale "${scale}" (${SCALE_NAMES.join(', ')})`);
        options.scale = scale;
        break;
      }
      case '--duration': {
        const text = value();
        const seconds = Number(text);
        if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError(`invalid duration "${text}"`);
        options.durationS = seconds;
        break;
      }
      case '--connections':
        options.connections = parseConnections(value());
        break;
      case '--out':
        options.outDir = value();
        break;
      case '--cpu-prof':
        options.cpuProfDir = value();
        break;
      case '--diagnose':
        options.diagnoseDir = value();
        break;
      case '--list':
        options.list = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        if (flag.startsWith('-')) throw new CliError(`unknown option "${flag}"`);
        options.only.push(flag);
    }
  }
  return options;
}

/** True when a figure is selected by the NAME… arguments (exact name or dotted prefix). */
export function isSelected(name: string, only: readonly string[]): boolean {
  return only.length === 0 || only.some((wanted) => name === wanted || name.startsWith(`${wanted}.`));
}

function parseConnections(text: string): number[] {
  const levels = text.split(',').map((part) => Number(part.trim()));
  if (levels.length === 0 || levels.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new CliError(`invalid connection levels "${text}"`);
  }
  return [...new Set(levels)].sort((a, b) => a - b);
}

function isScaleName(name: string): name is ScaleName {
  return (SCALE_NAMES as readonly string[]).includes(name);
}

function splitOnce(raw: string): [string, string] {
  const at = raw.indexOf('=');
  return [raw.slice(0, at), raw.slice(at + 1)];
}

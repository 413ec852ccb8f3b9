import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export type ServerProcess = {
  pid: number;
  baseUrl: string;
  /** Last lines the process wrote, for error messages. */
  output(): string;
  stop(): Promise<void>;
};

export type StartOptions = {
  /**
   * Script run by node itself, so the pid is the server (the tsx CLI would wrap it): a `.ts`
   * file through `--import tsx`, a built `.mjs` file as it is.
   */
  script: string;
  args?: string[];
  /** Flags for node itself (`--cpu-prof`…), before the script. */
  nodeArgs?: string[];
  env: Record<string, string>;
  port: number;
  /** Path answered once the server is ready. */
  readyPath: string;
  cwd: string;
  timeoutMs?: number;
};

/** Children still running, so that an interrupted bench does not leave servers behind. */
const live = new Set<ChildProcess>();

/** Synchronous, for `process.on('exit')`: asks every child still running to stop. */
export function stopAllNow(): void {
  for (const child of live) child.kill('SIGTERM');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const loader = options.script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...loader, options.script, ...(options.args ?? [])],
    {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  live.add(child);
  let exited: number | string | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      exited = code ?? signal ?? 'unknown';
      resolve();
    });
  });

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const server: ServerProcess = {
    pid: child.pid ?? -1,
    baseUrl,
    output: () => lines.join('\n'),
    stop: () => stopChild(child, exitPromise, () => exited !== null),
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new Error(`${options.script} exited (${exited}) before it was ready:\n${server.output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}${options.readyPath}`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await server.stop();
  throw new Error(`${options.script} was not ready within ${options.timeoutMs ?? 60_000} ms:\n${server.output()}`);
}

async function stopChild(child: ChildProcess, exitPromise: Promise<void>, hasExited: () => boolean): Promise<void> {
  if (hasExited()) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exitPromise;
  clearTimeout(timer);
}

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The web app shares the server's zod schemas and pure rules, and must not pull the database layer
// into the browser's bundle (drizzle's table builders and db/schema were in it, 2026-12-05: an
// alerts and an auth schema imported ROLES from db/schema). Every server module the web reaches,
// through its relative imports, stays away from db/ and the database packages.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FORBIDDEN_PACKAGES = ['drizzle-orm', 'better-sqlite3', 'express', 'pdfkit', 'node-cron'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  // Type-only imports vanish from the bundle: they may name anything.
  return [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)';/gms)].map((m) => m[1] as string);
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((path) => existsSync(path));
}

describe('the web bundle', () => {
  it('reaches no server module that imports the database layer or a server-only package', () => {
    const seen = new Set<string>();
    const offences: string[] = [];
    const queue = filesUnder(join(ROOT, 'web/src'));
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = resolveRelative(file, spec);
          if (!target) continue;
          const where = relative(ROOT, target);
          if (where.startsWith('db/')) offences.push(`${relative(ROOT, file)} → ${where}`);
          else queue.push(target);
        } else if (FORBIDDEN_PACKAGES.some((name) => spec === name || spec.startsWith(`${name}/`))) {
          offences.push(`${relative(ROOT, file)} → ${spec}`);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(100);
    expect(offences).toEqual([]);
  });
});

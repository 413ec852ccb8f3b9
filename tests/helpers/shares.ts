import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import type request from 'supertest';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import type { Ctx } from '../../server/http/context';
import type { Clock } from '../../server/shared/clock';

/** Reads a supertest response body as bytes (PDF). */
export const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The text of a PDF, through poppler's pdftotext (installed with the CI image). */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'officoop-pdf-'));
  const file = join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** A use-case context acting as a demo user (for use cases called with a test double). */
export function ctxAs(db: Db, clock: Clock, email: string): Ctx {
  const u = db.select().from(users).where(eq(users.email, email)).get();
  if (!u) throw new Error(`no user ${email}`);
  return {
    db,
    clock,
    actor: {
      kind: 'user',
      userId: u.id,
      email: u.email,
      role: u.role,
      pharmacyId: u.pharmacyId,
      careHomeId: u.careHomeId,
    },
    log: pino({ level: 'silent' }),
  };
}

/** French decimal euros from a CSV cell (`-1234,56`) as integer cents, exactly. */
export function csvCentsOf(cell: string): number {
  const m = /^(-?)(\d+),(\d{2})$/.exec(cell);
  if (!m) throw new Error(`not a money cell: ${cell}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

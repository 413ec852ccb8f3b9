import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../http/context';
import { BDPM_FILES, BDPM_KINDS } from './bdpm.models';
import { formatImportReport, type ImportReport, importCatalogue, readBdpmDir } from './catalogue-import.usecases';

export const DEFAULT_BDPM_BASE_URL = 'https://base-donnees-publique.medicaments.gouv.fr/index.php/download/file/';

/** `BDPM_BASE_URL`: where the four files are downloaded from (the file name is appended). */
export function bdpmBaseUrl(env: NodeJS.ProcessEnv): string {
  return z
    .url()
    .default(DEFAULT_BDPM_BASE_URL)
    .parse(env.BDPM_BASE_URL || undefined);
}

export class CatalogueSyncError extends Error {
  override name = 'CatalogueSyncError';
}

/**
 * One retry for network failures (a reused keep-alive connection the server just closed, a
 * dropped transfer); an HTTP error status is final.
 */
async function download(url: string, timeoutMs: number): Promise<Uint8Array> {
  try {
    return await downloadOnce(url, timeoutMs);
  } catch (error) {
    if (error instanceof HttpStatusError) throw error;
    return downloadOnce(url, timeoutMs);
  }
}

class HttpStatusError extends CatalogueSyncError {}

async function downloadOnce(url: string, timeoutMs: number): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    throw new CatalogueSyncError(`download of ${url} failed: ${(error as Error).message}`);
  }
  if (!response.ok) throw new HttpStatusError(`download of ${url} failed: HTTP ${response.status}`);
  let body: Uint8Array;
  try {
    body = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new CatalogueSyncError(`download of ${url} was cut off: ${(error as Error).message}`);
  }
  const expected = response.headers.get('content-length');
  if (expected !== null && Number(expected) !== body.byteLength && !response.headers.get('content-encoding')) {
    throw new CatalogueSyncError(`download of ${url} was cut off: ${body.byteLength} of ${expected} bytes`);
  }
  return body;
}

/**
 * Downloads the four BDPM files into a temporary folder, then imports them. Any failed or
 * partial download, and any file the importer cannot trust, stops the sync before a single
 * row is written (the job run is then recorded as failed with the reason).
 */
export async function syncCatalogue({
  ctx,
  baseUrl,
  timeoutMs = 120_000,
}: {
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>;
  baseUrl: string;
  timeoutMs?: number;
}): Promise<ImportReport> {
  const dir = mkdtempSync(join(tmpdir(), 'officoop-bdpm-'));
  try {
    for (const kind of BDPM_KINDS) {
      const file = BDPM_FILES[kind];
      const url = new URL(file, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
      writeFileSync(join(dir, file), await download(url, timeoutMs));
    }
    const report = importCatalogue({ ctx, parsed: readBdpmDir(dir) });
    if (!report.applied) throw new CatalogueSyncError(`downloaded files refused:\n${formatImportReport(report)}`);
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

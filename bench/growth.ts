/**
 * Issue 16, goal 6: how each figure grows from the small scale to the national one. Each
 * figure's typical value (p50 for HTTP, the median in-process, the one-shot timing of a
 * build step) is read from the newest result JSON of each scale; its growth is compared with
 * the growth of the dataset count it depends on (`EndpointBench.grows`) and classed:
 * constant (< 1.5×), logarithmic, sublinear, linear, superlinear (the exponent k of
 * value ∝ size^k: < 0.25, < 0.8, ≤ 1.25, above). A figure with no `grows` is classed on its
 * own ratio: constant, or "grows ×r".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENDPOINTS } from './figures';
import type { BenchResult, TableRow } from './report';
import { SCALES, type Scale, type ScaleName } from './scales';

/** The figure's typical value per table-row label. */
export function typicalValues(result: Pick<BenchResult, 'http' | 'inProcess' | 'dataset'>): Map<string, number> {
  const values = new Map<string, number>();
  for (const figure of result.http) {
    for (const run of figure.runs) {
      values.set(`${figure.label} @ ${run.connections} conn`, run.latency.p50);
      if (run.floor) {
        values.set(
          `baseline ${figure.label} (same SQL, bare express) @ ${run.connections} conn`,
          run.floor.latency.p50,
        );
      }
    }
  }
  for (const figure of result.inProcess) if (figure.medianMs !== null) values.set(figure.label, figure.medianMs);
  for (const timing of result.dataset.flatMap((d) => d.timings ?? [])) values.set(timing.label, timing.ms);
  return values;
}

function dimension(scale: Scale, grows: string): number {
  return grows.split('*').reduce((product, key) => product * Number(scale[key as keyof Scale] ?? 1), 1);
}

/** The class of one figure's growth, e.g. `linear (×1 800 for ×2 000 lots)` or `constant (×1.1)`. */
export function growthClass(ratio: number, sizeRatio: number | null, what: string | null): string {
  const times = (r: number) => (r >= 10 ? `×${Math.round(r)}` : `×${r.toFixed(1)}`);
  if (!Number.isFinite(ratio) || ratio <= 0) return '—';
  if (ratio < 1.5) return `constant (${times(ratio)})`;
  if (sizeRatio === null || sizeRatio <= 1.5 || what === null) return `grows ${times(ratio)}`;
  const k = Math.log(ratio) / Math.log(sizeRatio);
  const kind = k < 0.25 ? 'logarithmic' : k < 0.8 ? 'sublinear' : k <= 1.25 ? 'linear' : 'superlinear';
  return `${kind} (${times(ratio)} for ${times(sizeRatio)} ${what})`;
}

/** Newest result JSON of a scale in `dir`, or null. */
export function newestResult(dir: string, scale: ScaleName): BenchResult | null {
  if (!existsSync(dir)) return null;
  const file = readdirSync(dir)
    .filter((f) => f.endsWith(`-${scale}.json`))
    .sort()
    .at(-1);
  return file ? (JSON.parse(readFileSync(join(dir, file), 'utf8')) as BenchResult) : null;
}

/**
 * Adds the growth column to `rows` when results of both the small and the national scale
 * exist (`current` stands for its own scale). Rows without a value at both ends get '—'.
 */
export function addGrowth(rows: TableRow[], current: BenchResult, outDir: string): void {
  const small = current.scale === 'small' ? current : newestResult(outDir, 'small');
  const national = current.scale === 'national' ? current : newestResult(outDir, 'national');
  if (!small || !national) return;
  const from = typicalValues(small);
  const to = typicalValues(national);
  const growsByLabel = new Map(ENDPOINTS.filter((e) => e.grows).map((e) => [e.label, e.grows as string]));
  for (const row of rows) {
    const a = from.get(row.figure);
    const b = to.get(row.figure);
    if (a === undefined || b === undefined || a <= 0) {
      row.growth = '—';
      continue;
    }
    const label = [...growsByLabel.keys()].find((l) => row.figure.includes(l));
    const grows = label ? (growsByLabel.get(label) ?? null) : null;
    const sizeRatio = grows ? dimension(SCALES.national, grows) / dimension(SCALES.small, grows) : null;
    row.growth = growthClass(b / a, sizeRatio, grows ? grows.replace('pharmacies*lotsPerPharmacy', 'lots') : null);
  }
}

/**
 * Builds the bench dataset of one scale into a file and keeps it, for profiling a query by
 * hand (`EXPLAIN QUERY PLAN`, in-process timings) on the database the bench measures:
 *
 *   npx tsx bench/build-db.ts --scale small --db /tmp/bench-small.sqlite
 *
 * Same generators, seed and pragmas as `npm run bench` (the file is replaced if it exists).
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildDataset } from './dataset';
import { createRng } from './prng';
import { SCALE_NAMES, SCALES, type ScaleName } from './scales';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'small' }, db: { type: 'string' } },
});
const scaleName = values.scale as ScaleName;
if (!SCALE_NAMES.includes(scaleName) || !values.db) {
  console.error(`usage: npx tsx bench/build-db.ts --scale ${SCALE_NAMES.join('|')} --db FILE`);
  process.exit(2);
}
for (const suffix of ['', '-wal', '-shm']) rmSync(`${values.db}${suffix}`, { force: true });
const dataset = await buildDataset({
  dbPath: values.db,
  rng: createRng(),
  scale: SCALES[scaleName],
  onProgress: (s) => console.error(`${s.name}: ${s.status} in ${Math.round(s.ms)} ms`),
});
console.log(JSON.stringify(dataset.facts));

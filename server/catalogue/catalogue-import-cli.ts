import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { migrate, openDb } from '../../db/client';
import { loadConfig } from '../config';
import { systemActor } from '../http/context';
import { systemClock } from '../shared/clock';
import { formatImportReport, importCatalogue, readBdpmDir } from './catalogue-import.usecases';

// `npm run catalogue:import -- DIR [--skip-bad-rows]`: imports the ANSM BDPM files of DIR
// (CIS_bdpm.txt and CIS_CIP_bdpm.txt required; CIS_COMPO_bdpm.txt, CIS_GENER_bdpm.txt if present).
const USAGE = 'usage: npm run catalogue:import -- DIR [--skip-bad-rows]';
let args: ReturnType<typeof parse>;
const parse = () =>
  parseArgs({ allowPositionals: true, options: { 'skip-bad-rows': { type: 'boolean', default: false } } });
try {
  args = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const dir = args.positionals[0];
if (args.positionals.length !== 1 || !dir || !existsSync(dir) || !statSync(dir).isDirectory()) {
  console.error(`${dir ? `not a folder: ${dir}\n` : ''}${USAGE}`);
  process.exit(2);
}

const config = loadConfig(process.env, { demo: true, demoSecret: () => 'unused-by-catalogue-import'.padEnd(32, '-') });
const db = openDb(config.DB_PATH);
migrate(db);
const started = performance.now();
const parsed = readBdpmDir(dir);
const report = importCatalogue({
  ctx: { db, clock: systemClock, actor: systemActor('catalogue-import') },
  parsed,
  skipBadRows: args.values['skip-bad-rows'],
});
db.$client.close();
console.log(`BDPM import from ${dir} into ${config.DB_PATH}`);
console.log(formatImportReport(report));
console.log(`Total with reading and parsing: ${Math.round(performance.now() - started)} ms`);
process.exit(report.applied ? 0 : 1);

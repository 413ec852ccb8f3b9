import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCatalogue, readBdpmDir } from '../../server/catalogue/catalogue-import.usecases';
import { systemActor } from '../../server/http/context';
import { type DatasetGenerator, tableCount } from './generator';

/** The real ANSM files beside the repository (SPEC §4); `BDPM_DIR` points elsewhere. */
export const BDPM_DIR = resolve(
  process.env.BDPM_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'bdpm'),
);

/** Search is only meaningful on the full file (SPEC §11), so every scale but tiny imports it. */
export const catalogueGenerator: DatasetGenerator = {
  name: 'catalogue',
  build({ db, scale, now }) {
    const presentations = () => ({ presentations: tableCount(db, 'catalogue_presentations') });
    if (scale.name === 'tiny') return { rows: presentations(), note: 'demo extract only' };
    if (!existsSync(join(BDPM_DIR, 'CIS_CIP_bdpm.txt'))) {
      return { rows: presentations(), note: `no BDPM files in ${BDPM_DIR}: demo extract only` };
    }
    const started = performance.now();
    const report = importCatalogue({
      ctx: { db, clock: { now: () => now }, actor: systemActor('bench') },
      parsed: readBdpmDir(BDPM_DIR),
      skipBadRows: true,
      audit: false,
    });
    const ms = performance.now() - started;
    if (!report.applied) throw new Error(`BDPM import refused: ${JSON.stringify(report.files)}`);
    const rejected = report.files.reduce((sum, f) => sum + f.rejected, 0);
    return {
      rows: { ...presentations(), rejectedLines: rejected },
      timings: [{ name: 'catalogue.import', label: 'BDPM import (full CIS + CIP files)', ms, maxMs: 20_000 }],
    };
  },
};

import { bdpmBaseUrl, syncCatalogue } from '../server/catalogue/catalogue-sync.usecases';
import { defineJob } from './runner';

/** Sunday 03:00 Paris: download the ANSM BDPM files and import them (SPEC §9). */
export const catalogueSyncJob = defineJob({
  name: 'catalogue-sync',
  period: 'week',
  weekday: 7,
  at: '03:00',
  run: async (ctx) => {
    const report = await syncCatalogue({ ctx, baseUrl: bdpmBaseUrl(process.env) });
    const total = (k: 'inserted' | 'updated' | 'retired') => report.files.reduce((n, f) => n + f[k], 0);
    return report.changed
      ? `${total('inserted')} inserted, ${total('updated')} updated, ${total('retired')} deactivated or removed`
      : 'nothing changed';
  },
});

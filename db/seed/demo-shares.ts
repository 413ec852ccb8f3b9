import { eq } from 'drizzle-orm';
import pino from 'pino';
import type { Ctx } from '../../server/http/context';
import { parisDate, parisWallClock } from '../../server/shared/dates';
import { insertEntry } from '../../server/shares/ledger.repository';
import { createCategory } from '../../server/shares/ledger.usecases';
import { closeSharePeriod, createSharePeriod } from '../../server/shares/periods.usecases';
import { recordShareTransaction, setNominalValue } from '../../server/shares/register.usecases';
import { draftPreviousMonth } from '../../server/shares/report.usecases';
import type { AllocationKey, LedgerKind } from '../../server/shares/shares.models';
import type { Db } from '../client';
import { pharmacies, users } from '../schema';

/** `YYYY-MM` plus `n` months. */
function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

const CATEGORIES: { code: string; name: string; kind: LedgerKind; key: AllocationKey }[] = [
  { code: 'lease', name: 'Location du robot PDA', kind: 'cost', key: 'holding' },
  { code: 'maintenance', name: 'Maintenance du robot', kind: 'cost', key: 'holding' },
  { code: 'pouches', name: 'Consommables sachets', kind: 'cost', key: 'holding' },
  { code: 'salary', name: 'Salaire de la coordinatrice', kind: 'cost', key: 'equal' },
  { code: 'software', name: 'Logiciels partagés', kind: 'cost', key: 'equal' },
  { code: 'fees', name: 'Honoraires PDA des EHPAD', kind: 'revenue', key: 'holding' },
  { code: 'grant', name: 'Subvention régionale', kind: 'revenue', key: 'holding' },
];

const EHPAD = ['EHPAD Les Bruyères', 'EHPAD Le Puy Chabrol', 'EHPAD Les Tilleuls'];

/**
 * Demo share register and ledger, relative to `now`: the five members subscribe 400 / 300 / 100 /
 * 150 / 50 shares of €50 on the first day of the month a year before `now`'s month; six months in,
 * Bugeat transfers 50 shares to Peyrelevade; twelve months of entries and this month's so far
 * (robot lease, maintenance, pouch consumables, the coordinator's salary, shared software; PDA
 * fees from the three care homes; the yearly regional grant, in the closed quarter's last month);
 * the last quarter that has ended is closed, the current one is open, and last month's draft is
 * ready as the monthly-shares job would have left it. The register, categories, periods and draft
 * go through the use cases as the treasurer (clock on each day).
 */
export function seedDemoShares(db: Db, now: Date) {
  const treasurer = db.select().from(users).where(eq(users.email, 'tresorier@officoop.test')).get();
  if (!treasurer) throw new Error('demo treasurer missing');
  const ids = new Map(
    db
      .select({ id: pharmacies.id, slug: pharmacies.slug })
      .from(pharmacies)
      .all()
      .map((p) => [p.slug, p.id]),
  );
  const pharmacy = (slug: string) => ids.get(slug) as number;
  const log = pino({ level: 'silent' });
  const as = (at: Date): Ctx => ({
    db,
    clock: { now: () => at },
    actor: {
      kind: 'user',
      userId: treasurer.id,
      email: treasurer.email,
      role: 'treasurer',
      pharmacyId: null,
      careHomeId: null,
    },
    log,
  });
  const on = (date: string) => as(parisWallClock(date, '10:00'));

  const today = parisDate(now);
  const thisMonth = today.slice(0, 7);
  const founding = `${addMonths(thisMonth, -12)}-01`;
  setNominalValue({ ctx: on(founding), input: { validFrom: founding, valueCents: 5_000 } });
  const holdings = { bugeat: 400, meymac: 300, peyrelevade: 100, felletin: 150, royere: 50 };
  for (const [slug, shares] of Object.entries(holdings)) {
    recordShareTransaction({
      ctx: on(founding),
      input: {
        type: 'subscription',
        date: founding,
        shares,
        pharmacyId: pharmacy(slug),
        note: 'Souscription initiale',
      },
    });
  }
  const transferDay = `${addMonths(thisMonth, -6)}-15`;
  recordShareTransaction({
    ctx: on(transferDay),
    input: {
      type: 'transfer',
      date: transferDay,
      shares: 50,
      pharmacyId: pharmacy('bugeat'),
      toPharmacyId: pharmacy('peyrelevade'),
      note: 'Cession approuvée par le conseil d’administration',
    },
  });

  const category = new Map(
    CATEGORIES.map((c) => [
      c.code,
      createCategory({ ctx: on(founding), input: { name: c.name, kind: c.kind, allocationKey: c.key } }).id,
    ]),
  );
  // A year of invoices in one transaction through the repository (as demo stock does for its
  // history): going through recordEntry one by one would cost every test file a second.
  const rows: Parameters<typeof insertEntry>[1][] = [];
  // Twelve full months, then this month's invoices already received (dated before today).
  const entry = (code: string, date: string, amountCents: number, description: string, reference: string) =>
    date < today &&
    rows.push({
      date,
      categoryId: category.get(code) as number,
      amountCents,
      description,
      reference,
      createdAt: `${date}T09:00:00.000Z`,
      createdBy: treasurer.id,
    });

  const quarterStart = (month: string) =>
    `${month.slice(0, 4)}-${String(Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const current = quarterStart(thisMonth);
  const previous = quarterStart(addMonths(current.slice(0, 7), -3));
  // The yearly regional grant falls in the closed quarter's last month, so that the closed
  // quarter's report shows a surplus shared by holding (and its legal note) whatever the season.
  const grantMonth = addMonths(previous.slice(0, 7), 2);
  for (let i = 0; i <= 12; i++) {
    const month = addMonths(thisMonth, i - 12);
    const m = Number(month.slice(5, 7));
    const tag = month.replace('-', '');
    // Amounts vary from month to month by a fixed pattern: the demo is the same on every machine.
    const wobble = ((i * 37) % 11) - 5;
    entry('lease', `${month}-05`, 185_000, 'Loyer mensuel du robot de mise sous sachets', `LOC-${tag}`);
    entry('software', `${month}-07`, 28_900, 'Abonnement logiciel PDA (3 EHPAD)', `SAAS-${tag}`);
    entry('pouches', `${month}-09`, 41_250 + wobble * 1_730, 'Rouleaux de film pour sachets', `CONSO-${tag}-A`);
    entry('pouches', `${month}-21`, 18_640 + wobble * 905, 'Rubans d’impression et étiquettes', `CONSO-${tag}-B`);
    if (m % 3 === 1) entry('maintenance', `${month}-03`, 114_000, 'Contrat de maintenance trimestriel', `MAINT-${tag}`);
    if (i === 4) entry('maintenance', `${month}-18`, 38_775, 'Remplacement de la cellule de découpe', `INTERV-${tag}`);
    if (m === 1)
      entry('software', `${month}-12`, 120_000, 'Licence annuelle du logiciel de gestion partagé', `LIC-${tag}`);
    entry('salary', `${month}-28`, 312_000, 'Salaire chargé de la coordinatrice', `PAIE-${tag}`);
    EHPAD.forEach((name, k) => {
      entry(
        'fees',
        `${month}-${String(10 + k).padStart(2, '0')}`,
        138_400 + k * 21_600 + wobble * 2_350,
        `Honoraires PDA — ${name}`,
        `FAC-${tag}-${k + 1}`,
      );
    });
    if (month === grantMonth)
      entry(
        'grant',
        `${month}-24`,
        2_400_000,
        'Subvention Région Nouvelle-Aquitaine — robot PDA mutualisé',
        `REG-${tag}`,
      );
  }

  db.transaction(() => {
    for (const row of rows) insertEntry(db, row);
  });

  // The last quarter that has ended is closed; the current one is open for preview.
  const closed = createSharePeriod({ ctx: as(now), input: { kind: 'quarter', start: previous } });
  closeSharePeriod({ ctx: as(now), id: closed.id });
  createSharePeriod({ ctx: as(now), input: { kind: 'quarter', start: current } });
  draftPreviousMonth({ ...as(now), actor: { kind: 'system', name: 'monthly-shares' } });
}

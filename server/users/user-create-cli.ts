import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { migrate, openDb } from '../../db/client';
import { careHomes, pharmacies, ROLES } from '../../db/schema';
import { recordAudit } from '../audit/audit.usecases';
import { generatePassword, hashPassword } from '../auth/password';
import { loadConfig } from '../config';
import { systemActor } from '../http/context';
import { systemClock } from '../shared/clock';
import { findUserByEmail, insertUser } from './users.repository';
import { displayNameSchema } from './users.schemas';

// `npm run user:create -- --email a@b.fr --role admin [--name "…"] [--pharmacy SLUG] [--care-home SLUG]`
// Prints a generated password once; it is never stored in clear.
const Args = z.strictObject({
  email: z.email(),
  role: z.enum(ROLES),
  name: displayNameSchema.optional(),
  pharmacy: z.string().optional(),
  'care-home': z.string().optional(),
});

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    pharmacy: { type: 'string' },
    'care-home': { type: 'string' },
  },
});
const parsed = Args.safeParse(values);
if (!parsed.success) {
  for (const i of parsed.error.issues) console.error(`--${i.path.join('.')}: ${i.message}`);
  console.error(
    'usage: npm run user:create -- --email EMAIL --role ROLE [--name NAME] [--pharmacy SLUG] [--care-home SLUG]',
  );
  process.exit(2);
}
const args = parsed.data;
const config = loadConfig(process.env, { demo: true, demoSecret: () => 'unused-by-user-create'.padEnd(32, '-') });
const db = openDb(config.DB_PATH);
migrate(db);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const needsPharmacy = args.role === 'pharmacist' || args.role === 'technician';
const pharmacy = args.pharmacy
  ? db.select().from(pharmacies).where(eq(pharmacies.slug, args.pharmacy)).get()
  : undefined;
const careHome = args['care-home']
  ? db.select().from(careHomes).where(eq(careHomes.slug, args['care-home'])).get()
  : undefined;
if (needsPharmacy && !pharmacy) fail(`--pharmacy SLUG (an existing pharmacy) is required for role ${args.role}`);
if (args.role === 'carehome' && !careHome)
  fail('--care-home SLUG (an existing care home) is required for role carehome');
if (findUserByEmail(db, args.email)) fail(`A user with e-mail ${args.email} already exists`);

const password = generatePassword();
const passwordHash = await hashPassword(password);
const now = systemClock.now();
const user = db.transaction(() => {
  const created = insertUser(db, {
    email: args.email,
    displayName: args.name ?? args.email,
    passwordHash,
    // Printed once for the coordinator to hand over: the user chooses their own at the first login.
    passwordProvisional: true,
    role: args.role,
    pharmacyId: needsPharmacy ? (pharmacy?.id ?? null) : null,
    careHomeId: args.role === 'carehome' ? (careHome?.id ?? null) : null,
    createdAt: now.toISOString(),
  });
  recordAudit(
    { db, clock: systemClock, actor: systemActor('user:create') },
    { action: 'users.create', entity: 'user', entityId: created.id, details: { role: args.role } },
  );
  return created;
});
db.$client.close();
console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
console.log(`Password (shown once, give it to the user): ${password}`);

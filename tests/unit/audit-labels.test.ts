import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../server/orders/orders.models';
import { SHARE_TRANSACTION_TYPES } from '../../server/shares/shares.models';
import {
  auditActionLabel,
  auditActorLabel,
  auditDetailLabel,
  auditDetailsText,
  auditEntityLabel,
} from '../../web/src/admin/audit-labels';
import { en, fr, isMessageKey, type MessageKey } from '../../web/src/i18n/catalogue';
import { formatMessage, type Params } from '../../web/src/i18n/format';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The codes a computed `action:` of a `recordAudit` call can take. A new computed code fails the
 * test below until it is listed here (and labelled).
 */
const COMPUTED_ACTIONS: Record<string, readonly string[]> = {
  '`orders.${to}`': ORDER_STATUSES.map((status) => `orders.${status}`),
  '`shares.${tx.type}`': SHARE_TRANSACTION_TYPES.map((type) => `shares.${type}`),
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The text between the parentheses of each `recordAudit(…)` call of a file. */
function recordAuditCalls(source: string): string[] {
  const calls: string[] = [];
  for (const match of source.matchAll(/recordAudit\(/g)) {
    if (source.slice(0, match.index).endsWith('function ')) continue;
    let depth = 1;
    let i = match.index + match[0].length;
    while (depth > 0 && i < source.length) {
      if (source[i] === '(') depth++;
      if (source[i] === ')') depth--;
      i++;
    }
    calls.push(source.slice(match.index + match[0].length, i - 1));
  }
  return calls;
}

/** The codes one `key:` expression of a call can write: its string literals, or a listed computed form. */
function codesOf(call: string, key: 'action' | 'entity', where: string): string[] {
  const expression = new RegExp(`\\b${key}:\\s*(\`[^\`]*\`|[^,\\n}]+)`).exec(call)?.[1]?.trim();
  if (!expression) throw new Error(`${where}: a recordAudit call without a readable ${key}`);
  if (expression.startsWith('`')) {
    const codes = COMPUTED_ACTIONS[expression];
    if (!codes) throw new Error(`${where}: list the codes of ${expression} in COMPUTED_ACTIONS`);
    return [...codes];
  }
  const literals = [...expression.matchAll(/'([a-z0-9_.]+)'/g)].map((m) => m[1] as string);
  if (literals.length === 0) throw new Error(`${where}: ${key} ${expression} is not a code the test can read`);
  return literals;
}

/** Every action and entity code the server, the jobs and the seeds record (by reading their sources). */
function recordedCodes() {
  const actions = new Set<string>();
  const entities = new Set<string>();
  let calls = 0;
  for (const dir of ['server', 'jobs', 'db', 'reports']) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      for (const call of recordAuditCalls(readFileSync(file, 'utf8'))) {
        const where = relative(ROOT, file);
        calls++;
        for (const code of codesOf(call, 'action', where)) actions.add(code);
        for (const code of codesOf(call, 'entity', where)) entities.add(code);
      }
    }
  }
  return { actions: [...actions].sort(), entities: [...entities].sort(), calls };
}

const tFr = (key: MessageKey, params?: Params) => formatMessage(fr[key], params, 'fr');

describe('audit log labels', () => {
  const recorded = recordedCodes();

  it('When the sources are read, Then every recordAudit call is found with its codes', () => {
    expect(recorded.calls).toBeGreaterThan(100);
    expect(recorded.actions).toEqual(
      expect.arrayContaining(['transfers.request', 'auth.login_failed', 'orders.submitted', 'reviews.close']),
    );
    expect(recorded.entities).toEqual(expect.arrayContaining(['security', 'transfer', 'stock_lot']));
  });

  it('When an action code is recorded anywhere, Then it has a French and an English label', () => {
    const missing = recorded.actions.filter((code) => !isMessageKey(`audit.action.${code}`));
    expect(missing, 'add these to web/src/i18n/{fr,en}/audit-codes.ts').toEqual([]);
    for (const code of recorded.actions) {
      const key = `audit.action.${code}` as MessageKey;
      expect(fr[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
    }
  });

  it('When an entity code is recorded anywhere, Then it has a French and an English label', () => {
    const missing = recorded.entities.filter((code) => !isMessageKey(`audit.entity.${code}`));
    expect(missing, 'add these to web/src/i18n/{fr,en}/audit-codes.ts').toEqual([]);
  });

  it('When the admin reads a row, Then codes read in French and an unknown code reads as itself', () => {
    expect(auditActionLabel(tFr, 'transfers.request')).toBe('Dépannage demandé');
    expect(auditActionLabel(tFr, 'auth.login_failed')).toBe('Connexion échouée');
    expect(auditEntityLabel(tFr, 'security')).toBe('Sécurité');
    expect(auditEntityLabel(tFr, 'stock_lot')).toBe('Lot');
    expect(auditActionLabel(tFr, 'legacy.code')).toBe('legacy.code');
    expect(auditEntityLabel(tFr, 'legacy_entity')).toBe('legacy_entity');
    // The details' keys too (a failed login's e-mail and IP).
    expect(auditDetailLabel(tFr, 'email')).toBe('E-mail');
    expect(auditDetailLabel(tFr, 'ip')).toBe('Adresse IP');
    expect(auditDetailLabel(tFr, 'someNewKey')).toBe('someNewKey');
  });

  it('When the actor is not a user, Then it reads "Personne non connectée" or "Système" with the task', () => {
    expect(auditActorLabel(tFr, 'anonymous')).toEqual({ label: 'Personne non connectée' });
    expect(auditActorLabel(tFr, 'system:expiry-scan')).toEqual({
      label: 'Système',
      detail: 'Tâche automatique « expiry-scan »',
    });
    expect(auditActorLabel(tFr, 'admin@officoop.test')).toEqual({ label: 'admin@officoop.test' });
  });

  // Issue #15, fresh tester: "picks : [{"lotId":36,…}]", "debtorPharmacyId : 5", "kind : quarter".
  it('When the admin reads a row’s details, Then keys are labelled and values read as French, not JSON', () => {
    const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
    const names: Record<number, string> = { 5: 'Pharmacie de Meymac', 2: 'Pharmacie de Felletin' };
    const text = (details: Record<string, unknown>) => plain(auditDetailsText(tFr, details, (id) => names[id]));
    expect(
      text({
        picks: [
          { lotId: 36, quantity: 2 },
          { lotId: 37, quantity: 1 },
        ],
      }),
    ).toBe('Lots prélevés : 2 lots');
    expect(text({ month: '2026-10', debtorPharmacyId: 5, creditorPharmacyId: 9, amountCents: 360 })).toBe(
      'Mois : octobre 2026 · Pharmacie débitrice : Pharmacie de Meymac · Pharmacie créancière : officine n° 9 · Montant : 3,60 €',
    );
    expect(text({ kind: 'quarter', date: '2026-12-01', at: '2026-12-01T08:12:03.000Z' })).toBe(
      'Type : Trimestre · Date : 01/12/2026 · at : 01/12/2026 09:12',
    );
    expect(
      text({
        rows: 20000,
        adjustments: 12,
        newLots: 3,
        unlistedToZero: 1,
        quantityUnit: 'boxes',
        costsSet: 0,
      }),
    ).toBe(
      'Lignes lues : 20 000 · Lots ajustés : 12 · Nouveaux lots : 3 · Lots absents du fichier mis à 0 : 1 · Quantités en : boîtes · Coûts renseignés : 0',
    );
    expect(text({ expired: ['AB1', 'CD2'], orderIds: [1, 2, 3, 4, 5, 6], received: { 36: 2 } })).toBe(
      'Lots périmés : AB1, CD2 · Commandes : 6 éléments · Reçu : 1 lot',
    );
    expect(text({ patientId: 12345, year: 2026 })).toBe('Patient : 12345 · Année : 2026');
    // A role as the app names it, not its code; a count of residents read, labelled.
    expect(text({ role: 'technician', residents: 9 })).toBe('Rôle : Préparateur · Résidents lus : 9');
    // A category's key change: its keys in words, not codes (found by a tester).
    expect(text({ categoryId: 6, allocationKey: 'activity', validFrom: '2026-12-01', replaced: null })).toBe(
      'Catégorie n° : 6 · Clé de répartition : Activité (sachets) · Valable à partir du : 01/12/2026 · Clé remplacée (même date) : —',
    );
    expect(text({ allocationKey: 'equal', replaced: 'holding' })).toBe(
      'Clé de répartition : Part égale · Clé remplacée (même date) : Parts détenues',
    );
    expect(auditDetailsText(tFr, null)).toBe('');
  });
});

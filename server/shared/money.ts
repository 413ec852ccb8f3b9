/** Built once: an Intl formatter costs tens of µs to create (issue 16). */
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** Integer cents as French euros: `123456` → `1 234,56 €` (plain spaces, printable in PDFs too). */
export function formatEuros(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`money must be integer cents, got ${cents}`);
  return euros.format(cents / 100).replace(/[\u202f\u00a0]/g, ' ');
}

// Largest-remainder allocation of cents (SPEC §8) lives beside, in allocation.ts.
export * from './allocation';

/** Built once: an Intl formatter costs tens of µs to create (issue 16). */
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/**
 * Integer cents as French euros: `123456` → `1 234,56 €`, its spaces no-break ones (U+00A0): the
 * standard PDF fonts hold that one (not fr-FR's narrow U+202F), and a line never breaks inside an amount.
 */
export function formatEuros(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`money must be integer cents, got ${cents}`);
  return euros.format(cents / 100).replace(/\u202f/g, '\u00a0');
}

// Largest-remainder allocation of cents (SPEC §8) lives beside, in allocation.ts.
export * from './allocation';

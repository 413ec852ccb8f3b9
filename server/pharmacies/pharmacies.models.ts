// Pure rules for a pharmacy's contact details: no db, no clock, no I/O. Shared with the web app.

/**
 * Reads a French phone number as typed ("05 55 00 12 34", "0555001234", "05.55.00.12.34",
 * "+33 5 55 00 12 34", "0033 5 55 00 12 34") and returns it in the usual written form
 * "05 55 00 12 34", or null when it is not a French number: ten digits starting with 0 and a
 * digit 1–9 (metropolitan, mobile, 08 and 09 numbers). Spaces, dots, dashes and a "(0)" after
 * the +33 prefix are accepted as separators; anything else is refused.
 */
export function normalizeFrenchPhone(input: string): string | null {
  let s = input.trim().replace(/[\s.\-\u00a0\u202f]/g, '');
  s = s.replace(/^(\+33|0033)\(0\)/, '0').replace(/^(\+33|0033)/, '0');
  if (!/^0[1-9]\d{8}$/.test(s)) return null;
  return s.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/**
 * True when the nine digits pass the Luhn (modulus 10) rule: from the right, every second
 * digit is doubled (9 taken off when over 9) and the sum is a multiple of 10.
 */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Reads a FINESS number as typed ("19 000 123 4" or "190001234") and returns its nine
 * characters, or null. A FINESS number is two characters of département (`2A`/`2B` in Corsica),
 * six of order and a check key, the last digit. The key follows the Luhn rule (the rule of the
 * SIREN number): this was checked against published numbers (010003820, 010003812) and not
 * against an official text, which we did not find. It is verified only for all-digit numbers;
 * a Corsican `2A`/`2B` number is checked for its form only.
 */
export function normalizeFiness(input: string): string | null {
  const s = input.replace(/[\s.\u00a0\u202f]/g, '').toUpperCase();
  if (!/^(\d{2}|2A|2B)\d{7}$/.test(s)) return null;
  if (/^\d{9}$/.test(s) && !luhnValid(s)) return null;
  return s;
}

/** True when a FINESS number's form is right but its last digit is not the Luhn key (to say so). */
export function finessKeyWrong(input: string): boolean {
  const s = input.replace(/[\s.\u00a0\u202f]/g, '');
  return /^\d{9}$/.test(s) && !luhnValid(s);
}

/** The Luhn key (0–9) that completes eight FINESS digits: for making up valid demo numbers. */
export function finessKey(eightDigits: string): number {
  for (let k = 0; k <= 9; k++) if (luhnValid(`${eightDigits}${k}`)) return k;
  throw new Error('unreachable');
}

/** A FINESS number printed as the register prints it: "19 000 123 4". */
export function formatFiness(finess: string): string {
  return `${finess.slice(0, 2)} ${finess.slice(2, 5)} ${finess.slice(5, 8)} ${finess.slice(8)}`;
}

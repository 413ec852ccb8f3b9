import { describe, expect, it } from 'vitest';
import {
  finessKey,
  finessKeyWrong,
  formatFiness,
  normalizeFiness,
  normalizeFrenchPhone,
} from '../../server/pharmacies/pharmacies.models';

describe('French phone numbers', () => {
  it('When typed with spaces, dots, dashes, +33 or 0033, Then it reads as "05 55 00 12 34"', () => {
    for (const typed of [
      '0555001234',
      '05 55 00 12 34',
      '05.55.00.12.34',
      '05-55-00-12-34',
      '+33 5 55 00 12 34',
      '+33 (0)5 55 00 12 34',
      '0033555001234',
    ]) {
      expect(normalizeFrenchPhone(typed), typed).toBe('05 55 00 12 34');
    }
    expect(normalizeFrenchPhone('06 12 34 56 78')).toBe('06 12 34 56 78');
  });

  it('When it is too short, too long, foreign, starts with 00 or holds letters, Then it is refused', () => {
    for (const typed of [
      '05 55 00 12',
      '05 55 00 12 34 5',
      '+44 20 7946 0000',
      '00 55 00 12 34',
      '05 55 OO 12 34',
      '555001234',
      '',
    ]) {
      expect(normalizeFrenchPhone(typed), typed).toBeNull();
    }
  });
});

describe('FINESS numbers', () => {
  it('When published numbers are checked, Then their last digit is the Luhn key', () => {
    expect(normalizeFiness('010003820')).toBe('010003820');
    expect(normalizeFiness('01 000 381 2')).toBe('010003812');
    expect(finessKey('01000382')).toBe(0);
  });

  it('When one digit is mistyped or two swapped, Then the key catches it', () => {
    expect(normalizeFiness('010003821')).toBeNull();
    expect(finessKeyWrong('010003821')).toBe(true);
    expect(normalizeFiness('010008320')).toBeNull();
  });

  it('When it has 8 or 10 digits or a letter outside Corsica, Then its form is refused (not the key)', () => {
    for (const typed of ['01000382', '0100038200', '0X0003820']) {
      expect(normalizeFiness(typed), typed).toBeNull();
      expect(finessKeyWrong(typed), typed).toBe(false);
    }
  });

  it('When it is Corsican (2A, 2B), Then its form is accepted, upper-cased', () => {
    expect(normalizeFiness('2a0001234')).toBe('2A0001234');
  });

  it('When printed, Then it is grouped as the register prints it', () => {
    expect(formatFiness('190991018')).toBe('19 099 101 8');
  });
});

describe('the FINESS message', () => {
  it('When the message gives an example number, Then that example is itself accepted (its key is right)', async () => {
    const { common: fr } = await import('../../web/src/i18n/fr/common');
    const { common: en } = await import('../../web/src/i18n/en/common');
    for (const message of [fr['validation.finess'], en['validation.finess']]) {
      const example = /\d{9}/.exec(message)?.[0] as string;
      expect(normalizeFiness(example), message).toBe(example);
    }
  });
});

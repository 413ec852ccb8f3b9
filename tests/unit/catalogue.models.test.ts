import { describe, expect, it } from 'vitest';
import {
  checkCip13,
  decidePdaExclusion,
  ean13CheckDigit,
  fractionToCheck,
  isMarketed,
  isValidCip7,
  isValidCip13,
  isValidCis,
  normalizeText,
  parseEuroCents,
  parseFrenchDate,
  parseReimbursementRate,
  parseUnitsPerBox,
  undividedDoseTimes,
  undividedForm,
} from '../../server/catalogue/catalogue.models';

describe('CIP13 validation', () => {
  it('When a real CIP13 is checked, Then it is valid', () => {
    for (const code of ['3400949497294', '3400930117163', '3400935955838', '3400927849800']) {
      expect(checkCip13(code)).toEqual({ ok: true });
    }
  });

  it('When the EAN-13 check digit is computed, Then it weighs digits 1,3,1,3… from the left', () => {
    expect(ean13CheckDigit('340094949729')).toBe(4);
    expect(ean13CheckDigit('340093595583')).toBe(8);
    expect(ean13CheckDigit('400638133393')).toBe(1);
  });

  it('When the last digit is wrong, Then the code is refused with the expected check digit', () => {
    const result = checkCip13('3400949497295');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain('expected 4');
  });

  it('When every single digit of a valid code is changed, Then the check digit catches it', () => {
    const code = '3400937977661';
    for (let i = 0; i < 13; i++) {
      const changed = code.slice(0, i) + String((Number(code[i]) + 1) % 10) + code.slice(i + 1);
      expect(isValidCip13(changed), changed).toBe(false);
    }
  });

  it('When a code has the wrong length, letters or a foreign prefix, Then it is refused', () => {
    expect(isValidCip13('340094949729')).toBe(false);
    expect(isValidCip13('34009494972944')).toBe(false);
    expect(isValidCip13('34009494A7294')).toBe(false);
    expect(checkCip13('4006381333931')).toMatchObject({ ok: false, reason: expect.stringContaining('3400') });
  });

  it('When CIP7 and CIS codes are checked, Then only 7 and 8 digits pass', () => {
    expect(isValidCip7('4949729')).toBe(true);
    expect(isValidCip7('494972')).toBe(false);
    expect(isValidCis('60002283')).toBe(true);
    expect(isValidCis('6000228')).toBe(false);
    expect(isValidCis('6000228x')).toBe(false);
  });
});

describe('BDPM values', () => {
  it('When a price uses the decimal comma, Then it becomes integer cents', () => {
    expect(parseEuroCents('24,34')).toBe(2434);
    expect(parseEuroCents('1,02')).toBe(102);
    expect(parseEuroCents('0,50')).toBe(50);
    expect(parseEuroCents('702,60')).toBe(70260);
  });

  it('When a price also uses the comma as thousands separator, Then the last comma marks the cents', () => {
    expect(parseEuroCents('2,244,33')).toBe(224433);
    expect(parseEuroCents('1,466,29')).toBe(146629);
    expect(parseEuroCents('12,345,678,90')).toBe(1234567890);
  });

  it('When a price is empty, Then there is no price', () => {
    expect(parseEuroCents('')).toBeNull();
    expect(parseEuroCents('  ')).toBeNull();
  });

  it('When a price is ambiguous or not a number, Then it is refused', () => {
    for (const raw of ['12,5', '1,234', '2,24,33', 'abc', '24.34', '-3,00', '1,2345,00']) {
      expect(() => parseEuroCents(raw), raw).toThrow(/price/);
    }
  });

  it('When a reimbursement rate is written with or without a space, Then it is a percentage', () => {
    expect(parseReimbursementRate('65%')).toBe(65);
    expect(parseReimbursementRate('65 %')).toBe(65);
    expect(parseReimbursementRate('100%')).toBe(100);
    expect(parseReimbursementRate('')).toBeNull();
    expect(parseReimbursementRate('65%;30%')).toBe(65);
    expect(() => parseReimbursementRate('beaucoup')).toThrow(/reimbursement rate/);
    expect(() => parseReimbursementRate('150%')).toThrow(/reimbursement rate/);
  });

  it('When a French date is read, Then it becomes YYYY-MM-DD and impossible dates are refused', () => {
    expect(parseFrenchDate('16/03/2011')).toBe('2011-03-16');
    expect(parseFrenchDate('29/02/2024')).toBe('2024-02-29');
    expect(parseFrenchDate('29/11/2924')).toBe('2924-11-29');
    expect(parseFrenchDate('')).toBeNull();
    expect(() => parseFrenchDate('29/02/2023')).toThrow(/does not exist/);
    expect(() => parseFrenchDate('2011-03-16')).toThrow(/JJ\/MM\/AAAA/);
  });

  it('When a presentation is active and declared on the market, Then it is marketed', () => {
    expect(isMarketed('Présentation active', 'Déclaration de commercialisation')).toBe(true);
    expect(isMarketed('Présentation active', "Déclaration d'arrêt de commercialisation")).toBe(false);
    expect(isMarketed('Présentation abrogée', 'Déclaration de commercialisation')).toBe(false);
  });

  it('When text is normalised, Then accents and case are gone', () => {
    expect(normalizeText('Comprimé PELLICULÉ sécable')).toBe('comprime pellicule secable');
  });
});

describe('units per box', () => {
  it.each([
    ['plaquette(s) PVC PVDC aluminium de 30 comprimé(s)', 30],
    ['plaquette(s) thermoformée(s) PVC-aluminium de 8  comprimé(s)', 8],
    ['flacon(s) polyéthylène haute densité (PEHD) de 30 gélule(s) avec fermeture de sécurité enfant', 30],
    ['3 plaquette(s) PVC PVDC aluminium de 21 comprimé(s)', 63],
    ['30 plaquette(s) PVC PVDC aluminium de 1 gélule(s)', 30],
    ['14 plaquettes aluminium de 8 comprimés (emballage multiple : 2 x 56)', 112],
    ['plaquettes PVC PVDC aluminium de 112 (4 x 28) gélules (conditionnement multiple)', 112],
    ['Plaquette(s) thermoformée(s) OPA : polyamide orienté aluminium PVC de 84 x 1 gélule (dose unitaire)', 84],
    ['1 plaquette(s) PVC PVDC aluminium de 10 capsule(s)', 10],
    ['10 sachet(s)-dose(s) papier aluminium polyéthylène de 3 g', 10],
    ['10 ampoule(s) en verre de 2 ml', 10],
    ['4 sachet(s) papier aluminium polyéthylène de 1 dispositif(s)', 4],
  ])('When the label is "%s", Then the box holds %i units', (label, units) => {
    expect(parseUnitsPerBox(label)).toBe(units);
  });

  it.each([
    '1 flacon(s) en verre brun avec pipette doseuse de 60 ml',
    '1 flacon(s) en verre de 100 ml',
    '1 tube(s) aluminium verni de 30 g',
    'plaquette(s) PVC polyéthylène PVDC aluminium de 30',
  ])('When the label "%s" gives no unit count, Then units per box is unknown', (label) => {
    expect(parseUnitsPerBox(label)).toBeNull();
  });
});

describe('PDA exclusion rules', () => {
  const oral = (form: string, substances: string[] = ['AMLODIPINE']) =>
    decidePdaExclusion({ form, routes: ['orale'], substances });

  it('When a plain tablet or capsule is checked, Then it may go into pouches', () => {
    expect(oral('comprimé pelliculé sécable')).toEqual({ excluded: false, rule: null, reason: null });
    expect(oral('gélule gastro-résistant(e)').excluded).toBe(false);
    expect(oral('comprimé à libération prolongée').excluded).toBe(false);
  });

  it('When the form is liquid, injectable, topical, effervescent, orodispersible or a soft capsule, Then it is excluded with that rule', () => {
    expect(oral('solution buvable').rule).toBe('liquid');
    expect(oral('poudre pour solution buvable en sachet-dose').rule).toBe('liquid');
    expect(oral('sirop').rule).toBe('liquid');
    expect(decidePdaExclusion({ form: 'solution injectable', routes: ['intraveineuse'], substances: [] }).rule).toBe(
      'injectable',
    );
    expect(oral('poudre pour solution injectable').rule).toBe('injectable');
    expect(decidePdaExclusion({ form: 'crème', routes: ['cutanée'], substances: [] }).rule).toBe('topical');
    expect(oral('comprimé effervescent(e) sécable').rule).toBe('effervescent');
    expect(oral('comprimé orodispersible').rule).toBe('orodispersible');
    expect(oral('lyophilisat oral').rule).toBe('orodispersible');
    expect(oral('capsule molle').rule).toBe('soft_capsule');
  });

  it('When the reason is given, Then it names the form in French', () => {
    expect(oral('comprimé orodispersible').reason).toBe('Forme orodispersible (comprimé orodispersible)');
  });

  it('When a solid is not taken by mouth or is not a dose unit, Then it is excluded as not an oral solid', () => {
    expect(decidePdaExclusion({ form: 'comprimé', routes: ['vaginale'], substances: [] }).rule).toBe('not_oral_solid');
    expect(decidePdaExclusion({ form: 'suppositoire', routes: ['rectale'], substances: [] }).rule).toBe(
      'not_oral_solid',
    );
    expect(oral('granulés').rule).toBe('not_oral_solid');
  });

  it('When a substance is a vitamin K antagonist, Then the tablet is excluded whatever its form', () => {
    const decision = oral('comprimé sécable', ['WARFARINE SODIQUE']);
    expect(decision).toEqual({
      excluded: true,
      rule: 'vitamin_k_antagonist',
      reason: 'Antivitamine K (warfarine sodique)',
    });
    expect(oral('comprimé quadrisécable', ['FLUINDIONE']).rule).toBe('vitamin_k_antagonist');
    expect(oral('comprimé quadrisécable', ['ACÉNOCOUMAROL']).rule).toBe('vitamin_k_antagonist');
  });

  it('When a substance is a narcotic, Then it is excluded, matching whole words only', () => {
    expect(oral('microgranules à libération prolongée en gélule', ['SULFATE DE MORPHINE']).rule).toBe('narcotic');
    expect(oral('comprimé pelliculé à libération prolongée', ["CHLORHYDRATE D'OXYCODONE"]).rule).toBe('narcotic');
    expect(oral('comprimé sublingual', ['BUPRÉNORPHINE (CHLORHYDRATE DE)']).rule).toBe('narcotic');
    expect(oral('comprimé', ['MÉTHADONE (CHLORHYDRATE DE)']).rule).toBe('narcotic');
    expect(oral('comprimé', ["CHLORHYDRATE D'APOMORPHINE"]).excluded).toBe(false);
    expect(oral('gélule', ['CHLORHYDRATE DE TRAMADOL']).excluded).toBe(false);
  });

  it('When the speciality is unknown, Then the presentation is kept out of pouches', () => {
    expect(decidePdaExclusion({ form: null, routes: [], substances: [] }).rule).toBe('unknown_form');
  });
});

describe('doses that must be given in whole units (prescriptions.dose_not_divisible)', () => {
  it('When the form is a capsule, Then no fraction of it can be given, gastro-resistant or not', () => {
    for (const form of [
      'gélule',
      'gélule gastro-résistant(e)',
      'gélule à libération prolongée',
      'microgranule à libération prolongée en gélule',
      'capsule',
    ]) {
      expect(undividedForm(form), form).toBe('capsule');
    }
  });

  it('When a tablet releases its dose slowly or past the stomach, Then it is given whole unless it is scored', () => {
    expect(undividedForm('comprimé à libération prolongée')).toBe('modified_release');
    expect(undividedForm('comprimé pelliculé à libération modifiée')).toBe('modified_release');
    expect(undividedForm('comprimé osmotique')).toBe('modified_release');
    expect(undividedForm('comprimé enrobé gastro-résistant(e)')).toBe('gastro_resistant');
    // Scored: its labelling allows halves (valproate LP).
    expect(undividedForm('comprimé pelliculé sécable à libération prolongée')).toBeNull();
    expect(undividedForm('comprimé à libération modifiée sécable')).toBeNull();
  });

  it('When a tablet is plain, scored or quarter-scored, Then fractions are left to the pharmacist (SPEC §3: quarters)', () => {
    for (const form of ['comprimé', 'comprimé pelliculé', 'comprimé sécable', 'comprimé quadrisécable']) {
      expect(undividedForm(form), form).toBeNull();
    }
    // A presentation whose speciality is missing from the BDPM: nothing known forbids it.
    expect(undividedForm(null)).toBeNull();
  });

  it('When a fraction of a plain tablet is prescribed, Then the dialog asks to check it may be cut; scored tablets and whole doses pass', () => {
    expect(fractionToCheck('comprimé pelliculé', { matin: 0.5 })).toBe(true);
    expect(fractionToCheck('comprimé', { soir: 0.25 })).toBe(true);
    expect(fractionToCheck('comprimé pelliculé sécable', { matin: 0.5 })).toBe(false);
    expect(fractionToCheck('comprimé quadrisécable', { matin: 0.25 })).toBe(false);
    expect(fractionToCheck('comprimé pelliculé', { matin: 1, soir: 2 })).toBe(false);
    // Refused outright, not a check: a capsule, a modified-release tablet.
    expect(fractionToCheck('gélule', { matin: 0.5 })).toBe(false);
    expect(fractionToCheck('comprimé à libération prolongée', { matin: 0.5 })).toBe(false);
    expect(fractionToCheck('solution buvable', { matin: 0.5 })).toBe(false);
    expect(fractionToCheck(null, { matin: 0.5 })).toBe(false);
  });

  it('When doses are checked against a form, Then the times given a fraction of a whole-unit form are named, and whole doses pass', () => {
    expect(undividedDoseTimes('gélule', { matin: 1, midi: 0.5, soir: 1.25 })).toEqual({
      rule: 'capsule',
      times: ['midi', 'soir'],
    });
    expect(undividedDoseTimes('gélule', { matin: 2, soir: 1 })).toBeNull();
    expect(undividedDoseTimes('comprimé sécable', { soir: 0.5 })).toBeNull();
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COOPERATIVE_NAME, LEGAL_NOTE_SURPLUS_BY_HOLDING } from '../../server/shares/shares-report.models';
import { fr } from '../../web/src/i18n/catalogue';
import { formatMessage } from '../../web/src/i18n/format';
import * as frDomains from '../../web/src/i18n/fr';
import { mergeDomains } from '../../web/src/i18n/messages';
import { initials, pharmacyIn, withDe } from '../../web/src/shared/french';

// Intl groups thousands with a narrow no-break space.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('web messages: plurals', () => {
  const units = '{n, plural, one {# unité disponible} other {# unités disponibles}}';

  it('When a French count is 0 or 1, Then the singular is used (French rule), and the plural from 2', () => {
    expect(formatMessage(units, { n: 0 }, 'fr')).toBe('0 unité disponible');
    expect(formatMessage(units, { n: 1 }, 'fr')).toBe('1 unité disponible');
    expect(formatMessage(units, { n: 2 }, 'fr')).toBe('2 unités disponibles');
    expect(plain(formatMessage(units, { n: 1500 }, 'fr'))).toBe('1 500 unités disponibles');
  });

  it('When an English count is 0, Then the plural is used (English rule)', () => {
    const en = '{n, plural, one {# unit} other {# units}}';
    expect(formatMessage(en, { n: 0 }, 'en')).toBe('0 units');
    expect(formatMessage(en, { n: 1 }, 'en')).toBe('1 unit');
  });

  it('When an exact branch exists, Then it wins over the category; a million falls back to "other"', () => {
    const lots = '{count, plural, =0 {Aucun lot} one {# lot} other {# lots}}';
    expect(formatMessage(lots, { count: 0 }, 'fr')).toBe('Aucun lot');
    expect(formatMessage(lots, { count: 1 }, 'fr')).toBe('1 lot');
    // CLDR puts 1 000 000 in French "many"; a message without it uses "other".
    expect(plain(formatMessage(lots, { count: 1_000_000 }, 'fr'))).toBe('1 000 000 lots');
  });

  it('When a branch holds other placeholders and two counts share a sentence, Then each is filled', () => {
    expect(
      formatMessage(
        '{rows, plural, one {# ligne lue} other {# lignes lues}}, {errors, plural, one {# erreur} other {# erreurs}} dans {file}',
        { rows: 1, errors: 3, file: 'stock.csv' },
        'fr',
      ),
    ).toBe('1 ligne lue, 3 erreurs dans stock.csv');
    expect(
      formatMessage(
        '{count, plural, one {# unité du lot {lot} est réservée} other {# unités du lot {lot} sont réservées}}',
        {
          count: 2,
          lot: 'AB1',
        },
        'fr',
      ),
    ).toBe('2 unités du lot AB1 sont réservées');
  });

  it('When a form limit is a large number, Then it is written with French grouping ("Au plus 1 000 000"), an id as is', () => {
    expect(plain(formatMessage(fr['validation.atMost'], { maximum: 1_000_000 }, 'fr'))).toBe('Au plus 1 000 000');
    expect(plain(formatMessage(fr['validation.atLeast'], { minimum: 2500 }, 'fr'))).toBe('Au moins 2 500');
    expect(plain(formatMessage('{n, number} / n° {n}', { n: 12345 }, 'fr'))).toBe('12 345 / n° 12345');
  });

  it('When an order’s pouch count changes, Then the alert and the history write both counts with French grouping', () => {
    const week = { weekNumber: 51, weekFrom: '14/12/2026', weekTo: '20/12/2026' };
    expect(plain(formatMessage(fr['alerts.orderChanged'], { ...week, before: 1028, after: 1030 }, 'fr'))).toContain(
      ': 1 028 → 1 030 sachets.',
    );
    expect(plain(formatMessage(fr['orders.history.pouches'], { before: 998, after: 1004 }, 'fr'))).toBe(
      '998 → 1 004 sachets',
    );
  });

  it('When a value is missing, Then its placeholder stays visible; apostrophes are plain text', () => {
    expect(formatMessage("L'officine {name} n'a {n, plural, one {# lot} other {# lots}}", {}, 'fr')).toBe(
      "L'officine {name} n'a {n, plural, one {# lot} other {# lots}}",
    );
    expect(formatMessage("Aujourd'hui, {date}", { date: '01/12/2026' }, 'fr')).toBe("Aujourd'hui, 01/12/2026");
  });

  it('When the French catalogue speaks of counts, Then no message writes "(s)"', () => {
    for (const [key, message] of Object.entries(fr)) expect(message, key).not.toMatch(/\(s\)/);
  });

  // Issue #15, fresh tester: "d'ATARAX" next to "l’année" in one sentence. French typography
  // writes the apostrophe ’ (U+2019); every French message and the name helpers use it.
  it('When any French message holds an apostrophe, Then it is the typographic one (’), never "\'"', () => {
    const straight = Object.entries(fr)
      .filter(([, message]) => message.includes("'"))
      .map(([key]) => key);
    expect(straight).toEqual([]);
  });

  it('When a name helper elides, Then it writes ’ too, even for a name typed with "\'"', () => {
    expect(withDe('ATARAX')).toBe('d’ATARAX');
    expect(pharmacyIn('La', "L'Officine du Lac")).toBe('L’Officine du Lac');
    expect(pharmacyIn('à', 'Officine du Lac')).toBe('à l’Officine du Lac');
  });
});

describe('web messages: de / d’ before a name', () => {
  it('When a drug name starts with a vowel or a mute h, Then "de" is elided', () => {
    expect(withDe('AMLODIPINE')).toBe('d’AMLODIPINE');
    expect(withDe('ÉZÉTIMIBE')).toBe('d’ÉZÉTIMIBE');
    expect(withDe('HYDROXYZINE')).toBe('d’HYDROXYZINE');
    expect(withDe('Œstrogel')).toBe('d’Œstrogel');
    expect(withDe('YSOMEGA')).toBe('d’YSOMEGA');
  });

  it('When it starts with a consonant (or y before a vowel), Then "de" stays', () => {
    expect(withDe('PARACÉTAMOL')).toBe('de PARACÉTAMOL');
    expect(withDe('YAOURT')).toBe('de YAOURT');
    expect(withDe('5-FLUOROURACILE')).toBe('de 5-FLUOROURACILE');
  });

  it('When a message writes {product, de}, Then the elision is made in the sentence', () => {
    const message = '{pharmacy} demande {quantity, plural, one {# unité} other {# unités}} {product, de}.';
    expect(formatMessage(message, { pharmacy: 'Meymac', quantity: 1, product: 'AMLODIPINE 5 mg' }, 'fr')).toBe(
      'Meymac demande 1 unité d’AMLODIPINE 5 mg.',
    );
    expect(formatMessage(message, { pharmacy: 'Meymac', quantity: 3, product: 'PARACÉTAMOL 1 g' }, 'fr')).toBe(
      'Meymac demande 3 unités de PARACÉTAMOL 1 g.',
    );
  });
});

describe('web initials', () => {
  it('When a name has particles, Then the initials come from the name, never from "de", "la" or "d’"', () => {
    expect(initials('Pharmacien·ne de Bugeat')).toBe('PB');
    expect(initials('Préparateur·rice de Royère-de-Vassivière')).toBe('PR');
    expect(initials('Jean de La Fontaine')).toBe('JF');
    expect(initials("Marie-Claire d'Ornano")).toBe('MO');
    expect(initials('Claire Coordinatrice')).toBe('CC');
    expect(initials('élodie  martin')).toBe('ÉM');
    expect(initials('Cher')).toBe('C');
    expect(initials('  ')).toBe('');
  });
});

describe('web catalogues by domain', () => {
  it('When two domain files define the same key, Then merging them is refused', () => {
    expect(() => mergeDomains({ a: { 'x.title': 'A' }, b: { 'x.title': 'B' } })).toThrow(/x\.title/);
  });

  it('When the French domains are merged, Then every key is kept exactly once', () => {
    const total = Object.values(frDomains).reduce((sum, messages) => sum + Object.keys(messages).length, 0);
    expect(Object.keys(fr)).toHaveLength(total);
  });
});

// The PDFs' French texts are not in a catalogue: they are string literals of reports/*.ts (and
// the legal note of the shares report). The same rule holds for them: ’, never "'".
describe('PDF texts: apostrophes', () => {
  it('When a PDF text holds an apostrophe, Then it is the typographic one (’), never "\'"', () => {
    const dir = join(__dirname, '../../reports');
    const straight: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
          // date-fns quotes its literal words ('à', 'de', 'h'): those quotes are code.
          const code = line.replace(/'(à|de|h)'/g, '');
          if (/\p{L}'\p{L}/u.test(code)) straight.push(`${file}:${i + 1}`);
        });
    }
    expect(straight).toEqual([]);
    expect(LEGAL_NOTE_SURPLUS_BY_HOLDING).not.toContain("'");
    expect(COOPERATIVE_NAME).not.toContain("'");
  });
});

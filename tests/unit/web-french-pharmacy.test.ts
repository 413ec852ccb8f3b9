import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../web/src/i18n/format';
import * as frDomains from '../../web/src/i18n/fr';
import { mergeDomains } from '../../web/src/i18n/messages';
import { pharmacyIn } from '../../web/src/shared/french';

// Issue #15, fresh tester: "demander un dépannage à Pharmacie de Felletin". A pharmacy's name
// inside a French sentence takes its article: "à la Pharmacie de Felletin".

describe('a pharmacy’s name inside a French sentence', () => {
  it('When the name starts with "Pharmacie", Then it takes "la", contracted after à and de', () => {
    expect(pharmacyIn('à', 'Pharmacie de Felletin')).toBe('à la Pharmacie de Felletin');
    expect(pharmacyIn('de_la', 'Pharmacie de Felletin')).toBe('de la Pharmacie de Felletin');
    expect(pharmacyIn('la', 'Pharmacie de Felletin')).toBe('la Pharmacie de Felletin');
    expect(pharmacyIn('La', 'Pharmacie de Royère-de-Vassivière')).toBe('La Pharmacie de Royère-de-Vassivière');
    expect(pharmacyIn('à', 'Grande Pharmacie du Centre')).toBe('à la Grande Pharmacie du Centre');
  });

  it('When the name carries its own article or starts with a vowel, Then French contracts or elides it', () => {
    expect(pharmacyIn('à', 'Le Comptoir de Bugeat')).toBe('au Comptoir de Bugeat');
    expect(pharmacyIn('de_la', 'Le Comptoir de Bugeat')).toBe('du Comptoir de Bugeat');
    expect(pharmacyIn('à', 'Les Halles')).toBe('aux Halles');
    expect(pharmacyIn('de_la', 'La Pharmacie du Lac')).toBe('de la Pharmacie du Lac');
    expect(pharmacyIn('à', 'Officine du Plateau')).toBe('à l’Officine du Plateau');
    expect(pharmacyIn('de_la', "L'Officine")).toBe('de l’Officine');
    expect(pharmacyIn('de_la', 'L’Officine')).toBe('de l’Officine');
  });

  it('When the name is a town or a person, Then it takes no article', () => {
    expect(pharmacyIn('à', 'Meymac')).toBe('à Meymac');
    expect(pharmacyIn('de_la', 'Ussel')).toBe('d’Ussel');
    expect(pharmacyIn('La', 'Meymac')).toBe('Meymac');
  });

  it('When a message places a pharmacy, Then the sentence reads as French writes it', () => {
    const fr = mergeDomains(frDomains) as Record<string, string>;
    const name = { pharmacy: 'Pharmacie de Felletin' };
    expect(formatMessage(fr['pool.request.title'] as string, name, 'fr')).toBe(
      'Demander un dépannage à la Pharmacie de Felletin',
    );
    expect(formatMessage(fr['offers.accept.title'] as string, name, 'fr')).toBe(
      'Accepter l’offre de la Pharmacie de Felletin',
    );
    expect(formatMessage(fr['pool.request.lendableNone'] as string, { ...name, available: 3 }, 'fr')).toBe(
      'La Pharmacie de Felletin peut prêter 3 unités.',
    );
  });

  it('When any French message puts a pharmacy after a preposition or first, Then it says how (no bare name)', () => {
    const fr = mergeDomains(frDomains) as Record<string, string>;
    const bare =
      /(^|[\s(])(à|de|du|pour|avec|vers|par|Appeler|la|à la|de la)\s\{(pharmacy|debtor|creditor)\}|^\{(pharmacy|debtor|creditor)\}\s+\p{Ll}/u;
    const faults = Object.entries(fr)
      .filter(([, text]) => bare.test(text))
      .map(([key]) => key);
    expect(faults).toEqual([]);
  });
});

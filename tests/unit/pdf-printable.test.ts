import { describe, expect, it } from 'vitest';
import { createReport, formatCount, printable } from '../../reports/layout';
import { formatEuros } from '../../server/shared/money';
import { pdfText } from '../helpers/shares';

describe('text the reports’ fonts can print', () => {
  it('When a text holds French, a check mark, an emoji or a foreign accent, Then each prints as itself, a look-alike or nothing, never garbage', () => {
    // French and Windows-1252 stay as typed.
    const french = 'Ünïcödé « œuf » — l’été, 12 € ‰ … Ÿ';
    expect(printable(french)).toBe(french);
    expect(printable('Constat ✓ 🙂 👍🏽 fin')).toBe('Constat v   fin');
    expect(printable('Wałęsa, Ødegaard, Łódź, Ștefan')).toBe('Walesa, Ødegaard, Lódz, Stefan');
    expect(printable('1\u202f234 ≥ 2 − 1 → x')).toBe('1\u00a0234 >= 2 - 1 -> x');
    expect(printable('日本')).toBe('??');
    // A decomposed accent (as macOS pastes it) is the same letter.
    expect(printable('e\u0301te\u0301')).toBe('été');
  });

  it('When a report prints such a text, Then the PDF reads it back clean', async () => {
    const { doc, done } = await createReport('Compte rendu ✓', 'Patient 🙂');
    doc.text('Constat : Ünïcödé ✓ 🙂 fin.');
    doc.end();
    const text = pdfText(await done).replace(/\s+/g, ' ');
    expect(text).toContain('Constat : Ünïcödé v fin.');
    expect(text).toContain('Compte rendu v');
    expect(text).not.toMatch(/Ø=Þ/);
  });

  it('When a sentence with large amounts wraps in a narrow column, Then no line breaks inside an amount or a count', async () => {
    const { doc, done } = await createReport('Contrôle', 'Montants');
    const amounts = [123_456_789_01, 98_765_432_10, 1_234_567_89];
    const sentence = amounts.map((c) => `réparti ${formatEuros(c)} soit ${formatCount(c)} unités`).join(', ');
    doc.text(sentence, { width: 110 });
    doc.end();
    const lines = pdfText(await done)
      .split('\n')
      .map((l) => l.trim());
    for (const c of amounts) {
      const euros = formatEuros(c).replace(/\u00a0/g, ' ');
      const count = formatCount(c).replace(/\u00a0/g, ' ');
      // Each amount and each count reads whole on one line.
      expect(lines.some((l) => l.includes(euros))).toBe(true);
      expect(lines.some((l) => l.includes(count))).toBe(true);
    }
  });
});

// How an uploaded text file's bytes become text, one rule for the API and the web app (which
// reads a chosen file with it before showing a preview). Pure, browser-safe (no Buffer), no
// dependencies, so the web bundle can import it.

/** The encodings a CSV upload is read in. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Windows-1252 bytes 0x80–0x9F; the five bytes it leaves undefined stay C1 controls. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Windows-1252 bytes as text. Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x92
 * stays U+0092 instead of ’), browsers do not: bytes 0x80–0x9F are mapped here for both.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

const CHARSET_ALIASES: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  'utf-16be': 'utf-16be',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso-8859-15': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
};

/** The encoding a `charset` label names, or null when this reader does not know it. */
export function encodingOfCharset(label: string): TextEncodingName | null {
  return CHARSET_ALIASES[label.trim().toLowerCase()] ?? null;
}

/**
 * The text of an uploaded file. The rule: a BOM decides (UTF-8, UTF-16 LE/BE); else a declared
 * UTF-16 or single-byte charset (`latin1`, `windows-1252`…) is honoured; else bytes that are
 * valid UTF-8 are UTF-8, and anything else is Windows-1252 (what French pharmacy software and
 * Excel's "CSV (séparateur : point-virgule)" write). The BOM is not part of the text.
 */
export function decodeText(
  bytes: Uint8Array,
  declared?: TextEncodingName,
): { encoding: TextEncodingName; text: string } {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', text: utf(bytes.subarray(3), 'utf-8') };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', text: utf(bytes.subarray(2), 'utf-16le') };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', text: utf(bytes.subarray(2), 'utf-16be') };
  if (declared === 'utf-16le' || declared === 'utf-16be') return { encoding: declared, text: utf(bytes, declared) };
  if (declared === 'windows-1252') return { encoding: declared, text: decodeWindows1252(bytes) };
  try {
    return { encoding: 'utf-8', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { encoding: 'windows-1252', text: decodeWindows1252(bytes) };
  }
}

const utf = (bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be') =>
  new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);

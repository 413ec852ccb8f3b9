/**
 * JSON columns sent as they are stored (issue 16). An order's residents keep their week as a JSON
 * text (`order_residents.days`); parsing 80 of them to let `JSON.stringify` write them back cost
 * ~0.5 ms of the order's ~2 ms, for the same bytes. `storedJson(text)` stands in the answer for the
 * value `text` holds, and `stringifyAnswer` (what `sendJson` sends) splices `text` in as it is.
 */
import { randomBytes } from 'node:crypto';

/** Texts met by the `stringifyAnswer` running now (it is synchronous: one at a time). */
let splicing: string[] | null = null;

/** Marks a spliced text in the output: a NUL (written `\u0000` by JSON) and a per-process nonce. */
const MARK = `\u0000${randomBytes(8).toString('hex')}:`;
const MARKED = new RegExp(`"${JSON.stringify(MARK).slice(1, -1).replace(/\\/g, '\\\\')}(\\d+)"`, 'g');

class JsonText {
  constructor(readonly text: string) {}

  /** Inside `stringifyAnswer`: a marker it replaces with the text; elsewhere (a log): the value. */
  toJSON(): unknown {
    if (splicing === null) return JSON.parse(this.text);
    splicing.push(this.text);
    return `${MARK}${splicing.length - 1}`;
  }
}

/**
 * The value a stored JSON `text` holds, for an API answer only: typed as `T`, it is not parsed,
 * so reading its fields in-process is a mistake (the caller passes it straight to the answer).
 * `text` must be JSON this server wrote (a column filled by `JSON.stringify`): it is sent unchecked.
 */
export function storedJson<T>(text: string): T {
  return new JsonText(text) as unknown as T;
}

/** `JSON.stringify(value)`, with the texts of `storedJson` values written as they are. */
export function stringifyAnswer(value: unknown): string {
  const outer = splicing;
  const texts: string[] = [];
  splicing = texts;
  let json: string;
  try {
    json = JSON.stringify(value);
  } finally {
    splicing = outer;
  }
  return texts.length === 0 ? json : json.replace(MARKED, (_, i: string) => texts[Number(i)] as string);
}

const sharedTexts = new WeakMap<object, string>();

/**
 * `storedJson` for a value a memo keeps frozen and shares (`keptBy`, server/shared/memo.ts): its
 * JSON text is written the first time it is answered and kept as long as the value is, so every
 * later answer splices the same text in. `value` must never change (the memo's own rule).
 */
export function sharedJson<T extends object>(value: T): T {
  let text = sharedTexts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    sharedTexts.set(value, text);
  }
  return storedJson<T>(text);
}

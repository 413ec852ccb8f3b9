/**
 * A domain's English messages, typed by its French file: a missing key or an extra one is a
 * type error. Written `export const orders: Messages<typeof fr> = { … }` in `en/orders.ts`.
 */
export type Messages<French> = { readonly [Key in keyof French]: string };

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;

/** The messages of every domain file exported by a language's `index.ts`, as one object type. */
export type Merged<Domains> = UnionToIntersection<Domains[keyof Domains]>;

/**
 * Merges the domain files of one language into its catalogue. Keys are global (`stock.title`),
 * so a key defined by two domain files is refused at start-up rather than silently overwritten.
 */
export function mergeDomains<Domains extends Record<string, Record<string, string>>>(
  domains: Domains,
): Merged<Domains> {
  const merged: Record<string, string> = {};
  const owner: Record<string, string> = {};
  for (const [domain, messages] of Object.entries(domains)) {
    for (const [key, message] of Object.entries(messages)) {
      if (key in merged) throw new Error(`i18n: ${key} is defined by both ${owner[key]} and ${domain}`);
      merged[key] = message;
      owner[key] = domain;
    }
  }
  return merged as Merged<Domains>;
}

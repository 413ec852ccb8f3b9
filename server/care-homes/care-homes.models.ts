/**
 * A URL-safe slug from a care-home name ("EHPAD Les Tilleuls — Felletin" → "ehpad-les-tilleuls-felletin"),
 * made unique against the slugs already taken by appending -2, -3…
 */
export function slugFor(name: string, taken: readonly string[]): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^[^a-z]+/, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'ehpad';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

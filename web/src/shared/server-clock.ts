// The web app's "now" is the server's: cut-offs, production windows and today's date are the
// server's rules, judged by its clock. A workstation whose clock is wrong (minutes off, or a
// day) would otherwise offer « Démarrer la production » the server then refuses, or count down
// to a cut-off already past. Every API answer carries `X-Server-Time` (server/app.ts).

let offsetMs = 0;

/**
 * Records the server's time from an API answer's `X-Server-Time` header (ISO UTC): the offset of
 * the browser's clock from it, in ms (the answer's transit, a few ms, is not corrected). An
 * absent or unreadable header leaves the last offset.
 */
export function noteServerTime(header: string | null, receivedAt = Date.now()): void {
  const at = header ? Date.parse(header) : Number.NaN;
  if (Number.isFinite(at)) offsetMs = at - receivedAt;
}

/** Now by the server's clock (the browser's clock until the first API answer). */
export function serverNow(): Date {
  return new Date(Date.now() + offsetMs);
}

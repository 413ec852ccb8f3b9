/**
 * The care home's own cards. None yet: its only task, the weekly order, comes with the orders
 * domain, which adds its card here (a card exists only for a feature that works).
 */
export function CareHomeHome() {
  return null;
}

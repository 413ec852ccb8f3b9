/**
 * A memo for pure functions of a few strings (a week, some Paris days, weekly windows) that hot
 * reads ask again on every request (issue 16): `memo(key, compute)` returns what `compute` gave
 * for `key` the first time. At most `limit` keys are kept; past that the memo is emptied and
 * refilled. A value is shared by every caller that asks its key: return frozen values, and never
 * mutate one.
 */
export function keptBy<V>(limit: number): (key: string, compute: () => V) => V {
  const kept = new Map<string, V>();
  return (key, compute) => {
    let value = kept.get(key);
    if (value === undefined) {
      value = compute();
      if (kept.size >= limit) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}

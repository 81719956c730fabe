import fc from 'fast-check';

/**
 * Draw weights, resolved and checked: an array aligned with the items, or a function of an item and
 * its index, giving non-negative integers, not all zero. `undefined` stays undefined (equal weights).
 */
export function resolveWeights<T>(items: readonly T[], weights: readonly number[] | ((item: T, index: number) => number) | undefined): number[] | undefined {
  if (weights === undefined) return undefined;
  const w = typeof weights === 'function' ? items.map((x, i) => weights(x, i)) : [...weights];
  if (w.length !== items.length) throw new Error(`weights must have one entry per level (${items.length}), got ${w.length}`);
  if (!w.every((x) => Number.isInteger(x) && x >= 0) || !w.some((x) => x > 0))
    throw new Error(`weights must be non-negative integers, not all 0, got ${w.join(', ')}`);
  return w;
}

/**
 * One of `items`, in proportion to `weights`, without fast-check's bias towards the first ones
 * (every level is a hypothesis, none is "small"); shrinks towards the first item of positive weight.
 */
export function pick<T>(items: readonly T[], weights?: readonly number[]): fc.Arbitrary<T> {
  const w = weights ?? items.map(() => 1);
  const firsts = w.filter((x) => x > 0);
  if (firsts.length === 1) return fc.constant(items[w.findIndex((x) => x > 0)]);
  const total = w.reduce((a, b) => a + b, 0);
  return fc.noBias(fc.integer({ min: 0, max: total - 1 })).map((u) => {
    let i = 0;
    for (let acc = w[0]; u >= acc; acc += w[i]) i++;
    return items[i];
  });
}

import type { Params } from '../claim/types.js';
import { distinct, listed } from './format.js';
import type { Bound, ParamSpec, Resolved, SpaceContext, Value } from './param.js';
import { pick, resolveWeights } from './weights.js';

/** Options of {@link oneOf}. */
export interface OneOfOptions<L extends readonly Value[]> {
  /**
   * Integer draw weight per level: an aligned array, or a function of the level and its index.
   * @defaultValue 1 for every level
   */
  weights?: readonly number[] | ((level: L[number], index: number) => number);
  /** Report text of some levels, e.g. `{ sphere: 'uniform on √d·S^{d−1}' }` (others are shown as they are). */
  labels?: Partial<Record<`${L[number]}`, string>>;
  /** Report text replacing the level list, or `false` to leave the parameter out of `describe`. */
  describe?: string | false;
}

function checkLevels(levels: unknown): string | null {
  if (!Array.isArray(levels) || levels.length === 0) return 'levels must be non-empty';
  if (distinct(levels).length !== levels.length) return `levels must be distinct, got ${listed(levels)}`;
  return null;
}

/**
 * A categorical factor: one of `levels` (a literal tuple, so the parameter's type is the literal
 * union; or a function of the context, e.g. levels by profile).
 */
export function oneOf<const L extends readonly Value[], Prev extends Params = Params>(
  levels: Bound<L, Prev>,
  options: OneOfOptions<L> = {},
): ParamSpec<L[number], 'levels'> {
  if (typeof levels !== 'function') {
    const bad = checkLevels(levels);
    if (bad) throw new Error(`oneOf: ${bad}`);
  }
  const labels = options.labels as Partial<Record<string, string>> | undefined;
  const union = (h: readonly Resolved[]): Value[] => distinct(h.flatMap((d) => d.levels as Value[]));
  return {
    kind: 'levels',
    describe: options.describe,
    resolve: (ctx) => {
      const ls = typeof levels === 'function' ? levels(ctx as SpaceContext<Prev>) : levels;
      const bad = checkLevels(ls);
      if (bad) throw new Error(bad);
      const weights = resolveWeights(ls, options.weights);
      return { kind: 'levels', levels: ls, ...(weights ? { weights } : {}), ...(labels ? { labels: ls.map((l) => labels[String(l)] ?? String(l)) } : {}) };
    },
    draw: (d) => pick(d.levels as L[number][], d.weights),
    accepts: (v, h) => h.some((d) => (d.levels as Value[]).includes(v as Value)),
    requirement: (h) => `one of ${listed(union(h))}`,
    text: (h) => listed(union(h).map((l) => labels?.[String(l)] ?? l)),
  };
}

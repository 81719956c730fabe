import type { Params } from '../claim/types.js';
import { distinct, isValue, same, shown } from './format.js';
import type { Bound, ParamSpec, Resolved, Row, SpaceContext } from './param.js';
import { pick, resolveWeights } from './weights.js';

/** Options of {@link cases}. */
export interface CasesOptions<R extends Row> {
  /**
   * The columns; required when the rows are a function of the context.
   * @defaultValue the keys of the first row
   */
  keys?: readonly (keyof R & string)[];
  /**
   * Integer draw weight per row: an aligned array, or a function of the row and its index.
   * @defaultValue 1 for every row
   */
  weights?: readonly number[] | ((row: R, index: number) => number);
  /** Report text replacing the row list, or `false` to leave the group out of `describe`. */
  describe?: string | false;
}

/** Rows shown in a message or a report before "…". */
const SHOWN_ROWS = 8;

/**
 * Several parameters drawn jointly from a list of rows (e.g. the (d, eps) cells of a grid). The
 * group's name appears in `describe` and in messages only; the point holds the columns.
 */
export function cases<R extends Row, Prev extends Params = Params>(rows: Bound<readonly R[], Prev>, options: CasesOptions<R> = {}): ParamSpec<R, 'cases'> {
  if (typeof rows !== 'function' && rows.length === 0) throw new Error('cases: rows must be non-empty');
  if (typeof rows === 'function' && !options.keys) throw new Error('cases: give `keys` when the rows are a function of the context');
  const keys: readonly string[] = options.keys ?? Object.keys((rows as readonly R[])[0]);
  if (keys.length === 0) throw new Error('cases: rows must have at least one column');
  const tuple = (row: unknown): string => shown(row, keys);
  const list = (h: readonly Resolved[]): string => {
    const all = distinct(h.flatMap((d) => (d.levels as Row[]).map(tuple)));
    return all.length <= SHOWN_ROWS ? all.join(' | ') : `${all.slice(0, SHOWN_ROWS).join(' | ')} | … (${all.length} rows)`;
  };
  return {
    kind: 'cases',
    keys,
    describe: options.describe,
    resolve: (ctx) => {
      const rs = typeof rows === 'function' ? rows(ctx as SpaceContext<Prev>) : rows;
      if (rs.length === 0) throw new Error('rows must be non-empty');
      rs.forEach((row, i) => {
        const ks = Object.keys(row);
        if (ks.length !== keys.length || !keys.every((k) => isValue(row[k])))
          throw new Error(`row ${i} must have exactly the columns ${keys.join(', ')} (finite numbers, strings or booleans), got ${JSON.stringify(row)}`);
      });
      const weights = resolveWeights(rs, options.weights);
      return { kind: 'cases', keys, levels: rs, ...(weights ? { weights } : {}) };
    },
    draw: (d) => pick(d.levels as R[], d.weights),
    accepts: (v, h) => typeof v === 'object' && v !== null && h.some((d) => (d.levels as Row[]).some((row) => keys.every((k) => same(row[k], (v as Row)[k])))),
    requirement: (h) => `one of ${list(h)}`,
    text: (h) => `(${keys.join(', ')}) = ${list(h)}`,
  };
}

import type { Params } from '../claim/types.js';
import type { Descriptor, Row } from '../space/index.js';

/** A numeric range (`int`, `real`): its choices are its ends. */
export const isRange = (d: Descriptor): boolean => d.kind === 'int' || d.kind === 'real';

/**
 * The row of a `cases` descriptor whose columns equal those of `values`, else its first row; with
 * `partial`, a column `values` leaves out matches any value (a canonical setting that names only some).
 */
export function rowOf(d: Descriptor, values: Readonly<Partial<Params>>, partial = false): Row {
  const rows = (d.levels ?? []) as Row[];
  return rows.find((r) => Object.entries(r).every(([k, v]) => (partial && values[k] === undefined) || values[k] === v)) ?? rows[0];
}

import type { ConstantsTable, Params, Profile } from '../claim/types.js';
import { isRange, rowOf } from '../plan/choices.js';
import type { Descriptor, Row, Space, Value } from '../space/index.js';

const round6 = (x: number): number => Number(x.toPrecision(6));

/** The value of descriptor `d` at point `x`, kept inside the domain `d` has on the point's (possibly changed) earlier values. */
function keep(d: Descriptor, x: Readonly<Params>): Value | Row {
  if (d.kind === 'cases') return rowOf(d, x);
  const v = x[d.name];
  if (isRange(d)) {
    const n = typeof v === 'number' ? v : (d.min as number);
    return Math.min(d.max as number, Math.max(d.min as number, n));
  }
  const levels = d.levels ?? [];
  return levels.includes(v as Value) ? (v as Value) : (levels[0] as Value);
}

/** Moves of one free parameter: every other level or row; for a range, halfway to each end, a sixteenth of the range either way, and the ends. */
function moves(d: Descriptor, current: Value | Row): Array<Value | Row> {
  if (d.kind === 'levels' || d.kind === 'cases') return (d.levels ?? []).filter((l) => l !== current);
  const lo = d.min as number;
  const hi = d.max as number;
  const v = current as number;
  const step = (hi - lo) / 16;
  const raw = [lo, hi, (v + lo) / 2, (v + hi) / 2, v - step, v + step];
  const out = raw.map((m) => Math.min(hi, Math.max(lo, d.kind === 'int' ? Math.round(m) : round6(m))));
  return [...new Set(out)].filter((m) => m !== v);
}

/**
 * The neighbours of `x` in `space` at `profile`: `x` with one free parameter moved (see `moves`),
 * every later parameter kept where it was when its domain still allows it (else clamped to it),
 * fixed and derived ones recomputed. Points a constraint rejects are left out.
 */
export function neighbours(space: Space<Params>, profile: Profile, constants: ConstantsTable, x: Readonly<Params>): Params[] {
  const free: Array<{ name: string; options: Array<Value | Row> }> = [];
  space.complete(profile, constants, (d) => {
    const v = keep(d, x);
    free.push({ name: d.name, options: moves(d, v) });
    return v;
  });
  const out: Params[] = [];
  for (const f of free) {
    for (const option of f.options) {
      try {
        out.push({ ...space.complete(profile, constants, (d) => (d.name === f.name ? option : keep(d, x))) });
      } catch {
        // outside a constraint: not a neighbour
      }
    }
  }
  return out;
}

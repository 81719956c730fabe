import fc from 'fast-check';
import type { Params } from '../claim/types.js';
import type { Bound, ParamSpec, Resolved, Scale, SpaceContext } from './param.js';

/** Options of {@link int} and {@link real}. */
export interface RangeOptions<Prev extends Params = Params> {
  /** Smallest value (inclusive); may depend on the profile, the constants and earlier parameters. */
  min: Bound<number, Prev>;
  /** Largest value (inclusive). */
  max: Bound<number, Prev>;
  /**
   * `log`: uniform in log space (needs min > 0).
   * @defaultValue 'linear'
   */
  scale?: Scale;
  /**
   * `false`: draw without fast-check's bias towards small values and the ends (e.g. so the upper corner
   * of a regime is drawn as often as the rest).
   * @defaultValue true
   */
  bias?: boolean;
  /** Report text replacing `[min, max]`, or `false` to leave the parameter out of `describe`. */
  describe?: string | false;
}

/** Options of {@link real}. */
export interface RealOptions<Prev extends Params = Params> extends RangeOptions<Prev> {
  /** Round draws to this many significant digits (towards the inside of the range), so command lines stay short. */
  digits?: number;
}

/** Draws on a grid of 10⁶ steps (fc.double is uniform over float encodings, crowded near 0); shrinks towards min. */
const STEPS = 1_000_000;
const at = <Prev extends Params>(b: Bound<number, Prev>, ctx: SpaceContext): number => (typeof b === 'function' ? b(ctx as SpaceContext<Prev>) : b);
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

function gridDraw(d: Resolved): fc.Arbitrary<number> {
  const lo = d.min as number;
  const hi = d.max as number;
  if (lo === hi) return fc.constant(lo);
  const f = d.scale === 'log' ? (u: number) => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * u) : (u: number) => lo + (hi - lo) * u;
  return fc.integer({ min: 0, max: STEPS }).map((i) => clamp(f(i / STEPS), lo, hi));
}

/** `v` with `digits` significant digits, rounded towards the inside of [lo, hi] when the nearest rounding leaves it (else the bound itself). */
function roundInside(v: number, digits: number, lo: number, hi: number): number {
  const r = Number(v.toPrecision(digits));
  if (r >= lo && r <= hi) return r;
  const q = 10 ** (Math.floor(Math.log10(Math.abs(v))) - digits + 1);
  const directed = Number(((r > hi ? Math.floor(v / q) : Math.ceil(v / q)) * q).toPrecision(digits));
  return directed >= lo && directed <= hi ? directed : r > hi ? hi : lo;
}

function drawRange(kind: 'int' | 'real', d: Resolved): fc.Arbitrary<number> {
  const [lo, hi] = [d.min as number, d.max as number];
  if (kind === 'int' && d.scale !== 'log') return fc.integer({ min: lo, max: hi });
  const grid = gridDraw(d);
  if (kind === 'int') return grid.map((v) => clamp(Math.round(v), lo, hi));
  return d.digits === undefined ? grid : grid.map((v) => roundInside(v, d.digits as number, lo, hi));
}

function rangeSpec<Prev extends Params>(kind: 'int' | 'real', o: RealOptions<Prev>): ParamSpec<number, typeof kind> {
  const noun = kind === 'int' ? 'an integer' : 'a number';
  const hull = (h: readonly Resolved[]): [number, number] => [Math.min(...h.map((d) => d.min as number)), Math.max(...h.map((d) => d.max as number))];
  if (o.digits !== undefined && !(Number.isInteger(o.digits) && o.digits >= 1 && o.digits <= 17))
    throw new Error(`real: digits must be an integer in [1, 17], got ${o.digits}`);
  return {
    kind,
    describe: o.describe,
    resolve: (ctx) => {
      const min = at(o.min, ctx);
      const max = at(o.max, ctx);
      const scale = o.scale ?? 'linear';
      for (const [end, v] of [
        ['min', min],
        ['max', max],
      ] as const) {
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${end} must be a finite number, got ${v}`);
        if (kind === 'int' && !Number.isInteger(v)) throw new Error(`${end} must be an integer, got ${v}`);
      }
      if (min > max) throw new Error(`min ${min} > max ${max}`);
      if (scale === 'log' && min <= 0) throw new Error(`log scale needs min > 0, got ${min}`);
      return { kind, min, max, scale, ...(o.digits !== undefined ? { digits: o.digits } : {}) };
    },
    draw: (d) => {
      const arb = drawRange(kind, d);
      return o.bias === false ? fc.noBias(arb) : arb;
    },
    accepts: (v, h) => {
      const [lo, hi] = hull(h);
      return typeof v === 'number' && (kind === 'real' || Number.isInteger(v)) && v >= lo && v <= hi;
    },
    requirement: (h) => `${noun} in [${hull(h).join(', ')}]`,
    text: (h) => `[${hull(h).join(', ')}]${h.some((d) => d.scale === 'log') ? ' (log)' : ''}`,
  };
}

/** An integer parameter in [min, max]; bounds may be functions of the profile, constants and earlier parameters. */
export function int<Prev extends Params = Params>(options: RangeOptions<Prev>): ParamSpec<number, 'int'> {
  return rangeSpec('int', options) as ParamSpec<number, 'int'>;
}

/** A real parameter in [min, max] (drawn on a grid of 10⁶ steps, linear or log), optionally rounded to `digits` significant digits. */
export function real<Prev extends Params = Params>(options: RealOptions<Prev>): ParamSpec<number, 'real'> {
  return rangeSpec('real', options) as ParamSpec<number, 'real'>;
}

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { normalVector } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';
import { meanRobustOkAcrossN, meanRobustSetOf } from '../src/papers/schmidt/model/gaussianMeanRobustSet.js';
import { linearModel, pgdLinf, pgdLinfReference } from '../src/papers/schmidt/model/linfLinear.js';
import { gaussianRobustOk, Z99 } from '../src/papers/schmidt/model/schmidtTrials.js';

/**
 * The fast paths of the Schmidt et al. claims decide exactly as the computations they replace:
 * pgdLinf (preallocated buffers) returns the reference implementation's point and margin bit for bit, and the
 * mean learner's per-trial interval of n (gaussianMeanRobustSet.ts) gives gaussianRobustOk's decision at every n.
 */
describe('pgdLinf equals its reference implementation bit for bit', () => {
  test.prop(
    [
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 0, max: 1e9 }),
      fc.double({ min: 0, max: 2, noNaN: true }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 4 }),
      fc.boolean(),
      fc.constantFrom(1, -1),
    ],
    { numRuns: 200 },
  )('same x′ and margin (free and boxed)', (d, seed, eps, steps, restarts, boxed, y) => {
    const r = new Stream(seed);
    const w = normalVector(r.child('w'), d);
    const x = Float64Array.from({ length: d }, () => (boxed ? r.uniform() : 3 * r.normal()));
    const opts = (s: string) => ({ steps, restarts, rng: new Stream(s), ...(boxed ? { box: [0, 1] as [number, number] } : {}) });
    const a = pgdLinf(linearModel(w, 0.3), x, y, eps, opts(`p${seed}`));
    const b = pgdLinfReference(linearModel(w, 0.3), x, y, eps, opts(`p${seed}`));
    expect(Object.is(a.margin, b.margin)).toBe(true);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
  });
});

describe('the mean learner’s interval of n decides as gaussianRobustOk', () => {
  test.prop(
    [
      fc.integer({ min: 1, max: 400 }),
      fc.double({ min: 0.2, max: 8, noNaN: true }),
      fc.double({ min: 0, max: 1.5, noNaN: true }),
      fc.integer({ min: 0, max: 1e9 }),
    ],
    { numRuns: 150 },
  )('every probe n, integer and real, on 12 trial streams', (d, c, eps, seed) => {
    const sigma = c * Math.pow(d, 0.25);
    const ev = meanRobustOkAcrossN(d, sigma, eps, Z99, (rng, n) => gaussianRobustOk(rng, d, sigma, n, eps));
    const root = new Stream(seed);
    for (let t = 0; t < 12; t++) {
      const trial = root.child('trial', t);
      for (const n of [1, 2, 3, 4, 6, 9, 16, 50, 200, 1000, 1e5, 0.05, 0.7, 2.5]) {
        expect(ev(n, trial)).toBe(gaussianRobustOk(new Stream(trial.seed), d, sigma, n, eps));
      }
    }
  });

  it('is not vacuous: both decisions occur, and queries next to an interval end (inside and outside the guard band) agree', () => {
    let holds = 0;
    let fails = 0;
    for (const d of [100, 1000, 10000]) {
      for (const eps of [0.05, 0.2, 0.6, 1.1]) {
        const sigma = 0.8 * Math.pow(d, 0.25);
        const direct = (rng: Stream, n: number): boolean => gaussianRobustOk(rng, d, sigma, n, eps);
        const ev = meanRobustOkAcrossN(d, sigma, eps, Z99, direct);
        for (let t = 0; t < 20; t++) {
          const trial = new Stream(`ends/${d}/${eps}`).child('trial', t);
          const s = meanRobustSetOf(normalVector(new Stream(trial.seed), d), sigma, eps, Z99);
          expect(s).not.toBeNull();
          const ends = [s!.aLo].filter((a) => Number.isFinite(a) && a > 0);
          for (const a of ends) {
            for (const f of [1 - 1e-3, 1 - 1e-6, 1 - 1e-9, 1, 1 + 1e-9, 1 + 1e-6, 1 + 1e-3]) {
              const n = (sigma * a * f) ** 2;
              const got = ev(n, trial);
              expect(got).toBe(direct(new Stream(trial.seed), n));
              if (got) holds++;
              else fails++;
            }
          }
        }
      }
    }
    expect(holds).toBeGreaterThan(50);
    expect(fails).toBeGreaterThan(50);
  });

  it('(ε − 1)√d + z₀.₉₉σ > 0: the set is empty and no n holds directly; < 0: it is [a_lo, ∞)', () => {
    for (const [d, sigma, eps] of [
      [50, 1.5, 0.6],
      [100, 3, 0.35],
      [1000, 5, 0.7],
      [100, 1, 0.2],
    ]) {
      const c = (eps - 1) * Math.sqrt(d) + Z99 * sigma;
      for (let t = 0; t < 20; t++) {
        const trial = new Stream(`sign/${d}/${eps}`).child('trial', t);
        const s = meanRobustSetOf(normalVector(new Stream(trial.seed), d), sigma, eps, Z99);
        expect(s).not.toBeNull();
        if (c > 0) expect(s!.aLo).toBe(Infinity);
        else expect(s!.aLo).toBeLessThan(Infinity);
        for (const n of [0.01, 1, 10, 100, 1e4, 1e8]) {
          expect(gaussianRobustOk(new Stream(trial.seed), d, sigma, n, eps)).toBe(Math.sqrt(n) / sigma >= s!.aLo);
        }
      }
    }
  });
});

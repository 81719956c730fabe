import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Stream } from '../src/core/random/stream.js';
import { findThreshold, thresholdCheck } from '../src/core/checks/threshold.js';
import type { DecisionContext } from '../src/core/claim/types.js';

/** A synthetic property with a known threshold: P(E_v) = 0.99 for v ≥ t, 0.3 below. */
const stepEvent =
  (t: number) =>
  (v: number, rng: Stream): boolean =>
    rng.uniform() < (v >= t ? 0.99 : 0.3);

const ctx = (seed: string, trials = 400): DecisionContext => ({
  rng: new Stream(seed),
  alpha: 1e-3,
  beta: 0.1,
  budget: { configurations: 1, trials },
  profile: 'standard',
  constants: {},
  progress: () => {},
});

describe('threshold search (bisection with an SPRT per probe)', () => {
  test.prop([fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 1e6 })], { numRuns: 25 })(
    'finds an integer threshold exactly (holds-above)',
    (t, seed) => {
      const r = findThreshold({
        event: stepEvent(t),
        p0: 0.9,
        delta: 0.1,
        alpha: 1e-3,
        beta: 0.1,
        cap: 400,
        rng: new Stream(`th/${seed}`),
        lo: 1,
        hi: 8192,
        integer: true,
      });
      expect(r.holdsAt).toBe(t);
      expect(r.failsAt).toBe(t === 1 ? null : t - 1);
    },
  );

  test.prop([fc.double({ min: 0.1, max: 5, noNaN: true }), fc.integer({ min: 0, max: 1e6 })], { numRuns: 25 })(
    'brackets a real threshold to the relative tolerance (holds-below)',
    (t, seed) => {
      const r = findThreshold({
        event: (v, rng) => rng.uniform() < (v <= t ? 0.99 : 0.3),
        p0: 0.9,
        delta: 0.1,
        alpha: 1e-3,
        beta: 0.1,
        cap: 400,
        rng: new Stream(`tb/${seed}`),
        lo: 0.05,
        hi: 10,
        integer: false,
        relTol: 0.01,
        direction: 'holds-below',
      });
      expect(r.holdsAt as number).toBeLessThanOrEqual(t);
      expect(r.failsAt as number).toBeGreaterThan(t);
      expect((r.failsAt as number) / (r.holdsAt as number)).toBeLessThanOrEqual(1.01 + 1e-12);
    },
  );

  test.prop([fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 1e6 })], { numRuns: 15 })(
    'finds an integer threshold exactly (holds-below, galloping from lo)',
    (t, seed) => {
      const r = findThreshold({
        event: (v, rng) => rng.uniform() < (v <= t ? 0.99 : 0.3),
        p0: 0.9,
        delta: 0.1,
        alpha: 1e-3,
        beta: 0.1,
        cap: 400,
        rng: new Stream(`tl/${seed}`),
        lo: 1,
        hi: 1 << 16,
        integer: true,
        direction: 'holds-below',
      });
      expect(r.holdsAt).toBe(t);
      expect(r.failsAt).toBe(t + 1);
      expect(Math.max(...r.probes.map((p) => p.value))).toBeLessThanOrEqual(4 * t + 2);
    },
  );

  test('a property that never holds in range is reported as such', () => {
    const r = findThreshold({
      event: () => false,
      p0: 0.9,
      delta: 0.1,
      alpha: 1e-3,
      beta: 0.1,
      cap: 100,
      rng: new Stream('never'),
      lo: 1,
      hi: 1000,
      integer: true,
    });
    expect(r.holdsAt).toBeNull();
  });

  const check = thresholdCheck<{ t: number; lower: number; upper: number }>({
    name: 'synthetic',
    describe: 'synthetic step property',
    event: (p, v, rng) => stepEvent(p.t)(v, rng),
    target: () => 0.9,
    delta: 0.1,
    search: () => ({ lo: 1, hi: 4096, integer: true }),
    bounds: (p) => ({ lower: p.lower, upper: p.upper }),
  });

  test('the check verifies a true bracket and rejects a wrong upper or lower bound with a small p-value', () => {
    const ok = check.decide({ t: 100, lower: 50, upper: 200 }, ctx('ok'));
    expect(ok.sufficient).toBe(true);
    expect(ok.evidence.estimate).toBe(100);
    expect(ok.evidence.ci).toEqual([100, 100]);
    const up = check.decide({ t: 100, lower: 50, upper: 80 }, ctx('up'));
    expect(up.sufficient).toBe(false);
    expect(up.evidence.pValue).toBeLessThanOrEqual(1e-3);
    const lo = check.decide({ t: 100, lower: 150, upper: 300 }, ctx('lo'));
    expect(lo.sufficient).toBe(false);
    expect(lo.evidence.pValue).toBeLessThanOrEqual(1e-3);
  });

  test('same seed ⇒ same decision (trials on named streams)', () => {
    const a = check.decide({ t: 37, lower: 10, upper: 90 }, ctx('det'));
    const b = check.decide({ t: 37, lower: 10, upper: 90 }, ctx('det'));
    expect(JSON.stringify(a.evidence)).toBe(JSON.stringify(b.evidence));
  });
});

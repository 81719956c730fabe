import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { beta, binomial, chiSquare, normalVector, rademacherVector, spherePoint } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';
import { norm2 } from '../src/core/linalg/kernels.js';
import { RunningMoments } from '../src/core/stats/moments.js';

/** |mean − μ| within 5 standard errors (a fixed seed, so this is deterministic; 5σ makes a wrong moment fail). */
function expectMoment(xs: number[], mu: number, sd: number): void {
  const m = new RunningMoments();
  xs.forEach((x) => m.push(x));
  expect(Math.abs(m.mean - mu), `mean ${m.mean} vs ${mu}`).toBeLessThan((5 * sd) / Math.sqrt(xs.length));
}

describe('seeded streams', () => {
  it('same seed ⇒ same values; children are independent of parent consumption', () => {
    const a = new Stream('s');
    const b = new Stream('s');
    expect([a.uniform(), a.normal()]).toEqual([b.uniform(), b.normal()]);
    const c1 = new Stream('s').child('trial', 3).normal();
    const p = new Stream('s');
    p.normal();
    expect(p.child('trial', 3).normal()).toBe(c1);
  });
  test.prop([fc.integer({ min: 1, max: 50 })])('uniform in (0, 1)', (seed) => {
    const r = new Stream(seed);
    for (let i = 0; i < 100; i++) {
      const u = r.uniform();
      expect(u > 0 && u < 1).toBe(true);
    }
  });
});

describe('sampler moments (n = 20000, fixed seed)', () => {
  const n = 20000;
  it('normal: mean 0, variance 1, E z⁴ = 3', () => {
    const z = Array.from(normalVector(new Stream('n'), n));
    expectMoment(z, 0, 1);
    expectMoment(
      z.map((v) => v * v),
      1,
      Math.SQRT2,
    );
    expectMoment(
      z.map((v) => v ** 4),
      3,
      Math.sqrt(96),
    );
  });
  it('Rademacher: ±1, mean 0', () => {
    const s = Array.from(rademacherVector(new Stream('r'), n));
    expect(s.every((v) => v === 1 || v === -1)).toBe(true);
    expectMoment(s, 0, 1);
  });
  it('sphere: radius √d exactly, coordinates with mean 0 and E x_j² = 1', () => {
    const r = new Stream('sph');
    const xs: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const x = spherePoint(r.child('p', i), 10);
      expect(norm2(x)).toBeCloseTo(Math.sqrt(10), 12);
      xs.push(x[0] * x[0]);
    }
    expectMoment(xs, 1, Math.sqrt(2));
  });
  it('χ²_ν mean ν, variance 2ν; Beta(a, b) mean a/(a+b); Binomial(n, p) mean np', () => {
    const r = new Stream('cb');
    expectMoment(
      Array.from({ length: n }, () => chiSquare(r, 7)),
      7,
      Math.sqrt(14),
    );
    expectMoment(
      Array.from({ length: n }, () => beta(r, 2, 5)),
      2 / 7,
      Math.sqrt((2 * 5) / (49 * 8)),
    );
    expectMoment(
      Array.from({ length: 5000 }, () => binomial(r, 1000, 0.3)),
      300,
      Math.sqrt(210),
    );
    expectMoment(
      Array.from({ length: 5000 }, () => binomial(r, 20, 0.9)),
      18,
      Math.sqrt(1.8),
    );
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { etaRel, flips, theoremStep, type GradientRay } from '../src/attacks/oneStep.js';
import { gradientStability } from '../src/attacks/gradientStability.js';
import { inputGradient, sampleTwoLayerNet, type TwoLayerNet } from '../src/nets/twoLayer.js';
import { spherePoint } from '../src/random/samplers.js';
import { Stream } from '../src/random/stream.js';

/**
 * Oracle properties of src/attacks/oneStep.ts and gradientStability.ts on rays and nets whose
 * answers are known in closed form or computed independently: a quadratic ray with a known root
 * for η_rel, the theorem's step written out, and ρ(R) against gradients evaluated directly at
 * the attack's starting points and an analytic upper bound.
 */

/** The ray of g(t) = f + g2·t + c·t² (c = 0: the linear net, whose flip is exactly at η_rel = 1). */
function quadraticRay(f: number, g2: number, c: number): GradientRay {
  return { f, gradNormSq: g2, fAlong: (t) => f + g2 * t + c * t * t };
}

/** Smallest η > 0 with sign g(η·u) ≠ sign f for u = −f/g2, from the quadratic formula (Infinity if none). */
function exactEtaRel(f: number, g2: number, c: number): number {
  // h(η) = g(ηu) / f = 1 − η + (c f / g2²) η²: the first positive root of h.
  const q = (c * f) / (g2 * g2);
  if (q === 0) return 1;
  const disc = 1 - 4 * q;
  if (disc < 0) return Infinity;
  const r1 = 2 / (1 + Math.sqrt(disc)); // = (1 − √disc)/(2q), without cancellation
  const r2 = (1 + Math.sqrt(disc)) / (2 * q);
  const pos = [r1, r2].filter((r) => r > 0).sort((a, b) => a - b);
  return pos.length ? pos[0] : Infinity;
}

const nonzero = fc.double({ min: 0.05, max: 5, noNaN: true }).chain((m) => fc.constantFrom(m, -m));

describe('the one-step attack (oneStep.ts)', () => {
  test.prop([nonzero, fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 4, noNaN: true }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.constantFrom<1 | -1>(1, -1), fc.double({ min: 0.1, max: 3, noNaN: true })])(
    'theoremStep = sign·sign f(x)·scale·C3·√log(1/γ)/‖∇f‖²',
    (f, g2, c3, gamma, sign, scale) => {
      const ray = quadraticRay(f, g2, 0);
      expect(theoremStep(ray, c3, gamma, sign, scale)).toBeCloseTo((sign * Math.sign(f) * scale * c3 * Math.sqrt(Math.log(1 / gamma))) / g2, 10);
      // Defaults: the theorem's sign (−1, towards the boundary) and scale 1.
      expect(theoremStep(ray, c3, gamma)).toBeCloseTo((-Math.sign(f) * c3 * Math.sqrt(Math.log(1 / gamma))) / g2, 10);
      expect(theoremStep(quadraticRay(f, 0, 0), c3, gamma)).toBe(0);
    },
  );

  it('theoremStep names γ outside (0, 1)', () => {
    for (const g of [0, 1, -0.5, 2, NaN]) expect(() => theoremStep(quadraticRay(1, 1, 0), 1, g)).toThrow(`theoremStep: gamma must be in (0, 1), got ${g}`);
  });

  test.prop([nonzero, fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: -20, max: 20, noNaN: true })])('flips ⇔ the sign of f(x + η∇f) is opposite (linear ray: f + η‖∇f‖²)', (f, g2, eta) => {
    const ray = quadraticRay(f, g2, 0);
    const after = f + g2 * eta;
    expect(flips(ray, eta)).toBe(eta !== 0 && Math.sign(after) === -Math.sign(f));
  });

  it('flips: f(x) = 0, η = 0 and non-finite η never flip', () => {
    expect(flips(quadraticRay(0, 1, 0), -1)).toBe(false);
    expect(flips(quadraticRay(1, 1, 0), 0)).toBe(false);
    // fAlong(±∞) of a linear ray has the opposite sign to f for one of the two infinities: still no flip.
    for (const eta of [Infinity, -Infinity, NaN]) expect(flips(quadraticRay(1, 1, 0), eta)).toBe(false);
    expect(flips(quadraticRay(1, 1, 0), -2)).toBe(true);
    expect(flips(quadraticRay(-1, 1, 0), 2)).toBe(true);
    expect(flips(quadraticRay(-1, 1, 0), 0.5)).toBe(false);
  });

  test.prop([nonzero, fc.double({ min: 0.05, max: 10, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true })])('etaRel = the first root of f(x − η f ∇f/‖∇f‖²) (quadratic ray, to 1e-8)', (f, g2, c) => {
    const want = exactEtaRel(f, g2, c);
    const got = etaRel(quadraticRay(f, g2, c));
    // The grid (h = 0.01, up to 20) finds a root only if some grid point lies beyond it with the sign still flipped.
    if (want <= 20 - 0.01 && Number.isFinite(want)) {
      const flippedOnGrid = Array.from({ length: 2000 }, (_, i) => (i + 1) * 0.01).some((e) => e >= want && Math.sign(quadraticRay(f, g2, c).fAlong((e * -f) / g2)) !== Math.sign(f));
      if (flippedOnGrid) {
        // The bisection may stop at a later root only when the first sign change is skipped by the grid (a double crossing within one cell).
        if (got < want + 0.01) expect(got).toBeCloseTo(want, 8);
        else expect(got).toBeGreaterThan(want);
      }
    }
    if (!Number.isFinite(want)) expect(got).toBe(Infinity);
  });

  it('etaRel: exactly 1 for a linear net; Infinity without a gradient, at f = 0 or past the grid', () => {
    expect(etaRel(quadraticRay(0.7, 2.5, 0))).toBeCloseTo(1, 9);
    expect(etaRel(quadraticRay(-1.3, 0.4, 0))).toBeCloseTo(1, 9);
    expect(etaRel(quadraticRay(1, 0, 0))).toBe(Infinity);
    expect(etaRel(quadraticRay(0, 1, 0))).toBe(Infinity);
    // A flip at η_rel = 1 is beyond a grid that ends at 0.5; the grid spacing sets where bisection starts.
    expect(etaRel(quadraticRay(1, 1, 0), 0.5)).toBe(Infinity);
    expect(etaRel(quadraticRay(1, 1, 0), 2, 0.3)).toBeCloseTo(1, 9);
    expect(etaRel(quadraticRay(1, 1, 0), 2, 0.01, 1e-3)).toBeGreaterThanOrEqual(1);
    expect(etaRel(quadraticRay(1, 1, 0), 2, 0.01, 1e-3)).toBeLessThanOrEqual(1 + 1e-3);
  });
});

/** ‖∇f(x + δ) − ∇f(x)‖/‖∇f(x)‖ from inputGradient (independent of the attack's own gradient code). */
function ratioAt(net: TwoLayerNet, x: Float64Array, delta: Float64Array): number {
  const g0 = inputGradient(net, x);
  const g = inputGradient(net, x.map((v, j) => v + delta[j]));
  let num = 0;
  let den = 0;
  for (let j = 0; j < x.length; j++) {
    num += (g[j] - g0[j]) ** 2;
    den += g0[j] ** 2;
  }
  return Math.sqrt(num / den);
}

const norm = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

describe('gradient stability attack (gradientStability.ts)', () => {
  const smallNet = fc.record({ seed: fc.integer({ min: 0, max: 1e6 }), d: fc.integer({ min: 2, max: 12 }), k: fc.integer({ min: 1, max: 12 }), activation: fc.constantFrom('tanh', 'softplus', 'gelu', 'sigmoid-centred'), radius: fc.double({ min: 0.05, max: 3, noNaN: true }) });

  test.prop([smallNet], { numRuns: 40 })('‖∇f(x)‖ exact; ρ ≥ the ratio at the starts ±R∇f/‖∇f‖ and the random starts; ρ ≤ 2·sup|σ′|·Σ|a_l|‖w_l‖/(√k‖∇f‖)', ({ seed, d, k, activation, radius }) => {
    const rng = new Stream(seed);
    const net = sampleTwoLayerNet(rng.child('net'), d, k, activation);
    const x = spherePoint(rng.child('x'), d);
    const attackRng = rng.child('attack');
    const { rho, gradNorm } = gradientStability(net, x, radius, attackRng);
    const g0 = inputGradient(net, x);
    expect(gradNorm).toBeCloseTo(norm(g0), 10);
    const starts: Float64Array[] = [g0.map((v) => (radius * v) / norm(g0)), g0.map((v) => (-radius * v) / norm(g0))];
    for (let i = 0; i < 2; i++) starts.push(spherePoint(attackRng.child('start', i), d, radius));
    for (const s of starts) expect(rho).toBeGreaterThanOrEqual(ratioAt(net, x, s) * (1 - 1e-9));
    let bound = 0;
    for (let l = 0; l < k; l++) bound += Math.abs(net.a[l]) * norm(net.W.subarray(l * d, (l + 1) * d));
    expect(rho).toBeLessThanOrEqual((2 * net.act.lipschitz * bound) / (Math.sqrt(k) * norm(g0)) + 1e-12);
    // The ratio does not depend on how ∇f is scaled (a broken implementation's gradScale).
    const scaled = gradientStability(net, x, radius, rng.child('attack'), { gradScale: 3 });
    expect(scaled.gradNorm).toBeCloseTo(3 * norm(g0), 9);
    expect(scaled.rho).toBeCloseTo(rho, 8);
  });

  it('ascent improves on its starting points on most nets, and more random starts never lower ρ', () => {
    let improved = 0;
    const trials = 20;
    for (let s = 0; s < trials; s++) {
      const rng = new Stream(`attacks-oracles/ascent/${s}`);
      const net = sampleTwoLayerNet(rng.child('net'), 8, 16, 'tanh');
      const x = spherePoint(rng.child('x'), 8);
      const none = gradientStability(net, x, 1.5, rng.child('a'), { steps: 0, randomStarts: 0 });
      const some = gradientStability(net, x, 1.5, rng.child('a'), { steps: 12, randomStarts: 0 });
      expect(some.rho).toBeGreaterThanOrEqual(none.rho);
      if (some.rho > none.rho * (1 + 1e-6)) improved++;
      const more = gradientStability(net, x, 1.5, rng.child('a'), { steps: 12, randomStarts: 4 });
      expect(more.rho).toBeGreaterThanOrEqual(gradientStability(net, x, 1.5, rng.child('a'), { steps: 12, randomStarts: 2 }).rho);
    }
    expect(improved).toBeGreaterThanOrEqual(trials * 0.8);
  });

  it('ρ stays inside the ball: on the identity activation ∇f is constant, ρ = 0; a net without gradient gives ρ = ∞', () => {
    const rng = new Stream('attacks-oracles/linear');
    const net = sampleTwoLayerNet(rng.child('net'), 6, 5, 'identity');
    const x = spherePoint(rng.child('x'), 6);
    expect(gradientStability(net, x, 2, rng.child('a')).rho).toBeLessThan(1e-12);
    const dead = { ...net, a: new Float64Array(5) };
    expect(gradientStability(dead, x, 2, rng.child('a'))).toEqual({ rho: Infinity, gradNorm: 0 });
  });
});

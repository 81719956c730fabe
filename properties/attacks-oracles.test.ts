import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { etaRel, flips, theoremStep, type GradientRay } from '../src/papers/bubeck/model/oneStep.js';
import { gradientStability } from '../src/papers/bubeck/model/gradientStability.js';
import {
  binarizedWorstMargin,
  linearModel,
  linfWorstCase,
  linfWorstCaseBoxed,
  linfWorstMargin,
  linfWorstMarginBoxed,
  pgdLinf,
} from '../src/papers/schmidt/model/linfLinear.js';
import { pgdAttack } from '../src/papers/vardi/model/pgd.js';
import { marginAlongUniversal, universalPerturbation, universalProjections } from '../src/papers/vardi/model/universal.js';
import type { NetTrace } from '../src/papers/vardi/model/netTrace.js';
import { inputGradient, sampleTwoLayerNet, type TwoLayerNet } from '../src/papers/bubeck/model/twoLayer.js';
import { spherePoint } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';

/**
 * Oracle properties of src/papers/bubeck/model/oneStep.ts and gradientStability.ts on rays and nets whose
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
  test.prop([
    nonzero,
    fc.double({ min: 0.01, max: 10, noNaN: true }),
    fc.double({ min: 0.1, max: 4, noNaN: true }),
    fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    fc.constantFrom<1 | -1>(1, -1),
    fc.double({ min: 0.1, max: 3, noNaN: true }),
  ])('theoremStep = sign·sign f(x)·scale·C3·√log(1/γ)/‖∇f‖²', (f, g2, c3, gamma, sign, scale) => {
    const ray = quadraticRay(f, g2, 0);
    expect(theoremStep(ray, c3, gamma, sign, scale)).toBeCloseTo((sign * Math.sign(f) * scale * c3 * Math.sqrt(Math.log(1 / gamma))) / g2, 10);
    // Defaults: the theorem's sign (−1, towards the boundary) and scale 1.
    expect(theoremStep(ray, c3, gamma)).toBeCloseTo((-Math.sign(f) * c3 * Math.sqrt(Math.log(1 / gamma))) / g2, 10);
    expect(theoremStep(quadraticRay(f, 0, 0), c3, gamma)).toBe(0);
  });

  it('theoremStep names γ outside (0, 1)', () => {
    for (const g of [0, 1, -0.5, 2, NaN]) expect(() => theoremStep(quadraticRay(1, 1, 0), 1, g)).toThrow(`theoremStep: gamma must be in (0, 1), got ${g}`);
  });

  test.prop([nonzero, fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: -20, max: 20, noNaN: true })])(
    'flips ⇔ the sign of f(x + η∇f) is opposite (linear ray: f + η‖∇f‖²)',
    (f, g2, eta) => {
      const ray = quadraticRay(f, g2, 0);
      const after = f + g2 * eta;
      expect(flips(ray, eta)).toBe(eta !== 0 && Math.sign(after) === -Math.sign(f));
    },
  );

  it('flips: f(x) = 0, η = 0 and non-finite η never flip', () => {
    expect(flips(quadraticRay(0, 1, 0), -1)).toBe(false);
    expect(flips(quadraticRay(1, 1, 0), 0)).toBe(false);
    // fAlong(±∞) of a linear ray has the opposite sign to f for one of the two infinities: still no flip.
    for (const eta of [Infinity, -Infinity, NaN]) expect(flips(quadraticRay(1, 1, 0), eta)).toBe(false);
    expect(flips(quadraticRay(1, 1, 0), -2)).toBe(true);
    expect(flips(quadraticRay(-1, 1, 0), 2)).toBe(true);
    expect(flips(quadraticRay(-1, 1, 0), 0.5)).toBe(false);
  });

  test.prop([nonzero, fc.double({ min: 0.05, max: 10, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true })])(
    'etaRel = the first root of f(x − η f ∇f/‖∇f‖²) (quadratic ray, to 1e-8)',
    (f, g2, c) => {
      const want = exactEtaRel(f, g2, c);
      const got = etaRel(quadraticRay(f, g2, c));
      // The grid (h = 0.01, up to 20) finds a root only if some grid point lies beyond it with the sign still flipped.
      if (want <= 20 - 0.01 && Number.isFinite(want)) {
        const flippedOnGrid = Array.from({ length: 2000 }, (_, i) => (i + 1) * 0.01).some(
          (e) => e >= want && Math.sign(quadraticRay(f, g2, c).fAlong((e * -f) / g2)) !== Math.sign(f),
        );
        if (flippedOnGrid) {
          // The bisection may stop at a later root only when the first sign change is skipped by the grid (a double crossing within one cell).
          if (got < want + 0.01) expect(got).toBeCloseTo(want, 8);
          else expect(got).toBeGreaterThan(want);
        }
      }
      if (!Number.isFinite(want)) expect(got).toBe(Infinity);
    },
  );

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
  const g = inputGradient(
    net,
    x.map((v, j) => v + delta[j]),
  );
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
  const smallNet = fc.record({
    seed: fc.integer({ min: 0, max: 1e6 }),
    d: fc.integer({ min: 2, max: 12 }),
    k: fc.integer({ min: 1, max: 12 }),
    activation: fc.constantFrom('tanh', 'softplus', 'gelu', 'sigmoid-centred'),
    radius: fc.double({ min: 0.05, max: 3, noNaN: true }),
  });

  test.prop([smallNet], { numRuns: 40 })(
    '‖∇f(x)‖ exact; ρ ≥ the ratio at the starts ±R∇f/‖∇f‖ and the random starts; ρ ≤ 2·sup|σ′|·Σ|a_l|‖w_l‖/(√k‖∇f‖)',
    ({ seed, d, k, activation, radius }) => {
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
    },
  );

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

// ---------------------------------------------------------------------------------------------
// ℓ∞ attacks on linear classifiers (linfLinear.ts) against per-coordinate brute force
// ---------------------------------------------------------------------------------------------

const vec = (len: number, min: number, max: number) =>
  fc.array(fc.double({ min, max, noNaN: true }), { minLength: len, maxLength: len }).map((a) => Float64Array.from(a));
const linearCase = fc.integer({ min: 1, max: 8 }).chain((d) =>
  fc.record({
    w: vec(d, -2, 2),
    x: vec(d, 0, 1),
    y: fc.constantFrom(1, -1),
    eps: fc.double({ min: 0, max: 0.6, noNaN: true }),
    b: fc.double({ min: -1, max: 1, noNaN: true }),
  }),
);

/** min over x′_j ∈ [max(lo, x_j − ε), min(hi, x_j + ε)] of y·w_j·x′_j, coordinate by coordinate (both ends tried). */
function bruteBoxedMargin(w: Float64Array, b: number, x: Float64Array, y: number, eps: number, lo: number, hi: number): number {
  let s = y * b;
  for (let j = 0; j < x.length; j++) s += Math.min(y * w[j] * Math.max(lo, x[j] - eps), y * w[j] * Math.min(hi, x[j] + eps));
  return s;
}

/** The binarised margin's worst case by trying B = 0 and B = 1 wherever some x′_j in reach gives it. */
function bruteBinarized(w: Float64Array, b: number, x: Float64Array, y: number, eps: number, cut: number): number {
  let s = y * b;
  for (let j = 0; j < x.length; j++) {
    const reach = [Math.max(0, x[j] - eps), x[j], Math.min(1, x[j] + eps), cut].filter((v) => v >= Math.max(0, x[j] - eps) && v <= Math.min(1, x[j] + eps));
    s += Math.min(...reach.map((v) => (v >= cut ? y * w[j] : 0)));
  }
  return s;
}

describe('ℓ∞ attacks on linear classifiers (linfLinear.ts)', () => {
  test.prop([linearCase])(
    'worst cases: unconstrained = y(⟨w, x⟩ + b) − ε‖w‖₁ at x − yε·sgn w; boxed and binarised = brute force per coordinate',
    ({ w, x, y, eps, b }) => {
      const xp = linfWorstCase(w, x, y, eps);
      expect(xp.length).toBe(x.length);
      let m = b;
      for (let j = 0; j < x.length; j++) {
        expect(Math.abs(xp[j] - x[j])).toBeLessThanOrEqual(eps + 1e-12);
        m += w[j] * xp[j];
      }
      expect(linfWorstMargin(w, x, y, eps, b)).toBeCloseTo(y * m, 10);
      const boxed = linfWorstCaseBoxed(w, x, y, eps);
      boxed.forEach((v, j) => {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(Math.abs(v - x[j])).toBeLessThanOrEqual(eps + 1e-12);
      });
      expect(linfWorstMarginBoxed(w, b, x, y, eps)).toBeCloseTo(bruteBoxedMargin(w, b, x, y, eps, 0, 1), 10);
      expect(linfWorstMarginBoxed(w, b, x, y, eps, -0.2, 1.3)).toBeCloseTo(bruteBoxedMargin(w, b, x, y, eps, -0.2, 1.3), 10);
      for (const cut of [0.5, 0.3]) expect(binarizedWorstMargin(w, b, x, y, eps, cut)).toBeCloseTo(bruteBinarized(w, b, x, y, eps, cut), 10);
    },
  );

  test.prop([linearCase, fc.integer({ min: 0, max: 1e6 })], { numRuns: 60 })(
    'generic PGD never beats the exact worst case and reaches it on a linear model (unconstrained and boxed)',
    ({ w, x, y, eps, b }, seed) => {
      const model = linearModel(w, b);
      const free = pgdLinf(model, x, y, eps, { steps: 20, restarts: 2, rng: new Stream(seed) });
      const exact = linfWorstMargin(w, x, y, eps, b);
      expect(free.margin).toBeGreaterThanOrEqual(exact - 1e-9);
      expect(free.margin).toBeCloseTo(exact, 9); // sign steps of 2.5ε/20 reach every corner within 8 steps
      free.x.forEach((v, j) => expect(Math.abs(v - x[j])).toBeLessThanOrEqual(eps + 1e-12));
      const boxed = pgdLinf(model, x, y, eps, { steps: 20, restarts: 2, rng: new Stream(seed), box: [0, 1] });
      expect(boxed.margin).toBeCloseTo(bruteBoxedMargin(w, b, x, y, eps, 0, 1), 9);
      boxed.x.forEach((v) => expect(v >= 0 && v <= 1).toBe(true));
      // A step size too small to move (1e-9 per step) stays at the clean margin unless restarts move it.
      const stuck = pgdLinf(model, x, y, eps, { steps: 3, restarts: 1, stepSize: 0, rng: new Stream(seed) });
      expect(stuck.margin).toBeCloseTo(y * model.f(x), 12);
    },
  );

  it('bad inputs are named: lengths, ε, steps, restarts, points outside the box', () => {
    const w = Float64Array.of(1, 2);
    const x = Float64Array.of(0.5, 0.5);
    expect(() => linfWorstCase(w, Float64Array.of(1), 1, 0.1)).toThrow('linfWorstCase: w and x differ in length (2 vs 1)');
    expect(() => linfWorstMargin(w, Float64Array.of(1), 1, 0.1)).toThrow('linfWorstMargin: w and x differ in length');
    expect(() => linfWorstCaseBoxed(w, Float64Array.of(1), 1, 0.1)).toThrow('linfWorstCaseBoxed: w and x differ in length');
    expect(() => binarizedWorstMargin(w, 0, Float64Array.of(1), 1, 0.1)).toThrow('binarizedWorstMargin: w and x differ in length');
    for (const [api, f] of [
      ['linfWorstCase', () => linfWorstCase(w, x, 1, -1)],
      ['linfWorstMargin', () => linfWorstMargin(w, x, 1, NaN)],
      ['linfWorstCaseBoxed', () => linfWorstCaseBoxed(w, x, 1, Infinity)],
      ['binarizedWorstMargin', () => binarizedWorstMargin(w, 0, x, 1, -0.1)],
      ['pgdLinf', () => pgdLinf(linearModel(w), x, 1, -1, { steps: 1, restarts: 1, rng: new Stream(1) })],
    ] as const) {
      expect(f).toThrow(`${api}: eps must be a finite number ≥ 0`);
    }
    expect(() => linfWorstCaseBoxed(w, Float64Array.of(0.5, 1.5), 1, 0.1)).toThrow('linfWorstCaseBoxed: x[1] = 1.5 is outside the box [0, 1]');
    expect(() => linfWorstCaseBoxed(w, Float64Array.of(-0.5, 0.5), 1, 0.1)).toThrow('linfWorstCaseBoxed: x[0] = -0.5 is outside the box [0, 1]');
    for (const steps of [0, 1.5, -1])
      expect(() => pgdLinf(linearModel(w), x, 1, 0.1, { steps, restarts: 1, rng: new Stream(1) })).toThrow(
        `pgdLinf: steps must be an integer ≥ 1, got ${steps}`,
      );
    for (const restarts of [0, 2.5])
      expect(() => pgdLinf(linearModel(w), x, 1, 0.1, { steps: 1, restarts, rng: new Stream(1) })).toThrow(
        `pgdLinf: restarts must be an integer ≥ 1, got ${restarts}`,
      );
  });
});

// ---------------------------------------------------------------------------------------------
// ℓ2 PGD (pgd.ts) on models whose worst case is known
// ---------------------------------------------------------------------------------------------

describe('ℓ2 PGD (pgd.ts)', () => {
  const l2Case = fc.integer({ min: 1, max: 6 }).chain((d) =>
    fc.record({
      w: vec(d, -2, 2),
      x: vec(d, -1, 1),
      y: fc.constantFrom(1, -1),
      r: fc.double({ min: 0.01, max: 2, noNaN: true }),
      seed: fc.integer({ min: 0, max: 1e6 }),
    }),
  );

  test.prop([l2Case])(
    'on a linear f: never below y⟨w, x⟩ − r‖w‖₂; reaches it, or stops at the first flip when it is negative; δ in the ball; flipped ⇔ margin ≤ 0',
    ({ w, x, y, r, seed }) => {
      const f = (z: Float64Array): number => z.reduce((s, v, j) => s + w[j] * v, 0);
      const nw = norm(w);
      const res = pgdAttack({ f, grad: () => w, x, y, radius: r, rng: new Stream(seed) });
      const exact = y * f(x) - r * nw;
      expect(res.margin).toBeGreaterThanOrEqual(exact - 1e-9);
      // The attack returns as soon as it has flipped the sign (a flip is all the claims need).
      if (exact < -1e-9 || y * f(x) <= 0) expect(res.flipped).toBe(true);
      else if (nw > 1e-6) expect(res.margin).toBeCloseTo(exact, 6);
      expect(norm(res.delta)).toBeLessThanOrEqual(r * (1 + 1e-12));
      expect(res.flipped).toBe(res.margin <= 0);
      expect(res.margin).toBeCloseTo(y * f(x.map((v, j) => v + res.delta[j])), 9);
    },
  );

  it('a concave margin: the minimum over the ball is its farthest point from c (with a zero and a real direction); radius 0; bad options are named', () => {
    // f(z) = 2 − ‖z − c‖²/25 around x = 0: the smallest margin on the unit ball is at −c/‖c‖ = (−0.6, −0.8).
    const c = Float64Array.of(3, 4);
    const f = (z: Float64Array): number => 2 - ((z[0] - c[0]) ** 2 + (z[1] - c[1]) ** 2) / 25;
    const grad = (z: Float64Array): Float64Array => Float64Array.of((-2 * (z[0] - c[0])) / 25, (-2 * (z[1] - c[1])) / 25);
    const x = new Float64Array(2);
    const withDir = pgdAttack({ f, grad, x, y: 1, radius: 1, steps: 1, randomStarts: 0, directions: [new Float64Array(2), c], rng: new Stream(1) });
    expect(withDir.margin).toBeCloseTo(f(Float64Array.of(-0.6, -0.8)), 9);
    expect(norm(withDir.delta)).toBeCloseTo(1, 9);
    const noStarts = pgdAttack({ f, grad, x, y: 1, radius: 0, rng: new Stream(1) });
    expect(noStarts.margin).toBeCloseTo(f(x), 12);
    expect(noStarts.flipped).toBe(false);
    expect(() => pgdAttack({ f, grad, x, y: 1, radius: -1, rng: new Stream(1) })).toThrow('pgdAttack: radius must be a finite number ≥ 0, got -1');
    expect(() => pgdAttack({ f, grad, x, y: 1, radius: Infinity, rng: new Stream(1) })).toThrow('pgdAttack: radius must be a finite number ≥ 0, got Infinity');
    expect(() => pgdAttack({ f, grad, x, y: 1, radius: 1, steps: 0, rng: new Stream(1) })).toThrow('pgdAttack: steps must be an integer ≥ 1, got 0');
    expect(() => pgdAttack({ f, grad, x, y: 1, radius: 1, steps: 2.5, rng: new Stream(1) })).toThrow('pgdAttack: steps must be an integer ≥ 1, got 2.5');
    expect(() => pgdAttack({ f, grad, x, y: 0, radius: 1, rng: new Stream(1) })).toThrow('pgdAttack: y must be ±1, got 0');
  });

  it('random starts reach a minimum that gradient steps from δ = 0 cannot (a flat start)', () => {
    // f = 1 − ‖z‖²·[‖z‖ > 0.5]·2: zero gradient at δ = 0 (the attack stops there), margin −1 beyond radius 0.5.
    const f = (z: Float64Array): number => (norm(z) > 0.5 ? 1 - 4 * norm(z) : 1);
    const grad = (z: Float64Array): Float64Array => (norm(z) > 0.5 ? z.map((v) => (-4 * v) / norm(z)) : new Float64Array(z.length));
    const x = new Float64Array(3);
    const none = pgdAttack({ f, grad, x, y: 1, radius: 1, randomStarts: 0, rng: new Stream(2) });
    expect(none.margin).toBe(1);
    const some = pgdAttack({ f, grad, x, y: 1, radius: 1, randomStarts: 8, rng: new Stream(2) });
    expect(some.margin).toBeLessThanOrEqual(0);
    expect(some.flipped).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Universal perturbation (universal.ts) against a brute-force scan of the margins
// ---------------------------------------------------------------------------------------------

/** A random trace: Z, a, b free (realisable by some net when d ≥ n), K = d·I (orthogonal inputs on the √d-sphere). */
function randomTrace(seed: number, n: number, k: number): NetTrace {
  const rng = new Stream(`universal-oracle/${seed}`);
  const d = Math.max(n, 4);
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++) K[i * n + i] = d;
  const y = Float64Array.from({ length: n }, (_, i) => (i === 0 ? 1 : i === 1 ? -1 : rng.child('y', i).sign()));
  return {
    d,
    k,
    n,
    K,
    y,
    Z: Float64Array.from({ length: k * n }, (_, j) => 2 * rng.child('z', j).normal()),
    a: Float64Array.from({ length: k }, (_, l) => rng.child('a', l).normal()),
    b: Float64Array.from({ length: k }, (_, l) => rng.child('b', l).normal()),
    wNormSq: new Float64Array(k).fill(1),
  };
}

describe('universal perturbation (universal.ts) against a brute-force scan', () => {
  test.prop([fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 8 })], { numRuns: 60 })(
    'η_min(i) and η_all are at most the first grid point where the margins are negative, and the margins are ≥ 0 before them',
    (seed, n, k) => {
      const t = randomTrace(seed, n, k);
      const v = universalProjections(t);
      // v_l = Σ_j y_j (z_lj − b_l), computed here directly.
      for (let l = 0; l < k; l++)
        expect(v[l]).toBeCloseTo(
          t.y.reduce((s, yj, j) => s + yj * (t.Z[l * n + j] - t.b[l]), 0),
          10,
        );
      const margin = (i: number, eta: number): number => {
        let f = 0;
        for (let l = 0; l < k; l++) f += t.a[l] * Math.max(0, t.Z[l * n + i] - eta * t.y[i] * v[l]);
        return t.y[i] * f;
      };
      const up = universalPerturbation(t);
      let u2 = 0;
      for (let i = 0; i < n; i++) u2 += t.K[i * n + i];
      expect(up.uNorm).toBeCloseTo(Math.sqrt(u2), 10);
      const grid = [...Array.from({ length: 4000 }, (_, g) => (g * 20) / 4000), 1e3, 1e6];
      for (let i = 0; i < n; i++) {
        expect(marginAlongUniversal(t, v, i, 0.7)).toBeCloseTo(margin(i, 0.7), 10);
        const first = grid.find((e) => margin(i, e) < -1e-9);
        if (first !== undefined) expect(up.etaMin[i]).toBeLessThanOrEqual(first + 1e-12);
        else expect(up.etaMin[i]).toBe(Infinity);
        const e = up.etaMin[i];
        if (Number.isFinite(e)) {
          expect(margin(i, e * (1 + 1e-6) + 1e-9)).toBeLessThan(1e-9);
          for (const g of grid) if (g < e * (1 - 1e-9)) expect(margin(i, g)).toBeGreaterThanOrEqual(-1e-9);
        }
        expect(up.deltaMin[i]).toBe(e * up.uNorm);
      }
      expect(up.maxDeltaMin).toBe(Math.max(0, ...Array.from(up.deltaMin)));
      const joint = grid.find((e) => Array.from({ length: n }, (_, i) => margin(i, e) < -1e-9).every(Boolean));
      if (joint !== undefined) {
        expect(up.etaAll).toBeLessThanOrEqual(joint + 1e-12);
        expect(up.confirmed).toBe(true);
      } else expect(up.etaAll).toBe(Infinity);
      if (Number.isFinite(up.etaAll)) {
        for (const g of grid) if (g < up.etaAll * (1 - 1e-9)) expect(Array.from({ length: n }, (_, i) => margin(i, g) < -1e-9).every(Boolean)).toBe(false);
        expect(up.deltaAll).toBe(up.etaAll * up.uNorm);
      } else expect(up.confirmed).toBe(false);
    },
  );
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { forward, initTheta, inputGradient, marginGradient, margins, preActivations, thetaLength } from '../src/papers/vardi/model/biasedRelu.js';
import { scaleTrace, traceMargins, traceOfTheta, traceThetaNormSq } from '../src/papers/vardi/model/netTrace.js';
import { normalVector, spherePoint } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';

/** A random net at unit scale (so pre-activations are O(1) and kinks are rare). */
function draw(seed: number, d: number, k: number) {
  const rng = new Stream(`vardi-net/${seed}`);
  const s = { d, k };
  const theta = initTheta(rng.child('theta'), s, 1);
  theta.set(normalVector(rng.child('b'), k, 0.5), k * d);
  return { s, theta, x: spherePoint(rng.child('x'), d), y: rng.sign() };
}

const dims = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 1e9 }));

describe('biased ReLU net f_θ(x) = Σ a_l relu(w_l·x + b_l)', () => {
  test.prop([dims])('∇_θ q and ∇_x f match central finite differences away from kinks', ([d, k, seed]) => {
    const { s, theta, x, y } = draw(seed, d, k);
    const z = preActivations(theta, s, x);
    const h = 1e-6;
    // Skip draws with a pre-activation within the FD stencil's reach of the kink.
    fc.pre(z.every((v) => Math.abs(v) > 1e-3));
    const g = marginGradient(theta, s, x, y);
    for (let j = 0; j < theta.length; j++) {
      const tp = theta.slice();
      const tm = theta.slice();
      tp[j] += h;
      tm[j] -= h;
      const fd = (y * forward(tp, s, x) - y * forward(tm, s, x)) / (2 * h);
      expect(Math.abs(fd - g[j]), `θ[${j}]: analytic ${g[j]}, FD ${fd}`).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(g[j])));
    }
    const gx = inputGradient(theta, s, x);
    for (let j = 0; j < d; j++) {
      const xp = x.slice();
      const xm = x.slice();
      xp[j] += h;
      xm[j] -= h;
      const fd = (forward(theta, s, xp) - forward(theta, s, xm)) / (2 * h);
      expect(Math.abs(fd - gx[j]), `x[${j}]: analytic ${gx[j]}, FD ${fd}`).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(gx[j])));
    }
  });

  test.prop([dims, fc.double({ min: 0.01, max: 100, noNaN: true })])('2-homogeneity: ⟨θ, ∇q⟩ = 2q and f_{tθ} = t² f_θ', ([d, k, seed], t) => {
    const { s, theta, x, y } = draw(seed, d, k);
    const q = y * forward(theta, s, x);
    const g = marginGradient(theta, s, x, y);
    let ip = 0;
    let scale = 0;
    for (let j = 0; j < theta.length; j++) {
      ip += theta[j] * g[j];
      scale += Math.abs(theta[j] * g[j]);
    }
    expect(Math.abs(ip - 2 * q)).toBeLessThanOrEqual(1e-13 * (scale + 1e-300));
    const ft = forward(
      theta.map((v) => t * v),
      s,
      x,
    );
    expect(Math.abs(ft - t * t * forward(theta, s, x))).toBeLessThanOrEqual(1e-12 * t * t * (scale + 1e-300));
  });

  test.prop([dims, fc.integer({ min: 2, max: 6 })])('the trace (inner products) reproduces margins and ‖θ‖², and scales as θ → cθ', ([d, k, seed], n) => {
    const rng = new Stream(`vardi-trace/${seed}`);
    const s = { d, k };
    const theta = initTheta(rng.child('theta'), s, 1);
    const X = new Float64Array(n * d);
    for (let i = 0; i < n; i++) X.set(spherePoint(rng.child('x', i), d), i * d);
    const y = Float64Array.from({ length: n }, () => rng.sign());
    const t = traceOfTheta(theta, s, X, y);
    const q = margins(theta, s, X, y);
    const qt = traceMargins(t);
    for (let i = 0; i < n; i++) expect(Math.abs(qt[i] - q[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(q[i])));
    let nsq = 0;
    for (const v of theta) nsq += v * v;
    expect(traceThetaNormSq(t)).toBeCloseTo(nsq, 10);
    const t3 = scaleTrace(t, 3);
    const q3 = traceMargins(t3);
    for (let i = 0; i < n; i++) expect(Math.abs(q3[i] - 9 * q[i])).toBeLessThanOrEqual(1e-12 * (1 + 9 * Math.abs(q[i])));
    expect(thetaLength(s)).toBe(k * d + 2 * k);
  });

  it('bad input names the API, parameter and value', () => {
    expect(() => initTheta(new Stream(1), { d: 0, k: 2 }, 1)).toThrow(/initTheta: d must be an integer ≥ 1, got 0/);
    expect(() => initTheta(new Stream(1), { d: 3, k: 2 }, 0)).toThrow(/initTheta: scale must be a finite number > 0, got 0/);
    expect(() => forward(new Float64Array(3), { d: 3, k: 2 }, new Float64Array(3))).toThrow(/preActivations: θ must have length k·d \+ 2k = 10, got 3/);
  });
});

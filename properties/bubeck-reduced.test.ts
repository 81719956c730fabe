import { describe, expect, test } from 'vitest';
import { sampleBubeckTrial, type BubeckTrialParams } from '../src/papers/bubeck/model/bubeckSampler.js';
import { etaRelative, etaRelativeScan } from '../src/papers/bubeck/model/bubeckEta.js';
import { forward, inputGradient, sampleTwoLayerNet } from '../src/papers/bubeck/model/twoLayer.js';
import { spherePoint } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';
import { SEED, CONFIGS, norm } from './bubeck-reduced-battery.js';

describe('exact identities of the two samplers', () => {
  const rng = new Stream(SEED).child('identities');
  const params: BubeckTrialParams[] = [
    ...CONFIGS,
    { d: 2, k: 3, activation: 'sigmoid-centred', outputWeights: 'gaussian', input: 'gaussian' },
    { d: 1_000_000, k: 30, activation: 'tanh', outputWeights: 'rademacher', input: 'sphere' },
  ];

  test('naive fAlong(t) equals forward(x + t∇f(x)) computed literally', () => {
    for (const [i, p] of CONFIGS.entries()) {
      const s = sampleBubeckTrial(p, rng.child('naive-along', i), { method: 'naive' });
      const net = s.coordNet();
      const x = s.xCoords();
      const g = s.gradCoords();
      for (const t of [-3, -0.5, 0.25, 1, 7]) {
        const y = x.map((v, j) => v + t * g[j]);
        const lit = forward(net, y);
        expect(Math.abs(s.fAlong(t) - lit)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(lit)));
      }
      expect(Math.abs(s.gradNormSq - norm(inputGradient(net, x)) ** 2)).toBeLessThanOrEqual(1e-12 * (1 + s.gradNormSq));
    }
  });

  test('reduced: the exact-coordinate net reproduces f, ∇f, ‖∇f‖², W∇f and fAlong', () => {
    for (const [i, p] of params.entries()) {
      const s = sampleBubeckTrial(p, rng.child('reduced-coords', i), { method: 'reduced' });
      expect(s.coordDim).toBe(1 + Math.min(p.k, p.d - 1));
      const net = s.coordNet();
      const x = s.xCoords();
      const tol = (v: number): number => 1e-12 * (1 + Math.abs(v));
      expect(Math.abs(forward(net, x) - s.f)).toBeLessThanOrEqual(tol(s.f));
      const g = inputGradient(net, x);
      const gc = s.gradCoords();
      for (let j = 0; j < g.length; j++) expect(Math.abs(g[j] - gc[j])).toBeLessThanOrEqual(tol(gc[j]));
      expect(Math.abs(norm(g) ** 2 - s.gradNormSq)).toBeLessThanOrEqual(tol(s.gradNormSq));
      const wg = net.W.length ? Array.from({ length: p.k }, (_, l) => g.reduce((acc, gj, j) => acc + net.W[l * s.coordDim + j] * gj, 0)) : [];
      for (let l = 0; l < p.k; l++) expect(Math.abs(wg[l] - s.stepPre[l])).toBeLessThanOrEqual(tol(s.stepPre[l]));
      for (const t of [-2, 0.5, 3]) {
        const lit = forward(
          net,
          x.map((v, j) => v + t * gc[j]),
        );
        expect(Math.abs(s.fAlong(t) - lit)).toBeLessThanOrEqual(tol(lit));
      }
      expect(Math.abs(s.xNormSq - norm(x) ** 2)).toBeLessThanOrEqual(tol(s.xNormSq));
    }
  });

  test('gradAt matches central finite differences of fAt (both methods)', () => {
    const smooth = params.filter((p) => p.activation !== 'relu');
    for (const [i, p] of smooth.entries()) {
      for (const method of ['naive', 'reduced'] as const) {
        if (method === 'naive' && p.d * p.k > 1e6) continue;
        const s = sampleBubeckTrial(p, rng.child(`fd-${method}`, i), { method });
        const delta = s.randomUnitDirection(rng.child('fd-dir', i));
        const g = s.gradAt(delta);
        const h = 1e-5;
        for (let j = 0; j < Math.min(s.coordDim, 6); j++) {
          const dp = delta.slice();
          const dm = delta.slice();
          dp[j] += h;
          dm[j] -= h;
          const fd = (s.fAt(dp) - s.fAt(dm)) / (2 * h);
          expect(Math.abs(fd - g[j])).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(g[j])));
        }
      }
    }
  });

  test('etaRelative (Lipschitz skipping) equals the full grid scan', () => {
    const acts = ['tanh', 'relu', 'softplus', 'gelu', 'identity', 'constant', 'sigmoid-centred'];
    let compared = 0;
    for (const [i, act] of acts.entries()) {
      for (const method of ['naive', 'reduced'] as const) {
        for (let t = 0; t < 40; t++) {
          const p = {
            d: 3 + ((t * 7) % 60),
            k: 2 + ((t * 13) % 50),
            activation: act,
            outputWeights: t % 2 ? 'gaussian' : 'rademacher',
            input: t % 3 ? 'sphere' : 'gaussian',
          } as const;
          const s = sampleBubeckTrial(p, rng.child(`eta-${method}-${i}`, t), { method });
          expect(etaRelative(s), `${act} ${method} trial ${t}`).toBe(etaRelativeScan(s));
          compared++;
        }
      }
    }
    expect(compared).toBe(acts.length * 2 * 40);
  });

  test('identity σ: η_rel = 1 exactly; constant σ: ∇f = 0 and no flip', () => {
    for (const [i, p] of params.entries()) {
      for (const method of ['naive', 'reduced'] as const) {
        if (method === 'naive' && p.d * p.k > 1e6) continue;
        const lin = sampleBubeckTrial({ ...p, activation: 'identity' }, rng.child(`lin-${method}`, i), { method });
        expect(etaRelative(lin)).toBe(1);
        const cst = sampleBubeckTrial({ ...p, activation: 'constant' }, rng.child(`cst-${method}`, i), { method });
        expect(cst.gradNormSq).toBe(0);
        expect(etaRelative(cst)).toBe(Infinity);
      }
    }
  });

  test('deterministic: the same stream gives the same trial; the lazy coordinates do not depend on call order', () => {
    for (const method of ['naive', 'reduced'] as const) {
      const p = { d: 30, k: 20, activation: 'tanh' };
      const a = sampleBubeckTrial(p, new Stream('det'), { method });
      const b = sampleBubeckTrial(p, new Stream('det'), { method });
      const delta = a.randomUnitDirection(new Stream('dir'));
      expect(b.randomUnitDirection(new Stream('dir'))).toEqual(delta);
      expect(a.gradAt(delta)).toEqual(b.gradAt(delta));
      expect([a.f, a.gradNormSq, a.fAlong(0.3)]).toEqual([b.f, b.gradNormSq, b.fAlong(0.3)]);
      expect(Array.from(a.coordNet().W)).toEqual(Array.from(b.coordNet().W));
    }
  });

  test('reduced at d = 10⁶ allocates nothing of size d', () => {
    const s = sampleBubeckTrial({ d: 1_000_000, k: 50, activation: 'relu' }, new Stream('big'));
    expect(s.coordDim).toBe(51);
    expect(s.u.length).toBe(50);
    expect(s.coordNet().W.length).toBe(50 * 51);
    expect(s.randomUnitDirection(new Stream('dir')).length).toBe(51);
    expect(Number.isFinite(s.gradNormSq)).toBe(true);
  });

  test('bad parameters are rejected naming the API, parameter, value and range', () => {
    const r = new Stream('bad');
    expect(() => sampleBubeckTrial({ d: 0, k: 3, activation: 'tanh' }, r)).toThrow(/reducedBubeckTrial: d must be an integer ≥ 1, got 0/);
    expect(() => sampleBubeckTrial({ d: 3, k: 2.5, activation: 'tanh' }, r, { method: 'naive' })).toThrow(
      /naiveBubeckTrial: k must be an integer ≥ 1, got 2.5/,
    );
    expect(() => sampleBubeckTrial({ d: 3, k: 2, activation: 'nope' }, r)).toThrow(/unknown activation/);
    expect(() => sampleBubeckTrial({ d: 3, k: 2, activation: 'tanh', input: 'cube' as 'sphere' }, r)).toThrow(
      /input must be one of sphere, gaussian, got cube/,
    );
    expect(() => sampleBubeckTrial({ d: 3, k: 2, activation: 'tanh' }, r, { method: 'fast' as 'naive' })).toThrow(
      /method must be 'naive' or 'reduced', got fast/,
    );
    expect(() => sampleBubeckTrial({ d: 100_000, k: 1000, activation: 'tanh' }, r, { method: 'naive' })).toThrow(/k·d must be ≤/);
    const s = sampleBubeckTrial({ d: 3, k: 2, activation: 'tanh' }, r);
    expect(() => etaRelative(s, { step: 0, max: 20 })).toThrow(/etaRelative: grid.step must be a finite number > 0, got 0/);
    expect(() => s.gradAt(new Float64Array(7))).toThrow(/δ must have length coordDim = 3, got 7/);
  });

  test('naive reference sanity: W rows and sphere input follow the stated laws', () => {
    // ‖x‖² = d on the sphere; E‖w_l‖² = 1 (rows ~ N(0, I/d)).
    const net = sampleTwoLayerNet(new Stream('law'), 400, 200, 'tanh');
    let s = 0;
    for (let i = 0; i < net.W.length; i++) s += net.W[i] * net.W[i];
    expect(Math.abs(s / 200 - 1)).toBeLessThan(0.02);
    expect(Math.abs(norm(spherePoint(new Stream('law-x'), 400)) ** 2 - 400)).toBeLessThan(1e-9);
  });
});

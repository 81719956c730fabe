import { describe, expect, it } from 'vitest';
import { HypothesisError } from '../src/papers/vardi/model/sphereData.js';
import { Stream } from '../src/core/random/stream.js';
import { certifiedRun, drawData, fittedRun, initialRun, trainRun, validateRunSpec, type RunSpec } from '../src/papers/vardi/training/experiment.js';
import { traceMargins } from '../src/papers/vardi/model/netTrace.js';

/**
 * Vardi training runs end to end at small sizes, a modest target loss and a step cap of 3% (≈ 330 steps
 * instead of ≈ 10,000 at the default cap 1e-3, which spends its steps growing ‖θ‖ out of the 1e-4
 * initialisation), so that these run on every mutant in `npm run mutate`; the L ≤ 1e-30 runs are in
 * vardi-training.test.ts): data conditioned on the hypotheses, the two trainers agreeing on the
 * same data law, the re-draw wrappers, and spec validation naming the parameter.
 */

const spec: RunSpec = { d: 40, n: 6, k: 12, loss: 'exp', scale: 1e-4, trainer: 'span', target: 1e-3, cap: 0.03, maxSteps: 5000 };

/** Exp-loss L = Σ_i e^{−q_i} of a trace's margins. */
function expLoss(q: Float64Array): number {
  return q.reduce((s, v) => s + Math.exp(-v), 0);
}

describe('training runs (experiment.ts)', () => {
  it('trainRun reaches its target: every margin positive and the trace’s loss ≤ target, for both trainers and both losses', () => {
    for (const trainer of ['span', 'naive'] as const) {
      for (const loss of ['exp', 'logistic'] as const) {
        const r = trainRun(new Stream(`tu/${trainer}/${loss}`), { ...spec, trainer, loss });
        expect(r.result.reached).toBe(true);
        expect(r.result.stop).toBe('target');
        expect(r.result.logLoss).toBeLessThanOrEqual(Math.log(1e-3));
        const q = traceMargins(r.trace);
        expect(q.every((v) => v > 0)).toBe(true);
        if (loss === 'exp') expect(Math.log(expLoss(q))).toBeCloseTo(r.result.logLoss, 6);
        expect(r.trace.n).toBe(6);
        expect(r.trace.k).toBe(12);
        expect(r.rejected).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('the initial net is tiny (scale 1e-4): its margins are ≈ 0 and the loss ≈ n·ℓ(0)', () => {
    const r = initialRun(new Stream('tu/init'), spec);
    const q = traceMargins(r.trace);
    for (const v of q) expect(Math.abs(v)).toBeLessThan(1e-4);
    expect(expLoss(q)).toBeCloseTo(6, 3);
  });

  it('drawData conditions on the hypotheses by rejection and reports what it rejected; an impossible hypothesis is named', () => {
    const balanced = drawData(new Stream('tu/draw'), { ...spec, n: 8, minBalance: 0.5 });
    const y = balanced.data.y;
    expect(y.filter((v) => v > 0).length).toBe(4);
    expect(balanced.rejected).toBeGreaterThanOrEqual(0);
    expect(balanced.summary).toBeDefined();
    // Separation n ≤ (d+1)/(3(max|⟨x_i, x_j⟩| + 1)) cannot hold for n = 30 points at d = 40.
    expect(() => drawData(new Stream('tu/sep'), { ...spec, n: 30, requireSeparation: true }, 5)).toThrow(HypothesisError);
    expect(() => drawData(new Stream('tu/sep'), { ...spec, n: 30, requireSeparation: true }, 5)).toThrow(/no sample met the hypotheses in 5 draws/);
  });

  it('fittedRun and certifiedRun return the first run meeting their condition and count the re-draws', () => {
    const f = fittedRun(new Stream('tu/fit'), spec);
    expect(f.result.reached).toBe(true);
    expect(f.notReached).toBeLessThan(3);
    const c = certifiedRun(new Stream('tu/cert'), { ...spec, target: 1e-6 });
    expect(c.certificate.residual).toBeGreaterThanOrEqual(0);
    expect(c.uncertified).toBeGreaterThanOrEqual(0);
    expect(c.certified).toBe(c.result.reached && c.certificate.certified);
  });

  it('the same stream gives the same run; another stream another run', () => {
    const a = trainRun(new Stream('tu/same'), spec);
    const b = trainRun(new Stream('tu/same'), spec);
    const c = trainRun(new Stream('tu/other'), spec);
    expect(Array.from(traceMargins(a.trace))).toEqual(Array.from(traceMargins(b.trace)));
    expect(a.result.steps).toBe(b.result.steps);
    expect(Array.from(traceMargins(c.trace))).not.toEqual(Array.from(traceMargins(a.trace)));
  });

  it('validateRunSpec names the parameter, its value and the allowed range', () => {
    const bad: Array<[Partial<RunSpec>, RegExp]> = [
      [{ d: 1 }, /trainRun: d must be an integer ≥ 2, got 1/],
      [{ d: 2.5 }, /trainRun: d must be an integer ≥ 2, got 2.5/],
      [{ n: 1 }, /trainRun: n must be an integer ≥ 2, got 1/],
      [{ k: 0 }, /trainRun: k must be an integer ≥ 1, got 0/],
      [{ k: NaN }, /trainRun: k must be an integer ≥ 1, got NaN/],
      [{ d: 5, n: 6 }, /trainRun: d must be ≥ n = 6 for the span trainer, got 5/],
      [{ trainer: 'fast' as 'span' }, /trainRun: trainer must be "span" or "naive", got "fast"/],
      [{ scale: 0 }, /trainRun: scale must be in \(0, 1\), got 0/],
      [{ scale: 1 }, /trainRun: scale must be in \(0, 1\), got 1/],
    ];
    for (const [change, msg] of bad) {
      expect(() => validateRunSpec({ ...spec, ...change })).toThrow(msg);
      expect(() => trainRun(new Stream('x'), { ...spec, ...change })).toThrow(msg);
    }
    expect(() => validateRunSpec({ ...spec, trainer: 'naive', d: 5, n: 6 })).not.toThrow();
  });
});

import { fc, test } from '@fast-check/vitest';
import { bignumber, exp, log, log1p, type BigNumber } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { logEll, logLoss, logNegDerivative, logSumExp, normalisedCoefficients } from '../src/core/linalg/losses.js';

/** log ℓ(q) in 64-digit arithmetic (mathjs BigNumber) as the oracle. */
function logEllOracle(q: number, loss: 'exp' | 'logistic'): number {
  if (loss === 'exp') return -q;
  const t = exp(bignumber(-q)) as BigNumber;
  return Number(log(log1p(t) as BigNumber) as BigNumber);
}
function logNegDerivOracle(q: number, loss: 'exp' | 'logistic'): number {
  if (loss === 'exp') return -q;
  // −ℓ′(q) = 1/(1 + e^q)
  return -Number(log1p(exp(bignumber(q)) as BigNumber) as BigNumber);
}

describe('log-domain losses (exact down to L = 1e-300 and beyond)', () => {
  test.prop([fc.double({ min: -40, max: 740, noNaN: true }), fc.constantFrom('exp' as const, 'logistic' as const)], { numRuns: 200 })(
    'log ℓ(q) and log(−ℓ′(q)) agree with a 64-digit oracle to a few ulps',
    (q, loss) => {
      const want = logEllOracle(q, loss);
      expect(Math.abs(logEll(q, loss) - want)).toBeLessThanOrEqual(8 * Number.EPSILON * Math.max(1, Math.abs(want)));
      const wd = logNegDerivOracle(q, loss);
      expect(Math.abs(logNegDerivative(q, loss) - wd)).toBeLessThanOrEqual(8 * Number.EPSILON * Math.max(1, Math.abs(wd)));
    },
  );

  it('L = 1e-300 and L = 1e-1000 are represented exactly (no underflow)', () => {
    const q300 = 300 * Math.log(10);
    expect(logLoss([q300], 'exp') / Math.log(10)).toBeCloseTo(-300, 12);
    expect(logLoss([q300], 'logistic') / Math.log(10)).toBeCloseTo(-300, 12);
    const q1000 = 1000 * Math.log(10);
    expect(logLoss([q1000, q1000], 'logistic')).toBeCloseTo(-q1000 + Math.log(2), 9);
  });

  test.prop([fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.constantFrom('exp' as const, 'logistic' as const)])(
    'normalised coefficients c_i = ℓ′(q_i)/L: for the exponential loss Σ|c_i| = 1 exactly, for both |c_i| ≤ 1 and finite',
    (q, loss) => {
      const c = normalisedCoefficients(q, loss);
      let s = 0;
      for (const v of c) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeLessThanOrEqual(0);
        s -= v;
      }
      if (loss === 'exp') expect(Math.abs(s - 1)).toBeLessThanOrEqual(32 * Number.EPSILON);
      else expect(s).toBeLessThanOrEqual(1 + 1e-12);
    },
  );

  test.prop([fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 20 })])(
    'logSumExp matches the direct sum where it does not overflow',
    (v) => {
      const direct = Math.log(v.reduce((s, x) => s + Math.exp(x), 0));
      expect(Math.abs(logSumExp(v) - direct)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(direct)));
    },
  );
});

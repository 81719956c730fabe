import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { linfWorstCase } from '../src/papers/schmidt/model/linfLinear.js';
import { theoremStep } from '../src/papers/bubeck/model/oneStep.js';
import { mnistPair, parseDigitFile } from '../src/papers/schmidt/model/mnist.js';
import { sampleBernoulliData } from '../src/papers/schmidt/model/bernoulliModel.js';
import { gaussianRobustError, linearStats } from '../src/papers/schmidt/model/errors.js';
import { sampleSphereData } from '../src/papers/vardi/model/sphereData.js';
import { activationNames } from '../src/papers/bubeck/model/activations.js';
import { forward as biasedForward, initTheta, margins, preActivations as biasedPre, thetaLength } from '../src/papers/vardi/model/biasedRelu.js';
import { etaRelative, etaRelativeScan } from '../src/papers/bubeck/model/bubeckEta.js';
import { drawReducedBubeck, reducedBubeckFromDraws } from '../src/papers/bubeck/model/bubeckReduced.js';
import { sampleBubeckTrial } from '../src/papers/bubeck/model/bubeckSampler.js';
import { naiveBubeckTrial, NAIVE_MAX_ENTRIES, resolveBubeckParams } from '../src/papers/bubeck/model/bubeckTrial.js';
import { gramMatrix, scaleTrace, traceOfTheta } from '../src/papers/vardi/model/netTrace.js';
import { sampleTwoLayerNet } from '../src/papers/bubeck/model/twoLayer.js';
import { beta, binomial, chiSquare, gamma, normalVector, rademacherVector, spherePoint } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';
import { fixedSampleSize } from '../src/papers/engine/claims/shared/fixedSampleSize.js';
import { errorOf, expectNames, badCount, badNonNegative, outsideUnit, nonFinite } from './bad-values.js';

/**
 * Bad input to the numeric entry points (samplers, nets, attacks, models, the MNIST loader): an
 * error naming the API, the parameter, the value and the allowed range. (The CLI, registry, config
 * and report entry points are in bad-input.test.ts; this file imports no CLI or renderer, so the
 * mutation run uses it.)
 */

describe('samplers and nets: sizes, scales and probabilities out of range', () => {
  const rng = new Stream('bad-input');

  test.prop([badCount(0)])('normalVector / rademacherVector n', (n) => {
    expectNames(
      errorOf(() => normalVector(rng, n)),
      'normalVector: n must be an integer ≥ 0',
      `got ${n}`,
    );
    expectNames(
      errorOf(() => rademacherVector(rng, n)),
      'rademacherVector: n must be an integer ≥ 0',
      `got ${n}`,
    );
  });

  test.prop([badNonNegative(false)])('normalVector sd, spherePoint radius', (v) => {
    expectNames(
      errorOf(() => normalVector(rng, 3, v)),
      'normalVector: sd must be a finite number ≥ 0',
      `got ${v}`,
    );
    expectNames(
      errorOf(() => spherePoint(rng, 3, v)),
      'spherePoint: radius must be a finite number ≥ 0',
      `got ${v}`,
    );
  });

  test.prop([badCount(1)])('spherePoint d', (d) => {
    expectNames(
      errorOf(() => spherePoint(rng, d)),
      'spherePoint: d must be an integer ≥ 1',
      `got ${d}`,
    );
  });

  test.prop([badNonNegative(true)])('gamma shape, chiSquare dof, beta a and b', (v) => {
    expectNames(
      errorOf(() => gamma(rng, v)),
      'gamma: shape must be a finite number > 0',
      `got ${v}`,
    );
    expectNames(
      errorOf(() => chiSquare(rng, v)),
      'chiSquare: dof must be a finite number > 0',
      `got ${v}`,
    );
    expectNames(
      errorOf(() => beta(rng, v, 1)),
      'beta: a must be a finite number > 0',
      `got ${v}`,
    );
    expectNames(
      errorOf(() => beta(rng, 1, v)),
      'beta: b must be a finite number > 0',
      `got ${v}`,
    );
  });

  test.prop([badCount(0), fc.oneof(nonFinite, fc.double({ min: -5, max: -1e-9, noNaN: true }), fc.double({ min: 1.000001, max: 5, noNaN: true }))])(
    'binomial n and p',
    (n, p) => {
      expectNames(
        errorOf(() => binomial(rng, n, 0.5)),
        'binomial: n must be an integer ≥ 0',
        `got ${n}`,
      );
      expectNames(
        errorOf(() => binomial(rng, 10, p)),
        'binomial: p must be in [0, 1]',
        `got ${p}`,
      );
    },
  );

  test.prop([badCount(1), fc.constantFrom('d', 'k')])('sampleTwoLayerNet and sampleBubeckTrial d, k (NaN, ∞, < 1, fractional)', (v, which) => {
    const d = which === 'd' ? v : 4;
    const k = which === 'k' ? v : 4;
    expectNames(
      errorOf(() => sampleTwoLayerNet(rng, d, k, 'tanh')),
      `sampleTwoLayerNet: ${which} must be an integer ≥ 1`,
      `got ${v}`,
    );
    expectNames(
      errorOf(() => sampleBubeckTrial({ d, k, activation: 'tanh', outputWeights: 'rademacher', input: 'sphere' }, rng)),
      `${which} must be an integer ≥ 1`,
      `got ${v}`,
    );
  });

  test.prop([fc.string({ maxLength: 12 }).filter((s) => !activationNames.includes(s))], { numRuns: 30 })('unknown activation', (name) => {
    expectNames(
      errorOf(() => sampleTwoLayerNet(rng, 3, 3, name)),
      `getActivation: unknown activation "${name}"`,
      'known: tanh',
    );
  });

  test.prop([fc.string({ maxLength: 12 }).filter((s) => s !== 'rademacher' && s !== 'gaussian')], { numRuns: 20 })('unknown output-weight law', (name) => {
    expectNames(
      errorOf(() => sampleTwoLayerNet(rng, 3, 3, 'tanh', name as 'gaussian')),
      'sampleTwoLayerNet: outputWeights must be one of rademacher, gaussian',
      `got ${JSON.stringify(name)}`,
    );
  });

  test.prop([outsideUnit])('γ outside (0, 1): theoremStep', (g) => {
    expectNames(
      errorOf(() => theoremStep({ f: 1, gradNormSq: 1, fAlong: () => -1 }, 1, g)),
      'theoremStep: gamma must be in (0, 1)',
      `got ${g}`,
    );
  });

  test.prop([badNonNegative(false)])('ε < 0 or not finite: ℓ∞ worst case, Gaussian robust error', (eps) => {
    const w = new Float64Array([1, -2]);
    expectNames(
      errorOf(() => linfWorstCase(w, new Float64Array([0.5, 0.5]), 1, eps)),
      'linfWorstCase: eps must be a finite number ≥ 0',
      `got ${eps}`,
    );
    expectNames(
      errorOf(() => gaussianRobustError(linearStats(w, w), 1, eps)),
      'eps must be a finite number ≥ 0',
      `got ${eps}`,
    );
  });

  test.prop([fc.oneof(badCount(2), fc.constant(1))])('sphere data d < 2', (d) => {
    expectNames(
      errorOf(() => sampleSphereData(rng, d, 4)),
      'sampleSphereData: d must be an integer ≥ 2',
      `got ${d}`,
    );
  });

  test.prop([fc.oneof(nonFinite, fc.double({ min: -5, max: -1e-9, noNaN: true }), fc.double({ min: 0.500001, max: 5, noNaN: true }))])(
    'Bernoulli model τ outside [0, ½]',
    (tau) => {
      expectNames(
        errorOf(() => sampleBernoulliData(rng, new Float64Array([1, -1]), tau, 3)),
        'sampleBernoulliData: tau must be in [0, ½]',
        `got ${tau}`,
      );
    },
  );

  test.prop([fc.integer({ min: 0, max: 9 }), fc.oneof(outsideUnit, fc.constant(1))])(
    'MNIST loader: equal digits, trainFraction outside (0, 1), truncated digit file',
    (digit, frac) => {
      expectNames(
        errorOf(() => mnistPair(digit, digit)),
        'mnistPair: the two digits must differ',
        `got ${digit} and ${digit}`,
      );
      expectNames(
        errorOf(() => mnistPair(digit, (digit + 1) % 10, { trainFraction: frac })),
        'mnistPair: trainFraction must be in (0, 1)',
        `got ${frac}`,
      );
      expectNames(
        errorOf(() => parseDigitFile('[[0, 0.5, 1], [0.2', `digit${digit}.json`, digit)),
        `digit${digit}.json: malformed JSON`,
      );
    },
  );

  test.prop([outsideUnit.filter((x) => !(x > 0 && x < 0.5))])('fixedSampleSize α, β outside (0, ½), p0 outside (0, 1)', (v) => {
    expectNames(
      errorOf(() => fixedSampleSize(0.9, 0.05, v, 0.1)),
      'fixedSampleSize: alpha must be in (0, 0.5)',
      `got ${v}`,
    );
    expectNames(
      errorOf(() => fixedSampleSize(0.9, 0.05, 0.05, v)),
      'fixedSampleSize: beta must be in (0, 0.5)',
      `got ${v}`,
    );
    expectNames(
      errorOf(() => fixedSampleSize(v, 0.05, 0.05, 0.1)),
      'fixedSampleSize: p0 must be in (0, 1)',
      `got ${v}`,
    );
  });
});

describe('nets: shapes, lengths, grids and scales out of range', () => {
  const rng = new Stream('bad-input-nets');

  test.prop([badCount(1), fc.constantFrom('d', 'k')])('biased ReLU net: d, k not integers ≥ 1', (v, which) => {
    const s = which === 'd' ? { d: v, k: 2 } : { d: 2, k: v };
    expectNames(
      errorOf(() => initTheta(rng, s, 1)),
      `initTheta: ${which} must be an integer ≥ 1`,
      `got ${v}`,
    );
    expectNames(
      errorOf(() => biasedForward(new Float64Array(8), s, new Float64Array(2))),
      `${which} must be an integer ≥ 1`,
      `got ${v}`,
    );
  });

  test.prop([fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: -3, max: 3 }).filter((e) => e !== 0)])(
    'biased ReLU net: θ, x and X of the wrong length',
    (d, k, extra) => {
      const s = { d, k };
      const theta = new Float64Array(thetaLength(s));
      expect(thetaLength(s)).toBe(k * d + 2 * k);
      if (thetaLength(s) + extra >= 0)
        expectNames(
          errorOf(() => biasedForward(new Float64Array(thetaLength(s) + extra), s, new Float64Array(d))),
          `θ must have length k·d + 2k = ${thetaLength(s)}`,
          `got ${thetaLength(s) + extra}`,
        );
      if (d + extra >= 0) {
        expectNames(
          errorOf(() => biasedPre(theta, s, new Float64Array(d + extra))),
          `preActivations: x must have length d = ${d}`,
          `got ${d + extra}`,
        );
        expectNames(
          errorOf(() => biasedForward(theta, s, new Float64Array(d + extra))),
          `x must have length d = ${d}`,
        );
      }
      if (2 * d + extra >= 0) {
        expectNames(
          errorOf(() => margins(theta, s, new Float64Array(2 * d + extra), new Float64Array(2))),
          `margins: X must be n × d = 2×${d}`,
          `got ${2 * d + extra} entries`,
        );
        expectNames(
          errorOf(() => gramMatrix(new Float64Array(2 * d + extra), 2, d)),
          `gramMatrix: X must be n × d = 2×${d}`,
          `got ${2 * d + extra} entries`,
        );
        expectNames(
          errorOf(() => traceOfTheta(theta, s, new Float64Array(2 * d + extra), new Float64Array(2))),
          `traceOfTheta: X must be n × d = 2×${d}`,
        );
      }
    },
  );

  test.prop([badNonNegative(true)])('scaleTrace: c not a finite number > 0', (c) => {
    const X = new Float64Array([1, 0, 0, 1]);
    const t = traceOfTheta(initTheta(rng, { d: 2, k: 2 }, 1), { d: 2, k: 2 }, X, new Float64Array([1, -1]));
    expectNames(
      errorOf(() => scaleTrace(t, c)),
      'scaleTrace: c must be a finite number > 0',
      `got ${c}`,
    );
  });

  const sample = sampleBubeckTrial({ d: 5, k: 4, activation: 'tanh' }, new Stream('grid'));
  test.prop([fc.oneof(badNonNegative(true), fc.constant(NaN)), fc.constantFrom(etaRelative, etaRelativeScan)])(
    'η search grid: step not > 0, max below the step or not finite',
    (v, search) => {
      expectNames(
        errorOf(() => search(sample, { step: v, max: 20 })),
        'grid.step must be a finite number > 0',
        `got ${v}`,
      );
      expectNames(
        errorOf(() => search(sample, { step: 0.5, max: Number.isFinite(v) && v > 0 ? v / 10 : v })),
        'grid.max must be finite and ≥ grid.step = 0.5',
      );
    },
  );

  test('η search grid with more than 1e8 points; the exact boundary counts', () => {
    expectNames(
      errorOf(() => etaRelative(sample, { step: 1e-9, max: 1 })),
      'etaRelative: grid must have ≤ 1e8 points',
      'got 99999999',
    );
    expectNames(
      errorOf(() => etaRelativeScan(sample, { step: 1, max: 1e8 + 1 })),
      'etaRelativeScan: grid must have ≤ 1e8 points',
      'got 100000001',
    );
    expect(etaRelative({ ...sample, f: 0 }, { step: 1, max: 1e8 })).toBe(Infinity);
    expect(etaRelative(sample, { step: 0.5, max: 0.5 })).toBeGreaterThan(0);
  });

  test.prop([badCount(1), fc.constantFrom('d', 'k')])('Bubeck trial parameters: d, k not integers ≥ 1 (both samplers)', (v, which) => {
    const p = { d: 5, k: 4, activation: 'tanh', [which]: v };
    expectNames(
      errorOf(() => resolveBubeckParams('api', p)),
      `api: ${which} must be an integer ≥ 1`,
      `got ${v}`,
    );
    expectNames(
      errorOf(() => naiveBubeckTrial(p, rng)),
      `naiveBubeckTrial: ${which} must be an integer ≥ 1`,
    );
    expectNames(
      errorOf(() => sampleBubeckTrial(p, rng, { method: 'reduced' })),
      `${which} must be an integer ≥ 1`,
    );
  });

  test.prop([
    fc.string({ maxLength: 10 }).filter((s) => !activationNames.includes(s)),
    fc.string({ maxLength: 10 }).filter((s) => s !== 'rademacher' && s !== 'gaussian'),
  ])('Bubeck trial parameters: unknown activation or output-weight law', (act, ow) => {
    expectNames(
      errorOf(() => resolveBubeckParams('api', { d: 3, k: 3, activation: act })),
      `unknown activation "${act}"`,
    );
    expectNames(
      errorOf(() => resolveBubeckParams('api', { d: 3, k: 3, activation: 'tanh', outputWeights: ow as 'gaussian' })),
      'api: outputWeights must be one of rademacher, gaussian',
      `got ${ow}`,
    );
  });

  test('naive sampler: k·d above its cap, a perturbation of the wrong length; reduced: draws of the wrong length', () => {
    const k = Math.ceil(NAIVE_MAX_ENTRIES / 1000) + 1;
    expectNames(
      errorOf(() => naiveBubeckTrial({ d: 1000, k, activation: 'tanh' }, rng)),
      `naiveBubeckTrial: k·d must be ≤ ${NAIVE_MAX_ENTRIES}`,
      `got ${k}·1000`,
    );
    const s = naiveBubeckTrial({ d: 4, k: 3, activation: 'tanh' }, rng);
    expectNames(
      errorOf(() => s.fAt(new Float64Array(3))),
      'naiveBubeckTrial: δ must have length coordDim = 4',
      'got 3',
    );
    const p = resolveBubeckParams('t', { d: 4, k: 3, activation: 'tanh' });
    const draws = drawReducedBubeck(p, rng.child('draws'));
    for (const key of ['u', 'a', 'z'] as const) {
      expectNames(
        errorOf(() => reducedBubeckFromDraws(p, { ...draws, [key]: draws[key].subarray(1) }, rng)),
        'reducedBubeckFromDraws: u, a, z must have length k = 3',
      );
    }
    expect(errorOf(() => reducedBubeckFromDraws(p, draws, rng))).toBe('no error');
  });
});

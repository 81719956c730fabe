import { describe, expect, test } from 'vitest';
import { initTheta } from '../src/papers/vardi/model/biasedRelu.js';
import { etaRelative } from '../src/papers/bubeck/model/bubeckEta.js';
import { sampleBubeckTrial } from '../src/papers/bubeck/model/bubeckSampler.js';
import { forward, sampleTwoLayerNet } from '../src/papers/bubeck/model/twoLayer.js';
import { Stream } from '../src/core/random/stream.js';

/**
 * Pinned draws: the same seed must give the same nets, inputs and trials in every version, because
 * recorded counterexamples (fixtures/counterexamples) and the committed baseline replay by seed.
 * A deliberate change of a sampler (stream names, order of draws, a law) fails here: update these
 * values and re-record the counterexamples (scripts/recordCounterexamples.ts) in the same commit.
 */
const CASES = [
  { d: 6, k: 4, activation: 'tanh', outputWeights: 'rademacher', input: 'sphere' },
  { d: 3, k: 7, activation: 'softplus', outputWeights: 'gaussian', input: 'gaussian' },
  { d: 9, k: 9, activation: 'gelu', outputWeights: 'rademacher', input: 'gaussian' },
] as const;

// f, ‖∇f‖², u·c, ‖c‖², ‖x‖², f(x + 0.37∇f), η_rel, coordDim, ‖xCoords‖², first and last gradCoords, u_0, last stepPre, last a
const PINNED: Record<string, number[]> = {
  'naive/0': [
    0.4153884566921535, 0.27391853981552955, 0.23535029288442222, 0.7632583691448094, 5.999999999999996, 0.5159937038905938, 1.01, 6, 5.999999999999996,
    -0.02558861660127954, -0.21203343768357397, -0.21589692826136522, 0.2436422192074807, 1,
  ],
  'naive/1': [
    0.664181212735269,
    0.09148267404487749,
    0.45345690302861424,
    0.29703375865493825,
    4.440979735740367,
    0.6983198094595308,
    Infinity,
    3,
    4.440979735740367,
    0.25754500368463723,
    -0.041160323796168206,
    -1.0706142894827848,
    -0.19938762187885364,
    -0.6480879645444121,
  ],
  'naive/2': [
    0.8109498785738481, 0.2890009311636424, 1.0874344995586747, 0.5845763978182473, 11.31627576164678, 0.9191996921916482, 1.19, 9, 11.31627576164678,
    -0.42564138585925765, 0.17154807356960658, 0.5798371092301484, 0.10782304236288773, 1,
  ],
  'reduced/0': [
    0.39906055720177996, 0.2382186331266092, 0.15770350199154448, 0.4752981011508792, 6, 0.48496406884797527, 0.9400000000000001, 5, 5.999999999999999,
    0.06438218508821246, 0, -0.45150637651796943, -0.14907984522791526, -1,
  ],
  'reduced/1': [
    -2.125869320282914, 0.6331396727533269, -2.0909506838003633, 0.39660056256008863, 9.648672155029395, -1.8935660409477078, 1.49, 3, 9.648672155029393,
    -0.6731471553132736, 0, 0.736613287514077, -1.1077634580098166, -1.4063245230264283,
  ],
  'reduced/2': [
    0.5016298644540141, 0.23013513851306366, 0.7696579868259342, 0.5266227700238864, 7.422456321890897, 0.5859339929041966, 0.97, 9, 7.422456321890897,
    0.282503579606202, 0, -0.07766600069288489, 0.15851955609388912, 1,
  ],
  twoLayer: [-0.427876167853724, -0.8930896026332723, -0.023920897136096284, 1.544041772983996],
  initTheta: [
    -0.10612028787741651, 0.054798434882118635, -0.19448128805046974, 0.04278333673764735, -0.18411348506674013, -0.4763578334909726, 0.20893186704844063,
    0.5062667823534618, 0.01920798341474946, 0.1205460930354658, 0.27607052362790857, 0.3561850165544755, 0, 0, 0, 0.04352132931880291, 0.739817984942854,
    0.8821490497439205,
  ],
};

function close(actual: number[], expected: number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((v, i) => {
    if (!Number.isFinite(expected[i])) expect(v, `${what}[${i}]`).toBe(expected[i]);
    else expect(Math.abs(v - expected[i]), `${what}[${i}]: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(expected[i])));
  });
}

describe('pinned draws (same seed ⇒ same trial, across versions)', () => {
  for (const method of ['naive', 'reduced'] as const) {
    CASES.forEach((c, i) => {
      test(`${method} Bubeck trial #${i} (d = ${c.d}, k = ${c.k}, ${c.activation}, ${c.outputWeights}, ${c.input})`, () => {
        const s = sampleBubeckTrial(c, new Stream(`golden/${i}`), { method });
        const xc = s.xCoords();
        const gc = s.gradCoords();
        const got = [
          s.f,
          s.gradNormSq,
          s.uDotC,
          s.cNormSq,
          s.xNormSq,
          s.fAlong(0.37),
          etaRelative(s),
          s.coordDim,
          xc.reduce((t, v) => t + v * v, 0),
          gc[0],
          gc[gc.length - 1],
          s.u[0],
          s.stepPre[s.stepPre.length - 1],
          s.a[s.a.length - 1],
        ];
        close(got, PINNED[`${method}/${i}`], `${method}/${i}`);
      });
    });
  }

  test('two-layer net and the biased ReLU initialisation', () => {
    const net = sampleTwoLayerNet(new Stream('golden/net'), 5, 3, 'tanh', 'gaussian');
    close([net.W[0], net.W[14], net.a[2], forward(net, Float64Array.from([1, -2, 0.5, 0, 3]))], PINNED.twoLayer, 'twoLayer');
    close(Array.from(initTheta(new Stream('golden/theta'), { d: 4, k: 3 }, 0.5)), PINNED.initTheta, 'initTheta');
  });
});

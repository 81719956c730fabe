import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { PROFILES, type ConstantsTable, type Hypotheses, type Params, type Profile } from '../src/core/claim/types.js';
import {
  cases,
  defineSpace,
  derived,
  fixed,
  int,
  oneOf,
  real,
  unionSpace,
  type Chooser,
  type Descriptor,
  type PointOf,
  type Space,
  type SpaceContext,
} from '../src/core/space/index.js';

// ---- example spaces ----
const logInv = (g: number): number => Math.log(1 / g);
const cap = (c: SpaceContext): number => (c.profile === 'paper' ? 1000 : 400);
const kMin = (c: SpaceContext<{ gamma: number }>): number => Math.ceil(c.constant('bubeck.C1', 1) * logInv(c.p.gamma) ** 3);
const dMin = (c: SpaceContext<{ gamma: number; k: number }>): number => Math.ceil(c.constant('bubeck.C2', 1) * Math.log(c.p.k / c.p.gamma) * logInv(c.p.gamma));
/** Bubeck's theorem regime: γ by profile; k ∈ [⌈C1 log³(1/γ)⌉, min(cap, 4kMin)]; d ∈ [⌈C2 log(k/γ) log(1/γ)⌉, min(cap, 4dMin)] (on the drawn k). */
const bubeck = defineSpace({
  gamma: oneOf((c) => (c.profile === 'smoke' ? [0.05, 0.1] : [0.02, 0.05, 0.1, 0.2])),
  k: int({ min: kMin, max: (c: SpaceContext<{ gamma: number }>) => Math.max(kMin(c), Math.min(cap(c), 4 * kMin(c))) }),
  d: int({ min: dMin, max: (c: SpaceContext<{ gamma: number; k: number }>) => Math.max(dMin(c), Math.min(cap(c), 4 * dMin(c))) }),
  activation: oneOf(['tanh', 'softplus', 'sigmoid-centred', 'gelu']),
  outputWeights: oneOf(['rademacher', 'gaussian']),
  input: oneOf(['sphere', 'gaussian'], { labels: { sphere: 'uniform on √d·S^{d−1}', gaussian: 'N(0, I_d)' } }),
  impl: fixed('reference'),
  stepSign: fixed(-1),
  stepScale: fixed(1, { describe: false }),
});
const slidesN = (d: number): number => Math.floor(Math.sqrt(d) / Math.log(d));
const withN = defineSpace(
  {
    d: int({ min: 20, max: 5000, scale: 'log', bias: false }),
    n: derived((c: SpaceContext<{ d: number }>) => slidesN(c.p.d), { formula: 'n = ⌊√d/ln d⌋' }),
    m: int({ min: 1, max: (c: SpaceContext<{ n: number }>) => Math.max(1, c.p.n) }),
    loss: oneOf(['exp', 'logistic'], { weights: [3, 1] }),
  },
  { constraints: [{ name: 'm-le-d', check: (p) => (p.m <= p.d ? null : `m must be ≤ d, got m = ${p.m}, d = ${p.d}`) }] },
);
const grid = defineSpace({
  cell: cases(
    [
      { d: 100, eps: 0.25 },
      { d: 1000, eps: 0.1 },
      { d: 10000, eps: 0.05 },
    ],
    { weights: [1, 3, 3] },
  ),
  gamma: fixed(0.05),
  cut: cases(
    (c) =>
      c.profile === 'smoke'
        ? [{ lo: 1, hi: 2 }]
        : [
            { lo: 1, hi: 2 },
            { lo: 2, hi: 4 },
          ],
    { keys: ['lo', 'hi'] },
  ),
});
const logReal = defineSpace({
  lr: real({ min: 0.01, max: 10, scale: 'log', digits: 3 }),
  d: int({ min: 100, max: 1e6, scale: 'log' }),
  sigma: real({ min: 1e-6, max: (c: SpaceContext<{ d: number }>) => c.constant('schmidt.gaussian.c', 0.5) * c.p.d ** 0.25, digits: 6 }),
});
const thm27Tau = (d: number, f: number): number => ((Math.log(100) / 2 + f * (Math.log(1e12) / 2 - Math.log(100) / 2)) / d) ** 0.25;
const forms = unionSpace([
  {
    label: 'main',
    weight: 2,
    space: defineSpace({
      form: fixed('main'),
      d: int({ min: 100, max: 1e6, scale: 'log' }),
      tau: real({ min: (c: SpaceContext<{ d: number }>) => c.constant('schmidt.bernoulli.c', 1) * c.p.d ** -0.25, max: 0.5, digits: 6 }),
    }),
  },
  {
    label: 'thm27',
    space: defineSpace({
      form: fixed('thm27'),
      d: int({ min: 1000, max: 1e6, scale: 'log' }),
      tau: real({ min: (c: SpaceContext<{ d: number }>) => thm27Tau(c.p.d, 0), max: (c: SpaceContext<{ d: number }>) => thm27Tau(c.p.d, 1), digits: 6 }),
    }),
  },
]);

const cst = (entries: Record<string, number>): ConstantsTable =>
  Object.fromEntries(
    Object.entries(entries).map(([k, value]) => [k, { value, ci: [value, value], calibratedOn: { seed: 'test', profile: 'smoke', method: 'test' } }]),
  );
const calibrated = cst({ 'bubeck.C1': 2, 'bubeck.C2': 1.5, 'schmidt.gaussian.c': 0.3, 'schmidt.bernoulli.c': 0.8 });
const spaces: Record<string, Space> = { bubeck, withN, grid, logReal, forms };

describe('arbitrary', () => {
  for (const [name, space] of Object.entries(spaces))
    for (const profile of PROFILES)
      for (const [cname, constants] of [
        ['fallbacks', {}],
        ['calibrated', calibrated],
      ] as const)
        it(`${name} / ${profile} / ${cname}: every draw validates`, () => {
          fc.assert(
            fc.property(space.arbitrary(profile, constants), (p) => {
              expect(space.validate(p, constants)).toBeNull();
            }),
            { numRuns: 30 },
          );
        });

  it('keeps the declaration order of the keys and draws dependent bounds on the drawn values', () => {
    for (const p of fc.sample(bubeck.arbitrary('standard', calibrated), { seed: 3, numRuns: 20 })) {
      expect(Object.keys(p)).toEqual(['gamma', 'k', 'd', 'activation', 'outputWeights', 'input', 'impl', 'stepSign', 'stepScale']);
      const c = { profile: 'standard' as Profile, constants: calibrated, p, constant: (n: string, f: number) => calibrated[n]?.value ?? f };
      expect(p.k).toBeGreaterThanOrEqual(kMin(c));
      expect(p.d).toBeGreaterThanOrEqual(dMin(c));
    }
    for (const p of fc.sample(grid.arbitrary('paper'), { seed: 3, numRuns: 5 })) expect(Object.keys(p)).toEqual(['d', 'eps', 'gamma', 'lo', 'hi']);
  });

  it('rounds reals to their digits, inside the range', () => {
    for (const p of fc.sample(logReal.arbitrary('paper', calibrated), { seed: 5, numRuns: 200 })) {
      expect(Number(p.lr.toPrecision(3))).toBe(p.lr);
      expect(Number(p.sigma.toPrecision(6))).toBe(p.sigma);
      expect(p.sigma).toBeLessThanOrEqual(0.3 * p.d ** 0.25);
    }
  });

  it('shrinks to the smallest point of the regime', () => {
    const r = fc.check(
      fc.property(bubeck.arbitrary('standard'), (p) => p.k < 50),
      { seed: 11 },
    );
    expect(r.failed).toBe(true);
    expect(r.counterexample?.[0]).toMatchObject({ gamma: 0.02, k: 60, activation: 'tanh' });
  });

  it('is deterministic under a seed', () => {
    for (const space of Object.values(spaces))
      expect(fc.sample(space.arbitrary('standard', calibrated), { seed: 1, numRuns: 5 })).toEqual(
        fc.sample(space.arbitrary('standard', calibrated), { seed: 1, numRuns: 5 }),
      );
  });
});

describe('validate', () => {
  const good = { gamma: 0.1, k: 20, d: 20, activation: 'tanh', outputWeights: 'gaussian', input: 'sphere', impl: 'reference', stepSign: -1, stepScale: 1 };
  it('accepts a point of some profile and rejects each kind of bad value with parameter, value and range', () => {
    expect(bubeck.validate(good, {})).toBeNull();
    expect(bubeck.validate({ ...good, gamma: 0.02, k: 60, d: 32 }, {})).toBeNull(); // standard/paper only
    expect(bubeck.validate({ ...good, k: 3 })).toBe('k must be an integer in [13, 52], got 3');
    expect(bubeck.validate({ ...good, k: 12.5 })).toBe('k must be an integer in [13, 52], got 12.5');
    expect(bubeck.validate({ ...good, k: NaN })).toBe('k must be an integer in [13, 52], got NaN');
    expect(bubeck.validate({ ...good, k: '12' })).toBe('k must be an integer in [13, 52], got "12"');
    expect(bubeck.validate({ ...good, k: 2 }, cst({ 'bubeck.C1': 0.2 }))).toBe('k must be an integer in [3, 12], got 2');
    expect(bubeck.validate({ ...good, gamma: 0.3 })).toBe('gamma must be one of 0.05 | 0.1 | 0.02 | 0.2, got 0.3');
    expect(bubeck.validate({ ...good, activation: 'relu' })).toBe('activation must be one of tanh | softplus | sigmoid-centred | gelu, got "relu"');
    expect(bubeck.validate({ ...good, impl: 'broken' })).toBe('impl must be "reference", got "broken"');
    expect(bubeck.validate({ ...good, stepSign: 1 })).toBe('stepSign must be -1, got 1');
    const { d: _d, ...noD } = good;
    expect(bubeck.validate(noD)).toBe('d is missing (must be an integer in [13, 52])');
    expect(bubeck.validate({ ...good, extra: 1, other: 'x' })).toBe(
      'unknown parameters "extra", "other" (the space declares gamma, k, d, activation, outputWeights, input, impl, stepSign, stepScale)',
    );
  });
  it('checks derived values, cases and constraints', () => {
    expect(withN.validate({ d: 100, n: 2, m: 1, loss: 'exp' })).toBeNull();
    expect(withN.validate({ d: 100, n: 3, m: 1, loss: 'exp' })).toBe('n must be 2 (n = ⌊√d/ln d⌋), got 3');
    expect(withN.validate({ d: 100, n: 2, m: 3, loss: 'exp' })).toBe('m must be an integer in [1, 2], got 3');
    expect(grid.validate({ d: 1000, eps: 0.1 + 1e-12, gamma: 0.05, lo: 2, hi: 4 })).toBeNull();
    expect(grid.validate({ d: 1000, eps: 0.2, gamma: 0.05, lo: 1, hi: 2 })).toBe(
      'cell (d, eps) must be one of (100, 0.25) | (1000, 0.1) | (10000, 0.05), got (1000, 0.2)',
    );
    expect(grid.validate({ d: 1000, gamma: 0.05, lo: 1, hi: 2 })).toBe('cell (d, eps) is missing (must be one of (100, 0.25) | (1000, 0.1) | (10000, 0.05))');
    const tight = defineSpace(
      { a: int({ min: 1, max: 5 }), b: int({ min: 1, max: 5 }) },
      { constraints: [{ name: 'a<b', check: (p) => (p.a < p.b ? null : `a must be < b, got a = ${p.a}, b = ${p.b}`) }] },
    );
    expect(tight.validate({ a: 3, b: 2 })).toBe('a must be < b, got a = 3, b = 2');
  });
  it('picks the form of a union by its fixed tag', () => {
    expect(forms.validate({ form: 'thm27', d: 500, tau: 0.3 })).toBe('d must be an integer in [1000, 1000000], got 500');
    expect(forms.validate({ form: 'other', d: 500, tau: 0.3 })).toBe('form must be one of main | thm27, got "other"');
    expect(forms.validate({ form: 'main', d: 10000, tau: 0.2 })).toBeNull();
  });
});

describe('describe', () => {
  it('writes ranges, levels, labels, fixed values and formulas', () => {
    const small = defineSpace({
      d: int({ min: 64, max: 512 }),
      lr: real({ min: 0.01, max: 10, scale: 'log', digits: 3 }),
      activation: oneOf(['tanh', 'softplus']),
      input: oneOf(['sphere', 'gaussian'], { labels: { sphere: 'uniform on √d·S^{d−1}' } }),
      impl: fixed('reference'),
      hidden: fixed(1, { describe: false }),
      n: derived((c: SpaceContext<{ d: number }>) => slidesN(c.p.d), { formula: 'n = ⌊√d/ln d⌋' }),
      note: oneOf([1, 2], { describe: 'one or two' }),
    });
    expect(small.describe('standard')).toEqual({
      d: '[64, 512]',
      lr: '[0.01, 10] (log)',
      activation: 'tanh | softplus',
      input: 'uniform on √d·S^{d−1} | gaussian',
      impl: '= reference',
      n: 'n = ⌊√d/ln d⌋',
      note: 'one or two',
    });
  });
  it('describes dependent ranges by their hull over the earlier levels and range ends', () => {
    expect(bubeck.describe('smoke')).toEqual({
      gamma: '0.05 | 0.1',
      k: '[13, 108]',
      d: '[12, 96]',
      activation: 'tanh | softplus | sigmoid-centred | gelu',
      outputWeights: 'rademacher | gaussian',
      input: 'uniform on √d·S^{d−1} | N(0, I_d)',
      impl: '= reference',
      stepSign: '= -1',
    });
    expect(bubeck.describe('paper').k).toBe('[5, 240]');
    expect(grid.describe('standard')).toEqual({
      cell: '(d, eps) = (100, 0.25) | (1000, 0.1) | (10000, 0.05)',
      gamma: '= 0.05',
      cut: '(lo, hi) = (1, 2) | (2, 4)',
    });
    expect(forms.describe('paper')).toEqual({
      form: 'main | thm27',
      d: 'main: [100, 1000000] (log); thm27: [1000, 1000000] (log)',
      tau: 'main: [0.03162277660168379, 0.5]; thm27: [0.03895416703492897, 0.3428401960445128]',
    });
  });
});

describe('structure and complete', () => {
  const ctxOf = <P extends Params>(p: P): SpaceContext<P> => ({ profile: 'standard', constants: calibrated, p, constant: (n, f) => calibrated[n]?.value ?? f });
  const lowest: Chooser = (d) => (d.kind === 'int' || d.kind === 'real' ? (d.min as number) : d.levels![0]);
  const highest: Chooser = (d) => (d.kind === 'int' || d.kind === 'real' ? (d.max as number) : d.levels![d.levels!.length - 1]);

  it('lists the descriptors in order, dependent ones at the first level of the earlier ones', () => {
    const s = bubeck.structure('standard');
    expect(s.map((d) => [d.name, d.kind, d.dependent])).toEqual([
      ['gamma', 'levels', false],
      ['k', 'int', true],
      ['d', 'int', true],
      ['activation', 'levels', false],
      ['outputWeights', 'levels', false],
      ['input', 'levels', false],
      ['impl', 'fixed', false],
      ['stepSign', 'fixed', false],
      ['stepScale', 'fixed', false],
    ]);
    expect(s[1]).toMatchObject({ min: 60, max: 240, scale: 'linear' }); // γ = 0.02
    expect(s[2]).toMatchObject({ min: 32, max: 128 }); // γ = 0.02, k = 60
    expect(s[5].labels).toEqual(['uniform on √d·S^{d−1}', 'N(0, I_d)']);
    expect(withN.structure('smoke')[3]).toMatchObject({ kind: 'levels', levels: ['exp', 'logistic'], weights: [3, 1] });
    expect(withN.structure('smoke')[1]).toMatchObject({ kind: 'derived', value: 1, formula: 'n = ⌊√d/ln d⌋', dependent: true });
  });

  it('builds the all-min and all-max corners, evaluating dependent bounds on the actual earlier values', () => {
    for (const profile of PROFILES) {
      const seen: Descriptor[] = [];
      const max = bubeck.complete(profile, calibrated, (d, partial) => {
        seen.push(d);
        if (d.name === 'd') expect(partial).toEqual({ gamma: profile === 'smoke' ? 0.1 : 0.2, k: max2k(profile) });
        return highest(d, partial);
      });
      const min = bubeck.complete(profile, calibrated, lowest);
      expect(bubeck.validate(min, calibrated)).toBeNull();
      expect(bubeck.validate(max, calibrated)).toBeNull();
      expect(max).toMatchObject({ gamma: profile === 'smoke' ? 0.1 : 0.2, activation: 'gelu', impl: 'reference', stepSign: -1 });
      const c = ctxOf({ gamma: max.gamma, k: max.k });
      expect(seen.find((d) => d.name === 'd')).toMatchObject({ min: dMin(c), dependent: true });
      expect(max.d).toBe(Math.min(cap({ ...c, profile }), 4 * dMin(c)));
    }
    function max2k(profile: Profile): number {
      const g = profile === 'smoke' ? 0.1 : 0.2;
      const c = { ...ctxOf({ gamma: g }), profile };
      return Math.max(kMin(c), Math.min(cap(c), 4 * kMin(c)));
    }
    for (const space of Object.values(spaces))
      for (const choose of [lowest, highest]) expect(space.validate(space.complete('paper', calibrated, choose), calibrated)).toBeNull();
  });

  it('throws when a choice leaves its domain or a constraint fails', () => {
    expect(() => bubeck.complete('standard', {}, (d) => (d.name === 'k' ? 1 : lowest(d, {})))).toThrow('complete: k must be an integer in [60, 240], got 1');
    const tight = defineSpace(
      { a: int({ min: 1, max: 5 }), b: int({ min: 1, max: 5 }) },
      { constraints: [{ name: 'a<b', check: (p) => (p.a < p.b ? null : `a must be < b, got a = ${p.a}, b = ${p.b}`) }] },
    );
    expect(() => tight.complete('smoke', {}, lowest)).toThrow('complete: constraint "a<b": a must be < b, got a = 1, b = 1');
    expect(fc.sample(tight.arbitrary('smoke'), { seed: 2, numRuns: 20 }).every((p) => p.a < p.b)).toBe(true);
  });

  it('starts a union with its form factor', () => {
    expect(forms.structure('smoke').map((d) => [d.name, d.kind, d.dependent])).toEqual([
      ['form', 'levels', false],
      ['d', 'int', true],
      ['tau', 'real', true],
    ]);
    expect(forms.structure('smoke')[0]).toMatchObject({ levels: ['main', 'thm27'], weights: [2, 1] });
    expect(forms.complete('smoke', {}, (d) => (d.name === 'form' ? 'thm27' : lowest(d, {})))).toEqual({ form: 'thm27', d: 1000, tau: thm27Tau(1000, 0) });
  });
});

describe('definition errors', () => {
  it('name the API and the parameter', () => {
    expect(() => defineSpace({ k: int({ min: 10, max: 5 }) })).toThrow('defineSpace: parameter "k": min 10 > max 5');
    expect(() => oneOf([])).toThrow('oneOf: levels must be non-empty');
    expect(() => defineSpace({ g: oneOf((c) => (c.profile === 'paper' ? [] : [1])) })).toThrow('defineSpace: parameter "g": levels must be non-empty');
    expect(() => defineSpace({ a: int({ min: (c) => Number(c.p.b), max: 5 }), b: int({ min: 1, max: 2 }) })).toThrow(
      'defineSpace: parameter "a" reads "b", which is not declared before it',
    );
    expect(() => defineSpace({ x: real({ min: 0, max: 1, scale: 'log' }) })).toThrow('defineSpace: parameter "x": log scale needs min > 0, got 0');
    expect(() => defineSpace({ x: int({ min: 0.5, max: 1 }) })).toThrow('defineSpace: parameter "x": min must be an integer, got 0.5');
    expect(() => defineSpace({ x: oneOf(['a', 'b'], { weights: [1] }) })).toThrow(
      'defineSpace: parameter "x": weights must have one entry per level (2), got 1',
    );
    expect(() => defineSpace({ d: int({ min: 1, max: 2 }), cell: cases([{ d: 1 }]) })).toThrow('defineSpace: parameter "d" is declared twice');
    expect(() => cases(() => [{ d: 1 }])).toThrow('cases: give `keys` when the rows are a function of the context');
    expect(() => unionSpace([])).toThrow('unionSpace: options must be non-empty');
  });
});

describe('types and hypotheses', () => {
  it('infers literal unions and serves as Hypotheses', () => {
    type B = PointOf<typeof bubeck>;
    expectTypeOf<B['activation']>().toEqualTypeOf<'tanh' | 'softplus' | 'sigmoid-centred' | 'gelu'>();
    expectTypeOf<B['input']>().toEqualTypeOf<'sphere' | 'gaussian'>();
    expectTypeOf<B['impl']>().toEqualTypeOf<'reference'>();
    expectTypeOf<B['stepSign']>().toEqualTypeOf<-1>();
    expectTypeOf<B['k']>().toEqualTypeOf<number>();
    expectTypeOf<PointOf<typeof withN>>().toEqualTypeOf<{ d: number; n: number; m: number; loss: 'exp' | 'logistic' }>();
    expectTypeOf<PointOf<typeof grid>>().toEqualTypeOf<{ d: number; eps: number; gamma: 0.05; lo: number; hi: number }>();
    expectTypeOf<PointOf<typeof forms>['form']>().toEqualTypeOf<'main' | 'thm27'>();
    const h: Hypotheses<B> = bubeck.hypotheses();
    expect(bubeck.hypotheses().space).toBe(bubeck);
    expect(h.describe('smoke')).toEqual(bubeck.describe('smoke'));
    expect(h.validate({ ...fc.sample(h.arbitrary('smoke', {}), { seed: 1, numRuns: 1 })[0], impl: 'broken' } as unknown as B, {})).toBe(
      'impl must be "reference", got "broken"',
    );
  });
});

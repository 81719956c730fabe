import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { probabilityCheck } from '../src/core/checks/probability.js';
import { overrideControl } from '../src/core/claim/controls.js';
import { defineClaim } from '../src/core/claim/definePaper.js';
import type { Budget, Profile } from '../src/core/claim/types.js';
import { planRun, verifyRun } from '../src/core/engine/engine.js';
import { coverageOf } from '../src/core/plan/coverage.js';
import { coveringArray } from '../src/core/plan/coveringArray.js';
import { canonicalPoint, designFactors, designPoints } from '../src/core/plan/designPoints.js';
import { canonicalJson } from '../src/core/random/seeds.js';
import { renderHtml } from '../src/core/report/html.js';
import { renderMarkdown } from '../src/core/report/markdown.js';
import { excludedText, untestedText } from '../src/core/report/coverageView.js';
import { defineSpace, fixed, int, oneOf, real, type SpaceContext } from '../src/core/space/index.js';

/**
 * Coverage by design: the covering array covers every pair, the design takes every level and both
 * ends of every range (dependent ranges on their own earlier values), canonical settings are
 * completed or rejected by name, and the engine's plan runs them before `configurations` random
 * draws with no duplicates — so a claim false only in a corner of its box is found, where the old
 * uniform plan misses it.
 */

describe('coveringArray (strength 2)', () => {
  it('covers every pair of values of every two factors, deterministically; the full factorial when small', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 7 }), (sizes) => {
        const rows = coveringArray(sizes, 8);
        expect(coveringArray(sizes, 8)).toEqual(rows);
        for (const r of rows) r.forEach((v, i) => expect(v >= 0 && v < sizes[i]).toBe(true));
        for (let i = 0; i < sizes.length; i++)
          for (let j = i + 1; j < sizes.length; j++)
            for (let a = 0; a < sizes[i]; a++) for (let b = 0; b < sizes[j]; b++) expect(rows.some((r) => r[i] === a && r[j] === b)).toBe(true);
        const total = sizes.reduce((x, y) => x * y, 1);
        if (total <= 8) expect(rows.length).toBe(total);
        else expect(rows.length).toBeLessThanOrEqual(total);
      }),
      { numRuns: 60 },
    );
    expect(coveringArray([3, 2, 2])).toHaveLength(12);
    expect(coveringArray([4, 4, 2, 2, 2, 2]).length).toBeLessThanOrEqual(20);
    expect(() => coveringArray([2, 0])).toThrow(/^coveringArray: sizes\[1\] must be an integer ≥ 1, got 0$/);
  });
});

const kMin = (c: SpaceContext<{ gamma: number }>): number => Math.ceil(10 * Math.log(1 / c.p.gamma));
const regime = defineSpace({
  gamma: oneOf([0.05, 0.1, 0.2] as const),
  k: int({ min: kMin, max: (c: SpaceContext<{ gamma: number }>) => 4 * kMin(c) }),
  activation: oneOf(['tanh', 'softplus'] as const),
  scale: real({ min: 0.5, max: 2 }),
  impl: fixed('reference'),
});

describe('designPoints', () => {
  const design = designPoints(regime, 'standard', {});
  it('takes every level and both range ends, dependent ends on the point’s own γ; every point validates', () => {
    expect(designFactors(regime, 'standard', {}).map((f) => [f.name, f.choices])).toEqual([
      ['gamma', 3],
      ['k', 2],
      ['activation', 2],
      ['scale', 2],
    ]);
    expect(design.excluded).toEqual([]);
    for (const p of design.points) expect(regime.validate(p)).toBeNull();
    for (const g of [0.05, 0.1, 0.2]) {
      const lo = Math.ceil(10 * Math.log(1 / g));
      expect(design.points.some((p) => p.gamma === g && p.k === lo)).toBe(true);
      expect(design.points.some((p) => p.gamma === g && p.k === 4 * lo)).toBe(true);
    }
    for (const a of ['tanh', 'softplus']) expect(design.points.some((p) => p.activation === a)).toBe(true);
    expect(new Set(design.points.map((p) => p.scale))).toEqual(new Set([0.5, 2]));
    expect(new Set(design.points.map((p) => canonicalJson(p))).size).toBe(design.points.length);
  });

  it('coverage lists every choice with its count', () => {
    const cov = coverageOf(
      regime,
      'standard',
      {},
      design.points.map((params) => ({ params, source: 'design' as const })),
    );
    expect(cov.sources).toEqual({ canonical: 0, design: design.points.length, search: 0, random: 0 });
    expect(cov.factors.find((f) => f.name === 'k')?.choices.map((c) => c.choice)).toEqual(['min', 'max']);
    for (const f of cov.factors) for (const c of f.choices) expect(c.configurations).toBeGreaterThan(0);
  });

  it('canonical settings are completed in the profile’s space, or rejected naming the claim', () => {
    expect(canonicalPoint(regime, 'standard', {}, { gamma: 0.1, activation: 'softplus' }, 'x.y')).toEqual({
      gamma: 0.1,
      k: 24,
      activation: 'softplus',
      scale: 0.5,
      impl: 'reference',
    });
    expect(() => canonicalPoint(regime, 'standard', {}, { gamma: 0.1, k: 5 }, 'x.y')).toThrow(
      /^planRun: claim x\.y: canonical configuration \{"gamma":0\.1,"k":5\} is outside its standard space: /,
    );
  });
});

// A claim false only in one corner of its box: P(event) ≥ 0.9 holds except at (q = its minimum, flag = "odd"), where the rate is 0.5.
const box = defineSpace({ q: int({ min: 0, max: 1000 }), r: int({ min: 0, max: 1000 }), flag: oneOf(['even', 'odd', 'none'] as const) });
type Box = { q: number; r: number; flag: 'even' | 'odd' | 'none' };
const budget: Budget = { configurations: 6, trials: 3000, controlConfigurations: 2 };
const profiles: Record<Profile, Budget> = { smoke: budget, standard: budget, paper: budget };
const corner = defineClaim<Box>({
  id: 'synthetic.corner',
  paper: 'synthetic',
  statement: 'P(E) ≥ 0.9 on the whole box (false only at q = 0, flag = odd)',
  hypotheses: box.hypotheses(),
  checks: [
    probabilityCheck<Box>({
      name: 'rate',
      describe: 'P(E) ≥ 0.9',
      target: () => 0.9,
      delta: 0.1,
      event: (p, rng) => rng.uniform() < (p.q === 0 && p.flag === 'odd' ? 0.5 : 0.97),
    }),
  ],
  controls: [overrideControl('always-half', 'rate 0.5 everywhere', box.hypotheses(), { q: 0, flag: 'odd' })],
  profiles,
  canonical: () => [{ q: 500, r: 500, flag: 'none' }],
});

describe('the engine plans by design', () => {
  const opts = { claims: [corner], profile: 'smoke' as const, masterSeed: 11, constants: {}, skipControls: true };
  it('the HTML coverage grid marks choices no configuration took', async () => {
    const r = verifyRun({ ...opts, design: false });
    const html = await renderHtml(r);
    expect(html).toContain('<table class="coverage">');
    const cov = r.claims[0].coverage!;
    expect(cov.sources).toEqual({ canonical: 0, design: 0, search: 0, random: 6 });
    // six uniform draws of q in [0, 1000] never hit an end: the grid shows q = min and max untested
    expect(cov.factors.find((f) => f.name === 'q')?.choices.filter((c) => c.choice !== 'interior')).toEqual([
      { choice: 'min', configurations: 0 },
      { choice: 'max', configurations: 0 },
    ]);
    expect(html).toMatch(/class="cov miss"[^>]*>min <b>0<\/b>/);
  });

  it('canonical first, then the design, then at least `configurations` random points; no duplicates; sources in the report', () => {
    const plan = planRun({ ...opts, design: true }).claims[0];
    expect(plan.sources.filter((s) => s === 'canonical')).toHaveLength(1);
    expect(plan.sources.filter((s) => s === 'design').length).toBe(12);
    expect(plan.sources.filter((s) => s === 'random')).toHaveLength(6);
    expect(new Set(plan.configs.map((p) => canonicalJson(p))).size).toBe(plan.configs.length);
    expect(plan.configs[0]).toEqual({ q: 500, r: 500, flag: 'none' });
    expect(plan.coverage?.sources).toEqual({ canonical: 1, design: 12, search: 0, random: 6 });
  });

  it('a claim false only in a corner is violated with the design, and verified by the uniform plan that never looks there', () => {
    const designed = verifyRun({ ...opts, design: true }).claims[0];
    expect(designed.status).toBe('violated');
    expect(designed.counterexample?.params).toMatchObject({ q: 0, flag: 'odd' });
    expect(designed.counterexample?.confirmation.status).toBe('violated');
    const r = verifyRun({ ...opts, design: true });
    const md = renderMarkdown(r);
    expect(md).toContain('- `synthetic.corner` — 1 canonical · 12 design · 6 random');
    expect(md).toMatch(/ {2}- flag: even ×\d+, odd ×\d+, none ×\d+/);
    const uniform = verifyRun({ ...opts, design: false }).claims[0];
    expect(uniform.status).toBe('verified');
    expect(uniform.configurations.every((c) => c.source === 'random')).toBe(true);
  });
});

// A claim false only in a narrow interior band of q (around 700; the rate dips smoothly towards it): only the search can find it.
const line = defineSpace({ q: int({ min: 0, max: 1000 }), flag: oneOf(['a', 'b'] as const) });
type Line = { q: number; flag: 'a' | 'b' };
const bandRate = (q: number): number => 0.97 - 0.5 / (1 + ((q - 700) / 30) ** 2);
const band = (search: Budget['search']) =>
  defineClaim<Line>({
    id: 'synthetic.band',
    paper: 'synthetic',
    statement: 'P(E) ≥ 0.9 on [0, 1000] (false only for |q − 700| ≲ 40)',
    hypotheses: line.hypotheses(),
    checks: [probabilityCheck<Line>({ name: 'rate', describe: 'P(E) ≥ 0.9', target: () => 0.9, delta: 0.1, event: (p, rng) => rng.uniform() < bandRate(p.q) })],
    controls: [],
    profiles: {
      smoke: { configurations: 4, trials: 3000, ...(search ? { search } : {}) },
      standard: { configurations: 4, trials: 3000 },
      paper: { configurations: 4, trials: 3000 },
    },
  });

describe('targeted search', () => {
  it('hill-climbs on the pilot stream to the band and decides its pick on the main stream, inside the Holm family', () => {
    const run = (search: Budget['search']) => verifyRun({ claims: [band(search)], profile: 'smoke', masterSeed: 5, constants: {}, design: true }).claims[0];
    const searched = run({ pilotTrials: 2000, steps: 12 });
    expect(searched.search?.picks).toBe(1);
    expect(Math.abs((searched.search?.worst.params.q as number) - 700)).toBeLessThan(45);
    expect(searched.search?.worst.margin).toBeLessThan(-3);
    expect(searched.configurations.filter((c) => c.source === 'search')).toHaveLength(1);
    expect(searched.coverage?.sources.search).toBe(1);
    expect(searched.status).toBe('violated');
    expect(Math.abs((searched.counterexample?.params.q as number) - 700)).toBeLessThan(45);
    // The search is deterministic: the same seed gives the same candidates, picks and report.
    expect(run({ pilotTrials: 2000, steps: 12 }).search).toEqual(searched.search);
    const designed = run(undefined);
    expect(designed.status).not.toBe('violated');
  });
});

describe('coverage text', () => {
  it('names the design points a constraint left out, and folds a long list of untested choices', () => {
    const cov = {
      sources: { design: 1 },
      factors: [{ name: 'cell', kind: 'cases', choices: Array.from({ length: 20 }, (_, i) => ({ choice: `c${i}`, configurations: i === 0 ? 1 : 0 })) }],
    };
    expect(untestedText(cov)).toBe(
      'cell = c1, cell = c2, cell = c3, cell = c4, cell = c5, cell = c6, cell = c7, cell = c8, cell = c9, cell = c10, cell = c11, cell = c12 and 7 more',
    );
    expect(excludedText(['complete: constraint "n-bound": n must be ≤ 2, got 3', 'x'])).toBe(
      '2 design points left out by constraints (first: complete: constraint "n-bound": n must be ≤ 2, got 3)',
    );
    expect(excludedText(undefined)).toBe('');
    const tight = defineSpace(
      { n: int({ min: 1, max: 10 }), m: int({ min: 1, max: 10 }) },
      { constraints: [{ name: 'sum', check: (p) => (p.n + p.m <= 12 ? null : `n + m must be ≤ 12, got ${p.n + p.m}`) }] },
    );
    const plan = designPoints(tight, 'smoke', {});
    expect(plan.points).toHaveLength(3);
    expect(plan.excluded.map((e) => e.reason)).toEqual(['complete: constraint "sum": n + m must be ≤ 12, got 20']);
  });
});

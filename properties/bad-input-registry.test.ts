import { fc, test } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { holmFwer } from '../src/papers/engine/claims/holm-fwer.js';
import { CONSTANTS_PATH, parseConstants } from '../src/core/claim/constants.js';
import { deferLongClaims, selectClaims, validateClaims } from '../src/core/claim/registry.js';
import { PROFILES, type Claim, type Params } from '../src/core/claim/types.js';
import { badCount, errorOf, expectNames } from './bad-values.js';

/**
 * Bad input to claim registration and to fixtures/constants.json: each must throw an error naming
 * the claim or file, the field, the offending value and what is allowed. (Split from
 * bad-input.test.ts, which imports the CLI, so that mutation runs include these.)
 */

describe('claim registration (validateClaims): names the claim, the field, the value and what is allowed', () => {
  const base: Claim<Params> = holmFwer;
  const register = (c: Partial<Claim<Params>> | Record<string, unknown>): string => errorOf(() => validateClaims([c as Claim<Params>]));

  test('the unmodified claim registers', () => {
    expect(register(base)).toBe('no error');
  });

  test.prop([fc.string({ maxLength: 16 }).filter((s) => !/^[a-z]+\.[a-z0-9-]+$/.test(s))], { numRuns: 30 })('malformed id', (id) => {
    expectNames(register({ ...base, id }), `registerClaims: claim "${id}"`, 'id must match');
  });

  test.prop(
    [fc.constantFrom('bubeck', 'vardi', 'schmidt'), fc.stringMatching(/^[a-z]{2,8}$/).filter((p) => !['bubeck', 'vardi', 'schmidt', 'engine'].includes(p))],
    { numRuns: 20 },
  )('paper unknown or not the id prefix', (other, unknown) => {
    expectNames(register({ ...base, paper: other }), 'id must start with its paper', `"${other}."`);
    expectNames(register({ ...base, id: `${unknown}.x`, paper: `${unknown}!` }), 'paper must be a paper id', `got "${unknown}!"`);
  });

  test.prop([fc.oneof(fc.constantFrom('', '   ', null, 3, undefined), fc.array(fc.string(), { maxLength: 2 }))], { numRuns: 20 })(
    'empty or non-string statement',
    (statement) => {
      expectNames(register({ ...base, statement }), 'statement must be a non-empty string');
    },
  );

  test('no checks, malformed checks, missing hypotheses, malformed or duplicate controls, duplicate ids, non-object entries', () => {
    expectNames(register({ ...base, checks: [] }), 'needs at least one check');
    expectNames(register({ ...base, checks: 'coverage' }), 'needs at least one check');
    expectNames(register({ ...base, checks: [{ kind: 'magic', name: 'x', decide: () => null }] }), 'checks[0] must be a check', 'got kind "magic"');
    expectNames(register({ ...base, hypotheses: undefined }), 'hypotheses must have arbitrary, validate and describe functions');
    expectNames(register({ ...base, controls: undefined }), 'controls must be an array');
    expectNames(register({ ...base, controls: [base.controls[0], base.controls[0]] }), 'duplicate control id "no-correction"');
    expectNames(register({ ...base, controls: [{ ...base.controls[0], id: 'Bad Id' }] }), 'control id must match', 'got "Bad Id"');
    expectNames(register({ ...base, controls: [{ id: 'x', description: '' }] }), 'control "x" needs an arbitrary function');
    expectNames(
      errorOf(() => validateClaims([base, base])),
      'claim "engine.holm-fwer": duplicate id',
    );
    expectNames(
      errorOf(() => validateClaims([null as unknown as Claim<Params>])),
      'claim #0 must be an object',
      'got null',
    );
    expectNames(register({ ...base, profiles: undefined }), 'profiles must give a budget for each of smoke, standard, paper');
  });

  test.prop([fc.constantFrom(...PROFILES), fc.constantFrom('trials', 'configurations'), badCount(1)], { numRuns: 40 })(
    'budgets: a missing profile, trials or configurations not an integer ≥ 1',
    (profile, field, v) => {
      expectNames(
        register({ ...base, profiles: { ...base.profiles, [profile]: { ...base.profiles[profile], [field]: v } } }),
        `profiles.${profile}.${field} must be an integer ≥ 1`,
        `got ${v}`,
      );
      const rest = { ...base.profiles } as Partial<typeof base.profiles>;
      delete rest[profile];
      expectNames(register({ ...base, profiles: rest }), `missing budget for profile "${profile}"`);
    },
  );

  test('each missing hypotheses function, each malformed check or control field, a non-object profiles, the smallest budget', () => {
    const h = base.hypotheses;
    for (const missing of ['arbitrary', 'validate', 'describe'] as const) {
      const partial = { ...h, [missing]: undefined };
      expectNames(register({ ...base, hypotheses: partial }), 'hypotheses must have arbitrary, validate and describe functions');
    }
    const good = base.checks[0];
    expectNames(register({ ...base, checks: [null] }), 'checks[0] must be a check', 'got kind undefined');
    expectNames(register({ ...base, checks: [{ ...good, decide: undefined }] }), 'checks[0] must be a check', `got kind "${good.kind}"`);
    expectNames(register({ ...base, checks: [{ ...good, name: '' }] }), 'checks[0] must be a check');
    expectNames(register({ ...base, checks: [{ ...good, name: 7 }] }), 'checks[0] must be a check');
    expectNames(register({ ...base, controls: [null] }), 'control id must match', 'got undefined');
    expectNames(register({ ...base, controls: [{ ...base.controls[0], id: 5 }] }), 'control id must match', 'got 5');
    expectNames(register({ ...base, controls: [{ ...base.controls[0], id: 'ok-but!' }] }), 'control id must match', 'got "ok-but!"');
    expectNames(register({ ...base, profiles: 'standard' }), 'profiles must give a budget for each of smoke, standard, paper');
    const one = Object.fromEntries(PROFILES.map((p) => [p, { ...base.profiles[p], trials: 1, configurations: 1 }]));
    expect(register({ ...base, profiles: one })).toBe('no error');
    expectNames(
      errorOf(() => validateClaims('engine.holm-fwer' as never)),
      'registerClaims: claims must be an array',
      'got string',
    );
  });

  test('three configurations per profile are drawn from the arbitrary (seed 1) and validated', () => {
    let calls = 0;
    const hypotheses = { ...base.hypotheses, validate: (p: Params, c: never) => (calls++, base.hypotheses.validate(p, c)) };
    expect(register({ ...base, hypotheses })).toBe('no error');
    expect(calls).toBe(3 * PROFILES.length);
  });

  test('an arbitrary that generates configurations outside its own hypotheses', () => {
    const hypotheses = { ...base.hypotheses, validate: (p: Params) => (p.m === 1000 ? null : `m must be 1000, got ${p.m}`) };
    expectNames(register({ ...base, hypotheses }), 'arbitrary generated a configuration outside its hypotheses', 'm must be 1000, got');
  });
});

describe('fixtures/constants.json (parseConstants): malformed, truncated or ill-typed', () => {
  const text = readFileSync(CONSTANTS_PATH, 'utf8');
  const end = text.lastIndexOf('}');

  test.prop([fc.integer({ min: 0, max: Math.max(0, end - 1) })], { numRuns: 40 })('truncated anywhere inside the object', (cut) => {
    expectNames(
      errorOf(() => parseConstants(text.slice(0, cut), 'fixtures/constants.json')),
      'loadConstants: fixtures/constants.json: malformed JSON',
    );
  });

  test.prop([fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))], { numRuns: 30 })('not a JSON object', (v) => {
    expectNames(
      errorOf(() => parseConstants(JSON.stringify(v), 'c.json')),
      'loadConstants: c.json',
      'must be a JSON object of named constants',
    );
  });

  const good = { value: 1.5, ci: [1, 2], calibratedOn: { seed: 's', profile: 'smoke', method: 'm' } };
  test.prop([fc.oneof(fc.constantFrom(null, '1', true, [], {}), fc.string({ maxLength: 4 }))], { numRuns: 20 })(
    'a value that is not a finite number',
    (value) => {
      expectNames(
        errorOf(() => parseConstants(JSON.stringify({ 'x.C': { ...good, value } }), 'c.json')),
        'constant "x.C".value must be a finite number',
        `got ${JSON.stringify(value)}`,
      );
    },
  );

  const badCi = fc.oneof(
    fc.tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.double({ min: -10, max: 0.99, noNaN: true })),
    fc.constantFrom([1], [1, 2, 3], null, 'ci', [null, 1], [1, '2']),
  );
  test.prop([badCi], { numRuns: 20 })('a ci that is not [lo ≤ hi]', (ci) => {
    expectNames(
      errorOf(() => parseConstants(JSON.stringify({ 'x.C': { ...good, ci } }), 'c.json')),
      'constant "x.C".ci must be [lo, hi] with finite lo ≤ hi',
      `got ${JSON.stringify(ci)}`,
    );
  });

  test('no calibratedOn, a non-object entry, a non-object "constants" key', () => {
    expectNames(
      errorOf(() => parseConstants(JSON.stringify({ 'x.C': { ...good, calibratedOn: undefined } }), 'c.json')),
      'constant "x.C".calibratedOn must describe how it was obtained',
    );
    expectNames(
      errorOf(() => parseConstants(JSON.stringify({ 'x.C': { ...good, calibratedOn: [] } }), 'c.json')),
      'calibratedOn',
    );
    expectNames(
      errorOf(() => parseConstants(JSON.stringify({ 'x.C': 3 }), 'c.json')),
      'constant "x.C" must be an object',
    );
    expectNames(
      errorOf(() => parseConstants(JSON.stringify({ constants: 5 }), 'c.json')),
      '"constants" must be a JSON object of named constants',
      'got 5',
    );
  });
});

describe('selectClaims (--only): prefixes select, unknown prefixes are named with the known ids', () => {
  const claims = [{ id: 'bubeck.a' }, { id: 'bubeck.b-c' }, { id: 'vardi.a' }, { id: 'engine.x' }];
  test('no prefix: all; a paper, a paper with its dot, an exact id, a partial id', () => {
    expect(selectClaims(claims)).toEqual(claims);
    expect(selectClaims(claims, [])).toEqual(claims);
    expect(selectClaims(claims)).not.toBe(claims);
    expect(selectClaims(claims, ['bubeck']).map((c) => c.id)).toEqual(['bubeck.a', 'bubeck.b-c']);
    expect(selectClaims(claims, ['bubeck.']).map((c) => c.id)).toEqual(['bubeck.a', 'bubeck.b-c']);
    expect(selectClaims(claims, ['vardi.a', 'engine']).map((c) => c.id)).toEqual(['vardi.a', 'engine.x']);
    expect(selectClaims(claims, ['bubeck.b']).map((c) => c.id)).toEqual(['bubeck.b-c']);
  });
  test('an unknown prefix', () => {
    expectNames(
      errorOf(() => selectClaims(claims, ['bubeck', 'schmidt'])),
      '--only: no claim id starts with "schmidt"',
      'known ids: bubeck.a, bubeck.b-c, vardi.a, engine.x',
    );
    expect(() => selectClaims(claims, ['bubeck', 'schmidt'])).toThrow(RangeError);
  });
});

describe('deferLongClaims: a claim that states its own time at a profile runs only when asked, and is otherwise listed with its time and command', () => {
  const budget = (cpuSeconds?: number) => (cpuSeconds ? { statedTime: { cpuSeconds, measured: 'a shard sample' } } : {});
  const claims = [
    { id: 'schmidt.long', paper: 'schmidt', profiles: { smoke: budget(), standard: budget(), paper: budget(14_400) } },
    { id: 'schmidt.short', paper: 'schmidt', profiles: { smoke: budget(), standard: budget(), paper: budget() } },
  ];
  const command = (id: string): string => `npm run verify -- --profile paper --only ${id}`;
  test('left out at its profile, with the stated time and the command; run at other profiles, with --long, or when --only names it', () => {
    const paper = deferLongClaims(claims, 'paper', { long: false, command });
    expect(paper.run.map((c) => c.id)).toEqual(['schmidt.short']);
    expect(paper.notRun).toHaveLength(1);
    expect(paper.notRun[0]).toMatchObject({ id: 'schmidt.long', paper: 'schmidt', cpuSeconds: 14_400 });
    expectNames(
      paper.notRun[0].reason,
      'states its own time at profile paper',
      '≈ 4.0 h of CPU',
      'a shard sample',
      'npm run verify -- --profile paper --only schmidt.long',
    );
    expect(deferLongClaims(claims, 'standard', { long: false, command }).notRun).toEqual([]);
    expect(deferLongClaims(claims, 'paper', { long: true, command }).run).toHaveLength(2);
    expect(deferLongClaims(claims, 'paper', { long: false, only: ['schmidt.long'], command }).run.map((c) => c.id)).toEqual(['schmidt.long', 'schmidt.short']);
    // A paper prefix does not name it: still left out.
    expect(deferLongClaims(claims, 'paper', { long: false, only: ['schmidt'], command }).notRun).toHaveLength(1);
  });
  test('registration rejects a statedTime without a positive time or a measurement', () => {
    const withStated = (statedTime: unknown) => ({ ...holmFwer, profiles: { ...holmFwer.profiles, paper: { ...holmFwer.profiles.paper, statedTime } } });
    expectNames(
      errorOf(() => validateClaims([withStated({ cpuSeconds: 0, measured: 'x' }) as Claim<Params>])),
      'profiles.paper.statedTime must give cpuSeconds > 0 and a non-empty measured',
      '"cpuSeconds":0',
    );
    expectNames(
      errorOf(() => validateClaims([withStated({ cpuSeconds: 10, measured: ' ' }) as Claim<Params>])),
      'profiles.paper.statedTime',
    );
  });
});

import { fc, test } from '@fast-check/vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConstants, parseConstants, requireConstant, saveConstants } from '../src/core/claim/constants.js';
import { fixtureFile, parseReplayCommand, shellWords } from '../scripts/recordCounterexamples.js';
import { replayCommand } from '../src/core/engine/replayCommand.js';
import { canonicalJson, hash32 } from '../src/core/random/seeds.js';
import { overrideControl } from '../src/core/claim/controls.js';
import type { Params } from '../src/core/claim/types.js';

/**
 * The small pieces of src/core (claim, engine) that every report depends on: canonical parameters (stream names),
 * the FNV-1a seed hash, the replay command and its parser (a round trip through shell quoting), and
 * the constants file (parse, save atomically, require).
 */

const paramValue = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
);
// Parameter names are identifiers (integer-like keys would be enumerated first by any JS object).
const paramsArb = fc.dictionary(
  fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_ ]{0,5}$/).filter((k) => k !== '__proto__'),
  paramValue,
  { maxKeys: 6 },
) as fc.Arbitrary<Params>;

describe('seeds: canonical JSON and hash32', () => {
  test.prop([paramsArb])('canonicalJson sorts keys: any key order gives the same string, and it parses back to the same params', (p) => {
    const reversed = Object.fromEntries(Object.entries(p).reverse()) as Params;
    expect(canonicalJson(reversed)).toBe(canonicalJson(p));
    expect(JSON.parse(canonicalJson(p))).toEqual(JSON.parse(JSON.stringify(p)));
    const keys = Object.keys(JSON.parse(canonicalJson(p)) as object);
    expect(keys).toEqual([...keys].sort());
  });

  it('hash32 is 32-bit FNV-1a (reference values) and non-negative', () => {
    expect(hash32('')).toBe(0x811c9dc5);
    expect(hash32('a')).toBe(0xe40c292c);
    expect(hash32('foobar')).toBe(0xbf9cf968);
    expect(hash32('20261125/bubeck.one-step-flip')).toBeGreaterThanOrEqual(0);
    expect(hash32('ab')).not.toBe(hash32('ba'));
  });
});

describe('replay command: built with shell quoting, parsed back exactly', () => {
  const spec = fc.record({
    claim: fc.constantFrom('bubeck.one-step-flip', 'engine.holm-fwer'),
    control: fc.option(fc.constantFrom('wrong-step-sign', "it's-quoted"), { nil: undefined }),
    profile: fc.constantFrom('smoke' as const, 'standard' as const, 'paper' as const),
    seed: fc.integer({ min: 0, max: 2 ** 40 }),
    params: paramsArb,
    stream: fc.constantFrom('main', 'main/confirm', "control:it's", 'control:a b'),
    alpha: fc.double({ min: 1e-9, max: 0.5, noNaN: true }),
    threshold: fc.double({ min: 1e-9, max: 0.5, noNaN: true }),
    impl: fc.option(fc.constantFrom('grad-missing-inv-sqrt-k'), { nil: undefined }),
  });

  test.prop([spec])('parseReplayCommand(replayCommand(r)) recovers every flag', (r) => {
    const cmd = replayCommand(r);
    expect(cmd.startsWith('npx tsx scripts/cli.ts replay --claim ')).toBe(true);
    const f = parseReplayCommand(cmd);
    expect(f.claim).toBe(r.claim);
    expect(f.control).toBe(r.control);
    expect(f.profile).toBe(r.profile);
    expect(Number(f.seed)).toBe(r.seed);
    expect(f.stream).toBe(r.stream);
    expect(Number(f.alpha)).toBe(r.alpha);
    expect(Number(f.threshold)).toBe(r.threshold);
    expect(f.impl).toBe(r.impl);
    expect(f.params).toBe(canonicalJson(r.params));
  });

  it('shellWords: single quotes with escapes, backslashes, runs of whitespace; unterminated quotes named', () => {
    expect(shellWords(`a  'b c'  d\\ e 'it'\\''s'`)).toEqual(['a', 'b c', 'd e', "it's"]);
    expect(shellWords(`\\x`)).toEqual(['x']);
    expect(shellWords(`a\\`)).toEqual(['a\\']);
    expect(shellWords(`'' b`)).toEqual(['', 'b']);
    expect(shellWords('  ')).toEqual([]);
    expect(shellWords("''")).toEqual(['']);
    expect(() => shellWords("a 'b")).toThrow(/shellWords: unterminated quote at 2/);
    expect(() => parseReplayCommand('npx tsx scripts/cli.ts verify --x 1')).toThrow(/not a replay command/);
    expect(() => parseReplayCommand('replay --claim')).toThrow(/expected --flag value at "--claim"/);
    expect(() => parseReplayCommand('replay claim x')).toThrow(/expected --flag value at "claim"/);
    expect(fixtureFile({ claim: 'a.b', control: 'c' } as Parameters<typeof fixtureFile>[0])).toBe('a.b--c.json');
  });
});

describe('constants file', () => {
  const good = { value: 1.5, ci: [1, 2], calibratedOn: { seed: 'calibration/1', profile: 'standard', method: 'test' } };

  it('parses flat and nested tables, skips $comment, names every malformed entry', () => {
    expect(parseConstants(JSON.stringify({ $comment: 'x', C: good }))).toEqual({ C: good });
    expect(parseConstants(JSON.stringify({ constants: { C: good } }))).toEqual({ C: good });
    const bad: Array<[unknown, RegExp]> = [
      [[1], /must be a JSON object of named constants/],
      [{ constants: [1] }, /"constants" must be a JSON object of named constants, got \[1\]/],
      [{ C: 3 }, /constant "C" must be an object/],
      [{ C: { ...good, value: 'x' } }, /constant "C".value must be a finite number, got "x"/],
      [{ C: { ...good, ci: [2, 1] } }, /constant "C".ci must be \[lo, hi\] with finite lo ≤ hi, got \[2,1\]/],
      [{ C: { ...good, ci: [1] } }, /constant "C".ci must be \[lo, hi\]/],
      [{ C: { ...good, calibratedOn: [] } }, /constant "C".calibratedOn must describe how it was obtained/],
    ];
    for (const [v, msg] of bad) expect(() => parseConstants(JSON.stringify(v), 'f.json')).toThrow(msg);
    expect(() => parseConstants('{"C": ', 'f.json')).toThrow(/loadConstants: f.json: malformed JSON/);
  });

  it('saveConstants merges, sorts and writes atomically; loadConstants reads it back; requireConstant names a missing one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'constants-'));
    const file = path.join(dir, 'constants.json');
    expect(loadConstants(file)).toEqual({});
    saveConstants({ B: good } as never, file);
    const merged = saveConstants({ A: { ...good, value: 1.2 } } as never, file);
    expect(Object.keys(merged).sort()).toEqual(['A', 'B']);
    const text = fs.readFileSync(file, 'utf8');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['$comment', 'A', 'B']);
    expect(loadConstants(file)).toEqual(merged);
    expect(fs.readdirSync(dir)).toEqual(['constants.json']);
    expect(requireConstant(merged, 'A')).toBe(1.2);
    expect(() => requireConstant(merged, 'Z')).toThrow(/constant "Z" is not calibrated: run `npm run calibrate`/);
  });

  it('the saved file ends with a newline and says where its constants come from; a malformed file is named by its path; lo = hi and calibratedOn null', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'constants-'));
    const file = path.join(dir, 'constants.json');
    saveConstants({ A: good } as never, file);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect((JSON.parse(text) as { $comment: string }).$comment).toMatch(/^Universal constants estimated by `npm run calibrate`/);
    fs.writeFileSync(file, '{"A": ');
    expect(() => loadConstants(file)).toThrow(new RegExp(`^loadConstants: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: malformed JSON`));
    expect(parseConstants(JSON.stringify({ A: { ...good, ci: [2, 2], value: 2 } }), 'f.json').A.ci).toEqual([2, 2]);
    expect(() => parseConstants(JSON.stringify({ A: { ...good, calibratedOn: null } }), 'f.json')).toThrow(
      /constant "A".calibratedOn must describe how it was obtained/,
    );
  });
});

describe('overrideControl (controls.ts)', () => {
  it('merges fixed values or applies a function to every configuration of the claim’s own arbitrary; checks default to the claim’s', () => {
    const base = { arbitrary: () => fc.constant({ q: 1, r: 2 }), validate: () => null, describe: () => '' };
    const fixed = overrideControl('fixed', 'q = 5', base as never, { q: 5 } as never);
    const viaFn = overrideControl('fn', 'q + 10', base as never, ((p: { q: number; r: number }) => ({ ...p, q: p.q + 10 })) as never, []);
    expect(fc.sample(fixed.arbitrary('smoke', {}), 2)).toEqual([
      { q: 5, r: 2 },
      { q: 5, r: 2 },
    ]);
    expect(fc.sample(viaFn.arbitrary('smoke', {}), 1)).toEqual([{ q: 11, r: 2 }]);
    expect([fixed.id, fixed.description, fixed.checks]).toEqual(['fixed', 'q = 5', undefined]);
    expect(viaFn.checks).toEqual([]);
  });
});

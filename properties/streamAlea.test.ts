import { fc, test } from '@fast-check/vitest';
import seedrandom from 'seedrandom';
import { describe, expect } from 'vitest';
import { Stream } from '../src/core/random/stream.js';
import { memoNumeric } from '../src/core/stats/memoNumeric.js';

/** Stream.uniform's formula on seedrandom's own Alea (the generator Stream inlines). */
function referenceUniform(prng: () => number): number {
  let u = 0;
  while (u === 0) u = prng() + prng() * 2.3283064365386963e-10;
  return u >= 1 ? u - 1 + Number.EPSILON : u;
}

describe('Stream is seedrandom.alea, inlined', () => {
  test.prop([fc.string({ maxLength: 60 }), fc.array(fc.tuple(fc.constantFrom('trial', 'seed', 'x'), fc.option(fc.nat(100000))), { maxLength: 3 })])(
    'same uniforms, signs and normals as seedrandom.alea on the same seed path, children included',
    (root, path) => {
      let s = new Stream(root);
      let seed = root;
      for (const [name, index] of path) {
        s = s.child(name, index ?? undefined);
        seed = index === null ? `${seed}/${name}` : `${seed}/${name}:${index}`;
      }
      expect(s.seed).toBe(seed);
      const ref = seedrandom.alea(seed);
      for (let i = 0; i < 8; i++) expect(s.uniform()).toBe(referenceUniform(ref));
      expect(s.sign()).toBe(ref() < 0.5 ? -1 : 1);
      const t = new Stream(seed);
      const r2 = seedrandom.alea(seed);
      const u = referenceUniform(r2);
      const v = referenceUniform(r2);
      const s2 = 2 * u - 1;
      const w = 2 * v - 1;
      const z = t.normal();
      if (s2 * s2 + w * w > 0 && s2 * s2 + w * w < 1) expect(z).toBe(s2 * Math.sqrt((-2 * Math.log(s2 * s2 + w * w)) / (s2 * s2 + w * w)));
    },
  );

  test.prop([fc.string({ maxLength: 30 }), fc.nat(5000), fc.double({ min: -0.5, max: 1.5, noNaN: true }), fc.integer({ min: -3, max: 3 })])(
    'uniformBelow(p) = (uniform() < p) and leaves the stream where uniform() does, p at and beside the draw included',
    (root, t, p, nudge) => {
      const u = new Stream(root).child('trial', t).uniform();
      // p on the draw itself, or a few units of 2⁻³² beside it: where the first output alone cannot decide.
      const q = nudge === 0 ? p : u + nudge * 2.3283064365386963e-10;
      const a = new Stream(root).child('trial', t);
      const b = new Stream(root).child('trial', t);
      expect(a.uniformBelow(q)).toBe(b.uniform() < q);
      expect(a.uniform()).toBe(b.uniform());
      expect(a.uniformBelow(0.5)).toBe(b.uniform() < 0.5);
      expect(a.normal()).toBe(b.normal());
    },
  );

  test.prop([
    fc.string({ maxLength: 30 }),
    fc.nat(3),
    fc.array(fc.nat(40), { minLength: 1, maxLength: 4 }),
    fc.constantFrom(1, 0.5, 3, 0),
    fc.boolean(),
    fc.boolean(),
  ])(
    'fillNormal(out, sd) = out[i] = sd·normal() in order, spare and lazy seeding included, and leaves the stream where normal() does',
    (root, before, lengths, sd, below, viaChild) => {
      const make = (): Stream => (viaChild ? new Stream(root).child('trial', 3) : new Stream(root));
      const a = make();
      const b = make();
      if (below) expect(a.uniformBelow(0.5)).toBe(b.uniform() < 0.5); // a stream with outputs to replay at seeding
      for (let i = 0; i < before; i++) expect(a.normal()).toBe(b.normal()); // an odd count leaves a spare
      for (const n of lengths) {
        const got = a.fillNormal(new Float64Array(n), sd);
        const want = Float64Array.from({ length: n }, () => sd * b.normal());
        expect(Array.from(got)).toEqual(Array.from(want));
      }
      expect(a.normal()).toBe(b.normal());
      expect(a.uniform()).toBe(b.uniform());
    },
  );
});

describe('memoNumeric', () => {
  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), { maxLength: 200 }), fc.integer({ min: 1, max: 8 })])(
    'the same values as the function, with a table of any cap',
    (calls, cap) => {
      let evaluations = 0;
      const f = (a: number, b: number): number => {
        evaluations++;
        return a * 31 + b / 7;
      };
      const m = memoNumeric(f, cap);
      for (const [a, b] of calls) expect(m(a, b)).toBe(a * 31 + b / 7);
      expect(evaluations).toBeLessThanOrEqual(calls.length);
    },
  );
});

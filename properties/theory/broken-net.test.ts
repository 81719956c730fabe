import { describe, expect, test } from 'vitest';
import { main } from '../../scripts/cli.js';
import { allClaims } from '../../src/papers/index.js';
import { loadConstants } from '../../src/core/claim/constants.js';
import { verifyRun } from '../../src/core/engine/engine.js';
import { shellWords } from '../../scripts/recordCounterexamples.js';
import { selectClaims } from '../../src/core/claim/registry.js';
import { DEFAULT_SEED } from '../../src/core/random/seeds.js';

describe('a deliberately broken net turns the gate red', () => {
  test('∇f without its k^{-1/2} factor, injected through the implementation registry, violates bubeck.gradient-moment and bubeck.one-step-flip with shrunk counterexamples whose replay reproduces the violation', async () => {
    const claims = selectClaims(allClaims, ['bubeck.gradient-moment', 'bubeck.one-step-flip']);
    const report = verifyRun({
      claims,
      profile: 'smoke',
      masterSeed: DEFAULT_SEED,
      constants: loadConstants(),
      impl: 'grad-missing-inv-sqrt-k',
      skipControls: true,
    });
    for (const c of report.claims) {
      expect(c.status, `${c.id}: ${c.reason ?? ''}`).toBe('violated');
      const cx = c.counterexample!;
      expect(cx.confirmation.status).toBe('violated');
      expect(cx.replay).toContain('--impl grad-missing-inv-sqrt-k');
      const argv = shellWords(cx.replay).slice(3); // drop "npx tsx scripts/cli.ts"
      const log = console.log;
      let printed = '';
      console.log = (s: string) => {
        printed += s;
      };
      try {
        expect(await main(argv)).toBe(1);
      } finally {
        console.log = log;
      }
      expect(JSON.parse(printed).status).toBe('violated');
    }
    // the same claims pass with the reference implementation (same seed, same profile)
    const clean = verifyRun({ claims, profile: 'smoke', masterSeed: DEFAULT_SEED, constants: loadConstants(), skipControls: true });
    expect(clean.claims.map((c) => c.status)).toEqual(['verified', 'verified']);
  });
});

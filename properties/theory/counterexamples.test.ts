import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { allClaims } from '../../src/papers/index.js';
import { loadConstants } from '../../src/core/claim/constants.js';
import { replayDecision } from '../../src/core/engine/engine.js';
import { COUNTEREXAMPLES_DIR, fixtureFile, parseReplayCommand, type CounterexampleFixture } from '../../scripts/recordCounterexamples.js';
import { canonicalJson } from '../../src/core/random/seeds.js';

/**
 * Every confirmed counterexample in fixtures/counterexamples/ (recorded from a report by
 * scripts/recordCounterexamples.ts) is replayed through replayDecision, on its recorded stream
 * and on the fresh confirmation stream, and must still give the recorded status: a control that
 * stops failing (a check that can no longer fail) is caught here, forever.
 */
const files = fs.existsSync(COUNTEREXAMPLES_DIR)
  ? fs
      .readdirSync(COUNTEREXAMPLES_DIR)
      .filter((n) => n.endsWith('.json'))
      .sort()
  : [];
const current = loadConstants();

describe('recorded counterexamples replay to their recorded status', () => {
  test('there are recorded counterexamples', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const name of files) {
    const fx = JSON.parse(fs.readFileSync(path.join(COUNTEREXAMPLES_DIR, name), 'utf8')) as CounterexampleFixture;
    test(`${fx.claim} ⟂ ${fx.control ?? '(claim)'}: ${fx.expected}`, () => {
      expect(name).toBe(fixtureFile(fx));
      const claim = allClaims.find((c) => c.id === fx.claim);
      expect(claim, `fixture ${name}: claim ${fx.claim} is no longer registered`).toBeDefined();
      // The fixture says what its replay command says.
      const cmd = parseReplayCommand(fx.replay);
      expect(cmd).toMatchObject({ claim: fx.claim, profile: fx.profile, seed: String(fx.seed), stream: fx.stream, params: canonicalJson(fx.params) });
      const constants = { ...current, ...(fx.constants ?? {}) };
      for (const stream of [fx.stream, fx.confirmStream]) {
        const r = replayDecision(claim!, fx.params, {
          controlId: fx.control,
          stream,
          profile: fx.profile,
          masterSeed: fx.seed,
          alpha: fx.alpha,
          threshold: fx.threshold,
          constants,
          impl: fx.impl,
        });
        const failing = r.outcomes.find((o) => o.status === 'violated');
        expect(
          r.status,
          `${fx.replay} (stream ${stream}): ${JSON.stringify(r.outcomes.map((o) => ({ check: o.check, status: o.status, pValue: o.evidence.pValue, note: o.evidence.note })))}`,
        ).toBe(fx.expected);
        if (fx.expected === 'violated') expect(failing?.evidence.pValue).toBeLessThanOrEqual(fx.threshold);
      }
    });
  }
});

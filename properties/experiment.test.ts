import { describe, expect, it } from 'vitest';
import { sharedTrial } from '../src/core/checks/experiment.js';
import { probabilityCheck } from '../src/core/checks/probability.js';
import { defineClaim } from '../src/core/claim/definePaper.js';
import type { Budget, Profile } from '../src/core/claim/types.js';
import { decideConfiguration } from '../src/core/engine/decide.js';
import { defineSpace, int } from '../src/core/space/index.js';

/** One experiment, many statistics: checks of a configuration read the same trial records, each computed once. */
describe('sharedTrial', () => {
  it('computes each trial once per configuration, the same record for every check, on a stream that does not depend on the check', () => {
    let computed = 0;
    const space = defineSpace({ q: int({ min: 90, max: 99 }) });
    const draw = (p: { q: number }, rng: { uniform(): number }) => {
      computed++;
      return rng.uniform() * 100 < p.q;
    };
    const budget: Budget = { configurations: 1, trials: 400, fixedSample: true };
    const profiles: Record<Profile, Budget> = { smoke: budget, standard: budget, paper: budget };
    const seen: boolean[][] = [[], []];
    const check = (name: string, i: number, target: number) =>
      probabilityCheck<{ q: number }>({
        name,
        describe: `P(E) ≥ ${target}`,
        target: () => target,
        delta: 0.05,
        event: (p, _rng, ctx, _record, t) => {
          const e = sharedTrial(ctx, 'coin', t, (rng) => draw(p, rng));
          seen[i][t] = e;
          return e;
        },
      });
    const claim = defineClaim({
      id: 'coin.shared',
      paper: 'coin',
      statement: 'two statistics of one experiment',
      hypotheses: space.hypotheses(),
      checks: [check('a', 0, 0.8), check('b', 1, 0.5)],
      controls: [],
      profiles,
    });
    const opts = { masterSeed: 1, profile: 'smoke' as const, alpha: 0.01, beta: 0.1, constants: {} };
    const { outcomes } = decideConfiguration(claim, claim.checks, { q: 95 }, 'main', opts);
    expect(computed).toBe(400);
    expect(seen[0]).toEqual(seen[1]);
    expect(outcomes[0].evidence.successes).toBe(outcomes[1].evidence.successes);
    // The same configuration decided with one check only reads the same trials (the stream names the experiment, not the check).
    const again = decideConfiguration(claim, [claim.checks[1]], { q: 95 }, 'main', opts).outcomes[0];
    expect(again.evidence.successes).toBe(outcomes[1].evidence.successes);
    expect(computed).toBe(800);
  });
});

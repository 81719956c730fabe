import { describe, expect, it } from 'vitest';
import { probabilityCheck } from '../src/core/checks/probability.js';
import { overrideControl } from '../src/core/claim/controls.js';
import { defineClaim, definePaper } from '../src/core/claim/definePaper.js';
import type { Budget, Claim, Profile } from '../src/core/claim/types.js';
import { verifyRun } from '../src/core/engine/engine.js';
import { expectationsOf, gateExitCode } from '../src/core/report/expectations.js';
import { renderHtml } from '../src/core/report/html.js';
import { renderJunit } from '../src/core/report/junit.js';
import { renderMarkdown } from '../src/core/report/markdown.js';
import { defineSpace, int } from '../src/core/space/index.js';

/**
 * Known failures and skips keyed per claim, check and control (scikit-learn's
 * `expected_failed_checks`), on synthetic coin claims: "a coin with P(heads) = q/100 shows heads
 * with probability ≥ 0.9" (true for q ≥ 96, false for q ≤ 60). A recorded known failure that comes
 * out as the theorem says is an unmet expectation: verify exits 1 and every rendering marks it.
 */

const budget: Budget = { configurations: 2, trials: 2000, controlConfigurations: 2 };
const profiles: Record<Profile, Budget> = { smoke: budget, standard: budget, paper: budget };
const space = (lo: number, hi: number) => defineSpace({ q: int({ min: lo, max: hi }) });
const rate = (name: string, target: number) =>
  probabilityCheck<{ q: number }>({ name, describe: `P(heads) ≥ ${target}`, target: () => target, delta: 0.05, event: (p, rng) => rng.uniform() < p.q / 100 });

function coin(id: string, lo: number, hi: number, extra: Partial<Claim<{ q: number }>> = {}): Claim<{ q: number }> {
  const hyp = space(lo, hi).hypotheses();
  return defineClaim({
    id,
    paper: 'coin',
    statement: `P(heads) ≥ 0.9 for q ∈ [${lo}, ${hi}]`,
    hypotheses: hyp,
    checks: [rate('heads-rate', 0.9), rate('heads-rate-strict', 0.999)],
    controls: [
      overrideControl('fair-coin', 'a fair coin (q = 50)', hyp, { q: 50 }),
      overrideControl('sure-coin', 'a sure coin (q = 100) passes', hyp, { q: 100 }),
    ],
    profiles,
    ...extra,
  });
}

const run = (...claims: Claim<{ q: number }>[]) =>
  verifyRun({ claims, profile: 'smoke', masterSeed: 3, constants: {}, papers: [{ id: 'coin', title: 'Coins', reference: 'none' }] });

describe('known failures and skips per check and control', () => {
  it('a check known to fail and a control known to pass, as recorded: expectations met, exit 0, nothing marked', () => {
    const c = coin('coin.known', 93, 94, {
      knownFailures: {
        checks: { 'heads-rate-strict': { status: 'violated', reason: 'P(heads) = 0.93–0.94 is below 0.999' } },
        controls: { 'sure-coin': { status: 'verified', reason: 'q = 100 always shows heads' } },
      },
    });
    const r = run(c);
    const e = expectationsOf(r.claims[0]);
    expect(e.map((x) => [x.target, x.name, x.expected, x.actual, x.met])).toEqual([
      ['check', 'heads-rate', 'verified', 'verified', true],
      ['check', 'heads-rate-strict', 'violated', 'violated', true],
      ['control', 'fair-coin', 'violated', 'violated', true],
      ['control', 'sure-coin', 'verified', 'verified', true],
    ]);
    expect(r.claims[0].status).toBe('violated');
    expect(r.claims[0].unexpected).toBeUndefined();
    expect(gateExitCode(r, false)).toBe(0);
  });

  it('a recorded known failure that now passes is unexpected: exit 1, marked in report.json, Markdown, HTML and JUnit', async () => {
    const c = coin('coin.fixed', 97, 100, {
      skip: { checks: { 'heads-rate-strict': 'not part of this example' }, controls: { 'sure-coin': 'passes by construction' } },
      knownFailure: { status: 'violated', reason: 'was broken once' },
    });
    const r = run(c);
    const cr = r.claims[0];
    expect(cr.status).toBe('verified');
    expect(cr.unexpected).toEqual(['claim "coin.fixed" is verified, but the recorded known failure expects violated (was broken once)']);
    expect(gateExitCode(r, true)).toBe(1);
    expect(renderMarkdown(r)).toContain('## Unmet expectations (fail the gate)');
    expect(await renderHtml(r)).toContain('Unmet expectation');
    expect(renderJunit(r)).toMatch(/<failure[^>]*type="unexpected"/);
  });

  it('a known control failure that is violated after all is unexpected too', () => {
    const c = coin('coin.ctl', 97, 100, {
      skip: { checks: { 'heads-rate-strict': 'strict rate not claimed' }, controls: { 'sure-coin': 'passes by construction' } },
      knownFailures: { controls: { 'fair-coin': { status: 'verified', reason: 'pretend' } } },
    });
    const r = run(c);
    expect(r.claims[0].unexpected?.[0]).toMatch(/^control "fair-coin" is violated, but the recorded known failure expects verified \(pretend\)$/);
    expect(gateExitCode(r, false)).toBe(1);
  });

  it('skipped checks and controls are not run and are listed with their reason', () => {
    const c = coin('coin.skip', 97, 100, {
      skip: { checks: { 'heads-rate-strict': 'the strict rate is not a claim' }, controls: { 'sure-coin': 'passes by construction' } },
    });
    const r = run(c);
    const cr = r.claims[0];
    expect(cr.status).toBe('verified');
    expect(cr.configurations.every((k) => k.checks.map((x) => x.name).join() === 'heads-rate')).toBe(true);
    expect(cr.controls.map((k) => k.id)).toEqual(['fair-coin']);
    expect(cr.skipped).toEqual({ checks: { 'heads-rate-strict': 'the strict rate is not a claim' }, controls: { 'sure-coin': 'passes by construction' } });
    expect(renderMarkdown(r)).toContain('- `coin.skip` control `sure-coin`: passes by construction');
    expect(gateExitCode(r, false)).toBe(0);
  });

  it('an inconclusive result where verified is expected is exit 3, or 0 with allowInconclusive', () => {
    const r = run(coin('coin.ok', 97, 100, { skip: { checks: { 'heads-rate-strict': 'x' }, controls: { 'sure-coin': 'passes' } } }));
    const inconclusive = { claims: [{ ...r.claims[0], status: 'inconclusive' as const }] };
    expect(gateExitCode(inconclusive, false)).toBe(3);
    expect(gateExitCode(inconclusive, true)).toBe(0);
  });

  it('defineClaim and definePaper name the bad field: unknown check or control, missing reason, undeclared size, foreign claim', () => {
    expect(() => coin('coin.x', 97, 100, { knownFailures: { checks: { nope: { status: 'violated', reason: 'r' } } } })).toThrow(
      /^defineClaim: claim "coin.x": knownFailures.checks names check "nope", which the claim does not have \(known: heads-rate, heads-rate-strict\)$/,
    );
    expect(() => coin('coin.x', 97, 100, { skip: { controls: { nope: 'r' } } })).toThrow(/skip.controls names control "nope"/);
    expect(() => coin('coin.x', 97, 100, { skip: { checks: { 'heads-rate': '' } } })).toThrow(/skip of "heads-rate" needs a reason/);
    expect(() => coin('coin.x', 97, 100, { skip: { checks: { 'heads-rate': 'a', 'heads-rate-strict': 'b' } } })).toThrow(/skips every check/);
    expect(() => coin('coin.x', 97, 100, { knownFailures: { controls: { 'fair-coin': { status: 'violated' as never, reason: 'r' } } } })).toThrow(
      /knownFailures.controls\["fair-coin"\].status must be verified \| inconclusive, got "violated"/,
    );
    expect(() => coin('coin.x', 97, 100, { profiles: { ...profiles, smoke: { ...budget, sizes: { draws: 3 } } } })).toThrow(
      /profiles.smoke.sizes.draws is not declared in the claim's sizes \(none\)/,
    );
    expect(() => coin('coin.x', 97, 100, { sizes: ['draws'] })).toThrow(/profiles.smoke.sizes.draws must be an integer ≥ 1, got undefined/);
    const c = coin('coin.y', 97, 100);
    expect(() => definePaper({ id: 'other', title: 't', reference: 'r', claims: [c] })).toThrow(
      /^definePaper: paper "other": claim "coin.y" has paper "coin", expected "other"$/,
    );
    expect(() => definePaper({ id: 'Coin', title: 't', reference: 'r', claims: [c] })).toThrow(/id must match/);
    expect(() => definePaper({ id: 'coin', title: ' ', reference: 'r', claims: [c] })).toThrow(/title must be a non-empty string/);
    expect(() => definePaper({ id: 'coin', title: 't', reference: 'r', claims: [c, c] })).toThrow(/duplicate claim id "coin.y"/);
    expect(definePaper({ id: 'coin', title: 't', reference: 'r', claims: [c] }).claims).toEqual([c]);
  });
});

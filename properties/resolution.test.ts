import { describe, expect, it } from 'vitest';
import type { Evidence } from '../src/core/claim/types.js';
import { claimResolution, resolutionOf } from '../src/core/report/resolution.js';

/** What each verdict excludes, as the reports state it (the SPRT's resolution δ; the identity's tolerance as a power requirement). */
describe('resolutionOf', () => {
  const prob: Evidence = { test: 'SPRT', alpha: 0.001, beta: 0.1, delta: 0.05, trials: 500, estimate: 0.97, ci: [0.95, 0.98], target: 0.99, pValue: 0.9 };
  it('probability: verified excludes p ≤ p0 − δ with power 1 − β and not finer; violated rejects p ≥ p0; inconclusive leaves the indifference region', () => {
    expect(resolutionOf('probability', 'verified', prob)).toBe('P ≤ 0.94 excluded with power 0.9; P ≥ 0.99 not rejected (resolution δ = 0.05)');
    expect(resolutionOf('probability', 'violated', { ...prob, pValue: 1e-6 })).toBe('P ≥ 0.99 rejected (p-value 1.000e-6); estimate 0.97');
    expect(resolutionOf('probability', 'inconclusive', prob)).toBe('neither excluded: P may lie in the indifference region (0.94, 0.99) at this budget');
  });
  it('an at-most bound (a false-alarm rate) is mirrored: verified excludes P ≥ p0 + δ', () => {
    const fa: Evidence = { ...prob, direction: 'at-most', target: 0.2, delta: 0.1, estimate: 0.12 };
    expect(resolutionOf('probability', 'verified', fa)).toBe('P ≥ 0.3 excluded with power 0.9; P ≤ 0.2 not rejected (resolution δ = 0.1)');
    expect(resolutionOf('probability', 'violated', { ...fa, pValue: 1e-7, estimate: 0.33 })).toBe('P ≤ 0.2 rejected (p-value 1.000e-7); estimate 0.33');
    expect(resolutionOf('probability', 'inconclusive', fa)).toBe('neither excluded: P may lie in the indifference region (0.2, 0.3) at this budget');
  });
  it('identity: the tolerance is a power requirement, not an acceptance band; other kinds state nothing', () => {
    const id: Evidence = { test: 't', alpha: 0.001, delta: 0.02, trials: 1000, estimate: 1.001, ci: [0.991, 1.011], target: 1, pValue: 0.8 };
    expect(resolutionOf('identity', 'verified', id)).toBe(
      "E = 1 not rejected by the t-test; the tolerance 0.02 is a power requirement on the 95% interval's half-width (0.01), not an acceptance band",
    );
    expect(resolutionOf('identity', 'inconclusive', id)).toMatch(/^the interval is wider than the tolerance/);
    expect(resolutionOf('scaling', 'verified', id)).toBeUndefined();
  });
  it('a claim’s resolution is that of its first check with the claim’s status', () => {
    const c = {
      status: 'inconclusive' as const,
      configurations: [{ checks: [{ status: 'verified' as const, resolution: 'a' }] }, { checks: [{ status: 'inconclusive' as const, resolution: 'b' }] }],
    };
    expect(claimResolution(c)).toBe('b');
    expect(claimResolution({ ...c, status: 'violated' })).toBe('a');
  });
});

import { describe, expect, test } from 'vitest';
import { compareReports } from '../src/core/report/compare.js';
import { buildReport, clone, syntheticReport, syntheticSpecs } from './report-fixture.js';

const base = syntheticReport();
const claim = (r: typeof base, id: string) => r.claims.find((c) => c.id === id)!;

describe('compareReports', () => {
  test('a report compared with itself has no regression', () => {
    const cmp = compareReports(clone(base), base);
    expect(cmp.ok).toBe(true);
    expect(cmp.regressions).toEqual([]);
    expect(cmp.table).toMatch(/compare: no regression against the baseline/);
  });

  test('flags a claim verified in the baseline and violated now, naming it, with its replay', () => {
    const specs = syntheticSpecs();
    specs[0].configs[1].p = [1e-12, 0.8];
    const cur = buildReport(specs);
    expect(claim(cur, 'bubeck.eta-experiment').status).toBe('violated');
    const cmp = compareReports(cur, base);
    expect(cmp.ok).toBe(false);
    expect(cmp.regressions).toHaveLength(1);
    expect(cmp.regressions[0]).toMatchObject({ subject: 'claim', id: 'bubeck.eta-experiment', baseline: 'verified', current: 'violated' });
    expect(cmp.regressions[0].note).toMatch(/verified in the baseline, now violated at .*d=64/);
    expect(cmp.table).toMatch(/REGRESSION\s+claim\s+bubeck\.eta-experiment\s+verified\s+violated/);
    expect(cmp.table).toMatch(/replay bubeck\.eta-experiment: npx tsx scripts\/cli\.ts replay --claim bubeck\.eta-experiment/);
    expect(cmp.table).toMatch(/compare: 1 regression\(s\)/);
  });

  test('flags a control that now passes (comes out anything but violated)', () => {
    for (const status of ['verified', 'inconclusive'] as const) {
      const cur = clone(base);
      claim(cur, 'bubeck.one-step-flip').controls[1].status = status;
      const cmp = compareReports(cur, base);
      expect(cmp.regressions.map((r) => [r.subject, r.id, r.current])).toEqual([['control', 'bubeck.one-step-flip ⟂ tiny-step', status]]);
    }
  });

  test('flags a calibrated constant that moved outside its baseline interval, not one that moved inside it', () => {
    const cur = clone(base);
    claim(cur, 'bubeck.one-step-flip').constants!.C3.value = 1.25;
    expect(compareReports(cur, base).ok).toBe(true);
    claim(cur, 'bubeck.one-step-flip').constants!.C3.value = 1.4;
    const cmp = compareReports(cur, base);
    expect(cmp.regressions).toHaveLength(1);
    expect(cmp.regressions[0]).toMatchObject({ subject: 'constant', id: 'C3' });
    expect(cmp.regressions[0].note).toMatch(/1\.4 moved outside the baseline interval \[0\.9, 1\.3\]/);
  });

  test('verified → inconclusive, new claims, missing claims, observational violations and unrun controls are not regressions', () => {
    const cur = clone(base);
    claim(cur, 'schmidt.gaussian-robust-upper').status = 'inconclusive';
    claim(cur, 'bubeck.one-step-flip').controls[0] = {
      id: 'wrong-sign',
      description: '',
      params: {},
      expected: 'violated',
      status: 'inconclusive',
      durationMs: 0,
    };
    cur.claims = cur.claims.filter((c) => c.id !== 'schmidt.mnist-thresholding');
    cur.claims.push({ ...clone(claim(base, 'vardi.kkt-convergence')), id: 'vardi.new-claim' });
    const b = clone(base);
    claim(b, 'vardi.eta-experiment').status = 'verified';
    const cmp = compareReports(cur, b);
    expect(cmp.ok).toBe(true);
    const sev = (id: string) => cmp.rows.find((r) => r.id === id)!.severity;
    expect(sev('schmidt.gaussian-robust-upper')).toBe('warning');
    expect(sev('vardi.eta-experiment')).toBe('warning');
    expect(sev('vardi.new-claim')).toBe('warning');
    expect(sev('schmidt.mnist-thresholding')).toBe('info');
    expect(sev('bubeck.one-step-flip ⟂ wrong-sign')).toBe('info');
  });

  test('notes a different profile or seed', () => {
    const cmp = compareReports(syntheticReport({ profile: 'smoke', seed: 3 }), base);
    expect(cmp.notes).toEqual(['profile smoke compared with a baseline at profile standard', 'seed 3 compared with a baseline at seed 20261125']);
    expect(cmp.table).toMatch(/^note: profile smoke/);
  });
});

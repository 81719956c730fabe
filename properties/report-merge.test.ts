import { describe, expect, test } from 'vitest';
import { ReportError } from '../src/core/report/load.js';
import { mergeReports } from '../src/core/report/merge.js';
import type { Report } from '../src/core/report/schema.js';
import { buildReport, clone, shardSpecs, syntheticReport, syntheticSpecs, type ClaimSpec } from './report-fixture.js';

const quiet = { warn: () => {} };

function shards(specs: ClaimSpec[], n: number): Report[] {
  return shardSpecs(specs, n).map((s, i) => buildReport(s, { shard: { index: i + 1, count: n } }));
}

function statuses(r: Report) {
  return r.claims.map((c) => ({
    id: c.id,
    status: c.status,
    configs: c.configurations.map((k) => k.status),
    controls: c.controls.map((k) => `${k.id}:${k.status}`),
  }));
}

describe('mergeReports', () => {
  test('merging the shards of a run gives the union with the statistics of the unsharded run', () => {
    const specs = syntheticSpecs();
    const whole = buildReport(specs);
    for (const n of [2, 3]) {
      const parts = shards(specs, n);
      const merged = mergeReports(parts.reverse(), quiet);
      expect(merged.claims.map((c) => c.id)).toEqual(whole.claims.map((c) => c.id));
      expect(merged.statistics).toEqual(whole.statistics);
      expect(merged.summary).toEqual(whole.summary);
      expect(merged.shard).toBeUndefined();
      const sortCfg = (r: Report) =>
        r.claims.map((c) => c.configurations.map((k) => JSON.stringify([k.params, k.status, k.checks.map((x) => x.status)])).sort());
      expect(sortCfg(merged)).toEqual(sortCfg(whole));
      // Holm thresholds are the same set (equal p-values may swap ranks, as in any Holm ordering of ties).
      const thresholds = (r: Report) => r.claims.flatMap((c) => c.configurations.flatMap((k) => k.checks.map((x) => x.holmThreshold!))).sort((x, y) => x - y);
      expect(thresholds(merged)).toEqual(thresholds(whole));
      const byId = (r: Report) => Object.fromEntries(statuses(r).map((s) => [s.id, { ...s, configs: [...s.configs].sort() }]));
      expect(byId(merged)).toEqual(byId(whole));
      for (const c of merged.claims) {
        const w = whole.claims.find((x) => x.id === c.id)!;
        expect(c.evidence.pValue).toBe(w.evidence.pValue);
        expect(c.figures?.map((f) => [f.id, f.data.length])).toEqual(w.figures?.map((f) => [f.id, f.data.length]));
        expect(!!c.counterexample).toBe(!!w.counterexample);
      }
    }
  });

  test('re-applies Holm across the union: a check rejected within its shard but not across the run is no longer violated', () => {
    const specs = syntheticSpecs();
    // Between the whole run's Holm threshold (0.01/24) and a 2-shard one (0.01/12).
    specs[6].configs[1].p = [6e-4];
    const whole = buildReport(specs);
    const parts = shards(specs, 2);
    const inShard = parts.map((p) => p.claims[6].status);
    expect(inShard).toContain('violated');
    expect(whole.claims[6].status).toBe('inconclusive');
    const warnings: string[] = [];
    const merged = mergeReports(parts, { warn: (m) => warnings.push(m) });
    expect(merged.claims[6].status).toBe('inconclusive');
    expect(merged.claims[6].reason).toMatch(/not rejected by Holm across the merged family \(24 tests/);
    expect(merged.summary).toEqual(whole.summary);
    expect(warnings.join('\n')).toMatch(/1 check\(s\) violated in a shard are not rejected across the merged family/);
  });

  test('a violation confirmed in one shard stays violated; an unconfirmed one is inconclusive', () => {
    const specs = syntheticSpecs();
    expect(mergeReports(shards(specs, 2), quiet).claims[2].status).toBe('violated');
    specs[2].confirms = false;
    const m = mergeReports(shards(specs, 2), quiet);
    expect(m.claims[2].status).toBe('inconclusive');
    expect(m.claims[2].reason).toBe('violation not confirmed on a fresh stream');
  });

  test('a single report merges to itself', () => {
    const r = syntheticReport();
    const m = mergeReports([r], quiet);
    expect(statuses(m)).toEqual(statuses(r));
    expect(m.statistics).toEqual(r.statistics);
  });

  test('rejects reports of another schemaVersion, seed, profile, α or source fingerprint, duplicate and missing shards, with clear errors', () => {
    const [a, b] = shards(syntheticSpecs(), 2);
    const err = (rs: Report[], opts = {}) => {
      try {
        mergeReports(rs, { ...quiet, sources: ['reports/shard-1', 'reports/shard-2'], ...opts });
      } catch (e) {
        expect(e).toBeInstanceOf(ReportError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err([a, { ...clone(b), schemaVersion: 2 } as unknown as Report])).toMatch(
      /^mergeReports: reports\/shard-2 has schemaVersion 2, this tool merges schemaVersion 1 only/,
    );
    expect(err([a, { ...clone(b), masterSeed: 7 }])).toMatch(
      /reports\/shard-2 has masterSeed 7 but reports\/shard-1 has masterSeed 20261125: shards of one run share the seed/,
    );
    expect(err([a, { ...clone(b), profile: 'smoke' }])).toMatch(/reports\/shard-2 has profile "smoke" but reports\/shard-1 has profile "standard"/);
    expect(err([a, { ...clone(b), statistics: { ...b.statistics, alpha: 0.05 } }])).toMatch(/statistics\.alpha 0\.05 .* one family-wise α/);
    expect(
      err([
        { ...clone(a), tool: { ...a.tool, source: 'aaaa' } },
        { ...clone(b), tool: { ...b.tool, source: 'bbbb' } },
      ]),
    ).toMatch(/reports\/shard-2 has tool\.source "bbbb" but reports\/shard-1 has tool\.source "aaaa": shards must be decided by the same source code/);
    expect(err([{ ...clone(a), tool: { ...a.tool, source: 'aaaa' } }, clone(b)])).toMatch(/tool\.source null/);
    expect(err([a, clone(a)])).toMatch(/reports\/shard-2 and reports\/shard-1 are both shard 1\/2/);
    expect(err([a])).toMatch(/shard\(s\) 2 of 2 missing/);
    expect(err([a], { allowPartial: true })).toBe('no error');
    expect(err([a, { ...clone(b), shard: undefined }])).toMatch(/is a whole run but .* is a shard/);
    expect(err([syntheticReport(), syntheticReport()])).toMatch(
      /claim bubeck\.eta-experiment appears in both reports\/shard-1 and reports\/shard-2, which are not shards of one run/,
    );
    expect(err([])).toMatch(/needs at least one report/);
  });

  test('whole runs of disjoint claims (e.g. --only per paper) merge into their union', () => {
    const specs = syntheticSpecs();
    const bubeck = buildReport(specs.filter((s) => s.paper === 'bubeck'));
    const rest = buildReport(specs.filter((s) => s.paper !== 'bubeck'));
    const m = mergeReports([bubeck, rest], quiet);
    expect(m.claims.map((c) => c.id)).toEqual(specs.map((s) => s.id));
    expect(m.statistics.family).toBe(buildReport(specs).statistics.family);
  });
});

test('mergeReports warns when shards read different calibrated constants', () => {
  const [a, b] = shards(syntheticSpecs(), 2);
  const c = clone(b);
  c.claims[2].constants!.C3.value = 1.2;
  const warnings: string[] = [];
  mergeReports([a, c], { warn: (m) => warnings.push(m) });
  expect(warnings.join('\n')).toMatch(/bubeck\.one-step-flip: shards used different values of constant C3 \(1\.1 and 1\.2\)/);
});

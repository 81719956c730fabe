import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toy } from '../../docs/examples/toy/index.js';
import { validateClaims } from '../../src/core/claim/registry.js';
import { replayDecision, verifyRun } from '../../src/core/engine/engine.js';
import { DEFAULT_SEED } from '../../src/core/random/seeds.js';
import { compareReports } from '../../src/core/report/compare.js';
import { gateExitCode } from '../../src/core/report/expectations.js';
import { loadReport, parseReport } from '../../src/core/report/load.js';
import { mergeReports } from '../../src/core/report/merge.js';
import type { Report } from '../../src/core/report/schema.js';
import { serializeReport, writeReportFiles } from '../../src/core/report/write.js';

/**
 * The example paper of docs/adding-a-paper.md (docs/examples/toy/), imported from where it lives,
 * not registered in src/papers/index.ts: at the smoke profile on the master seed every claim is
 * verified and every control violated with a confirmed counterexample that replays, and the report
 * goes through the report tools (write, load, compare, merge of a whole run and of two shards).
 * scripts/check-example-paper.sh checks the copy into src/papers/ through the command line.
 */
const run = (shard?: { index: number; count: number }): Report =>
  verifyRun({ claims: toy.claims, profile: 'smoke', masterSeed: DEFAULT_SEED, constants: {}, papers: [toy], shard });

/** Every claim verified, every control violated with a counterexample confirmed on a fresh stream. */
function expectGreen(report: Report): void {
  expect(report.claims.map((c) => c.id)).toEqual(toy.claims.map((c) => c.id));
  for (const c of report.claims) {
    expect(c.status, `${c.id}: ${c.reason ?? ''}`).toBe('verified');
    expect(c.controls.length, `${c.id} has controls`).toBeGreaterThan(0);
    for (const k of c.controls) {
      expect(k.status, `${c.id} ⟂ ${k.id}`).toBe('violated');
      expect(k.counterexample?.confirmation.status, `${c.id} ⟂ ${k.id}: confirmation`).toBe('violated');
    }
  }
  expect(gateExitCode(report, false)).toBe(0);
}

describe('the example paper docs/examples/toy', () => {
  let report: Report;
  let dir: string;
  beforeAll(() => {
    report = run();
    dir = mkdtempSync(join(tmpdir(), 'example-paper-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('registers like a paper: ids, budgets and every profile’s draws inside the hypotheses', () => {
    expect(toy.id).toBe('toy');
    expect(() => validateClaims(toy.claims, {})).not.toThrow();
  });

  test('smoke, master seed: every claim verified, every control violated with a confirmed counterexample', () => {
    expectGreen(report);
    expect(report.papers).toEqual([{ id: toy.id, title: toy.title, reference: toy.reference }]);
    expect(report.summary).toMatchObject({ verified: toy.claims.length, violated: 0, inconclusive: 0 });
  });

  test('each control counterexample replays to violated (its replay command names the claim and control)', () => {
    const perTest = report.statistics.alpha / report.statistics.family;
    for (const c of report.claims) {
      const claim = toy.claims.find((x) => x.id === c.id)!;
      for (const k of c.controls) {
        const cx = k.counterexample!;
        expect(cx.replay).toContain(`--claim ${c.id} --control ${k.id}`);
        const r = replayDecision(claim, cx.params, {
          controlId: k.id,
          stream: `control:${k.id}`,
          profile: 'smoke',
          masterSeed: DEFAULT_SEED,
          alpha: perTest,
          threshold: perTest,
          constants: {},
        });
        expect(r.status, cx.replay).toBe('violated');
      }
    }
  });

  test('the report round-trips through writeReportFiles/loadReport and serializeReport/parseReport', async () => {
    const files = await writeReportFiles(report, dir);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(['figures', 'index.html', 'junit.xml', 'report.json', 'report.md']);
    const loaded = loadReport(join(dir, 'report.json'));
    const json = JSON.parse(serializeReport(report)) as Report;
    expect(loaded).toEqual(json);
    expect(parseReport(serializeReport(report))).toEqual(json);
    expectGreen(loaded);
  });

  test('compareReports accepts it: no regression against itself', () => {
    const loaded = loadReport(join(dir, 'report.json'));
    const cmp = compareReports(loaded, loaded);
    expect(cmp.regressions).toEqual([]);
    expect(cmp.ok).toBe(true);
  });

  test('mergeReports: the whole run alone, and shards 1/2 + 2/2, give green reports that compare clean with the whole run', () => {
    const warn = (m: string): void => {
      throw new Error(`unexpected merge warning: ${m}`);
    };
    const whole = loadReport(join(dir, 'report.json'));
    expectGreen(mergeReports([whole], { warn }));
    const shards = [run({ index: 1, count: 2 }), run({ index: 2, count: 2 })].map((r) => parseReport(serializeReport(r)));
    const merged = mergeReports(shards, { sources: ['shard 1/2', 'shard 2/2'], warn });
    expectGreen(merged);
    expect(merged.statistics.family).toBe(whole.statistics.family);
    expect(compareReports(merged, whole).ok).toBe(true);
  });
});

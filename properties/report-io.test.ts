import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadReport, parseReport, ReportError } from '../src/core/report/load.js';
import type { Report } from '../src/core/report/schema.js';
import { FIGURES_DIR, REPORT_FILES, serializeReport, writeReportFiles } from '../src/core/report/write.js';
import { effectiveMark } from '../src/core/report/html/figure.js';
import { figureFileName } from '../src/core/report/figureFiles.js';
import { clone, syntheticReport } from './report-fixture.js';

const root = mkdtempSync(join(tmpdir(), 'report-io-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadReport', () => {
  test('round-trips what writeReportFiles writes (NaN written as null reads back as NaN)', () => {
    const r = syntheticReport();
    r.claims[0].evidence.estimate = NaN;
    r.claims[0].evidence.ci = [NaN, Infinity];
    const text = serializeReport(r);
    expect(text).toContain('"estimate": null');
    const back = parseReport(text);
    expect(back.claims[0].evidence.estimate).toBeNaN();
    expect(back.claims[0].evidence.ci[0]).toBeNaN();
    expect(back.claims[0].evidence.ci[1]).toBeNaN();
    const expected = clone(r);
    expected.claims[0].evidence.ci = [NaN, NaN];
    expect(back).toEqual(expected);
  });

  test('truncated or malformed JSON names the file and says truncated', () => {
    const text = serializeReport(syntheticReport());
    const file = join(root, 'truncated.json');
    writeFileSync(file, text.slice(0, 500));
    expect(() => loadReport(file)).toThrowError(ReportError);
    expect(() => loadReport(file)).toThrowError(
      new RegExp(`loadReport: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not valid JSON \\(the file looks truncated\\)`),
    );
    expect(() => parseReport('{"schemaVersion": 1,,}', 'x.json')).toThrowError(/loadReport: x\.json is not valid JSON/);
    expect(() => loadReport(join(root, 'missing.json'))).toThrowError(/cannot read .*missing\.json: ENOENT/);
  });

  test('wrong schemaVersion and bad fields are named with their path', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report's raw JSON, corrupted at arbitrary depth
    const bad = (mutate: (r: Record<string, any>) => void): string => {
      const r = JSON.parse(serializeReport(syntheticReport()));
      mutate(r);
      try {
        parseReport(JSON.stringify(r), 'r.json');
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(bad((r) => (r.schemaVersion = 2))).toMatch(/^loadReport: r\.json: schemaVersion must be 1, got 2/);
    expect(bad((r) => delete r.schemaVersion)).toMatch(/schemaVersion must be 1, got nothing \(field missing\)/);
    expect(bad((r) => (r.claims[2].status = 'pass'))).toBe(
      'loadReport: r.json: claims[2] (bubeck.one-step-flip).status must be one of verified | violated | inconclusive, got "pass"',
    );
    expect(bad((r) => (r.claims[1].evidence.ci = [0.1]))).toMatch(
      /claims\[1\] \(bubeck\.gradient-lower-bound\)\.evidence\.ci must be \[number, number\], got \[0\.1\]/,
    );
    expect(bad((r) => (r.claims[0].configurations[1].checks[0].evidence.pValue = 'small'))).toMatch(
      /configurations\[1\]\.checks\[0\]\.evidence\.pValue must be a number/,
    );
    expect(bad((r) => (r.claims[2].counterexample.replay = 3))).toMatch(/counterexample\.replay must be a string, got 3/);
    expect(bad((r) => (r.statistics.alpha = 2))).toMatch(/statistics\.alpha must be a number in \(0, 1\), got 2/);
    expect(bad((r) => (r.claims = {}))).toMatch(/claims must be an array, got \{\}/);
    expect(bad((r) => (r.shard = { index: 3, count: 2 }))).toMatch(/shard\.index must be an integer in \[1, 2\], got 3/);
  });
});

describe('writeReportFiles', () => {
  test('writes report.json, report.md, junit.xml and index.html and leaves no temporary file', async () => {
    const dir = join(root, 'out', 'latest');
    const r = syntheticReport();
    const files = await writeReportFiles(r, dir);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual([...REPORT_FILES, FIGURES_DIR].sort());
    expect(readdirSync(dir).sort()).toEqual([...REPORT_FILES, FIGURES_DIR].sort());
    // One standalone SVG per plotted figure; a figure of an earlier run does not linger.
    const plotted = r.claims.flatMap((c) => (c.figures ?? []).filter((f) => effectiveMark(f) !== 'table').map((f) => figureFileName(c.id, f.id)));
    expect(readdirSync(join(dir, FIGURES_DIR)).sort()).toEqual([...plotted].sort());
    for (const name of plotted) expect(readFileSync(join(dir, FIGURES_DIR, name), 'utf8')).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const fewer = clone(r) as Report;
    fewer.claims.find((c) => c.figures?.length)!.figures = undefined;
    await writeReportFiles(fewer, dir);
    const left = fewer.claims.flatMap((c) => (c.figures ?? []).filter((f) => effectiveMark(f) !== 'table').map((f) => figureFileName(c.id, f.id)));
    expect(left.length).toBe(plotted.length - 1);
    expect(readdirSync(join(dir, FIGURES_DIR)).sort()).toEqual([...left].sort());
    await writeReportFiles(r, dir);
    expect(loadReport(join(dir, 'report.json'))).toEqual(JSON.parse(serializeReport(r)));
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^# robustness-proofs report/);
  });

  test('a failure leaves the previous files untouched and no temporary file', async () => {
    const dir = join(root, 'atomic');
    const first = syntheticReport();
    await writeReportFiles(first, dir);
    const before = Object.fromEntries(REPORT_FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    // Rendering fails (a claim without controls array): nothing is written.
    const broken = clone(first) as Report;
    (broken.claims[0] as { controls: unknown }).controls = null;
    await expect(writeReportFiles(broken, dir)).rejects.toThrow();
    // Installing fails (junit.xml is a directory): nothing is replaced.
    const other = syntheticReport({ seed: 99 });
    rmSync(join(dir, 'junit.xml'));
    mkdirSync(join(dir, 'junit.xml', 'inside'), { recursive: true });
    await expect(writeReportFiles(other, dir)).rejects.toThrow(/writeReportFiles/);
    for (const f of REPORT_FILES) {
      if (f === 'junit.xml') continue;
      expect(readFileSync(join(dir, f), 'utf8')).toBe(before[f]);
    }
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(existsSync(join(dir, 'junit.xml', 'inside'))).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { SCHEMA_VERSION, type Report } from './schema.js';

const STATUSES = ['verified', 'violated', 'inconclusive'] as const;
const PAPER_ID = /^[a-z][a-z0-9-]*$/;
const PROFILES = ['smoke', 'standard', 'paper'] as const;

type Json = unknown;

/** Errors of loading, validating or merging reports (the CLI prints the message alone). */
export class ReportError extends Error {}

/** A short, printable rendering of an offending value for error messages. */
function show(v: Json): string {
  if (v === undefined) return 'nothing (field missing)';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Field checker: each method throws naming the path, the expectation and the value found. */
class Fields {
  constructor(private readonly source: string) {}

  fail(path: string, expected: string, got: Json): never {
    throw new ReportError(`loadReport: ${this.source}: ${path} must be ${expected}, got ${show(got)}`);
  }

  object(v: Json, path: string): Record<string, Json> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, 'an object', v);
    return v as Record<string, Json>;
  }

  array(v: Json, path: string): Json[] {
    if (!Array.isArray(v)) this.fail(path, 'an array', v);
    return v;
  }

  string(v: Json, path: string): string {
    if (typeof v !== 'string') this.fail(path, 'a string', v);
    return v;
  }

  /** A number; JSON `null` (how JSON.stringify writes NaN and ±Infinity) is read back as NaN. */
  number(o: Record<string, Json>, key: string, path: string): void {
    const v = o[key];
    if (v === null) o[key] = NaN;
    else if (typeof v !== 'number') this.fail(`${path}.${key}`, 'a number (or null for NaN)', v);
  }

  optionalNumber(o: Record<string, Json>, key: string, path: string): void {
    if (o[key] !== undefined) this.number(o, key, path);
  }

  interval(o: Record<string, Json>, key: string, path: string): void {
    const v = o[key];
    if (!Array.isArray(v) || v.length !== 2 || v.some((x) => x !== null && typeof x !== 'number')) {
      this.fail(`${path}.${key}`, '[number, number]', v);
    }
    o[key] = (v as Array<number | null>).map((x) => (x === null ? NaN : x));
  }

  oneOf<T extends string>(v: Json, path: string, allowed: readonly T[]): T {
    if (typeof v !== 'string' || !allowed.includes(v as T)) this.fail(path, `one of ${allowed.join(' | ')}`, v);
    return v as T;
  }

  params(v: Json, path: string): void {
    const o = this.object(v, path);
    for (const [k, x] of Object.entries(o)) {
      if (!['number', 'string', 'boolean'].includes(typeof x)) this.fail(`${path}.${k}`, 'a number, string or boolean', x);
    }
  }

  evidence(v: Json, path: string): void {
    const e = this.object(v, path);
    this.string(e.test, `${path}.test`);
    this.number(e, 'alpha', path);
    this.number(e, 'trials', path);
    this.number(e, 'estimate', path);
    this.interval(e, 'ci', path);
    this.number(e, 'pValue', path);
    for (const k of ['beta', 'delta', 'successes', 'target']) this.optionalNumber(e, k, path);
    if (e.slope !== undefined) {
      const s = this.object(e.slope, `${path}.slope`);
      this.number(s, 'value', `${path}.slope`);
      this.interval(s, 'ci', `${path}.slope`);
      this.interval(s, 'range', `${path}.slope`);
    }
    if (e.measured !== undefined) {
      const m = this.object(e.measured, `${path}.measured`);
      for (const k of Object.keys(m)) this.number(m, k, `${path}.measured`);
    }
  }

  counterexample(v: Json, path: string): void {
    const c = this.object(v, path);
    this.params(c.params, `${path}.params`);
    this.string(c.replay, `${path}.replay`);
    this.string(c.check, `${path}.check`);
    const conf = this.object(c.confirmation, `${path}.confirmation`);
    this.oneOf(conf.status, `${path}.confirmation.status`, STATUSES);
    this.evidence(conf.evidence, `${path}.confirmation.evidence`);
  }
}

/**
 * Validate a parsed report.json against schemaVersion 1 (src/core/report/schema.ts), in place:
 * every field the renderers read is checked and the first offending one is named, with
 * its path (e.g. `claims[3].evidence.ci`), what it must be and what it is. JSON nulls in
 * numeric evidence fields (NaN or ±Infinity when written) become NaN.
 */
function validateReport(value: Json, source = 'report.json'): Report {
  const f = new Fields(source);
  const r = f.object(value, 'the report');
  if (r.schemaVersion !== SCHEMA_VERSION) {
    throw new ReportError(
      `loadReport: ${source}: schemaVersion must be ${SCHEMA_VERSION}, got ${show(r.schemaVersion)} (this tool reads schemaVersion ${SCHEMA_VERSION}; regenerate the report with \`npm run verify\`)`,
    );
  }
  const tool = f.object(r.tool, 'tool');
  f.string(tool.name, 'tool.name');
  f.string(tool.version, 'tool.version');
  if (tool.source !== undefined) f.string(tool.source, 'tool.source');
  f.oneOf(r.profile, 'profile', PROFILES);
  if (typeof r.masterSeed !== 'number' || !Number.isInteger(r.masterSeed)) f.fail('masterSeed', 'an integer', r.masterSeed);
  f.string(r.startedAt, 'startedAt');
  f.number(r, 'durationMs', 'the report');
  const env = f.object(r.environment, 'environment');
  f.string(env.node, 'environment.node');
  const st = f.object(r.statistics, 'statistics');
  if (typeof st.alpha !== 'number' || !(st.alpha > 0 && st.alpha < 1)) f.fail('statistics.alpha', 'a number in (0, 1)', st.alpha);
  f.number(st, 'beta', 'statistics');
  f.number(st, 'family', 'statistics');
  const sum = f.object(r.summary, 'summary');
  for (const k of ['verified', 'violated', 'inconclusive', 'controlsFailedAsExpected', 'controlsTotal']) f.number(sum, k, 'summary');
  if (r.shard !== undefined) {
    const sh = f.object(r.shard, 'shard');
    const { index, count } = sh;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) f.fail('shard.count', 'an integer ≥ 1', count);
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 1 || index > (count as number))
      f.fail('shard.index', `an integer in [1, ${String(count)}]`, index);
  }
  let paperIds: Set<string> | undefined;
  if (r.papers !== undefined) {
    paperIds = new Set();
    f.array(r.papers, 'papers').forEach((pv, i) => {
      const pp = f.object(pv, `papers[${i}]`);
      const id = f.string(pp.id, `papers[${i}].id`);
      if (!PAPER_ID.test(id)) f.fail(`papers[${i}].id`, `a paper id matching ${PAPER_ID}`, id);
      f.string(pp.title, `papers[${i}].title`);
      f.string(pp.reference, `papers[${i}].reference`);
      paperIds!.add(id);
    });
  }
  if (r.notRun !== undefined)
    f.array(r.notRun, 'notRun').forEach((nv, i) => {
      const n = f.object(nv, `notRun[${i}]`);
      f.string(n.id, `notRun[${i}].id`);
      f.string(n.paper, `notRun[${i}].paper`);
      f.number(n, 'cpuSeconds', `notRun[${i}]`);
      f.string(n.reason, `notRun[${i}].reason`);
    });
  f.array(r.claims, 'claims').forEach((cv, i) => {
    const p = `claims[${i}]`;
    const c = f.object(cv, p);
    const id = f.string(c.id, `${p}.id`);
    const q = `claims[${i}] (${id})`;
    if (typeof c.paper !== 'string' || !PAPER_ID.test(c.paper)) f.fail(`${q}.paper`, `a paper id matching ${PAPER_ID}`, c.paper);
    if (paperIds && !paperIds.has(c.paper as string)) f.fail(`${q}.paper`, `one of the report's papers (${[...paperIds].join(', ')})`, c.paper);
    f.string(c.kind, `${q}.kind`);
    if (c.unexpected !== undefined) f.array(c.unexpected, `${q}.unexpected`).forEach((u, j) => f.string(u, `${q}.unexpected[${j}]`));
    f.string(c.statement, `${q}.statement`);
    f.oneOf(c.status, `${q}.status`, STATUSES);
    f.number(c, 'durationMs', q);
    f.object(c.hypotheses, `${q}.hypotheses`);
    f.array(c.checks, `${q}.checks`).forEach((k, j) => {
      const ko = f.object(k, `${q}.checks[${j}]`);
      f.string(ko.name, `${q}.checks[${j}].name`);
      f.string(ko.describe, `${q}.checks[${j}].describe`);
    });
    f.evidence(c.evidence, `${q}.evidence`);
    if (c.constants !== undefined) {
      for (const [name, kv] of Object.entries(f.object(c.constants, `${q}.constants`))) {
        const ko = f.object(kv, `${q}.constants.${name}`);
        f.number(ko, 'value', `${q}.constants.${name}`);
        f.interval(ko, 'ci', `${q}.constants.${name}`);
      }
    }
    f.array(c.configurations, `${q}.configurations`).forEach((kv, j) => {
      const cp = `${q}.configurations[${j}]`;
      const k = f.object(kv, cp);
      f.params(k.params, `${cp}.params`);
      f.oneOf(k.status, `${cp}.status`, STATUSES);
      f.evidence(k.evidence, `${cp}.evidence`);
      f.array(k.checks, `${cp}.checks`).forEach((chv, m) => {
        const ch = f.object(chv, `${cp}.checks[${m}]`);
        f.string(ch.name, `${cp}.checks[${m}].name`);
        f.oneOf(ch.status, `${cp}.checks[${m}].status`, STATUSES);
        f.evidence(ch.evidence, `${cp}.checks[${m}].evidence`);
        f.optionalNumber(ch, 'holmThreshold', `${cp}.checks[${m}]`);
      });
    });
    if (c.counterexample !== undefined) f.counterexample(c.counterexample, `${q}.counterexample`);
    f.array(c.controls, `${q}.controls`).forEach((kv, j) => {
      const cp = `${q}.controls[${j}]`;
      const k = f.object(kv, cp);
      f.string(k.id, `${cp}.id`);
      f.params(k.params, `${cp}.params`);
      f.oneOf(k.status, `${cp}.status`, STATUSES);
      if (k.evidence !== undefined) f.evidence(k.evidence, `${cp}.evidence`);
      if (k.counterexample !== undefined) f.counterexample(k.counterexample, `${cp}.counterexample`);
    });
    if (c.figures !== undefined) {
      f.array(c.figures, `${q}.figures`).forEach((fv, j) => {
        const fp = `${q}.figures[${j}]`;
        const fo = f.object(fv, fp);
        f.string(fo.id, `${fp}.id`);
        f.string(fo.title, `${fp}.title`);
        f.array(fo.data, `${fp}.data`).forEach((row, m) => f.object(row, `${fp}.data[${m}]`));
        if (fo.curves !== undefined) {
          f.array(fo.curves, `${fp}.curves`).forEach((cv, m) => {
            const cp = `${fp}.curves[${m}]`;
            const co = f.object(cv, cp);
            f.string(co.label, `${cp}.label`);
            f.array(co.points, `${cp}.points`).forEach((pv, n) => {
              const po = f.object(pv, `${cp}.points[${n}]`);
              f.number(po, 'x', `${cp}.points[${n}]`);
              f.number(po, 'y', `${cp}.points[${n}]`);
              f.optionalNumber(po, 'y2', `${cp}.points[${n}]`);
            });
          });
        }
      });
    }
  });
  return value as Report;
}

/** Parse report.json text; malformed or truncated JSON is an error naming the source, its size and the parser's position. @internal */
export function parseReport(text: string, source = 'report.json'): Report {
  let value: Json;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const tail = text.length > 40 ? `…${text.slice(-40)}` : text;
    const truncated = /end of JSON input|Unterminated/i.test((e as Error).message) ? ' (the file looks truncated)' : '';
    throw new ReportError(
      `loadReport: ${source} is not valid JSON${truncated}: ${(e as Error).message}; ${text.length} characters, ending ${JSON.stringify(tail)}`,
    );
  }
  return validateReport(value, source);
}

/** Read and validate a report.json file (see validateReport). */
export function loadReport(path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ReportError(`loadReport: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseReport(text, path);
}

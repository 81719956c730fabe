import fs from 'node:fs';
import path from 'node:path';
import type { ConstantsTable, ConstantValue } from './types.js';

/** @internal */
export const CONSTANTS_PATH = path.join('fixtures', 'constants.json');

function fail(file: string, msg: string): never {
  throw new Error(`loadConstants: ${file}: ${msg}`);
}

/** Parse and validate a constants table: { name: { value: finite, ci: [lo ≤ value ≤ hi], calibratedOn: {...} } }. @internal */
export function parseConstants(text: string, file = CONSTANTS_PATH): ConstantsTable {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(file, `malformed JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail(file, 'must be a JSON object of named constants');
  const out: ConstantsTable = {};
  const nested = (raw as { constants?: unknown }).constants;
  if (nested !== undefined && (!nested || typeof nested !== 'object' || Array.isArray(nested)))
    fail(file, `"constants" must be a JSON object of named constants, got ${JSON.stringify(nested)}`);
  for (const [name, v] of Object.entries(nested ?? raw)) {
    if (name === '$comment') continue;
    const c = v as Partial<ConstantValue>;
    if (!c || typeof c !== 'object') fail(file, `constant "${name}" must be an object`);
    if (typeof c.value !== 'number' || !Number.isFinite(c.value))
      fail(file, `constant "${name}".value must be a finite number, got ${JSON.stringify(c.value)}`);
    if (!Array.isArray(c.ci) || c.ci.length !== 2 || !c.ci.every((x) => typeof x === 'number' && Number.isFinite(x)) || c.ci[0] > c.ci[1]) {
      fail(file, `constant "${name}".ci must be [lo, hi] with finite lo ≤ hi, got ${JSON.stringify(c.ci)}`);
    }
    if (!c.calibratedOn || typeof c.calibratedOn !== 'object' || Array.isArray(c.calibratedOn))
      fail(file, `constant "${name}".calibratedOn must describe how it was obtained`);
    out[name] = c as ConstantValue;
  }
  return out;
}

/** Load fixtures/constants.json (an empty table if the file does not exist yet). */
export function loadConstants(file = CONSTANTS_PATH): ConstantsTable {
  if (!fs.existsSync(file)) return {};
  return parseConstants(fs.readFileSync(file, 'utf8'), file);
}

/** Merge new estimates into the table on disk (atomic write: temp file + rename). */
export function saveConstants(update: ConstantsTable, file = CONSTANTS_PATH): ConstantsTable {
  const merged = { ...loadConstants(file), ...update };
  const sorted = Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((k) => [k, merged[k]]),
  );
  const body = {
    $comment:
      'Universal constants estimated by `npm run calibrate` on the calibration stream (seed "calibration/<masterSeed>"); `verify` checks claims on the independent master stream. Each entry says how it was obtained.',
    ...sorted,
  };
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(body, null, 2) + '\n');
  fs.renameSync(tmp, file);
  return merged;
}

/** A constant by name, with a clear error naming the calibration command when it is missing. */
export function requireConstant(table: ConstantsTable, name: string): number {
  const c = table[name];
  if (!c) throw new RangeError(`constant "${name}" is not calibrated: run \`npm run calibrate\` (fixtures/constants.json)`);
  return c.value;
}

import { worst } from '../claim/status.js';
import type { Status } from '../claim/types.js';
import type { ClaimResult, Report } from './schema.js';

/** What the gate expects of one claim, check or control, what the run gave, and whether they agree. */
export interface Expectation {
  target: 'claim' | 'check' | 'control';
  /** Claim id, check name or control id. */
  name: string;
  expected: Status;
  actual: Status;
  /** The recorded reason when the expectation is a known failure. */
  reason?: string;
  met: boolean;
}

/**
 * Every gating expectation of one claim result (scikit-learn's expected_failed_checks, keyed per
 * check and control): an observation gates nothing; a claim-level known failure expects its
 * recorded status; with per-check known failures each check (worst status over the
 * configurations) expects its recorded status or `verified`; otherwise the claim expects
 * `verified`. Every control run expects `violated` unless recorded as a known control failure.
 * @internal
 */
export function expectationsOf(c: ClaimResult): Expectation[] {
  if (c.observational) return [];
  const out: Expectation[] = [];
  const push = (target: Expectation['target'], name: string, expected: Status, actual: Status, reason?: string): void => {
    out.push({ target, name, expected, actual, ...(reason !== undefined ? { reason } : {}), met: expected === actual });
  };
  const known = c.knownFailures?.checks ?? {};
  if (c.knownFailure) push('claim', c.id, c.knownFailure.status, c.status, c.knownFailure.reason);
  else if (Object.keys(known).length > 0 && c.configurations.length > 0) {
    c.checks.forEach((k, i) => {
      if (c.skipped?.checks?.[k.name] !== undefined) return;
      const actual = c.configurations
        .map((cfg) => cfg.checks.find((x) => x.name === k.name)?.status ?? cfg.checks[i]?.status ?? 'inconclusive')
        .reduce(worst, 'verified' as Status);
      push('check', k.name, known[k.name]?.status ?? 'verified', actual, known[k.name]?.reason);
    });
  } else push('claim', c.id, 'verified', c.status);
  for (const k of c.controls) {
    const kf = c.knownFailures?.controls?.[k.id];
    push('control', k.id, kf?.status ?? 'violated', k.status, kf?.reason);
  }
  return out;
}

/** One line per unmet expectation, e.g. `check "tail" is verified, recorded known failure expected violated (reason)`. */
function unexpectedLines(c: ClaimResult): string[] {
  return expectationsOf(c)
    .filter((e) => !e.met && (e.reason !== undefined || e.target === 'check'))
    .map(
      (e) =>
        `${e.target} "${e.name}" is ${e.actual}, but ${e.reason !== undefined ? `the recorded known failure expects ${e.expected} (${e.reason})` : `expected ${e.expected}`}`,
    );
}

/** The claim result with `unexpected` set from its known failures (absent when every recorded one is met). */
export function withUnexpected(c: ClaimResult): ClaimResult {
  const lines = unexpectedLines(c);
  const { unexpected: _drop, ...rest } = c;
  return lines.length > 0 ? { ...rest, unexpected: lines } : rest;
}

/**
 * Exit code of a verify run (the README's table): 0 every expectation met; 1 a claim or check
 * violated where it should hold, a control not violated, or a recorded known failure with any other
 * status (also when it now passes); 3 only inconclusive results where `verified` was expected
 * (0 with allowInconclusive).
 */
export function gateExitCode(report: Pick<Report, 'claims'>, allowInconclusive: boolean): 0 | 1 | 3 {
  const unmet = report.claims.flatMap(expectationsOf).filter((e) => !e.met);
  if (unmet.some((e) => !(e.expected === 'verified' && e.actual === 'inconclusive' && e.reason === undefined))) return 1;
  if (unmet.length > 0 && !allowInconclusive) return 3;
  return 0;
}

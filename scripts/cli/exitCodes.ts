/** Exit codes of every command (README "The main job"; printed by --help). */
export const EXIT = {
  /** Every expectation met, or the command did its work (help, list, calibrate, merge, no regression). */
  ok: 0,
  /** A result failed: a claim or check violated, a control not violated, a known failure changed, a regression, a violated replay. */
  failed: 1,
  /** Bad usage: unknown command, unknown flag, bad flag value, missing argument. Nothing was run. */
  usage: 2,
  /** Only inconclusive results where `verified` was expected (0 with --allow-inconclusive). */
  inconclusive: 3,
  /** The command could not complete: an input file that cannot be read or parsed, an invalid registry, an internal error. */
  error: 4,
} as const;

/** The table --help prints. */
export const EXIT_CODE_LINES: readonly string[] = [
  '0  ok: every expectation met (claims verified, controls violated, known failures as recorded); or the command did its work',
  '1  a result failed: a claim or check violated, a control not violated, a recorded known failure changed, a regression (compare, --compare), a violated replay',
  '2  usage error: unknown command, unknown flag, bad flag value, missing argument; nothing was run',
  '3  inconclusive only (verify, report merge; 0 with --allow-inconclusive)',
  '4  the command could not complete: an input file that cannot be read or parsed, an invalid registry, an internal error',
];

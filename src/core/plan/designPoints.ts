import type { ConstantsTable, Params, Profile } from '../claim/types.js';
import type { Descriptor, Row, Space, Value } from '../space/index.js';
import { isRange, rowOf } from './choices.js';
import { coveringArray } from './coveringArray.js';

/** A free parameter of a space as a design factor: its value choices (levels, rows, or the two range ends). */
export interface DesignFactor {
  name: string;
  kind: Descriptor['kind'];
  /** Number of choices: levels or rows, 2 for a range with min < max, 1 for a degenerate range. */
  choices: number;
}

const isFree = (d: Descriptor): boolean => isRange(d) || d.kind === 'levels' || d.kind === 'cases';

/**
 * The design factors of `space` at `profile`: every free parameter in declaration order (structure's descriptors).
 * @internal (exported for properties/plan-design.test.ts)
 */
export function designFactors(space: Space<Params>, profile: Profile, constants: ConstantsTable): DesignFactor[] {
  return space
    .structure(profile, constants)
    .filter(isFree)
    .map((d) => ({ name: d.name, kind: d.kind, choices: isRange(d) ? (d.min === d.max ? 1 : 2) : (d.levels?.length ?? 1) }));
}

/** Choice `index` of a descriptor evaluated on the actual earlier values: level or row `index` (modulo their count), else the range's min (0) or max (≥ 1). */
function choiceOf(d: Descriptor, index: number): Value | Row {
  if (isRange(d)) return (index === 0 ? d.min : d.max) as number;
  const levels = d.levels ?? [];
  return levels[index % levels.length];
}

/** The points of a design, and the design rows a constraint excluded (with its message). */
export interface DesignPlan {
  points: Params[];
  excluded: Array<{ row: number[]; reason: string }>;
}

/**
 * Coverage by design: every level of every categorical factor, every `cases` row and both ends of
 * every numeric range — the full factorial over these choices when it has at most
 * `fullFactorialMax` points, else a covering array of strength 2 (every pair of choices of every
 * two factors in some point). A dependent range takes its ends on the point's own earlier values
 * (so the corner "smallest k allowed for this γ" is the regime boundary where a theorem is
 * tightest). With `strength` 1, every choice of every factor at least once (max(choices) points)
 * instead of every pair. Rows whose point breaks a constraint are excluded and reported.
 */
export function designPoints(space: Space<Params>, profile: Profile, constants: ConstantsTable, strength: 1 | 2 = 2, fullFactorialMax = 16): DesignPlan {
  const factors = designFactors(space, profile, constants);
  const rows = coveringArray(
    factors.map((f) => f.choices),
    strength === 2 ? fullFactorialMax : 1,
    strength,
  );
  const points: Params[] = [];
  const excluded: DesignPlan['excluded'] = [];
  for (const row of rows) {
    try {
      points.push({
        ...space.complete(profile, constants, (d) => {
          const i = factors.findIndex((f) => f.name === d.name);
          return choiceOf(d, i < 0 ? 0 : row[i]);
        }),
      });
    } catch (err) {
      excluded.push({ row, reason: (err as Error).message });
    }
  }
  return { points, excluded };
}

/**
 * A declared canonical configuration (e.g. the slides' setting) completed in `space` at `profile`:
 * the given values, the first level or minimum for free parameters it leaves out, fixed and derived
 * ones computed. Throws naming the claim when it lies outside the profile's space.
 */
export function canonicalPoint(space: Space<Params>, profile: Profile, constants: ConstantsTable, partial: Readonly<Partial<Params>>, claimId: string): Params {
  try {
    return {
      ...space.complete(profile, constants, (d) => {
        if (d.kind === 'cases') return rowOf(d, partial, true);
        return partial[d.name] ?? choiceOf(d, 0);
      }),
    };
  } catch (err) {
    throw new RangeError(
      `planRun: claim ${claimId}: canonical configuration ${JSON.stringify(partial)} is outside its ${profile} space: ${(err as Error).message}`,
    );
  }
}

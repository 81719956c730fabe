import type { ConstantsTable, Params, Profile } from '../claim/types.js';
import type { Descriptor, Row, Space, Value } from '../space/index.js';
import { isRange, rowOf } from './choices.js';

/** Where a planned configuration came from. */
export type PlanSource = 'canonical' | 'design' | 'search' | 'random';

/** Which choices of one design factor the run's configurations tested. */
export interface FactorCoverage {
  name: string;
  kind: Descriptor['kind'];
  /** One entry per level, row or range end ("min", "max"), with how many configurations took it. */
  choices: Array<{ choice: string; configurations: number }>;
}

/** A claim's coverage (report.json `coverage`): configurations per source and the choices of every factor they tested. */
export interface Coverage {
  sources: Record<PlanSource, number>;
  factors: FactorCoverage[];
}

const text = (v: Value | Row): string =>
  typeof v === 'object'
    ? Object.entries(v)
        .map(([k, x]) => `${k}=${String(x)}`)
        .join(' ')
    : String(v);

/**
 * The coverage of `configs` in `space` at `profile`: each configuration is walked through the space
 * (its own values chosen, so a dependent range's ends are those of its own earlier values) and every
 * free parameter is classified: its level or row, or "min"/"max" when it sits at a range end
 * ("interior" otherwise). Levels and ends never taken appear with 0 configurations.
 */
export function coverageOf(
  space: Space<Params>,
  profile: Profile,
  constants: ConstantsTable,
  configs: ReadonlyArray<{ params: Params; source: PlanSource }>,
): Coverage {
  const sources: Record<PlanSource, number> = { canonical: 0, design: 0, search: 0, random: 0 };
  const counts = new Map<string, { kind: Descriptor['kind']; choices: Map<string, number> }>();
  const bump = (d: Descriptor, choice: string | null): void => {
    let f = counts.get(d.name);
    if (!f) counts.set(d.name, (f = { kind: d.kind, choices: new Map() }));
    const all = isRange(d) ? (d.min === d.max ? ['min'] : ['min', 'max']) : (d.levels ?? []).map(text);
    for (const c of all) if (!f.choices.has(c)) f.choices.set(c, 0);
    if (choice !== null) f.choices.set(choice, (f.choices.get(choice) ?? 0) + 1);
  };
  for (const { params, source } of configs) {
    sources[source]++;
    try {
      space.complete(profile, constants, (d) => {
        if (d.kind === 'cases') {
          const row = rowOf(d, params);
          bump(d, text(row));
          return row;
        }
        const v = params[d.name];
        if (isRange(d)) bump(d, v === d.min ? 'min' : v === d.max ? 'max' : 'interior');
        else if (d.kind === 'levels') bump(d, text(v));
        return v;
      });
    } catch {
      // A configuration outside this profile's space (a control's, or a canonical one from another profile) is not counted.
    }
  }
  const factors = [...counts].map(([name, f]) => ({
    name,
    kind: f.kind,
    choices: [...f.choices].filter(([c, n]) => c !== 'interior' || n > 0).map(([choice, configurations]) => ({ choice, configurations })),
  }));
  return { sources, factors };
}

import type { ConstantsTable, Profile } from '../claim/types.js';
import { assign, evaluate, isFree, type Entry, type Values } from './evaluate.js';
import { distinct } from './format.js';
import type { Descriptor, Resolved, Row, Value } from './param.js';
import { firstChoice, walk } from './walk.js';

/** Cap on the combinations of earlier values a dependent domain's hull is taken over. */
const MAX_COMBINATIONS = 512;

/** The values a hull branches on: every level or row, or both range ends. */
function ends(d: Descriptor): readonly (Value | Row)[] {
  if (d.kind === 'int' || d.kind === 'real') return distinct([d.min as number, d.max as number]);
  return d.levels as readonly (Value | Row)[];
}

/**
 * Report text per parameter at `profile`. A dependent domain is described by its hull over every
 * combination of the levels, rows and range ends of the parameters some domain reads (up to 512).
 */
export function describeSpace(entries: readonly Entry[], profile: Profile, constants: ConstantsTable): Record<string, string> {
  const { reads } = walk(entries, profile, constants, firstChoice);
  const read = new Set(reads.flatMap((r) => [...r]));
  const branching = entries.map((e) => isFree(e) && e.keys.some((k) => read.has(k)));
  const hulls: Resolved[][] = entries.map(() => []);
  let leaves = 0;
  const visit = (i: number, values: Values): void => {
    if (i === entries.length) {
      leaves++;
      return;
    }
    const e = entries[i];
    const { desc } = evaluate(e, profile, constants, values);
    hulls[i].push(desc);
    const options = !isFree(e) ? [desc.value as Value] : branching[i] && leaves < MAX_COMBINATIONS ? ends(desc) : [firstChoice(desc, values)];
    for (const v of options) {
      const next = { ...values };
      assign(e, v, next);
      visit(i + 1, next);
    }
  };
  visit(0, {});
  const out: Record<string, string> = {};
  entries.forEach((e, i) => {
    if (e.spec.describe === false) return;
    out[e.name] = typeof e.spec.describe === 'string' ? e.spec.describe : e.spec.text(hulls[i]);
  });
  return out;
}

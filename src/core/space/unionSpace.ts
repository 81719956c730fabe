import type { ConstantsTable, Profile } from '../claim/types.js';
import type fc from 'fast-check';
import { shown } from './format.js';
import type { Descriptor } from './param.js';
import { hypothesesOf, type PointOf, type Space } from './space.js';
import { pick, resolveWeights } from './weights.js';

/** One form of a {@link unionSpace}. */
export interface UnionOption<S extends Space = Space> {
  /** The form's name in reports (e.g. 'main', 'thm27'). */
  label: string;
  space: S;
  /**
   * Integer draw weight.
   * @defaultValue 1
   */
  weight?: number;
}

/** Settings of {@link unionSpace}. */
export interface UnionSettings {
  /**
   * Name of the form factor in `describe` and `structure`. When every form declares a fixed parameter
   * of this name (e.g. `form: fixed('main')`), `validate` picks the form by it and reports that form's reason.
   * @defaultValue 'form'
   */
  name?: string;
  /** Report text replacing the list of labels, or `false` to leave it out of `describe`. */
  describe?: string | false;
}

/**
 * A union of spaces (e.g. a theorem's main form and an explicit variant, with their own ranges),
 * drawn in proportion to the weights. `structure` starts with the form factor (kind 'levels', its
 * levels the labels) followed by the first form's descriptors, flagged dependent; `complete` asks
 * the chooser for the form first.
 */
export function unionSpace<const O extends readonly UnionOption[]>(options: O, settings: UnionSettings = {}): Space<PointOf<O[number]['space']>> {
  type P = PointOf<O[number]['space']>;
  const name = settings.name ?? 'form';
  const labels = options.map((o) => o.label);
  if (labels.length === 0) throw new Error('unionSpace: options must be non-empty');
  if (new Set(labels).size !== labels.length) throw new Error(`unionSpace: labels must be distinct, got ${labels.join(' | ')}`);
  const weights = resolveWeights(options, (o) => o.weight ?? 1) as number[];
  const form: Descriptor = { name, kind: 'levels', levels: labels, weights, dependent: false };
  const tags = options.map((o) => o.space.structure('smoke').find((d) => d.name === name && d.kind === 'fixed')?.value);
  const tagged = tags.every((t) => t !== undefined);

  const validate = (p: Readonly<Record<string, unknown>>, constants: ConstantsTable = {}): string | null => {
    if (tagged) {
      const i = tags.indexOf(p[name] as (typeof tags)[number]);
      if (i >= 0) return options[i].space.validate(p, constants);
      const must = `one of ${tags.join(' | ')}`;
      return p[name] === undefined ? `${name} is missing (must be ${must})` : `${name} must be ${must}, got ${shown(p[name])}`;
    }
    const reasons = options.map((o) => o.space.validate(p, constants));
    return reasons.some((r) => r === null) ? null : `no ${name} matches: ${reasons.map((r, i) => `${labels[i]}: ${r}`).join('; ')}`;
  };

  const describe = (profile: Profile, constants: ConstantsTable = {}): Record<string, string> => {
    const each = options.map((o) => o.space.describe(profile, constants));
    const out: Record<string, string> = settings.describe === false ? {} : { [name]: settings.describe ?? labels.join(' | ') };
    for (const key of new Set(each.flatMap((d) => Object.keys(d)))) {
      if (key === name) continue;
      const texts = each.map((d) => d[key]);
      out[key] = texts.every((t) => t === texts[0]) ? texts[0] : texts.flatMap((t, i) => (t === undefined ? [] : [`${labels[i]}: ${t}`])).join('; ');
    }
    return out;
  };

  const space: Space<P> = {
    arbitrary: (profile, constants = {}) =>
      pick(
        options.map((_, i) => i),
        weights,
      ).chain((i) => options[i].space.arbitrary(profile, constants) as fc.Arbitrary<P>),
    describe,
    validate,
    structure: (profile, constants = {}) => [
      form,
      ...options[0].space
        .structure(profile, constants)
        .filter((d) => d.name !== name)
        .map((d) => ({ ...d, dependent: true })),
    ],
    complete: (profile, constants, choose) => {
      const i = labels.indexOf(choose(form, {}) as string);
      if (i < 0) throw new Error(`complete: ${name} must be one of ${labels.join(' | ')}`);
      return options[i].space.complete(profile, constants, choose) as P;
    },
    hypotheses: () => hypothesesOf(space),
  };
  return space;
}

import type fc from 'fast-check';
import type { ConstantsTable, Params, Profile } from '../claim/types.js';

/** A parameter value: flat and JSON-serialisable, as in {@link Params}. */
export type Value = number | string | boolean;

/** One row of {@link cases}: several parameters drawn jointly. */
export type Row = Readonly<Record<string, Value>>;

/** What a parameter is: a range (`int`, `real`), a categorical factor (`levels`), a constant, a function of earlier ones, or a joint draw (`cases`). */
export type Kind = 'int' | 'real' | 'levels' | 'fixed' | 'derived' | 'cases';

/** How a range is drawn: uniformly (`linear`) or uniformly in log space (`log`). */
export type Scale = 'linear' | 'log';

/** What a bound, a level list or a derived value may depend on. */
export interface SpaceContext<Prev extends Params = Params> {
  readonly profile: Profile;
  readonly constants: ConstantsTable;
  /** Values of the parameters declared earlier; reading a later or an undeclared one throws. */
  readonly p: Readonly<Prev>;
  /** `constants[name]?.value ?? fallback`: a calibrated constant, or its fallback when not calibrated yet. */
  constant(name: string, fallback: number): number;
}

/** A value, or a function of the {@link SpaceContext} (profile, constants, earlier parameters). Annotate `ctx` as `SpaceContext<{ gamma: number }>` to type `ctx.p`. */
export type Bound<T, Prev extends Params = Params> = T | ((ctx: SpaceContext<Prev>) => T);

/**
 * One parameter as evaluated for one profile and one set of earlier values: what `structure`
 * returns and what a `complete` chooser receives. Fields are present when they apply to `kind`.
 */
export interface Descriptor {
  /** The parameter's name (for `cases`, the name of the group; its columns are `keys`). */
  name: string;
  kind: Kind;
  /** Range ends (`int`, `real`), inclusive. */
  min?: number;
  max?: number;
  scale?: Scale;
  /** Significant digits of a `real` draw. */
  digits?: number;
  /** The levels (`levels`) or the rows (`cases`), in declaration order. */
  levels?: readonly (Value | Row)[];
  /** Report text of each level (`levels` with `labels`). */
  labels?: readonly string[];
  /** Integer draw weight of each level or row. */
  weights?: readonly number[];
  /** Columns of a `cases` row. */
  keys?: readonly string[];
  /** The value of a `fixed` or `derived` parameter. */
  value?: Value;
  /** The formula of a `derived` parameter. */
  formula?: string;
  /** The domain is a function of earlier parameters (it was evaluated on their current values). */
  dependent: boolean;
}

/** A descriptor before the space adds its name and `dependent` flag. */
export type Resolved = Omit<Descriptor, 'name' | 'dependent'>;

/**
 * A parameter declaration, as built by `int`, `real`, `oneOf`, `fixed`, `derived` and `cases`.
 * `T` is the parameter's value type (the row type for `cases`), `K` its kind.
 */
export interface ParamSpec<T = unknown, K extends Kind = Kind> {
  readonly kind: K;
  /** Report text replacing the generated one, or `false` to leave the parameter out of `describe`. */
  readonly describe?: string | false;
  /** Columns of a `cases` group. */
  readonly keys?: readonly string[];
  /** Evaluates the domain in a context; throws a plain message when it is malformed. */
  resolve(ctx: SpaceContext): Resolved;
  /** Draws a value of the domain (free kinds only). */
  draw?(d: Resolved): fc.Arbitrary<T>;
  /** Whether `value` lies in one of the domains of `hull`. */
  accepts(value: unknown, hull: readonly Resolved[]): boolean;
  /** The domain of `hull` in a message: "an integer in [30, 400]", "one of tanh | softplus", `"reference"`. */
  requirement(hull: readonly Resolved[]): string;
  /** The domain of `hull` in a report: "[30, 400]", "tanh | softplus", "= reference". */
  text(hull: readonly Resolved[]): string;
  /** Type marker of the value (never set). */
  readonly __value?: T;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type ValueOf<S> = S extends ParamSpec<infer T> ? T : never;
type Plain<S> = { [K in keyof S as S[K] extends ParamSpec<unknown, 'cases'> ? never : K]: ValueOf<S[K]> };
type Rows<S> = UnionToIntersection<{ [K in keyof S]: S[K] extends ParamSpec<infer R, 'cases'> ? R : never }[keyof S]>;

/**
 * The point type of a space declared by `params`: numbers for `int`/`real`, literal unions for
 * `oneOf`, the literal for `fixed`, the computed type for `derived`, and the columns of `cases`.
 */
export type InferParams<S> = Extract<Simplify<Plain<S> & Rows<S>>, Params>;

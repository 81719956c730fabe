/**
 * The hypothesis-space DSL: a claim declares its parameters once (`defineSpace({ d: int(…), … })`)
 * and gets its arbitrary, report text, validator, `Hypotheses` and the engine's `structure`/`complete`.
 */
export { int, real, type RangeOptions, type RealOptions } from './range.js';
export { oneOf, type OneOfOptions } from './oneOf.js';
export { fixed, type FixedOptions } from './fixed.js';
export { derived, type DerivedOptions } from './derived.js';
export { cases, type CasesOptions } from './cases.js';
export { defineSpace, type SpaceOptions } from './defineSpace.js';
export { unionSpace, type UnionOption, type UnionSettings } from './unionSpace.js';
export { type Constraint, type PointOf, type Space, type SpaceHypotheses } from './space.js';
export type { Chooser } from './walk.js';
export type { Bound, Descriptor, InferParams, Kind, ParamSpec, Row, Scale, SpaceContext, Value } from './param.js';

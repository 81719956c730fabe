/** Null when v is an integer in [lo, hi], else the reason naming the parameter. */
export const intIn = (name: string, v: unknown, lo: number, hi: number): string | null =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? null : `${name} must be an integer in [${lo}, ${hi}], got ${String(v)}`;
/** Null when v is one of the allowed values, else the reason naming the parameter. */
export const oneOf = (name: string, v: unknown, allowed: readonly (string | number | boolean)[]): string | null =>
  allowed.includes(v as string) ? null : `${name} must be one of ${allowed.join(' | ')}, got ${String(v)}`;
/** The first non-null reason. */
export const firstError = (...errs: Array<string | null>): string | null => errs.find((e) => e !== null) ?? null;

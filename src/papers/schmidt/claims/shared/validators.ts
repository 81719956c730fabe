export function inInt(name: string, v: number, lo: number, hi: number): string | null {
  return Number.isInteger(v) && v >= lo && v <= hi ? null : `${name} must be an integer in [${lo}, ${hi}], got ${v}`;
}
export function inReal(name: string, v: number, lo: number, hi: number): string | null {
  return typeof v === 'number' && v >= lo - 1e-12 && v <= hi + 1e-12 ? null : `${name} must be in [${lo}, ${hi}], got ${v}`;
}
export function oneOf(name: string, v: unknown, allowed: readonly unknown[]): string | null {
  return allowed.includes(v) ? null : `${name} must be one of ${allowed.join(', ')}, got ${String(v)}`;
}
export const first = (...xs: Array<string | null>): string | null => xs.find((x) => x !== null) ?? null;

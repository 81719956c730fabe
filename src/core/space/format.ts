import type { Row, Value } from './param.js';

/** A value as a message shows what it got: strings quoted, rows as `(10, 0.1)`, anything else as `String`. */
export function shown(v: unknown, keys?: readonly string[]): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (keys && typeof v === 'object' && v !== null) return `(${keys.map((k) => shown((v as Row)[k])).join(', ')})`;
  return String(v);
}

/** Levels as a report or a message lists them: `tanh | softplus`. */
export const listed = (levels: readonly Value[]): string => levels.map(String).join(' | ');

/** Equal values; numbers within a relative 1e-9 (computed values replayed from JSON). */
export function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  return a === b;
}

/** Whether `v` is a parameter value (a finite number, a string or a boolean). */
export const isValue = (v: unknown): v is Value => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** The distinct elements of `xs` in first-seen order (by {@link same}). */
export function distinct<T>(xs: readonly T[]): T[] {
  const out: T[] = [];
  for (const x of xs) if (!out.some((y) => same(x, y))) out.push(x);
  return out;
}

import type { Stream } from '../src/core/random/stream.js';

/**
 * Tiny task functions for mapParallel's unit properties (parallel-unit.test.ts): cheap enough that
 * worker start-up, not the work, is the cost.
 */

/** The first `n` uniforms of the task's own stream and their sum (depends on (args, seed) only). */
export function seededDraws(args: { n: number; tag: string }, rng: Stream): { tag: string; draws: number[]; sum: number } {
  const draws = Array.from({ length: args.n }, () => rng.uniform());
  return { tag: args.tag, draws, sum: draws.reduce((s, v) => s + v, 0) };
}

/** An asynchronous task (a promise is awaited like a value). */
export async function seededDrawsLater(args: { n: number; tag: string }, rng: Stream): Promise<{ tag: string; draws: number[]; sum: number }> {
  await new Promise((r) => setTimeout(r, 1));
  return seededDraws(args, rng);
}

/** Throws, naming its argument. */
export function failing(args: { why: string }): never {
  throw new Error(`task refused: ${args.why}`);
}

/** Not a function: a task naming it is rejected. */
export const notAFunction = 42;

/** Ends the worker thread it runs in (only ever sent to a worker: in the main thread it would end the process). */
export function exitWorker(args: { code: number }): never {
  process.exit(args.code);
}

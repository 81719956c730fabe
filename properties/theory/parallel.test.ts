import { describe, expect, test } from 'vitest';
import { mapParallel, type ParallelTask } from '../../src/core/engine/parallel.js';
import { Stream } from '../../src/core/random/stream.js';

/** mapParallel: results ordered by task index and identical for every worker count. */
const module = new URL('../../bench/tasks.ts', import.meta.url).href;
const root = new Stream('properties/parallel');
const tasks: ParallelTask[] = Array.from({ length: 6 }, (_, i) => ({
  module,
  fn: 'bubeckEtaBatch',
  args: { d: 50 + 10 * i, k: 20 + i, activation: i % 2 ? 'relu' : 'tanh', outputWeights: 'rademacher', trials: 30, method: 'reduced' },
  seed: root.child('task', i).seed,
}));

describe('mapParallel', () => {
  test('same results, in task order, for 0, 1, 2 and 3 workers', async () => {
    const reference = await mapParallel<Float64Array>(tasks, 1);
    expect(reference).toHaveLength(tasks.length);
    // Each task's result depends only on its own seed: recompute task 4 alone.
    expect(await mapParallel<Float64Array>([tasks[4]], 0)).toEqual([reference[4]]);
    for (const w of [2, 3]) expect(await mapParallel<Float64Array>(tasks, w)).toEqual(reference);
  }, 60_000);

  test('a failing task rejects naming its index; bad arguments are rejected', async () => {
    const bad: ParallelTask = { ...tasks[0], args: { ...(tasks[0].args as object), d: 0 } };
    await expect(mapParallel([tasks[0], bad], 2)).rejects.toThrow(/mapParallel: task 1 \(bubeckEtaBatch\) failed: .*d must be an integer ≥ 1, got 0/);
    await expect(mapParallel([{ ...tasks[0], fn: 'nope' }], 1)).rejects.toThrow(/has no exported function "nope"/);
    await expect(mapParallel(tasks, -1)).rejects.toThrow(/workerCount must be an integer ≥ 0, got -1/);
  }, 60_000);
});

import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Stream } from '../random/stream.js';

/**
 * Deterministic parallel map over independent tasks with `worker_threads`.
 *
 * A task names an exported function `fn(args, rng)` of an ES module, its JSON arguments and its
 * own seed; the function runs with `rng = new Stream(seed)`. Its result depends on (module, fn,
 * args, seed) only, so `mapParallel(tasks, w)` returns the same array (ordered by task index)
 * for every worker count w, and the same as running the tasks one after another in this thread.
 * Results travel back by structured clone (numbers, strings, arrays, plain objects, typed arrays).
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface ParallelTask {
  /** Module exporting the task function: absolute path or file: URL (e.g. `new URL('./x.ts', import.meta.url).href`). */
  module: string;
  /** Name of the exported function `(args, rng: Stream) => result | Promise<result>`. */
  fn: string;
  args: JsonValue;
  /** Seed of the task's own Stream (derive it from a parent stream path, e.g. `rng.child('task', i).seed`). */
  seed: string;
}

export type TaskFunction<A = JsonValue, R = unknown> = (args: A, rng: Stream) => R | Promise<R>;

const WORKER_ROLE = 'robustness-proofs/parallel-worker';

function moduleUrl(module: string): string {
  if (module.startsWith('file:')) return module;
  return pathToFileURL(isAbsolute(module) ? module : resolve(module)).href;
}

const modules = new Map<string, Promise<Record<string, unknown>>>();

/** Run one task in this thread. */
async function runTask(task: ParallelTask): Promise<unknown> {
  const url = moduleUrl(task.module);
  let mod = modules.get(url);
  if (!mod) {
    mod = import(url) as Promise<Record<string, unknown>>;
    modules.set(url, mod);
  }
  const fn = (await mod)[task.fn];
  if (typeof fn !== 'function') throw new TypeError(`mapParallel: module ${task.module} has no exported function "${task.fn}"`);
  return (fn as TaskFunction)(task.args, new Stream(task.seed));
}

type ToWorker = { index: number; task: ParallelTask } | { stop: true };
type FromWorker = { index: number; ok: true; result: unknown } | { index: number; ok: false; message: string };

/**
 * Start a worker running this module. From TypeScript sources (tsx), the worker first registers
 * tsx's ESM loader in its own thread and then imports this file: tsx's `--import` loader is not
 * inherited by worker threads (privatenumber/tsx#354).
 */
function startWorker(): Worker {
  const options = { workerData: { role: WORKER_ROLE } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(import.meta.url), options);
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * Map tasks to results with up to `workerCount` worker threads (≤ 1: in this thread), results
 * ordered by task index. Tasks are handed to whichever worker is idle; scheduling cannot change
 * results because every task carries its own seed. A failing task rejects the whole map, naming
 * the task index, and stops the workers. `onResult(index, result)` is called as each task finishes
 * (in completion order: for progress reports only). When `signal` aborts, no further task starts,
 * the workers are terminated (tasks in progress are lost) and the map rejects with `signal.reason`.
 */
export async function mapParallel<R = unknown>(
  tasks: readonly ParallelTask[],
  workerCount: number,
  onResult?: (index: number, result: R) => void,
  signal?: AbortSignal,
): Promise<R[]> {
  if (!Number.isInteger(workerCount) || workerCount < 0) throw new RangeError(`mapParallel: workerCount must be an integer ≥ 0, got ${workerCount}`);
  tasks.forEach((t, i) => {
    if (typeof t.module !== 'string' || typeof t.fn !== 'string' || typeof t.seed !== 'string')
      throw new TypeError(`mapParallel: task ${i} must have string module, fn and seed`);
  });
  const results = new Array<R>(tasks.length);
  const w = Math.min(workerCount, tasks.length);
  if (w <= 1) {
    for (let i = 0; i < tasks.length; i++) {
      signal?.throwIfAborted();
      try {
        results[i] = (await runTask(tasks[i])) as R;
      } catch (err) {
        throw new Error(`mapParallel: task ${i} (${tasks[i].fn}) failed: ${(err as Error).message}`);
      }
      onResult?.(i, results[i]);
    }
    return results;
  }
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolveAll, rejectAll) => {
      let failed = false;
      const fail = (err: unknown): void => {
        if (!failed) {
          failed = true;
          rejectAll(err);
        }
      };
      if (signal?.aborted) return fail(signal.reason);
      onAbort = () => fail(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const feed = (worker: Worker): void => {
        if (next < tasks.length) {
          const index = next++;
          worker.postMessage({ index, task: tasks[index] } satisfies ToWorker);
        }
      };
      for (let j = 0; j < w; j++) {
        const worker = startWorker();
        workers.push(worker);
        worker.on('message', (msg: FromWorker) => {
          if (failed) return;
          if (!msg.ok) return fail(new Error(`mapParallel: task ${msg.index} (${tasks[msg.index].fn}) failed: ${msg.message}`));
          results[msg.index] = msg.result as R;
          onResult?.(msg.index, results[msg.index]);
          if (++done === tasks.length) resolveAll();
          else feed(worker);
        });
        worker.on('error', (err) => fail(new Error(`mapParallel: worker ${j} crashed: ${err.message}`)));
        worker.on('exit', (code) => {
          if (done < tasks.length && !failed) fail(new Error(`mapParallel: worker ${j} exited with code ${code} before all tasks finished`));
        });
        feed(worker);
      }
    });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((wk) => wk.terminate()));
  }
  return results;
}

if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  const port = parentPort;
  port.on('message', (msg: ToWorker) => {
    if ('stop' in msg) return port.close();
    runTask(msg.task).then(
      (result) => port.postMessage({ index: msg.index, ok: true, result } satisfies FromWorker),
      (err: unknown) => port.postMessage({ index: msg.index, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies FromWorker),
    );
  });
}

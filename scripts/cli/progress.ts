import type { ProgressEvent } from '../../src/core/engine/engine.js';
import type { Io } from './io.js';

/** A progress printer: `(event)` prints what the event says; `tick()` is the heartbeat between events. */
export interface ProgressPrinter {
  (e: ProgressEvent): void;
  /**
   * Called by a timer while the workers run: when no line was printed for `everyMs`, prints how many tasks are done
   * and how long the run has taken, so that a phase whose first (longest) tasks take minutes still shows it is alive.
   */
  tick(): void;
}

/**
 * Progress of a long run on stderr: each targeted search as planning starts it, how many tasks the resume cache
 * held and how many run, one line per finished claim, and a heartbeat at most every `everyMs` (default 5 s)
 * while tasks run, also when none has finished yet.
 */
export function progressPrinter(io: Io, everyMs = 5000): ProgressPrinter {
  let last = 0;
  const started = Date.now();
  /** The task phase's counts, from its `tasks` and `task` events (undefined outside it). */
  let tasks: { done: number; total: number; cached: number; lastClaim: string } | undefined;
  const taskLine = (secs: string): string => {
    const t = tasks!;
    return `    … ${t.done}/${t.total} tasks done${t.cached ? ` (${t.cached} from the cache)` : ''}${t.lastClaim ? ` (last: ${t.lastClaim})` : ''}, ${secs}s`;
  };
  const print = ((e: ProgressEvent) => {
    const now = Date.now();
    const secs = (e.elapsedMs / 1000).toFixed(1);
    if (e.phase === 'task' || e.phase === 'tasks') {
      tasks = { done: e.configsDone, total: e.configsTotal, cached: e.cached ?? 0, lastClaim: e.phase === 'task' ? e.claim : '' };
      if (tasks.done >= tasks.total) tasks = undefined;
    }
    if (e.phase === 'cached') {
      io.err(`  resume cache ${e.claim}: ${e.configsDone} of ${e.configsTotal} tasks cached, ${e.configsTotal - e.configsDone} to run`);
    } else if (e.phase === 'search') {
      io.err(`  planning ${e.claim}: targeted search from ${e.configsTotal} planned configurations (pilot ${e.trials} trials each), ${secs}s`);
      last = now;
    } else if (e.phase === 'tasks') {
      io.err(`  ${e.configsTotal - e.configsDone} tasks to run (planned in ${secs}s)`);
      last = now;
    } else if (e.phase === 'done') {
      io.err(
        `  ${e.status === 'verified' ? '✓' : e.status === 'violated' ? '✗' : '?'} ${e.claim}: ${e.status}  (${e.configsDone} configurations, ${e.trials} trials, ${secs}s)`,
      );
      last = now;
    } else if (now - last > everyMs) {
      io.err(
        e.phase === 'task'
          ? taskLine(secs)
          : `    … ${e.claim} [${e.phase}] configuration ${Math.min(e.configsDone + 1, e.configsTotal)}/${e.configsTotal}, ${e.trials} trials, ${secs}s`,
      );
      last = now;
    }
  }) as ProgressPrinter;
  print.tick = () => {
    const now = Date.now();
    if (!tasks || now - last <= everyMs) return;
    io.err(taskLine(((now - started) / 1000).toFixed(1)));
    last = now;
  };
  return print;
}

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
  /** The task phase's latest `tasks` or `task` event, for the heartbeat (undefined before it and after its last task). */
  let running: ProgressEvent | undefined;
  const taskLine = (e: ProgressEvent, secs: string): string =>
    `    … ${e.configsDone}/${e.configsTotal} tasks done${e.cached ? ` (${e.cached} from the cache)` : ''}${e.phase === 'task' ? ` (last: ${e.claim})` : ''}, ${secs}s`;
  const print = ((e: ProgressEvent) => {
    const now = Date.now();
    const secs = (e.elapsedMs / 1000).toFixed(1);
    if (e.phase === 'task' || e.phase === 'tasks') running = e.configsDone < e.configsTotal ? e : undefined;
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
          ? taskLine(e, secs)
          : `    … ${e.claim} [${e.phase}] configuration ${Math.min(e.configsDone + 1, e.configsTotal)}/${e.configsTotal}, ${e.trials} trials, ${secs}s`,
      );
      last = now;
    }
  }) as ProgressPrinter;
  print.tick = () => {
    const now = Date.now();
    if (!running || now - last <= everyMs) return;
    io.err(taskLine(running, ((now - started) / 1000).toFixed(1)));
    last = now;
  };
  return print;
}

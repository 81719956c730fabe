import type { ProgressEvent } from '../../src/core/engine/engine.js';
import type { Io } from './io.js';

/** Progress of a long run on stderr: how many tasks the resume cache held, one line per finished claim, and a heartbeat at most every 5 s. */
export function progressPrinter(io: Io, everyMs = 5000): (e: ProgressEvent) => void {
  let last = 0;
  return (e) => {
    const now = Date.now();
    const secs = (e.elapsedMs / 1000).toFixed(1);
    if (e.phase === 'cached') {
      io.err(`  resume cache ${e.claim}: ${e.configsDone} of ${e.configsTotal} tasks cached, ${e.configsTotal - e.configsDone} to run`);
    } else if (e.phase === 'done') {
      io.err(
        `  ${e.status === 'verified' ? '✓' : e.status === 'violated' ? '✗' : '?'} ${e.claim}: ${e.status}  (${e.configsDone} configurations, ${e.trials} trials, ${secs}s)`,
      );
      last = now;
    } else if (now - last > everyMs) {
      io.err(
        e.phase === 'task'
          ? `    … ${e.configsDone}/${e.configsTotal} tasks done${e.cached ? ` (${e.cached} from the cache)` : ''} (last: ${e.claim}), ${secs}s`
          : `    … ${e.claim} [${e.phase}] configuration ${Math.min(e.configsDone + 1, e.configsTotal)}/${e.configsTotal}, ${e.trials} trials, ${secs}s`,
      );
      last = now;
    }
  };
}

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { progressPrinter } from '../scripts/cli/progress.js';
import type { ProgressEvent } from '../src/core/engine/engine.js';

/**
 * verify's progress lines (scripts/cli/progress.ts): planning announces each targeted search, the task phase
 * says how many tasks run, and the heartbeat (`tick`, on a timer) prints while the first, longest tasks run and
 * none has finished yet — but only then, at most every `everyMs`, and never outside the task phase.
 */
describe('progressPrinter', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());
  const event = (e: Partial<ProgressEvent>): ProgressEvent => ({ claim: '', phase: 'task', configsDone: 0, configsTotal: 0, trials: 0, elapsedMs: 0, ...e });

  test('a search line in planning, the task count, a heartbeat while no task has finished, none after the last task', () => {
    const lines: string[] = [];
    const print = progressPrinter({ out: () => undefined, err: (l) => lines.push(l) }, 5000);
    print.tick();
    expect(lines).toEqual([]); // planning: no task phase yet
    print(event({ claim: 'p.c', phase: 'search', configsTotal: 12, trials: 300, elapsedMs: 100 }));
    vi.setSystemTime(20_000);
    print(event({ phase: 'tasks', configsDone: 2, configsTotal: 10, cached: 2, elapsedMs: 20_000 }));
    vi.setSystemTime(24_000);
    print.tick();
    vi.setSystemTime(25_500);
    print.tick();
    vi.setSystemTime(27_000);
    print.tick();
    print(event({ claim: 'p.c', phase: 'task', configsDone: 10, configsTotal: 10, cached: 2, elapsedMs: 28_000 }));
    vi.setSystemTime(60_000);
    print.tick();
    expect(lines).toEqual([
      '  planning p.c: targeted search from 12 planned configurations (pilot 300 trials each), 0.1s',
      '  8 tasks to run (planned in 20.0s)',
      '    … 2/10 tasks done (2 from the cache), 25.5s',
    ]);
  });

  test('the last task prints its line when it comes more than everyMs after the previous one, and the heartbeat then stops', () => {
    const lines: string[] = [];
    const print = progressPrinter({ out: () => undefined, err: (l) => lines.push(l) }, 5000);
    print(event({ phase: 'tasks', configsDone: 0, configsTotal: 2, elapsedMs: 1_000 }));
    vi.setSystemTime(10_000);
    print(event({ claim: 'p.a', phase: 'task', configsDone: 1, configsTotal: 2, elapsedMs: 10_000 }));
    vi.setSystemTime(20_000);
    print(event({ claim: 'p.b', phase: 'task', configsDone: 2, configsTotal: 2, elapsedMs: 20_000 }));
    vi.setSystemTime(40_000);
    print.tick();
    expect(lines).toEqual(['  2 tasks to run (planned in 1.0s)', '    … 1/2 tasks done (last: p.a), 10.0s', '    … 2/2 tasks done (last: p.b), 20.0s']);
  });
});

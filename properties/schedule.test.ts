import { describe, expect, it } from 'vitest';
import { longestFirst, parseTimings, taskTimingKey, timingsFileOf, timingsFromReport, TIMINGS_FORMAT } from '../src/core/engine/schedule.js';
import type { Report } from '../src/core/report/schema.js';

/** Longest-task-first scheduling (src/core/engine/schedule.ts): the order of a run's tasks, never their results. */
describe('longestFirst', () => {
  const tasks = [
    { id: 'a', claim: 'x' },
    { id: 'b', claim: 'x' },
    { id: 'c', claim: 'y' },
    { id: 'd', claim: 'z' },
  ];
  const key = (t: { id: string }): string => t.id;
  const claim = (t: { claim: string }): string => t.claim;

  it('orders by expected duration, descending, stably; no timings keeps the plan order', () => {
    const t = new Map([
      ['a', 5],
      ['b', 50],
      ['c', 50],
      ['d', 1],
    ]);
    expect(longestFirst(tasks, t, key, claim).map(key)).toEqual(['b', 'c', 'a', 'd']);
    expect(longestFirst(tasks, undefined, key, claim).map(key)).toEqual(['a', 'b', 'c', 'd']);
    expect(longestFirst(tasks, new Map(), key, claim).map(key)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('an unknown task is estimated by its claim’s longest known task, an unknown claim by the longest task overall', () => {
    // b unknown: claim x's longest known is a = 7; d unknown with no known task of z: overall max 9
    const t = new Map([
      ['a', 7],
      ['c', 9],
    ]);
    expect(longestFirst(tasks, t, key, claim).map(key)).toEqual(['c', 'd', 'a', 'b']);
  });
});

describe('timings from a report or a task-timings file', () => {
  const report = {
    claims: [
      {
        id: 'p.claim',
        configurations: [
          { params: { n: 2, d: 10 }, durationMs: 12.4 },
          { params: { d: 20, n: 2 }, durationMs: 30 },
        ],
        controls: [{ id: 'ctl', durationMs: 99.6 }],
      },
    ],
  } as unknown as Pick<Report, 'claims'>;

  it('keys configurations by canonical params (key order irrelevant) and controls by id', () => {
    const t = timingsFromReport(report);
    expect(t.get(taskTimingKey({ kind: 'main', claimId: 'p.claim', params: { d: 10, n: 2 } }))).toBe(12.4);
    expect(t.get(taskTimingKey({ kind: 'main', claimId: 'p.claim', params: { n: 2, d: 20 } }))).toBe(30);
    expect(t.get(taskTimingKey({ kind: 'control', claimId: 'p.claim', controlId: 'ctl' }))).toBe(99.6);
    expect(t.size).toBe(3);
  });

  it('parseTimings reads a report or a timings file of the same profile; other profiles, other JSON and bad JSON give undefined', () => {
    const file = timingsFileOf('paper', [report]);
    expect(file.format).toBe(TIMINGS_FORMAT);
    expect(Object.values(file.tasks)).toEqual([100, 12, 30]);
    expect(parseTimings(JSON.stringify(file), 'paper')?.size).toBe(3);
    expect(parseTimings(JSON.stringify(file), 'smoke')).toBeUndefined();
    expect(parseTimings(JSON.stringify({ ...report, profile: 'smoke' }), 'smoke')?.size).toBe(3);
    expect(parseTimings(JSON.stringify({ profile: 'smoke', claims: 'nope' }), 'smoke')).toBeUndefined();
    expect(parseTimings('{not json', 'smoke')).toBeUndefined();
    expect(parseTimings('null', 'smoke')).toBeUndefined();
  });
});

import type { Params } from '../claim/types.js';
import { canonicalJson } from '../random/seeds.js';

/** One evaluated candidate of the search: its configuration and its pilot margin (lower = closer to failing). */
export interface Candidate {
  params: Params;
  margin: number;
}

/**
 * Targeted search for the worst configuration (Hypothesis' `target()`, PropEr's targeted PBT):
 * from each of the `starts` (already evaluated), repeatedly evaluate every neighbour and move to
 * the one with the lowest margin while it improves, at most `steps` moves in all. `evaluate` is
 * called once per distinct configuration (memoised by canonical JSON). Returns every evaluated
 * candidate, lowest margin first (ties by canonical JSON, so the result is deterministic).
 */
export function hillClimb(starts: readonly Candidate[], steps: number, neighboursOf: (p: Params) => Params[], evaluate: (p: Params) => number): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const s of starts) seen.set(canonicalJson(s.params), s);
  const score = (p: Params): Candidate => {
    const key = canonicalJson(p);
    let c = seen.get(key);
    if (!c) seen.set(key, (c = { params: p, margin: evaluate(p) }));
    return c;
  };
  const order = (a: Candidate, b: Candidate): number => a.margin - b.margin || (canonicalJson(a.params) < canonicalJson(b.params) ? -1 : 1);
  let left = steps;
  for (const start of [...starts].sort(order)) {
    let current = start;
    while (left > 0) {
      const next = neighboursOf(current.params).map(score).sort(order)[0];
      if (!next || !(next.margin < current.margin)) break;
      current = next;
      left--;
    }
    if (left <= 0) break;
  }
  return [...seen.values()].sort(order);
}

/** Timing helpers shared by the bench cases (bench/run.ts and the per-paper case files). */

/** `v` to `digits` significant digits (for printing). */
export const round = (v: number, digits = 3): number => Number(v.toPrecision(digits));

/**
 * Minimum wall times (ms) of `a` and `b` over `repeats` alternating runs, after one warm-up of each: both see the
 * same machine load, and the minimum is the least-disturbed measurement on a shared machine.
 */
export function pairedMinTimesSync(a: () => unknown, b: () => unknown, repeats: number): [number, number] {
  a();
  b();
  let ta = Infinity;
  let tb = Infinity;
  for (let r = 0; r < repeats; r++) {
    let t0 = performance.now();
    a();
    ta = Math.min(ta, performance.now() - t0);
    t0 = performance.now();
    b();
    tb = Math.min(tb, performance.now() - t0);
  }
  return [ta, tb];
}

/** `pairedMinTimesSync` for functions that may return promises (each run is awaited before the clock stops). */
export async function pairedMinTimes(a: () => unknown, b: () => unknown, repeats: number): Promise<[number, number]> {
  await a();
  await b();
  let ta = Infinity;
  let tb = Infinity;
  for (let r = 0; r < repeats; r++) {
    let t0 = performance.now();
    await a();
    ta = Math.min(ta, performance.now() - t0);
    t0 = performance.now();
    await b();
    tb = Math.min(tb, performance.now() - t0);
  }
  return [ta, tb];
}

/**
 * Rows that cover every pair of values of every two factors (a covering array of strength 2), or
 * the full factorial when it has at most `fullFactorialMax` rows; with `strength` 1, rows that take
 * every value of every factor at least once. `sizes[i]` is the number of
 * values of factor i; a row gives each factor a value index. Greedy and deterministic (AETG-style:
 * each row starts from the first uncovered pair and fills the other factors, in order, with the
 * value covering most uncovered pairs, ties to the smallest index), so a plan is the same on every
 * machine. Factors with one value add nothing to cover.
 */
export function coveringArray(sizes: readonly number[], fullFactorialMax = 16, strength: 1 | 2 = 2): number[][] {
  sizes.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 1) throw new RangeError(`coveringArray: sizes[${i}] must be an integer ≥ 1, got ${s}`);
  });
  if (strength === 1) return levelsOnce(sizes);
  const total = sizes.reduce((a, b) => a * b, 1);
  if (total <= fullFactorialMax) return factorial(sizes);
  const m = sizes.length;
  // uncovered[i][j] holds "a,b" for the value pairs of factors i < j not yet in a row.
  const uncovered = new Map<string, Set<string>>();
  let left = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const set = new Set<string>();
      for (let a = 0; a < sizes[i]; a++) for (let b = 0; b < sizes[j]; b++) set.add(`${a},${b}`);
      uncovered.set(`${i},${j}`, set);
      left += set.size;
    }
  }
  const rows: number[][] = [];
  const gain = (row: Array<number | undefined>, f: number, v: number): number => {
    let g = 0;
    for (let o = 0; o < m; o++) {
      const w = row[o];
      if (o === f || w === undefined) continue;
      const [i, j, a, b] = o < f ? [o, f, w, v] : [f, o, v, w];
      if (uncovered.get(`${i},${j}`)!.has(`${a},${b}`)) g++;
    }
    return g;
  };
  while (left > 0) {
    const row: Array<number | undefined> = new Array<number | undefined>(m).fill(undefined);
    for (const [key, set] of uncovered) {
      if (set.size === 0) continue;
      const [i, j] = key.split(',').map(Number);
      const [a, b] = [...set][0].split(',').map(Number);
      row[i] = a;
      row[j] = b;
      break;
    }
    for (let f = 0; f < m; f++) {
      if (row[f] !== undefined) continue;
      let best = 0;
      let bestGain = -1;
      for (let v = 0; v < sizes[f]; v++) {
        const g = gain(row, f, v);
        if (g > bestGain) [best, bestGain] = [v, g];
      }
      row[f] = best;
    }
    const full = row as number[];
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) if (uncovered.get(`${i},${j}`)!.delete(`${full[i]},${full[j]}`)) left--;
    }
    rows.push(full);
  }
  return rows;
}

/**
 * Strength 1: every value of every factor in some row, in max(sizes) rows — row i takes value
 * i mod size of each factor, rotated by the factor's index so that two-level factors do not move in lockstep.
 */
function levelsOnce(sizes: readonly number[]): number[][] {
  const n = Math.max(1, ...sizes);
  return Array.from({ length: n }, (_, i) => sizes.map((s, f) => (i + f) % s));
}

/** Every combination of value indices, the last factor varying fastest. */
function factorial(sizes: readonly number[]): number[][] {
  let rows: number[][] = [[]];
  for (const s of sizes) rows = rows.flatMap((r) => Array.from({ length: s }, (_, v) => [...r, v]));
  return rows;
}

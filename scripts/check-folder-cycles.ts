/**
 * `tsx scripts/check-folder-cycles.ts DEPS.json` (or the JSON on standard input): fails when the
 * folders import each other in a cycle, even where no file cycle exists (a.ts in folder A imports
 * B/b.ts, and B/c.ts imports A/d.ts). DEPS.json is `depcruise --output-type json` output
 * (`npm run deps` writes it); a folder is a file's own directory, and an edge A → B is any
 * import, type-only included, from a file directly in A to a file directly in B. Each cycle is
 * printed with one file import that makes each of its edges. Exit code 1 when there is a cycle.
 */
import fs from 'node:fs';
import path from 'node:path';

interface CruiseResult {
  modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
}

/** Folder graph: edges[A][B] = one file import `a.ts → b.ts` from folder A to folder B. */
function folderGraph(result: CruiseResult): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const m of result.modules) {
    const from = path.posix.dirname(m.source);
    for (const d of m.dependencies) {
      if (!d.dependencyTypes.includes('local')) continue;
      const to = path.posix.dirname(d.resolved);
      if (to === from) continue;
      let out = edges.get(from);
      if (!out) edges.set(from, (out = new Map()));
      if (!out.has(to)) out.set(to, `${m.source} → ${d.resolved}`);
    }
  }
  return edges;
}

/** The strongly connected components with more than one folder (Tarjan), each sorted, in sorted order. */
function tangles(edges: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of [...(edges.get(v)?.keys() ?? [])].sort()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** A shortest cycle through `start` inside `members` (breadth-first), as the list of folders start → … → start. */
function cycleThrough(start: string, members: ReadonlySet<string>, edges: Map<string, Map<string, string>>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of [...(edges.get(v)?.keys() ?? [])].sort()) {
      if (!members.has(w)) continue;
      if (w === start) {
        const back: string[] = [];
        for (let u = v; u !== start; u = parent.get(u)!) back.push(u);
        return [start, ...back.reverse(), start];
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  throw new Error(`check-folder-cycles: no cycle through ${start}`);
}

/** One message per folder cycle: the cycle, the file import behind each edge, and the other folders of the same tangle. */
function folderCycles(result: CruiseResult): string[] {
  const edges = folderGraph(result);
  return tangles(edges).map((scc) => {
    const cycle = cycleThrough(scc[0], new Set(scc), edges);
    const lines = [`folder cycle: ${cycle.join(' → ')}`];
    for (let i = 0; i + 1 < cycle.length; i++) lines.push(`  ${cycle[i]} → ${cycle[i + 1]}: ${edges.get(cycle[i])!.get(cycle[i + 1])}`);
    const others = scc.filter((f) => !cycle.includes(f));
    if (others.length > 0) lines.push(`  (the same tangle also takes in ${others.join(', ')})`);
    return lines.join('\n');
  });
}

const input = process.argv[2] === undefined || process.argv[2] === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(process.argv[2], 'utf8');
const result = JSON.parse(input) as CruiseResult;
const cycles = folderCycles(result);
if (cycles.length > 0) {
  process.stderr.write(`${cycles.join('\n\n')}\n\n✘ ${cycles.length} folder cycle${cycles.length === 1 ? '' : 's'}\n`);
  process.exitCode = 1;
} else process.stdout.write(`✔ no folder cycles (${folderGraph(result).size} folders import from other folders)\n`);

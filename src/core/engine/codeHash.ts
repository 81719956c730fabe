import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `path` (itself when it is a file), as absolute paths; folders named node_modules or starting with "." are skipped. */
function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() && (e.name === 'node_modules' || e.name.startsWith('.')) ? [] : filesUnder(join(path, e.name)),
  );
}

/**
 * SHA-256 (hex) of the source files under `paths` (files or folders, relative to `root`): for each file,
 * in order of its `/`-separated path relative to `root`, the path, its length in bytes and its bytes.
 * Renaming, adding, removing or editing any file changes the hash; a path that does not exist counts as
 * empty (and is named, so that its later creation changes the hash too). The resume cache keys every
 * task by such a hash of the code that decides it (src/core/engine/taskCache.ts).
 */
export function sourceHash(root: string, paths: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of paths) if (!existsSync(join(root, p))) h.update(`missing\0${p}\0`);
  const files = [...new Set(paths.flatMap((p) => filesUnder(join(root, p))))]
    .map((abs) => ({ abs, rel: relative(root, abs).split(sep).join('/') }))
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  for (const f of files) {
    const bytes = readFileSync(f.abs);
    h.update(`${f.rel}\0${bytes.length}\0`);
    h.update(bytes);
  }
  return h.digest('hex');
}

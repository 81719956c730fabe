#!/usr/bin/env bash
# The example paper docs/examples/toy works as its guide (docs/adding-a-paper.md) says: on a clean
# checkout of REF (default HEAD) in a temporary git worktree, copy it to src/papers/toy, change ONE
# line of src/papers/index.ts, and check that
#   - `verify --only toy --profile smoke` verifies every claim and violates every control (exit 0),
#   - `compare` accepts the report (against itself: no regression),
#   - shards 1/2 and 2/2 each write a report, `report merge` of the two gates green (exit 0), and
#     the merged report compares clean against the whole run.
# Exits non-zero on the first failure; the worktree and its reports are always removed.
# Usage: scripts/check-example-paper.sh [REF]   (needs node_modules: run `npm ci` first)
set -euo pipefail

root="$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)"
ref="${1:-HEAD}"
[ -d "$root/node_modules" ] || { echo "check-example-paper: $root/node_modules is missing; run npm ci first" >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/check-example-paper.XXXXXX")"
wt="$tmp/worktree"
out="$tmp/reports"
cleanup() {
  git -C "$root" worktree remove --force "$wt" >/dev/null 2>&1 || true
  git -C "$root" worktree prune >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "check-example-paper: FAIL: $*" >&2
  exit 1
}
step() { echo "check-example-paper: $*" >&2; }

git -C "$root" worktree add --detach --quiet "$wt" "$ref"
ln -s "$root/node_modules" "$wt/node_modules"
cd "$wt"

# 1. Copy the folder and add the one line.
[ -d docs/examples/toy ] || fail "docs/examples/toy is not in $ref"
[ ! -e src/papers/toy ] || fail "src/papers/toy already exists in $ref"
cp -r docs/examples/toy src/papers/toy
sed -E -i "s#^(export const PAPERS = \[[^]]*)\]#\1, (await import('./toy/index.js')).toy]#" src/papers/index.ts
changed="$(git diff --numstat -- src/papers/index.ts)"
[ "$changed" = "$(printf '1\t1\tsrc/papers/index.ts')" ] || fail "expected exactly one changed line in src/papers/index.ts, got: ${changed:-none} (is PAPERS still one line \`export const PAPERS = [...]\`?)"
step "src/papers/index.ts: $(git diff -U0 -- src/papers/index.ts | grep '^+export')"

cli() { npx tsx scripts/cli.ts "$@"; }

# The statuses a gate expects of report.json: every claim a toy claim, verified; every control run violated.
expect_green() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const bad = [];
    if (r.claims.length !== 3) bad.push(`expected 3 claims, got ${r.claims.length}`);
    for (const c of r.claims) {
      if (!c.id.startsWith("toy.")) bad.push(`${c.id} is not a toy claim`);
      if (c.status !== "verified") bad.push(`${c.id} is ${c.status}${c.reason ? ` (${c.reason})` : ""}`);
      if (c.controls.length === 0) bad.push(`${c.id} has no control`);
      for (const k of c.controls) {
        if (k.status !== "violated") bad.push(`${c.id} ⟂ ${k.id} is ${k.status}, expected violated`);
        else if (k.counterexample?.confirmation?.status !== "violated") bad.push(`${c.id} ⟂ ${k.id}: no confirmed counterexample`);
      }
    }
    if (bad.length) { console.error(bad.join("\n")); process.exit(1); }
  ' "$1" || fail "$1: unexpected statuses (above)"
}

# 2. The whole smoke run.
step "verify --only toy --profile smoke"
cli verify --only toy --profile smoke --out "$out/whole" || fail "verify --only toy --profile smoke exited $?"
expect_green "$out/whole/report.json"

# 3. compare accepts it.
step "compare"
cli compare "$out/whole/report.json" "$out/whole/report.json" || fail "compare of the report with itself exited $?"

# 4. Two shards, merged. A shard's own exit code is not the gate (controls dealt to the other shard
#    count as not violated there; .github/workflows/verify.yml ignores it too), but it must have run
#    (0, 1 or 3; not a usage error or a crash) and written its report.
for i in 1 2; do
  step "verify --shard $i/2"
  code=0
  cli verify --only toy --profile smoke --shard "$i/2" --out "$out/shard-$i" || code=$?
  case "$code" in 0 | 1 | 3) ;; *) fail "verify --shard $i/2 exited $code" ;; esac
  [ -s "$out/shard-$i/report.json" ] || fail "verify --shard $i/2 wrote no report.json"
done
step "report merge"
cli report merge "$out/shard-1" "$out/shard-2" --out "$out/merged" || fail "report merge of the two shards exited $?"
expect_green "$out/merged/report.json"
cli compare "$out/merged/report.json" "$out/whole/report.json" || fail "compare of the merged shards with the whole run exited $?"

step "OK: toy copied to src/papers/toy with one line; smoke verify, compare and a 2-shard merge all green"

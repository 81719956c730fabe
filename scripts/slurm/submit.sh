#!/usr/bin/env bash
# Run `npm run verify` on a Slurm cluster: an array job of N shards (scripts/slurm/verify-shard.sbatch,
# task i runs `verify --shard i/N`) and a merge job (scripts/slurm/verify-merge.sbatch) that starts
# when every shard succeeded (--dependency=afterok:<array job id>). Prints the two job ids.
#
# Usage: scripts/slurm/submit.sh N [SBATCH_OPTION…]
#   N               number of shards (the array is --array=1-N)
#   SBATCH_OPTION…  passed to both sbatch calls, e.g. --partition=short --cpus-per-task=4 --account=me
# Environment (exported to both jobs): PROFILE (default standard), VERIFY_FLAGS, MERGE_FLAGS, BASELINE
# (see the two job scripts), REPORTS (default reports/slurm-<date>-<time>; made absolute).
# The job logs go to $REPORTS/logs/ (verify-shard-<array id>_<i>.out, verify-merge-<id>.out).
# Run it on a login node from anywhere in the repository; the jobs run in the repository root, which
# every compute node must see at the same path, with node_modules installed (npm ci).
# Output on stdout, one line: "<array job id> <merge job id>" (progress goes to stderr).
set -euo pipefail

usage() {
  echo "usage: scripts/slurm/submit.sh N [SBATCH_OPTION…]  (N ≥ 1 shards)" >&2
  exit 2
}
[ "$#" -ge 1 ] || usage
shards="$1"
shift
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: N must be a whole number ≥ 1, got '$shards'" >&2; usage; }

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
REPORTS="${REPORTS:-$root/reports/slurm-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$REPORTS/logs"
REPORTS="$(cd "$REPORTS" && pwd)"
PROFILE="${PROFILE:-standard}"
export REPORTS PROFILE VERIFY_FLAGS="${VERIFY_FLAGS:-}" MERGE_FLAGS="${MERGE_FLAGS:-}" BASELINE="${BASELINE:-}"

array="$(sbatch --parsable --chdir="$root" --array="1-$shards" --output="$REPORTS/logs/%x-%A_%a.out" "$@" "$here/verify-shard.sbatch")"
array="${array%%;*}" # --parsable prints "id[;cluster]"
merge="$(sbatch --parsable --chdir="$root" --dependency="afterok:$array" --kill-on-invalid-dep=yes --output="$REPORTS/logs/%x-%j.out" "$@" "$here/verify-merge.sbatch")"
merge="${merge%%;*}"
echo "submit.sh: array job $array (verify --profile $PROFILE --shard i/$shards, i = 1..$shards), merge job $merge (afterok:$array) → $REPORTS/merged" >&2
echo "$array $merge"

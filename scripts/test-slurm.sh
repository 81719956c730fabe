#!/usr/bin/env bash
# `npm run test:slurm`: the Slurm recipe of docs/cluster.md on a real (single-node) Slurm cluster.
#
#  1. docs/cluster.md quotes scripts/slurm/* and docs/cluster/* verbatim (the files are the source);
#  2. Debian's slurm-wlm and munge are installed with apt-get when missing;
#  3. a private cluster is started on localhost, all its state in a temporary directory: munged on its
#     own socket and key, slurmctld and slurmd (NodeName=localhost, CPUs = nproc) on free ports, with
#     proctrack/linuxproc and task/none (no cgroups, no systemd needed);
#  4. the unsharded reference: `verify --profile smoke --allow-inconclusive` (or REFERENCE_DIR);
#  5. scripts/slurm/submit.sh 3 submits the smoke profile as a 3-task array job (verify --shard i/3)
#     and the dependent merge job (--dependency=afterok:<array id>); the script waits for both;
#  6. the merged report must equal the reference: every claim, configuration, check (status and
#     evidence), control, counterexample, coverage table, figure and the summary, with the timings
#     (durationMs, startedAt) and the environment blanked. A merged claim lists its configurations
#     shard by shard; what follows from that order alone is accepted and listed (see step 6 below).
# On exit (success or not) it cancels its jobs, stops the daemons it started (by pid) and removes the
# temporary directory; on failure it first prints the slurmctld, slurmd, munged and job logs.
#
# Usage: scripts/test-slurm.sh [REFERENCE_DIR]
#   REFERENCE_DIR  an unsharded smoke report of this checkout (a directory holding report.json, or the
#                  file), e.g. reports/latest after .ci/run's smoke verify; default: run it here.
# Environment: SLURM_TEST_TIMEOUT  seconds for the jobs to finish (default 900);
#              SLURM_TEST_KEEP=1   keep the temporary directory (its path is printed).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
shards=3
timeout_s="${SLURM_TEST_TIMEOUT:-900}"
t0=$SECONDS
say() { printf 'test-slurm [%4ss] %s\n' "$((SECONDS - t0))" "$*" >&2; }
fail() {
  say "FAIL: $*"
  exit 1
}
[ "$#" -le 1 ] || fail "usage: scripts/test-slurm.sh [REFERENCE_DIR]"
[ -d node_modules ] || fail "$root/node_modules is missing; run npm ci first"
reference="${1:-}"
if [ -n "$reference" ]; then
  [ -d "$reference" ] && reference="$reference/report.json"
  [ -s "$reference" ] || fail "reference report $reference is missing or empty"
  reference="$(cd "$(dirname "$reference")" && pwd)/$(basename "$reference")"
fi

# --- 1. docs/cluster.md quotes the files it documents verbatim --------------------------------------
# A quoted file is the fenced block after the line "<!-- file: PATH -->".
node -e '
  const fs = require("fs");
  const doc = fs.readFileSync("docs/cluster.md", "utf8");
  const re = /<!-- file: (\S+) -->\n+(`{3,})[^\n]*\n([\s\S]*?)\n\2\n/g;
  let m, n = 0, bad = [];
  while ((m = re.exec(doc))) {
    n++;
    if (fs.readFileSync(m[1], "utf8") !== m[3] + "\n") bad.push(`docs/cluster.md quotes ${m[1]} but the file differs (copy it in again)`);
  }
  for (const f of process.argv.slice(1)) if (!doc.includes(`<!-- file: ${f} -->`)) bad.push(`docs/cluster.md does not quote ${f}`);
  if (bad.length) { console.error(bad.join("\n")); process.exit(1); }
  console.error(`test-slurm: docs/cluster.md quotes ${n} files verbatim`);
' scripts/slurm/verify-shard.sbatch scripts/slurm/verify-merge.sbatch scripts/slurm/submit.sh \
  docs/cluster/verify-shards.yaml docs/cluster/verify-merge.yaml || fail "docs/cluster.md is out of date"

# --- 2. Debian's slurm-wlm and munge, installed only when missing -----------------------------------
t_install=$SECONDS
missing=""
for cmd in munged mungekey slurmctld slurmd sbatch squeue scontrol scancel; do
  command -v "$cmd" >/dev/null 2>&1 || missing="$missing $cmd"
done
if [ -n "$missing" ]; then
  say "installing slurm-wlm and munge with apt-get (missing:$missing)"
  [ "$(id -u)" -eq 0 ] || fail "installing Slurm needs root (apt-get); install slurm-wlm and munge first"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
  say "installed $(dpkg-query -W -f '${Package} ${Version}\n' slurm-wlm munge | paste -sd, -)"
else
  say "slurm-wlm and munge already installed ($(dpkg-query -W -f '${Package} ${Version}\n' slurm-wlm munge 2>/dev/null | paste -sd, - || echo '?'))"
fi
install_s=$((SECONDS - t_install))

# --- 3. a private single-node cluster ---------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/test-slurm.XXXXXX")"
chmod 755 "$tmp" # munged wants every directory above its socket searchable by all
mkdir -p "$tmp/munge" "$tmp/munge-key" "$tmp/etc" "$tmp/state" "$tmp/spool/slurmd-localhost" "$tmp/log" "$tmp/reports"
chmod 755 "$tmp/munge"
chmod 700 "$tmp/munge-key"
conf="$tmp/etc/slurm.conf"
export SLURM_CONF="$conf"
unset SLURM_JOB_ID SLURM_JOBID SLURM_ARRAY_JOB_ID SLURM_ARRAY_TASK_ID
pid_munged="" pid_ctld="" pid_slurmd="" jobs_submitted="" status=1

print_logs() {
  local f
  for f in "$tmp/log/slurmctld.log" "$tmp/log/slurmd.log" "$tmp/log/munged.log" "$tmp/log/"*.stderr "$tmp/reports/logs/"*.out; do
    [ -s "$f" ] || continue
    echo "----- ${f#"$tmp"/} (last 60 lines) -----" >&2
    tail -n 60 "$f" >&2
  done
}

# TERM then, after up to 10 s, KILL one process we started.
stop_pid() {
  local pid="$1" name="$2" i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || {
      wait "$pid" 2>/dev/null || true
      return 0
    }
    sleep 0.2
  done
  say "$name (pid $pid) did not stop on TERM: KILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# Processes of this test's jobs and daemons: those whose environment holds our SLURM_CONF.
our_processes() {
  local p pid
  for p in /proc/[0-9]*; do
    pid="${p#/proc/}"
    [ "$pid" = "$$" ] && continue
    { tr '\0' '\n' <"$p/environ"; } 2>/dev/null | grep -qxF "SLURM_CONF=$conf" && echo "$pid"
  done
  return 0
}

cleanup() {
  status=$?
  set +e
  trap - EXIT INT TERM
  if [ "$status" -ne 0 ]; then
    say "failed (exit $status); the cluster's logs follow"
    [ -n "$pid_ctld" ] && kill -0 "$pid_ctld" 2>/dev/null && { squeue -a -o '%.12i %.14j %.10T %.10M %R' >&2 2>/dev/null; }
    print_logs
  fi
  if [ -n "$jobs_submitted" ] && [ -n "$pid_ctld" ] && kill -0 "$pid_ctld" 2>/dev/null; then
    # shellcheck disable=SC2086
    scancel $jobs_submitted 2>/dev/null
    for _ in $(seq 1 75); do
      [ -z "$(squeue -h -t PD,R,CG -o %i 2>/dev/null)" ] && break
      sleep 0.2
    done
  fi
  stop_pid "$pid_slurmd" slurmd
  stop_pid "$pid_ctld" slurmctld
  stop_pid "$pid_munged" munged
  local left
  left="$(our_processes)"
  if [ -n "$left" ]; then
    say "stopping left-over job processes: $(echo "$left" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    kill -TERM $left 2>/dev/null
    sleep 1
    left="$(our_processes)"
    # shellcheck disable=SC2086
    [ -z "$left" ] || kill -KILL $left 2>/dev/null
  fi
  if [ "${SLURM_TEST_KEEP:-0}" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Two free TCP ports on 127.0.0.1, from 16817 up (Slurm's defaults 6817/6818 may belong to a real cluster).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ctld_port=""
for p in $(seq 16817 2 16999); do
  if port_free "$p" && port_free "$((p + 1))"; then
    ctld_port="$p"
    break
  fi
done
[ -n "$ctld_port" ] || fail "no two free TCP ports in 16817..17000"
slurmd_port=$((ctld_port + 1))

t_cluster=$SECONDS
mungekey --create --keyfile="$tmp/munge-key/munge.key" >/dev/null
munged --foreground --socket="$tmp/munge/munge.socket" --key-file="$tmp/munge-key/munge.key" \
  --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge/munged.seed" \
  >"$tmp/log/munged.stderr" 2>&1 &
pid_munged=$!

cpus="$(nproc)"
cat >"$conf" <<EOF
# A single-node cluster for scripts/test-slurm.sh; everything lives in $tmp.
ClusterName=test-slurm
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool/slurmd-%n
SlurmctldPidFile=$tmp/state/slurmctld.pid
SlurmdPidFile=$tmp/state/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
MailProg=/bin/true
# No cgroups in a container: track a job's processes by parent pid, bind no task to CPUs.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
# Keep finished jobs visible to scontrol for 10 minutes (there is no accounting database).
MinJobAge=600
NodeName=localhost CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

for _ in $(seq 1 50); do
  [ -S "$tmp/munge/munge.socket" ] && break
  kill -0 "$pid_munged" 2>/dev/null || fail "munged exited: $(cat "$tmp/log/munged.stderr")"
  sleep 0.2
done
munge -S "$tmp/munge/munge.socket" -n | unmunge -S "$tmp/munge/munge.socket" >/dev/null || fail "munge credentials do not round-trip"
say "munged up (pid $pid_munged)"

slurmctld -D -i >"$tmp/log/slurmctld.stderr" 2>&1 &
pid_ctld=$!
for _ in $(seq 1 100); do
  scontrol ping 2>/dev/null | grep -q 'is UP' && break
  kill -0 "$pid_ctld" 2>/dev/null || fail "slurmctld exited"
  sleep 0.2
done
scontrol ping 2>/dev/null | grep -q 'is UP' || fail "slurmctld did not answer within 20 s"
say "slurmctld up (pid $pid_ctld, port $ctld_port)"

slurmd -D -N localhost >"$tmp/log/slurmd.stderr" 2>&1 &
pid_slurmd=$!
state=""
for _ in $(seq 1 150); do
  state="$(sinfo -h -n localhost -o %T 2>/dev/null || true)"
  [ "$state" = idle ] && break
  kill -0 "$pid_slurmd" 2>/dev/null || fail "slurmd exited"
  sleep 0.2
done
[ "$state" = idle ] || fail "node localhost is '${state:-unknown}', not idle, 30 s after slurmd started"
cluster_s=$((SECONDS - t_cluster))
say "slurmd up (pid $pid_slurmd, port $slurmd_port): node localhost idle with $cpus CPUs ($(sinfo -V))"

# --- 4. the unsharded reference ----------------------------------------------------------------------
reference_s=0
if [ -z "$reference" ]; then
  say "unsharded reference: npm run verify -- --profile smoke --allow-inconclusive (one run, $cpus workers)"
  t_ref=$SECONDS
  code=0
  npm run --silent verify -- --profile smoke --allow-inconclusive --out "$tmp/whole" >"$tmp/log/reference.stderr" 2>&1 || code=$?
  reference_s=$((SECONDS - t_ref))
  reference="$tmp/whole/report.json"
  # Its verdict is not what this test is about (npm test and .ci/run's own smoke verify gate it);
  # the merged report must equal it, verdict included. It must have run, though.
  case "$code" in
    0 | 1 | 3) [ -s "$reference" ] || fail "the unsharded smoke verify exited $code without writing $reference" ;;
    *)
      tail -n 40 "$tmp/log/reference.stderr" >&2
      fail "the unsharded smoke verify exited $code"
      ;;
  esac
  say "reference done in ${reference_s} s (verify exit $code$([ "$code" = 0 ] || echo ': not green; the merged report must still equal it'))"
else
  say "unsharded reference: $reference"
fi

# --- 5. the array job and the dependent merge job, with the scripts of docs/cluster.md --------------
say "submitting: scripts/slurm/submit.sh $shards --cpus-per-task=1 (PROFILE=smoke)"
t_jobs=$SECONDS
ids="$(REPORTS="$tmp/reports" PROFILE=smoke VERIFY_FLAGS=--allow-inconclusive MERGE_FLAGS=--allow-inconclusive BASELINE='' \
  scripts/slurm/submit.sh "$shards" --cpus-per-task=1)" || fail "submit.sh exited $?"
read -r array_id merge_id <<<"$ids"
jobs_submitted="$array_id $merge_id"
say "array job $array_id (tasks 1..$shards), merge job $merge_id (afterok:$array_id)"

# JobState of a job (or of every task of an array job, one per line), from scontrol.
job_states() { scontrol -o show job "$1" 2>/dev/null | sed -n 's/.* JobState=\([A-Z_]*\) .*/\1/p'; }
last=""
while :; do
  merge_state="$(job_states "$merge_id")"
  case "$merge_state" in COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | PREEMPTED | BOOT_FAIL | DEADLINE) break ;; esac
  line="$(squeue -h -o '%i:%T' 2>/dev/null | sort | tr '\n' ' ')"
  if [ "$line" != "$last" ]; then
    say "queue: ${line:-empty}"
    last="$line"
  fi
  ((SECONDS - t_jobs < timeout_s)) || fail "the jobs did not finish within ${timeout_s} s (SLURM_TEST_TIMEOUT)"
  sleep 2
done
jobs_s=$((SECONDS - t_jobs))

task_report="$(scontrol -o show job "$array_id" | sed -n 's/.* ArrayTaskId=\([0-9]*\) .* JobState=\([A-Z_]*\) .* ExitCode=\([0-9:]*\) .* StartTime=\([^ ]*\) EndTime=\([^ ]*\) .*/\1 \2 \3 \4 \5/p' | sort -n)"
echo "$task_report" | while read -r i st ec start end; do say "shard $i/$shards: $st, exit $ec, $start → $end"; done
merge_line="$(scontrol -o show job "$merge_id")"
merge_exit="$(sed -n 's/.* ExitCode=\([0-9:]*\) .*/\1/p' <<<"$merge_line")"
say "merge job: $merge_state, exit $merge_exit ($(sed -n 's/.* StartTime=\([^ ]*\) EndTime=\([^ ]*\) .*/\1 → \2/p' <<<"$merge_line"))"
[ "$(echo "$task_report" | grep -c ' COMPLETED 0:0 ')" -eq "$shards" ] || fail "not every shard task COMPLETED with exit 0"
# The merge job's exit code is the merged report's gate (0, 1 or 3, as for verify); 2 or 4, or a job
# that did not run to its end, is a failure of the merge itself. The gate must be the reference's:
# that follows from the equality checked below.
case "$merge_state $merge_exit" in
  "COMPLETED 0:0") merge_gate=0 ;;
  "FAILED 1:0") merge_gate=1 ;;
  "FAILED 3:0") merge_gate=3 ;;
  *) fail "the merge job is $merge_state with exit $merge_exit" ;;
esac
for i in $(seq 1 "$shards"); do
  [ -s "$tmp/reports/shard-$i/report.json" ] || fail "shard $i wrote no report.json"
done
[ -s "$tmp/reports/merged/report.json" ] || fail "the merge job wrote no merged/report.json"
say "all $shards shards and the merge done in ${jobs_s} s (submit to merge end); merged gate: exit $merge_gate"

# --- 6. the merged report equals the unsharded one ---------------------------------------------------
node - "$tmp/reports/merged/report.json" "$reference" <<'EOF' || fail "the merged report differs from the unsharded reference (above)"
// The merged report of the shards against the unsharded run: equal but for timings and for what
// follows from the merged report listing each claim's configurations shard by shard (a set equal to
// the unsharded run's, in another order). Order effects, each checked as far as it goes:
const fs = require('fs');
const [mergedPath, wholePath] = process.argv.slice(2);
const load = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
// Timing and machine fields: blanked on both sides.
const BLANK = new Set(['durationMs', 'startedAt', 'environment']);
const norm = (v) => JSON.parse(JSON.stringify(v, (k, x) => (BLANK.has(k) ? null : x)));
const merged = norm(load(mergedPath));
const whole = norm(load(wholePath));
const diffs = [];
const notes = [];
function diff(a, b, path) {
  if (diffs.length >= 20 || a === b) return;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    diffs.push(`${path}: merged ${JSON.stringify(a)?.slice(0, 200)} ≠ unsharded ${JSON.stringify(b)?.slice(0, 200)}`);
    return;
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diff(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
}
const byJson = (a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0);
// 1. Configurations: matched by parameters and source.
for (const r of [merged, whole]) for (const c of r.claims) c.configurations.sort((a, b) => byJson([a.params, a.source], [b.params, b.source]));
// 2. Holm's thresholds: tied p-values take their ranks in report order (the verdicts do not depend on
//    it): compared as one multiset. A counterexample's replay command carries its check's threshold.
const thresholds = (r) => r.claims.flatMap((c) => c.configurations.flatMap((k) => k.checks.map((x) => [x.holmThreshold, delete x.holmThreshold][0])));
diff(thresholds(merged).sort((x, y) => x - y), thresholds(whole).sort((x, y) => x - y), 'Holm thresholds (sorted)');
for (const r of [merged, whole])
  for (const c of r.claims)
    for (const x of [c, ...c.controls])
      if (x.counterexample?.replay) {
        const t = / --threshold (\S+)/.exec(x.counterexample.replay)?.[1];
        x.counterexample.replay = x.counterexample.replay.replace(/ --threshold \S+/, ' --threshold T');
        (x.counterexample.thresholds ??= []).push(t);
      }
for (const c of merged.claims) {
  const w = whole.claims.find((x) => x.id === c.id);
  for (const [m, u, id] of [[c, w, c.id], ...c.controls.map((k) => [k, w?.controls.find((q) => q.id === k.id), `${c.id} ⟂ ${k.id}`])]) {
    const [tm, tu] = [m?.counterexample?.thresholds?.[0], u?.counterexample?.thresholds?.[0]];
    if (tm !== tu) notes.push(`${id}: replay --threshold ${tm} (as in its shard), unsharded ${tu}`);
    if (m?.counterexample) delete m.counterexample.thresholds;
    if (u?.counterexample) delete u.counterexample.thresholds;
  }
}
// 3. A claim's evidence is its worst configuration's (least p-value; among ties the first in report
//    order): the merged claim must show one of the unsharded run's configurations tied for worst.
for (const m of merged.claims) {
  const w = whole.claims.find((c) => c.id === m.id);
  if (!w || JSON.stringify(m.evidence) === JSON.stringify(w.evidence)) continue;
  const least = Math.min(...w.configurations.map((k) => k.evidence.pValue));
  const tail = (e) => /worst of .*$/.exec(e.note ?? '')?.[0];
  const tied = w.configurations.filter((k) => k.evidence.pValue === least);
  const same = (k) => JSON.stringify({ ...m.evidence, note: null }) === JSON.stringify({ ...k.evidence, note: null });
  if (tail(m.evidence) === tail(w.evidence) && tied.some(same)) {
    notes.push(`${m.id}: evidence of another of its ${tied.length} configurations tied at the least p-value ${least}`);
    m.evidence = w.evidence;
  }
}
// 4. Figures: their rows, reference lines, theory curves and points come configuration by
//    configuration, so every list inside a figure is compared as a multiset; a row's `config` (its
//    configuration's index in the shard that ran it, kept as it is by report merge) is left out, and
//    a title's numbers (those of the first configuration) are masked.
const canonical = (v) =>
  Array.isArray(v)
    ? v.map(canonical).sort(byJson)
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]))
      : v;
for (const r of [merged, whole])
  for (const c of r.claims)
    c.figures = c.figures?.map((f) =>
      canonical({ ...f, data: f.data?.map((row) => ({ ...row, config: undefined })), title: f.title?.replace(/-?\d+(\.\d+)?(e-?\d+)?/g, '#') }),
    );
const wholeTitles = new Map(load(wholePath).claims.flatMap((c) => (c.figures ?? []).map((f) => [`${c.id}/${f.id}`, f.title])));
for (const c of load(mergedPath).claims)
  for (const f of c.figures ?? [])
    if (f.title !== wholeTitles.get(`${c.id}/${f.id}`)) notes.push(`${c.id}: figure ${f.id} is titled "${f.title}", unsharded "${wholeTitles.get(`${c.id}/${f.id}`)}"`);

diff(merged, whole, 'report');
if (notes.length) console.error(`test-slurm: order effects of the merge (accepted):\n  ${notes.join('\n  ')}`);
if (diffs.length) {
  console.error(`test-slurm: ${diffs.length >= 20 ? 'at least 20' : diffs.length} difference(s) between the merged and the unsharded report:\n  ${diffs.join('\n  ')}`);
  process.exit(1);
}
const s = whole.summary;
const configs = whole.claims.reduce((n, c) => n + c.configurations.length, 0);
console.error(
  `test-slurm: merged = unsharded: ${whole.claims.length} claims (${s.verified} verified, ${s.violated} violated, ${s.inconclusive} inconclusive), ` +
    `${configs} configurations with every check's status and evidence, controls ${s.controlsFailedAsExpected}/${s.controlsTotal} violated as expected, Holm family ${whole.statistics.family}`,
);
EOF

status=0
say "OK: timings — install ${install_s} s, cluster start ${cluster_s} s, reference ${reference_s} s, array + merge ${jobs_s} s, total $((SECONDS - t0)) s"


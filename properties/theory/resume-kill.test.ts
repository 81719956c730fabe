import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { shellWords } from '../../scripts/recordCounterexamples.js';
import type { Report } from '../../src/core/report/schema.js';
import { serializeReport } from '../../src/core/report/write.js';

/**
 * Resumable runs, end to end: a real `verify --profile smoke` process is killed partway — with SIGINT
 * (Ctrl-C: it must stop its workers, exit 130 and print where the cache is and the command that
 * resumes) and with SIGKILL (no chance to clean up: once during the targeted search's pilot, once
 * among the tasks) — and started again from its resume cache; each final report.json must equal,
 * byte for byte with timings blanked, the report of an uninterrupted run without a cache.
 *
 * The kill points depend on the machine's speed (the cache is polled for a number of entries); the
 * reports must not. To keep the gate's time modest the runs take four claims, one of each paper
 * (`ONLY`: a targeted search with its pilot, controls, design and random configurations) instead of
 * the whole smoke profile (≈ 1 min a run on 2 cores; six processes here). The Schmidt claim is
 * bernoulli-linear-vs-threshold (≈ 2 s of tasks at smoke), so the SIGINT lands well inside the task phase.
 * (This test once saw exit 0 after a SIGINT: verify removed and re-added its SIGINT listener at every
 * finished task, and removing a signal's last listener closes Node's watcher, dropping a signal caught but
 * not yet dispatched. verify now adds the listener once and removes it once.)
 */

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const ONLY = 'bubeck.one-step-flip,vardi.robust-network-exists,schmidt.bernoulli-linear-vs-threshold,engine.holm-fwer';
const BASE = ['--profile', 'smoke', '--only', ONLY, '--workers', '2'];

const work = mkdtempSync(join(tmpdir(), 'resume-kill-'));
// The runs use a copy of the sources: the cache keys hash them, so an edit in the working tree during the
// test (by another engineer, or an editor saving) would otherwise make a resumed run start afresh.
const ROOT = join(work, 'repo');
for (const p of ['src', 'scripts', 'fixtures', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(REPO, p), join(ROOT, p), { recursive: true });
symlinkSync(join(REPO, 'node_modules'), join(ROOT, 'node_modules'));
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, 'SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** `verify ARGS` in the copy, in its own process group (as a shell runs a job: Ctrl-C reaches the whole group), as `npm run verify` runs it. */
function start(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'verify', ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) =>
    child.on('close', (code, signal) => done({ code, signal, stderr })),
  );
  return { child, exit };
}

/** Entries of `kind`s in the cache directory. */
const entries = (dir: string, kinds: readonly string[]): number =>
  existsSync(dir) ? readdirSync(dir).filter((n) => kinds.some((k) => n.startsWith(`${k}-`)) && n.endsWith('.json')).length : 0;
const TASKS = ['main', 'control'];

/** Wait until the cache holds at least `k` entries of `kinds` (while the run is still going). */
async function waitForEntries(run: Run, dir: string, kinds: readonly string[], k: number): Promise<number> {
  let ended = false;
  void run.exit.then(() => (ended = true));
  for (;;) {
    const n = entries(dir, kinds);
    if (n >= k) return n;
    if (ended) throw new Error(`the run ended before its cache held ${k} ${kinds.join('/')} entries (it has ${n}): ${(await run.exit).stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** report.json exactly as written, with every timing field blanked. */
const withoutTimings = (file: string): string =>
  serializeReport(JSON.parse(readFileSync(file, 'utf8'), (k, v: unknown) => (k === 'durationMs' || k === 'startedAt' ? 0 : v)) as Report);

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  const i = la.findIndex((l, j) => l !== lb[j]);
  return i < 0 ? 'none' : `line ${i + 1}:\n  ${la[i]}\n  ${lb[i]}`;
}

describe('verify killed partway and resumed gives the uninterrupted report (smoke profile, four claims)', () => {
  let reference = '';

  test('the uninterrupted run, without a cache', async () => {
    const run = start([...BASE, '--out', join(work, 'reference'), '--no-cache']);
    const r = await run.exit;
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(work, 'reference', '.cache'))).toBe(false);
    reference = withoutTimings(join(work, 'reference', 'report.json'));
    expect(reference).toContain('"id": "bubeck.one-step-flip"');
  }, 300_000);

  test('SIGINT among the tasks: exit 130 naming the cache and the resume command, which finishes the run', async () => {
    expect(reference, 'the uninterrupted run comes first').not.toBe('');
    const out = join(work, 'sigint');
    const cache = join(work, 'sigint-cache');
    const run = start([...BASE, '--out', out, '--resume', cache]);
    // Right after the first task is cached: the whole rest of the task phase (≈ 2 s) is the window for the signal.
    await waitForEntries(run, cache, TASKS, 1);
    process.kill(-run.child.pid!, 'SIGINT');
    const r = await run.exit;
    expect(r.code, r.stderr).toBe(130);
    const m = /^verify: interrupted: (\d+) of (\d+) tasks are cached in (\S+); resume with: npm run verify -- (.+)$/m.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const [cachedAtStop, total] = [Number(m![1]), Number(m![2])];
    expect(m![3]).toBe(cache);
    expect(cachedAtStop).toBeGreaterThanOrEqual(1);
    expect(cachedAtStop).toBeLessThan(total);
    expect(entries(cache, TASKS)).toBe(cachedAtStop);
    expect(existsSync(join(out, 'report.json'))).toBe(false);

    const resumed = start(shellWords(m![4]));
    const s = await resumed.exit;
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toContain(`resume cache ${cache}: ${cachedAtStop} of ${total} tasks cached, ${total - cachedAtStop} to run`);
    const got = withoutTimings(join(out, 'report.json'));
    expect(got === reference, `reports differ at ${firstDifference(reference, got)}`).toBe(true);
  }, 300_000);

  test('SIGKILL during the pilot, then again among the tasks: no damaged entry, no temporary file, the same report', async () => {
    expect(reference, 'the uninterrupted run comes first').not.toBe('');
    const out = join(work, 'sigkill');
    const cache = join(work, 'sigkill-cache');
    const args = [...BASE, '--out', out, '--resume', cache];
    const first = start(args);
    await waitForEntries(first, cache, ['pilot'], 20);
    process.kill(-first.child.pid!, 'SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');

    const second = start(args);
    const before = entries(cache, TASKS);
    await waitForEntries(second, cache, TASKS, before + 10);
    process.kill(-second.child.pid!, 'SIGKILL');
    expect((await second.exit).signal).toBe('SIGKILL');
    const cachedAtKill = entries(cache, TASKS);

    const last = start(args);
    const r = await last.exit;
    expect(r.code, r.stderr).toBe(0);
    const m = /resume cache \S+: (\d+) of (\d+) tasks cached/.exec(r.stderr);
    expect(Number(m?.[1]), r.stderr).toBe(cachedAtKill);
    expect(r.stderr).not.toContain('unreadable entries');
    expect(readdirSync(cache).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const got = withoutTimings(join(out, 'report.json'));
    expect(got === reference, `reports differ at ${firstDifference(reference, got)}`).toBe(true);
  }, 300_000);
});

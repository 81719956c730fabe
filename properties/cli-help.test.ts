import { fc, it } from '@fast-check/vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { COMMANDS, main } from '../scripts/cli.js';
import { IMPLS, PAPER_INFO } from '../src/papers/index.js';

/**
 * The command line's help and exit codes, in-process through main(argv, io): the tool's --help
 * lists every command, each command's --help every flag with its type, allowed values and default
 * (from the same specs the parser uses), usage errors exit 2 naming the flag, the value and the
 * allowed range, and a cheap verify exits 0. Example tests use vitest's `test` (the one of
 * @fast-check/vitest reruns its body numRuns times); properties use `it.prop`.
 */

const root = mkdtempSync(join(tmpdir(), 'cli-help-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Help text with its line wrapping undone. */
const flat = (s: string): string => s.replace(/\s+/g, ' ');
const words = (name: string): string[] => name.split(' ');
const valueFlags = (c: (typeof COMMANDS)[number]) => Object.entries(c.flags).flatMap(([n, f]) => (f.kind === 'value' ? [[n, f] as const] : []));

describe('--help', () => {
  test('the tool: --help, -h and help list every command with its summary, the papers and the exit codes (stdout, exit 0)', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.err).toBe('');
      for (const c of COMMANDS) expect(r.out).toMatch(new RegExp(`^  ${c.name}\\s+${c.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
      expect(r.out).toMatch(/^ {2}help\s/m);
      for (const p of PAPER_INFO) expect(r.out).toContain(`${p.id}`);
      for (const code of [0, 1, 2, 3, 4]) expect(r.out).toMatch(new RegExp(`^ {2}${code} {2}\\S`, 'm'));
    }
    expect(COMMANDS.map((c) => c.name)).toEqual(['list', 'verify', 'replay', 'calibrate', 'report merge', 'compare', 'baseline']);
  });

  test('no arguments: the help on stderr, exit 2 (a command is required)', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    for (const c of COMMANDS) expect(r.err).toContain(`  ${c.name} `);
  });

  test('each command: --help, -h and help <command> give its usage line, every flag with type, allowed values and default, and an example', async () => {
    for (const c of COMMANDS) {
      const helps = await Promise.all([cli([...words(c.name), '--help']), cli([...words(c.name), '-h']), cli(['help', ...words(c.name)])]);
      for (const r of helps) {
        expect(r.code, c.name).toBe(0);
        expect(r.out).toBe(helps[0].out);
      }
      const text = helps[0].out;
      expect(text.startsWith(`usage: npx tsx scripts/cli.ts ${c.name}`), text).toBe(true);
      expect(flat(text)).toContain(flat(c.summary));
      expect(text).toMatch(/^examples?:\n {2}npx tsx scripts\/cli\.ts /m);
      for (const x of c.examples) expect(text).toContain(`npx tsx scripts/cli.ts ${x}`);
      // exactly the flags of the spec, plus -h/--help, in that order
      const listed = [...text.matchAll(/^ {2}(?:-h, )?--([a-z-]+)/gm)].map((m) => m[1]);
      expect(listed, c.name).toEqual([...Object.keys(c.flags), 'help']);
      for (const [name, f] of Object.entries(c.flags)) {
        expect(text).toMatch(new RegExp(`^ {2}--${name}${f.kind === 'value' ? ` ${f.placeholder.replace('/', '\\/')}` : ''}$`, 'm'));
        if (f.kind === 'value') expect(flat(text)).toContain(`type: ${f.type}; allowed: ${f.allowed}; default: ${f.defaultText}`);
        else expect(flat(text)).toContain(flat(`${f.summary} type: switch (takes no value); default: off`));
      }
      for (const p of c.positionals ?? []) expect(text).toContain(p.name);
    }
  });

  test('verify --help: the allowed values come from the registry (profiles, --impl names, paper ids)', async () => {
    const text = flat((await cli(['verify', '--help'])).out);
    expect(text).toContain('allowed: one of smoke | standard | paper; default: standard');
    expect(text).toContain(`allowed: one of ${IMPLS.join(' | ')}`);
    expect(text).toContain(`papers: ${PAPER_INFO.map((p) => p.id).join(', ')}`);
    expect(text).toContain('allowed: an integer in [0, 64]');
    expect(flat((await cli(['baseline', '--help'])).out)).toContain('default: reports/baseline');
  });

  test('report --help lists its subcommands; --help wins over other flags, even bad ones', async () => {
    const r = await cli(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('report merge');
    const h = await cli(['verify', '--profile', 'nope', '--bogus', '--help']);
    expect(h.code).toBe(0);
    expect(h.out.startsWith('usage: npx tsx scripts/cli.ts verify')).toBe(true);
  });

  test('one spawned smoke test: npx tsx scripts/cli.ts --help exits 0 with the command list', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/cli.ts', '--help'], { encoding: 'utf8' });
    for (const c of COMMANDS) expect(stdout).toContain(`  ${c.name} `);
  });
});

describe('usage errors: exit 2, the command first, the flag, the value and the allowed range, then the hint', () => {
  const identifier = fc.stringMatching(/^[a-z][a-z0-9-]{1,11}$/);

  it.prop([fc.constantFrom(...COMMANDS), identifier], { numRuns: 40 })('an unknown flag is named, with the known flags', async (c, name) => {
    fc.pre(!(name in c.flags) && name !== 'help');
    const r = await cli([...words(c.name), `--${name}`]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const [line, hint] = r.err.split('\n');
    expect(line.startsWith(`${c.name}: unknown flag --${name}`), line).toBe(true);
    for (const f of Object.keys(c.flags)) expect(line).toContain(`--${f}`);
    expect(hint).toBe(`run "${c.name} --help"`);
  });

  it.prop(
    [
      fc.constantFrom(...COMMANDS.filter((c) => valueFlags(c).length > 0)).chain((c) => fc.tuple(fc.constant(c), fc.constantFrom(...valueFlags(c)))),
      fc.constantFrom('x', '-3', '1.5e400', 'abc,,', '99/1', '?'),
    ],
    { numRuns: 60 },
  )('a bad value is named with the allowed range (every value flag that rejects it)', async ([c, [name, f]], v) => {
    let rejected: boolean;
    try {
      f.parse(v, name);
      rejected = false;
    } catch {
      rejected = true;
    }
    fc.pre(rejected);
    const r = await cli([...words(c.name), `--${name}=${v}`]);
    expect(r.code, r.err).toBe(2);
    const [line, hint] = r.err.split('\n');
    expect(line.startsWith(`${c.name}: --${name} `), line).toBe(true);
    if (!line.includes(`--${name}.`)) expect(line).toContain(`--${name} must be ${f.allowed}, got ${JSON.stringify(v)}`);
    expect(hint).toBe(`run "${c.name} --help"`);
  });

  test('the message of the brief', async () => {
    const r = await cli(['verify', '--profile', 'x']);
    expect(r).toEqual({ code: 2, out: '', err: 'verify: --profile must be one of smoke | standard | paper, got "x"\nrun "verify --help"' });
  });
});

describe('a cheap verify', () => {
  test('verify --only engine.holm-fwer --profile smoke --out <tmpdir> exits 0, reports progress on stderr and writes the report', async () => {
    const out = join(root, 'verify');
    const r = await cli(['verify', '--only', 'engine.holm-fwer', '--profile', 'smoke', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('verify: 1 claims, profile smoke');
    expect(r.err).toContain('✓ engine.holm-fwer: verified');
    expect(existsSync(join(out, 'report.json'))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { profile: string; claims: { id: string; status: string }[] };
    expect(report.claims.map((c) => [c.id, c.status])).toEqual([['engine.holm-fwer', 'verified']]);
    // its own report compares clean against itself: compare exits 0, the table on stdout
    const cmp = await cli(['compare', join(out, 'report.json'), join(out, 'report.json')]);
    expect(cmp.code, cmp.err).toBe(0);
    expect(cmp.out).toContain('no regression');
  });
});

#!/usr/bin/env node
/**
 * robustness-proofs command line: `npx tsx scripts/cli.ts <command> [flags]` (`npm run cli -- …`).
 * `--help` lists the commands, `<command> --help` its flags; both are generated from the flag
 * specs the parser uses (scripts/cli/args.ts). This file only dispatches: one file per command
 * in scripts/cli/.
 *
 * Exit codes (scripts/cli/exitCodes.ts): 0 ok; 1 a result failed (violated claim, passing control,
 * changed known failure, regression, violated replay); 2 usage error only (unknown command or
 * flag, bad flag value, missing argument; nothing was run); 3 inconclusive only; 4 the command
 * could not complete (unreadable or invalid input file, invalid registry, internal error).
 * No arguments: the help on stderr, exit 2.
 */
import { UsageError } from './cli/args.js';
import { baseline } from './cli/baseline.js';
import { calibrate } from './cli/calibrate.js';
import type { Command } from './cli/command.js';
import { compare } from './cli/compare.js';
import { EXIT } from './cli/exitCodes.js';
import { groupHelp, HELP_COMMAND, toolHelp, TOOL } from './cli/help.js';
import { consoleIo, type Io } from './cli/io.js';
import { list } from './cli/list.js';
import { replay } from './cli/replay.js';
import { reportMerge } from './cli/reportMerge.js';
import { suggest } from './cli/suggest.js';
import { verify } from './cli/verify.js';

export type { Io } from './cli/io.js';

/** Every command, in the order the help lists them ("report merge" is subcommand merge of report). */
export const COMMANDS: readonly Command[] = [list, verify, replay, calibrate, reportMerge, compare, baseline];

const isHelp = (w: string | undefined): boolean => w === '--help' || w === '-h';

/** A usage error outside any one command: `scope` starts the message, `helpOf` names the hint's target. */
class DispatchError extends UsageError {
  constructor(
    readonly scope: string,
    readonly helpOf: string,
    message: string,
  ) {
    super(message);
  }
}

const topLevelNames = (): string[] => [...new Set([...COMMANDS.map((c) => c.name.split(' ')[0]), HELP_COMMAND.name])];

/** The command `argv` names and its arguments, or the help to print. */
function resolve(argv: readonly string[]): { command: Command; args: readonly string[] } | { help: string } {
  const [first, ...rest] = argv;
  const exact = COMMANDS.find((c) => c.name === first);
  if (exact) return { command: exact, args: rest };
  const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `));
  if (group.length > 0) {
    const [sub, ...args] = rest;
    const subs = group.map((c) => c.name.slice(first.length + 1));
    if (isHelp(sub)) return { help: groupHelp(first, group) };
    if (sub === undefined) throw new DispatchError(first, first, `missing subcommand; known: ${subs.join(', ')}`);
    const command = group.find((c) => c.name === `${first} ${sub}`);
    if (!command) {
      const hint = suggest(sub, subs);
      throw new DispatchError(first, first, `unknown subcommand ${JSON.stringify(sub)}${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${subs.join(', ')}`);
    }
    return { command, args };
  }
  const names = topLevelNames();
  const commands = `commands: ${[...COMMANDS.map((c) => c.name), HELP_COMMAND.name].join(', ')}`;
  if (first.startsWith('-')) throw new DispatchError(TOOL, '', `a command must come first, got the flag ${JSON.stringify(first)}; ${commands}`);
  const hint = suggest(first, names);
  throw new DispatchError(TOOL, '', `unknown command ${JSON.stringify(first)}${hint ? ` (did you mean "${hint}"?)` : ''}; ${commands}`);
}

/**
 * Run the command line `argv` (the words after the program) and return its exit code; results go
 * to io.out, progress and errors to io.err. Never throws: a usage error prints the message
 * (starting with the command's name) and a hint and returns 2, any other error returns 4.
 */
export async function main(argv: readonly string[], io: Io = consoleIo): Promise<number> {
  if (argv.length === 0) {
    io.err(toolHelp(COMMANDS));
    return EXIT.usage;
  }
  const [first, ...rest] = argv;
  if (isHelp(first)) {
    io.out(toolHelp(COMMANDS));
    return EXIT.ok;
  }
  if (first === HELP_COMMAND.name) return rest.length === 0 ? main(['--help'], io) : main([...rest, '--help'], io);
  let name = TOOL;
  try {
    const target = resolve(argv);
    if ('help' in target) {
      io.out(target.help);
      return EXIT.ok;
    }
    name = target.command.name;
    return await target.command.execute(target.args, io);
  } catch (e) {
    if (e instanceof DispatchError) {
      io.err(`${e.scope}: ${e.message}`);
      io.err(`run "${e.helpOf ? `${e.helpOf} ` : ''}--help"`);
      return EXIT.usage;
    }
    if (e instanceof UsageError) {
      io.err(`${name}: ${e.message}`);
      io.err(`run "${name} --help"`);
      return EXIT.usage;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.err(`${name}: ${err.message}`);
    if (err instanceof TypeError || err instanceof ReferenceError) io.err(err.stack ?? '');
    return EXIT.error;
  }
}

const isMain = process.argv[1] !== undefined && /cli\.[tj]s$/.test(process.argv[1]);
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${TOOL}: ${(e as Error).message}\n`);
      process.exit(EXIT.error);
    },
  );
}

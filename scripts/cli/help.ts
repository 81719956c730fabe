import fs from 'node:fs';
import { PAPER_INFO } from '../../src/papers/index.js';
import { wrap } from './args.js';
import type { Command } from './command.js';
import { EXIT_CODE_LINES } from './exitCodes.js';

const PROG = 'npx tsx scripts/cli.ts';
/** The name usage errors outside any command start with. */
export const TOOL = 'robustness-proofs';

function version(): string {
  try {
    return (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version?: string }).version ?? '';
  } catch {
    return '';
  }
}

/** One line per command (name and summary), as the tool's help lists them. */
function commandLines(commands: readonly { name: string; summary: string }[]): string[] {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
}

export const HELP_COMMAND = { name: 'help', summary: "Show this help, or a command's (help <command> is <command> --help)." };

/** `--help` of the tool: every command with its one-line summary, the papers, the exit codes. */
export function toolHelp(commands: readonly Command[]): string {
  return [
    `${TOOL} ${version()}: executable, statistical checks of theorems on adversarial robustness`.trim(),
    '',
    `usage: ${PROG} <command> [flags]        (or: npm run cli -- <command> [flags])`,
    '',
    'commands:',
    ...commandLines([...commands, HELP_COMMAND]),
    '',
    'papers (claim-id prefixes for --only):',
    ...commandLines(PAPER_INFO.map((p) => ({ name: p.id, summary: p.title }))),
    '',
    'exit codes:',
    ...EXIT_CODE_LINES.map((l) => wrap(l.slice(3), 5, `  ${l.slice(0, 3)}`)),
    '',
    wrap(
      `Run "<command> --help" (or -h) for its usage, every flag with its type, allowed values and default, and an example. Without arguments this help goes to stderr and the exit code is 2 (a command is required).`,
      0,
    ),
  ].join('\n');
}

/** `report --help`: the subcommands of a command group. */
export function groupHelp(group: string, subcommands: readonly Command[]): string {
  return [
    `usage: ${PROG} ${group} <subcommand> [flags]`,
    '',
    'subcommands:',
    ...commandLines(subcommands),
    '',
    `Run "${group} <subcommand> --help" for its flags.`,
  ].join('\n');
}

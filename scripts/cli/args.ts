/**
 * Flag and positional specs, their parsing (node:util parseArgs, strict) and the help text made
 * from the same specs, so the help a command prints and what its parser accepts cannot drift.
 *
 * A command's argv is parsed in three steps: a lenient pass (tokens only) that finds --help/-h
 * anywhere before `--`; the strict parseArgs pass, whose errors are turned into a UsageError naming
 * the offending flag or argument; then every flag's own `parse` (value → typed value or UsageError
 * naming the flag, the value and the allowed range) and the positional checks.
 */
import { parseArgs } from 'node:util';
import { suggest } from './suggest.js';

/** Bad usage of a command (exit code 2). The message is the body: the caller prefixes the command's name. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A flag that takes a value (`--name value` or `--name=value`). */
export interface ValueFlag<T> {
  readonly kind: 'value';
  /** Placeholder in usage lines and help: N, NAME, LIST, DIR, FILE, i/N, P, JSON, ID, TAG. */
  readonly placeholder: string;
  /** Type of the value as shown in help: integer, number, string, list, path, JSON. */
  readonly type: string;
  readonly summary: string;
  /** What is allowed, phrased to follow "must be": "one of a | b", "an integer in [0, 64]". */
  readonly allowed: string;
  /** The default as shown in help ("none" when unset and not required). */
  readonly defaultText: string;
  readonly required: boolean;
  /** The typed value: `raw` is undefined when the flag is absent. Throws UsageError. */
  parse(raw: string | undefined, flag: string): T;
}

/** A boolean switch (`--name`, no value). */
export interface SwitchFlag {
  readonly kind: 'switch';
  readonly summary: string;
}

export type FlagSpec = ValueFlag<unknown> | SwitchFlag;
export type FlagSpecs = Readonly<Record<string, FlagSpec>>;
export type FlagValues<S extends FlagSpecs> = { [K in keyof S]: S[K] extends ValueFlag<infer T> ? T : boolean };

export interface PositionalSpec {
  /** Shown in usage: REPORT.json, DIR. */
  readonly name: string;
  readonly summary: string;
  /** One or more (only the last positional). */
  readonly variadic?: boolean;
  /** An error body when the value is not acceptable (e.g. the file does not exist). */
  check?(raw: string): string | undefined;
}

/** What parsing and help need to know about a command. */
export interface CommandShape<S extends FlagSpecs = FlagSpecs> {
  /** "verify", or "report merge" for a subcommand. */
  readonly name: string;
  readonly summary: string;
  /** Paragraphs after the usage line. */
  readonly description?: string;
  readonly flags: S;
  readonly positionals?: readonly PositionalSpec[];
  /** Argument lists after the program, e.g. "verify --only bubeck --profile smoke". */
  readonly examples: readonly string[];
}

/** The value of an invalid flag, with an optional detail (why, or the known values). */
export class BadValue extends Error {
  constructor(readonly detail?: string) {
    super(detail ?? 'bad value');
  }
}

interface ValueFlagOptions<T> {
  placeholder: string;
  type: string;
  summary: string;
  allowed: string;
  /** Text of the default in help when it is not String(default). */
  defaultText?: string;
  /** raw → value; throw BadValue when it is not allowed. */
  convert(raw: string): T;
}

/** A flag with a value; absent → its default, or an error when required, or undefined. */
export function valueFlag<T>(o: ValueFlagOptions<T> & { default: T }): ValueFlag<T>;
export function valueFlag<T>(o: ValueFlagOptions<T> & { required: true }): ValueFlag<T>;
export function valueFlag<T>(o: ValueFlagOptions<T>): ValueFlag<T | undefined>;
export function valueFlag<T>(o: ValueFlagOptions<T> & { default?: T; required?: boolean }): ValueFlag<T | undefined> {
  const required = o.required === true;
  const hasDefault = 'default' in o && o.default !== undefined;
  return {
    kind: 'value',
    placeholder: o.placeholder,
    type: o.type,
    summary: o.summary,
    allowed: o.allowed,
    required,
    defaultText: o.defaultText ?? (hasDefault ? String(o.default) : required ? 'none (required)' : 'none'),
    parse(raw, flag) {
      if (raw === undefined) {
        if (required) throw new UsageError(`--${flag} is required: ${o.allowed}`);
        return hasDefault ? o.default : undefined;
      }
      try {
        return o.convert(raw);
      } catch (e) {
        if (!(e instanceof BadValue)) throw e;
        throw new UsageError(`--${flag} must be ${o.allowed}, got ${JSON.stringify(raw)}${e.detail ? `: ${e.detail}` : ''}`);
      }
    },
  };
}

export function switchFlag(summary: string): SwitchFlag {
  return { kind: 'switch', summary };
}

/** The flag every command has (handled before anything else is parsed). */
const HELP_FLAG: SwitchFlag = switchFlag('show this help and exit');

export type Parsed<S extends FlagSpecs> = { help: true } | { help: false; flags: FlagValues<S>; positionals: string[] };

/** parseArgs' tokens (node:util), as the lenient pass returns them. */
type Token =
  | { kind: 'option'; name: string; rawName: string; index: number; value?: string; inlineValue?: boolean }
  | { kind: 'positional'; index: number; value: string }
  | { kind: 'option-terminator'; index: number };

/** Parse one command's argv (the words after the command name). Throws UsageError. */
export function parseCommandLine<S extends FlagSpecs>(cmd: CommandShape<S>, argv: readonly string[]): Parsed<S> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, f] of Object.entries(cmd.flags)) options[name] = { type: f.kind === 'switch' ? 'boolean' : 'string' };
  const args = [...argv];
  const tokens = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true }).tokens as Token[];
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { help: true };

  const positionalSpecs = cmd.positionals ?? [];
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: positionalSpecs.length > 0 }) as typeof parsed;
  } catch (e) {
    throw new UsageError(diagnose(cmd, e, tokens, options));
  }

  // The flags given first (a bad value is reported even when a required flag is missing too), then the absent ones.
  const flags: Record<string, unknown> = {};
  const entries = Object.entries(cmd.flags);
  for (const [name, f] of [...entries.filter(([n]) => parsed.values[n] !== undefined), ...entries.filter(([n]) => parsed.values[n] === undefined)]) {
    const raw = parsed.values[name];
    flags[name] = f.kind === 'switch' ? raw === true : f.parse(raw as string | undefined, name);
  }
  checkPositionals(cmd, parsed.positionals);
  return { help: false, flags: flags as FlagValues<S>, positionals: parsed.positionals };
}

function checkPositionals(cmd: CommandShape, given: readonly string[]): void {
  const specs = cmd.positionals ?? [];
  const variadic = specs.length > 0 && specs[specs.length - 1].variadic === true;
  if (given.length < specs.length) throw new UsageError(`missing ${specs[given.length].name} (${specs[given.length].summary}); usage: ${usageLine(cmd)}`);
  if (!variadic && given.length > specs.length) throw new UsageError(`unexpected argument ${JSON.stringify(given[specs.length])}; usage: ${usageLine(cmd)}`);
  given.forEach((raw, i) => {
    const spec = specs[Math.min(i, specs.length - 1)];
    const why = spec.check?.(raw);
    if (why) throw new UsageError(`${spec.name} ${JSON.stringify(raw)} ${why}`);
  });
}

/** Turn a strict parseArgs error into a message naming the flag or argument (found in the lenient tokens). */
function diagnose(cmd: CommandShape, e: unknown, tokens: readonly Token[], options: Record<string, { type: 'string' | 'boolean' }>): string {
  const code = (e as { code?: string }).code;
  const known = Object.keys(cmd.flags);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const t = tokens.find((k) => k.kind === 'option' && !(k.name in options));
    const raw = t?.kind === 'option' ? t.rawName : '?';
    const name = raw.replace(/^-+/, '');
    const hint = suggest(name, known);
    const list = known.length > 0 ? `flags: ${known.map((n) => `--${n}`).join(', ')}, --help` : `${cmd.name} takes no flags other than --help`;
    return `unknown flag ${raw}${hint ? ` (did you mean --${hint}?)` : ''}; ${list}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    for (const t of tokens) {
      if (t.kind !== 'option') continue;
      const spec = cmd.flags[t.name];
      if (!spec) continue;
      if (spec.kind === 'switch' && t.value !== undefined) return `--${t.name} is a switch and takes no value, got ${JSON.stringify(t.value)}`;
      if (spec.kind === 'value' && t.value === undefined) return `--${t.name} must be ${spec.allowed}, got no value`;
      if (spec.kind === 'value' && !t.inlineValue && t.value !== undefined && t.value.length > 1 && t.value.startsWith('-')) {
        return `--${t.name} must be ${spec.allowed}, got ${JSON.stringify(t.value)}, which reads as a flag (write --${t.name}=${t.value} to pass a value starting with "-")`;
      }
    }
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const t = tokens.find((k) => k.kind === 'positional');
    const v = t?.kind === 'positional' ? t.value : '?';
    return `unexpected argument ${JSON.stringify(v)} (${cmd.name} takes no positional arguments; flags are written --name value or --name=value)`;
  }
  throw e;
}

// ---------------------------------------------------------------------------------------------
// Help text, generated from the specs

const WIDTH = 100;

/** Word-wrap `text` to WIDTH columns, indented by `indent` spaces (the first line starts with `first` instead, when given). */
export function wrap(text: string, indent: number, first = ' '.repeat(indent)): string {
  const lines: string[] = [];
  let line = '';
  let prefix = first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && prefix.length + line.length + 1 + word.length > WIDTH) {
      lines.push(prefix + line);
      prefix = ' '.repeat(indent);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || lines.length === 0) lines.push(prefix + line);
  return lines.join('\n');
}

/** `npx tsx scripts/cli.ts verify [flags]`, with required flags and positionals spelled out. */
function usageLine(cmd: CommandShape, prog = 'npx tsx scripts/cli.ts'): string {
  const required = Object.entries(cmd.flags).flatMap(([n, f]) => (f.kind === 'value' && f.required ? [`--${n} ${f.placeholder}`] : []));
  const hasOptional = Object.values(cmd.flags).some((f) => f.kind === 'switch' || !f.required);
  const positionals = (cmd.positionals ?? []).map((p) => (p.variadic ? `${p.name}…` : p.name));
  return [prog, cmd.name, ...required, ...(hasOptional ? ['[flags]'] : []), ...positionals].join(' ');
}

/** One flag's help entry: name and placeholder, summary, then type, allowed values and default. */
function flagHelp(name: string, f: FlagSpec): string {
  const head = f.kind === 'value' ? `  --${name} ${f.placeholder}` : name === 'help' ? '  -h, --help' : `  --${name}`;
  const facts = f.kind === 'value' ? `type: ${f.type}; allowed: ${f.allowed}; default: ${f.defaultText}` : 'type: switch (takes no value); default: off';
  return `${head}\n${wrap(f.summary, 6)}\n${wrap(facts, 6)}`;
}

/** `<cmd> --help`: usage line, description, positionals, every flag (type, allowed, default), examples. */
export function commandHelp(cmd: CommandShape, prog = 'npx tsx scripts/cli.ts'): string {
  const parts = [`usage: ${usageLine(cmd, prog)}`, '', wrap(cmd.summary, 0)];
  if (cmd.description) for (const p of cmd.description.split(/\n\s*\n/)) parts.push('', wrap(p, 0));
  if (cmd.positionals?.length) {
    parts.push('', 'arguments:');
    for (const p of cmd.positionals) parts.push(`  ${p.variadic ? `${p.name}…` : p.name}`, wrap(p.summary, 6));
  }
  parts.push('', 'flags:');
  for (const [name, f] of Object.entries(cmd.flags)) parts.push(flagHelp(name, f));
  parts.push(flagHelp('help', HELP_FLAG));
  parts.push('', cmd.examples.length > 1 ? 'examples:' : 'example:', ...cmd.examples.map((x) => `  ${prog} ${x}`));
  return parts.join('\n');
}

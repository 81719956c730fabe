import { commandHelp, parseCommandLine, type CommandShape, type FlagSpecs, type FlagValues } from './args.js';
import { EXIT } from './exitCodes.js';
import type { Io } from './io.js';

/** A command as the dispatcher sees it: its specs (for the help) and one entry point. */
export interface Command extends CommandShape {
  /** Parse `argv` (the words after the command's name) and run; usage errors throw UsageError. */
  execute(argv: readonly string[], io: Io): Promise<number>;
}

export interface CommandDefinition<S extends FlagSpecs> extends CommandShape<S> {
  run(args: { flags: FlagValues<S>; positionals: string[] }, io: Io): number | Promise<number>;
}

/** A command whose flags are typed by its specs; `--help`/`-h` prints the help made from them. */
export function defineCommand<S extends FlagSpecs>(def: CommandDefinition<S>): Command {
  return {
    ...def,
    async execute(argv, io) {
      const parsed = parseCommandLine(def, argv);
      if (parsed.help) {
        io.out(commandHelp(def));
        return EXIT.ok;
      }
      return def.run({ flags: parsed.flags, positionals: parsed.positionals }, io);
    },
  };
}

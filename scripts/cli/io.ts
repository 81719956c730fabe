/** Where a command writes: results on stdout, progress and errors on stderr (one line per call). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** The process's stdout (through console.log) and stderr. */
export const consoleIo: Io = {
  out: (line) => console.log(line),
  err: (line) => void process.stderr.write(`${line}\n`),
};

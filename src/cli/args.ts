import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Io } from './io.js';

/** Bad usage: the CLI prints the message and the usage text, and exits 2. */
export class UsageError extends Error {}

export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  // -h is --help for every command that has --help.
  const help = options['help'];
  const withShort = help !== undefined && help.short === undefined ? { ...options, help: { ...help, short: 'h' } } : options;
  try {
    return parseArgs({ args: argv, options: withShort as T, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** What a command's option parser gives: its options, or a request for the usage text. */
export type Parsed<T> = T | 'help';

/**
 * Run a command's option parser the same way for every command: --help (or -h) prints the usage (exit 0);
 * bad usage prints the reason and the usage on stderr (exit 2).
 */
export function readOptions<T>(
  command: string,
  usage: string,
  io: Pick<Io, 'stdout' | 'stderr'>,
  parse: () => Parsed<T>,
): { options: T } | { exit: number } {
  try {
    const parsed = parse();
    if (parsed === 'help') {
      io.stdout.write(usage);
      return { exit: 0 };
    }
    return { options: parsed };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${command}: ${error.message}\n\n${usage}`);
    return { exit: 2 };
  }
}

import { dirname, isAbsolute, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Io } from './io.js';

/** A path as typed on the command line into the path the command uses (typedPaths). */
export type TypedPath = (path: string) => string;

/**
 * How a command reads the paths typed on its command line. npm runs a script in the package's root
 * whatever folder it was typed in, and says which in INIT_CWD: `cd data && npm run lint-list -- --data .`
 * means data/, not the root. So a typed relative path counts from INIT_CWD when npm started the command
 * in its package's root (npm_package_json's folder is the working directory); otherwise, and for the
 * defaults (which name the repository's own folders), from the working directory as before.
 */
export function typedPaths(io: Pick<Io, 'cwd' | 'env'>): TypedPath {
  const { INIT_CWD: from, npm_package_json: packageJson } = io.env;
  if (!from || !packageJson || !isAbsolute(from) || resolve(dirname(packageJson)) !== resolve(io.cwd) || resolve(from) === resolve(io.cwd)) return (path) => path;
  return (path) => resolve(from, path);
}

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
    throw new UsageError(usageMistake(error, withShort));
  }
}

/**
 * What parseArgs refused, in our words: its own ("Unknown option '--bogus'", "Option '--data <value>'
 * argument missing") name its API. It names the option or argument in quotes; that is all of it used.
 */
function usageMistake(error: unknown, options: NonNullable<ParseArgsConfig['options']>): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const quoted = typeof message === 'string' ? /'([^']*)'/.exec(message)?.[1] : undefined;
  // "-h, --help" and "--data <value>" name one option: its long name.
  const named = quoted?.split(/[ ,]+/).find((part) => part.startsWith('--')) ?? quoted?.split(/[ ,]+/).find((part) => part.startsWith('-'));
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && named !== undefined) return `there is no option ${named}; the options are listed below`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && named !== undefined) {
    const long = named.replace(/^--?/, '');
    const option = named.startsWith('--') ? options[long] : Object.values(options).find((o) => o.short === long);
    return option?.type === 'string'
      ? `${named} needs a value, as in ${named} <value> (a value that starts with "-" is written ${named}=<value>)`
      : `${named} takes no value`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted !== undefined) return `unexpected argument "${quoted}": this command takes options only`;
  return 'the command line could not be read; the options are listed below';
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

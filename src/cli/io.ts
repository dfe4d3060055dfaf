import { isMainThread } from 'node:worker_threads';
import { realpathSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFilesAtomicStoppable, WriteStoppedError } from '../fs/write.js';
import { FileError, whyFileFailed } from '../fs/errors.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export function processIo(): Io {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}

export type Command = (argv: string[], io: Io) => Promise<number>;

/** Whether a command runs as the process (runAsProcess), not called in-process by a test or another command. */
let asProcess = false;

/** Run a command as the process: the only place that sets process.exitCode. */
export function runAsProcess(command: Command): void {
  asProcess = true;
  command(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 70;
    },
  );
}

/**
 * One sentence for a file operation that failed: `<verb> <path>: <why>` ("cannot read nope.bib: no
 * such file or folder"), in the project's words whatever the system said, naming the file the user
 * asked for (a FileError's own, shown from the working directory, else `path` as given), never a
 * temporary one. Undefined when `error` is not the file system's: the caller's own error, or a bug.
 */
export function fileFailure(verb: string, error: unknown, path: string, cwd: string): string | undefined {
  const why = whyFileFailed(error);
  if (why === undefined) return undefined;
  return `${verb} ${shownPath(error instanceof FileError ? error.path : path, cwd)}: ${why}`;
}

/** A path as the user would write it: from the working directory when it is under it, else whole (a relative one as given). */
function shownPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const fromCwd = relative(cwd, path);
  // Outside it: ".." or "../…" (a folder named "..data" is inside).
  return fromCwd === '' || fromCwd === '..' || fromCwd.startsWith(`..${sep}`) || isAbsolute(fromCwd) ? path : fromCwd.split(sep).join('/');
}

/** The exit code of a command stopped by a signal, as a shell gives it (128 + the signal's number). */
export const STOP_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof STOP_EXIT_CODES;

/**
 * Run `work` with an AbortSignal that a SIGINT (Ctrl-C) or SIGTERM to the process aborts, its reason
 * the signal's name: work that stages files stops and removes them instead of dying with them on disk.
 * Only while `work` runs, and only the first signal: a second one ends the process as it would have.
 * A command called in-process (tests) leaves the process's signals alone: they are its runner's.
 */
export async function whileStoppable<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  if (!asProcess) return work(controller.signal);
  const handlers = (Object.keys(STOP_EXIT_CODES) as StopSignal[]).map((name) => {
    const handler = () => {
      for (const [other, h] of handlers) process.off(other, h);
      controller.abort(name);
    };
    return [name, handler] as const;
  });
  for (const [name, handler] of handlers) process.on(name, handler);
  try {
    return await work(controller.signal);
  } finally {
    for (const [name, handler] of handlers) process.off(name, handler);
  }
}

/**
 * The one line a command stopped by a signal ends with (`<command>: stopped by SIGINT; <what>.`, `what`
 * saying what was or was not written), and the shell's exit code for that signal.
 */
export function reportStop(command: string, reason: unknown, what: string, io: Io): number {
  const name = reason as StopSignal;
  io.stderr.write(`${command}: stopped by ${name}; ${what}.\n`);
  return STOP_EXIT_CODES[name];
}

/** The signal's name when `error` is a write that a signal stopped (WriteStoppedError), else undefined. */
export function stopReason(error: unknown): StopSignal | undefined {
  return error instanceof WriteStoppedError ? (error.reason as StopSignal) : undefined;
}

/**
 * A command's few files written all or none, a first SIGINT or SIGTERM stopping the write instead of
 * the process (whileStoppable around writeFilesAtomicStoppable). 0 when written; stopped, it says so
 * in one line (`<command>: stopped by SIGINT; nothing written.`) and gives 130 or 143. Other errors are thrown.
 */
export async function writeFilesStoppably(command: string, io: Io, files: ReadonlyMap<string, string>): Promise<number> {
  return whileStoppable(async (signal) => {
    try {
      await writeFilesAtomicStoppable(files, { signal, onLook: pauseForTests(command, io, signal) });
      return 0;
    } catch (error) {
      const stop = stopReason(error);
      if (stop) return reportStop(command, stop, 'nothing written', io);
      throw error;
    }
  });
}

/**
 * For tests of an interrupted write, without timing: LINT_LIST_TEST_PAUSE_WRITE=<n> stops a stoppable
 * write at its first look with n files or more staged, says so on stderr and waits (a minute at most)
 * for a signal. Undefined (no pause) without it.
 */
export function pauseForTests(command: string, io: Io, signal: AbortSignal): ((staged: number) => Promise<void>) | undefined {
  const after = Number(io.env.LINT_LIST_TEST_PAUSE_WRITE);
  if (!(after > 0)) return undefined;
  let paused = false;
  return async (staged) => {
    if (paused || staged < after) return;
    paused = true;
    io.stderr.write(`${command}: paused with ${staged} files staged (LINT_LIST_TEST_PAUSE_WRITE).\n`);
    await new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(resolve, 60_000);
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  };
}

/**
 * Whether the module at `moduleUrl` (its import.meta.url) is the program node runs, as the command `name`.
 * Tests and other commands import src/cli/<name>.ts in-process: only the program runs its command.
 * The name is needed because a bundle inlines every module it imports, so in the add-paper bundle
 * build-readme's import.meta.url is add-paper.js too; the launcher's bundle and dist/ both name the
 * entry file <name>.js, and the launcher sets process.argv[1] to that file.
 */
export function isMainModule(moduleUrl: string, name: string): boolean {
  // A worker thread shares the process's argv: a command never runs in one, whatever file it loads.
  if (!isMainThread) return false;
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    const self = fileURLToPath(moduleUrl);
    return basename(self).replace(/\.[cm]?[jt]s$/, '') === name && realpathSync(resolve(entry)) === realpathSync(self);
  } catch {
    return false;
  }
}

import { DataDirError } from '../data/read.js';
import { SourceChangedError } from '../data/source.js';
import type { LoadForLintOptions } from '../lint/load-for-lint.js';
import { TemplatesDirError } from '../render/read-templates.js';
import type { Io } from './io.js';

/**
 * What a publisher (build-readme, build-site) says, on one line with exit 2, when loading the list
 * stops: a data or templates folder it cannot read, or a data file that changed while it ran.
 * undefined for anything else, which is an internal error.
 */
export function loadStopped(error: unknown): string | undefined {
  return error instanceof DataDirError || error instanceof TemplatesDirError || error instanceof SourceChangedError ? error.message : undefined;
}

/**
 * How a command loads the list, for tests and measurements, which compare the two ways on small lists:
 * LINT_LIST_WORKER_MIN_FILES, from how many paper files on a second thread loads part of it and
 * another checks the templates ("off": never; default src/data/parallel.ts's PARALLEL_MIN_FILES), and
 * when it is a number the load waits for that thread to start (a small list would load before it is
 * up); LINT_LIST_WORKER_STATS set, a line on stderr saying how many batches each thread loaded.
 * lint-list, build-readme and build-site read them alike.
 */
export function loadOptionsOf(command: string, io: Pick<Io, 'env' | 'stderr'>): LoadForLintOptions {
  const batches = (n: number) => `${n} batch${n === 1 ? '' : 'es'}`;
  const value = io.env.LINT_LIST_WORKER_MIN_FILES;
  const parallelMin = value === 'off' ? false : value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
  const stats = io.env.LINT_LIST_WORKER_STATS
    ? (s: { worker: number; main: number }) => io.stderr.write(`${command}: loaded on two threads: ${batches(s.worker)} by the worker, ${batches(s.main)} by the main thread\n`)
    : undefined;
  return { parallelMin, awaitStartMs: typeof parallelMin === 'number' ? 10_000 : undefined, stats };
}

/** The template worker's threshold for templateFindingsAhead from the load's: "off" is never. */
export function templateWorkerMin(parallelMin: LoadForLintOptions['parallelMin']): number | undefined {
  return parallelMin === false ? Number.POSITIVE_INFINITY : parallelMin;
}

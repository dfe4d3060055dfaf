import { isMainThread, workerData } from 'node:worker_threads';
import type { Problem } from '../core/problem.js';
import { LOAD_WORKER_TOOL, serveLoad, type LoadWorkerData, type ParsedFile } from '../data/parallel.js';
import { parseDataFile } from '../data/parse.js';
import { isRawEntry } from '../data/raw-entry.js';
import type { PaperFile } from '../data/schema.js';
import type { SourceFile } from '../data/source.js';
import { decodeUtf8 } from '../text/utf8.js';
import { paperFields } from './fields.js';
import { entryKeys } from './normalize.js';
import { TEXT_RULES } from './rules/index.js';
import { runTextPipeline } from './text-pipeline.js';

/*
 * The load worker (data/parallel.ts): this module, started as a worker thread for a large list, parses
 * and validates paper files as the main thread does (the same parseDataFile) and, while each is at
 * hand, works out what lintData would find of it alone: whether the text rules find anything in its
 * fields, and the keys entries are compared by (normalize.ts). So the load and most per-entry work are
 * spread over two cores. The worker hands over only files without a problem: any other is the main
 * thread's, which reports it exactly as without a worker.
 *
 * The main thread does none of that while it loads: measured, the text rules cost it half again as
 * much among the freshly parsed values as they do in lintData, once the values are old (garbage
 * collection), and keys kept from the load on cost it memory.
 */

/** This module's own file: what ParallelLoad starts (in the launcher's bundle, the chunk that holds it). */
export const LOAD_WORKER_URL = import.meta.url;

/**
 * What lintData would find of a clean paper alone: `text: []` when no text rule finds anything in its
 * fields (a file with findings, or with exceptions that change them, is left to lintData).
 */
function textFindings(source: SourceFile, entry: PaperFile): Problem[] | undefined {
  if (entry.exceptions !== undefined) return undefined;
  for (const field of paperFields(source, entry)) {
    if (runTextPipeline(field.value, field.kind, TEXT_RULES).found.length > 0) return undefined;
  }
  return [];
}

/**
 * The worker's handler: a paper file's bytes into its value, its text verdict and its comparison keys
 * (handed over as plain strings), when they have no problem; undefined leaves the file to the main thread.
 */
export function loadInWorker(absPath: string, file: string, bytes: Uint8Array): ParsedFile | undefined {
  const decoded = decodeUtf8(bytes);
  if (!('text' in decoded)) return undefined;
  const read = parseDataFile('paper', absPath, file, decoded.text);
  if (read.problems.length > 0 || read.value === undefined || read.source === undefined) return undefined;
  // No detach: the structured clone that hands it over copies every string.
  const entry = read.value as PaperFile;
  const parsed: ParsedFile = { value: entry, text: textFindings(read.source, entry) };
  if (!isRawEntry(entry)) parsed.derived = entryKeys(entry);
  return parsed;
}

if (!isMainThread && (workerData as { tool?: unknown } | null)?.tool === LOAD_WORKER_TOOL) {
  serveLoad(workerData as LoadWorkerData, loadInWorker);
}

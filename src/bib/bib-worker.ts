import { createHash } from 'node:crypto';
import { closeSync, openSync, rmSync } from 'node:fs';
import { isMainThread, MessageChannel, parentPort, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import type { LoadedPaper } from '../data/read.js';
import type { PaperFile } from '../data/schema.js';
import { writeTextPieces, type StagedFile } from '../fs/write.js';
import { bibPieces, eachBibTextOf } from './bibtex.js';

/*
 * papers.bib on a second thread. At 100,000 papers, making the keys and entries and writing the 32 MB
 * took the main thread about a second, after everything else; handed the papers' values (plain data,
 * a structured clone costs a fraction of that), a worker writes the file while the main thread renders
 * the READMEs. The bytes are the same: the worker runs the same bibPieces and eachBibText code on
 * the same values in the same order. A worker that fails or cannot start leaves the file to the main
 * thread, which writes it as without one.
 *
 * This module is imported lazily (its URL is the worker's module): the worker loads only the BibTeX code.
 */

const TOOL = 'lint-list-bib';

/** This module's own file: what bibOnWorker starts. */
export const BIB_WORKER_URL = import.meta.url;

/** Papers' values per message: the worker starts on the first while the rest are copied. */
const CHUNK = 2000;
/** How long the worker waits for the next message before it gives up (the main thread posts them all at once). */
const STALL_MS = 10_000;

interface WorkerInput {
  tool: typeof TOOL;
  temp: string;
  port: MessagePort;
  /** [0]: messages posted on `port`. */
  signal: Int32Array;
}

type Answer = StagedFile | { failed: true };

/** papers.bib being written on a worker thread into a temporary file. */
export interface BibOnWorker {
  /** The temporary file, written in full: its size and sha256 (base64); undefined when the worker failed (nothing is left at temp). */
  readonly written: Promise<StagedFile | undefined>;
  readonly temp: string;
  /** Stop the worker if it still runs and remove the temporary file (when it was not taken). */
  discard(): Promise<void>;
}

/**
 * Start writing papers.bib of `papers` (in list order, as eachBibText takes them) to `temp` on a
 * worker thread; undefined when no worker could be started. The papers' values are copied to it
 * before this returns.
 */
export function bibOnWorker(papers: readonly LoadedPaper[], temp: string): BibOnWorker | undefined {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    const input: WorkerInput = { tool: TOOL, temp, port: port2, signal };
    // It keeps only the keys given so far: a small young generation keeps its memory small.
    worker = new Worker(new URL(BIB_WORKER_URL), { workerData: input, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 4 } });
  } catch {
    port1.close();
    return undefined;
  }
  let settled = false;
  const written = new Promise<StagedFile | undefined>((resolve) => {
    const end = (answer: StagedFile | undefined) => {
      settled = true;
      port1.close();
      resolve(answer);
    };
    worker.once('message', (answer: Answer) => end('failed' in answer ? undefined : answer));
    worker.once('error', () => end(undefined));
    worker.once('exit', () => end(undefined));
  });
  const post = (message: PaperFile[] | null) => {
    port1.postMessage(message);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  try {
    for (let start = 0; start < papers.length; start += CHUNK) {
      const chunk: PaperFile[] = [];
      for (let i = start; i < Math.min(papers.length, start + CHUNK); i++) chunk.push(papers[i]!.entry);
      post(chunk);
    }
    post(null);
  } catch {
    // A value that cannot be copied: the main thread writes the file.
    void worker.terminate();
  }
  return {
    written,
    temp,
    async discard() {
      if (!settled) await worker.terminate();
      rmSync(temp, { force: true });
    },
  };
}

/** The papers' values as the main thread posts them, waiting for each message; ends at the null after the last. */
function* received(port: MessagePort, signal: Int32Array): Generator<PaperFile> {
  for (;;) {
    const seen = Atomics.load(signal, 0);
    const message = receiveMessageOnPort(port);
    if (message === undefined) {
      if (Atomics.wait(signal, 0, seen, STALL_MS) === 'timed-out') throw new Error('the main thread stopped sending papers');
      continue;
    }
    const chunk = message.message as PaperFile[] | null;
    if (chunk === null) return;
    yield* chunk;
  }
}

function serve(input: WorkerInput): Answer {
  let fd: number | undefined;
  try {
    // 'wx': the name is this run's own (StagedFiles.tempFor); never write through something already there.
    fd = openSync(input.temp, 'wx');
    const hash = createHash('sha256');
    const bytes = writeTextPieces(fd, bibPieces(eachBibTextOf(received(input.port, input.signal))), hash);
    closeSync(fd);
    fd = undefined;
    return { bytes, sha256: hash.digest('base64') };
  } catch {
    try {
      if (fd !== undefined) closeSync(fd);
      rmSync(input.temp, { force: true });
    } catch {
      // The main thread removes it (discard) if it is still there.
    }
    return { failed: true };
  }
}

if (!isMainThread && (workerData as { tool?: unknown } | null)?.tool === TOOL) {
  const input = workerData as WorkerInput;
  parentPort?.postMessage(serve(input));
  input.port.close();
}

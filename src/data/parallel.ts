import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { sep } from 'node:path';
import { receiveMessageOnPort, MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { contentHash } from './cache.js';

/*
 * Loading a large data/ on two threads. The paper files are cut into batches, each claimed once: the
 * main thread walks them from the first and loads each batch itself unless a worker thread claimed it
 * first; the worker claims them from the last backwards, so the two meet wherever their speeds put
 * the split, and the main thread waits at most for the batch the worker is on. The worker hands over, per file, its bytes, their
 * hash and, for a file that parsed and validated without a problem, its value (plain data: a
 * structured clone costs a fraction of js-yaml and zod). Anything else (a file the worker did not
 * read, any problem in it, a batch it failed on, a worker that never started or went silent) the main
 * thread loads itself exactly as it does without a worker, so every finding and every error is the
 * same with or without one. The worker opens files as read.ts does: never through a link, never
 * waiting on a pipe, nothing over the size cap.
 *
 * The worker's module is given by URL (lint/load-worker.ts: it also runs the text rules), so data/
 * needs no parser of its own here.
 */

/** Below this many paper files a second thread costs more than it saves (starting one, and loading the parsers in it). */
export const PARALLEL_MIN_FILES = 2000;

/**
 * Whether the machine has a core to spare for a worker thread: the one-minute load average leaves at
 * least one and a half of its cores idle. On a busy machine a worker only competes with the main
 * thread and adds its own start-up, copying and garbage collection: measured on a shared 2-core
 * machine with a load of 3 to 5, 100,000 papers loaded in 12 s on one thread and 14 to 17 s on two.
 * Only how fast: what is found is the same either way.
 */
export function coreToSpare(): boolean {
  return availableParallelism() - (loadavg()[0] ?? 0) >= 1.5;
}
/** Files per batch: small enough that the main thread rarely waits at the end, large enough that messages are few. */
const BATCH = 128;
/** How long the main thread waits for a batch the worker took before it loads that batch itself. */
const STALL_MS = 10_000;

/** workerData.tool of a load worker: its module starts serving only when it sees this. */
export const LOAD_WORKER_TOOL = 'lint-list-load';

// The shared state, one Int32 each.
/** Messages the worker has posted. */
const POSTED = 1;
/** Set by the main thread: take no more batches. */
const STOP = 2;
/** Set by the worker when it ends, however it ends. */
const GONE = 3;
/** Set by the worker once it has started taking batches (see ParallelLoadOptions.awaitStartMs). */
const STARTED = 4;
const STATE_SLOTS = 5;
/** claims[k]: who loads batch k. */
const FREE = 0;
const MAIN = 1;
const WORKER = 2;

/** A folder's paper files, in order. */
export interface LoadFolder {
  dir: string;
  names: readonly string[];
  /** Display path of each file (read.ts's), for the parser's sources. */
  shown: string;
}

export interface LoadWorkerData {
  tool: typeof LOAD_WORKER_TOOL;
  folders: LoadFolder[];
  flags: number;
  max: number;
  batch: number;
  port: MessagePort;
  state: Int32Array;
  claims: Int32Array;
}

/** What the worker made of one file with no problem: its value, and whatever else its handler adds (opaque here). */
export interface ParsedFile {
  value: unknown;
  /** The text rules' findings, when the worker ran them (lint's: an empty list when they found nothing). */
  text?: unknown[] | undefined;
  /** What else the handler derived from the value (LoadedPaper.derived). */
  derived?: unknown;
}

/** The worker's handler of one file's bytes: a clean result, or undefined (the main thread loads it). */
export type LoadHandler = (absPath: string, file: string, bytes: Uint8Array) => ParsedFile | undefined;

interface BatchMessage {
  batch: number;
  /** Per file: its size in `bytes`, or -1 (not read: the main thread reads it). */
  sizes: Int32Array;
  bytes: ArrayBuffer;
  hashes: (string | null)[];
  /** Per file: the clean result, or null (the main thread parses the bytes). */
  parsed: (ParsedFile | null)[];
}

/** One file as the worker handed it over. */
export interface LoadedByWorker {
  bytes: Buffer | undefined;
  hash: string | undefined;
  parsed: ParsedFile | undefined;
}

export interface ParallelLoadOptions {
  /** How long to wait for a batch the worker took before loading it here (default 10 s). */
  stallMs?: number | undefined;
  /**
   * Wait up to this long for the worker to start before the walk: for tests, whose small lists a
   * main thread walks before a worker is up. A run never waits on it.
   */
  awaitStartMs?: number | undefined;
}

/**
 * The main thread's side: batches in order, each either taken here (undefined from `take`: load it
 * yourself) or the worker's. Files are asked in order, each index once.
 */
export class ParallelLoad {
  private readonly worker: Worker | undefined;
  private readonly port: MessagePort;
  private readonly state = new Int32Array(new SharedArrayBuffer(STATE_SLOTS * 4));
  private readonly claims: Int32Array;
  private readonly count: number;
  private current: BatchMessage | undefined;
  private offsets: number[] = [];
  /** The batch `current` is, or the batch the main thread took, or -1. */
  private batchIndex = -1;
  private ownBatch = false;
  private dead = false;
  /** Batches the worker has handed over and the walk has not reached yet, and those it failed on. */
  private readonly received = new Map<number, BatchMessage>();
  private readonly failed = new Set<number>();
  /** Batches each thread loaded, and how long the main thread waited for the worker's (for tests and measurements). */
  readonly stats = { worker: 0, main: 0, waitedMs: 0 };

  private readonly stallMs: number;

  constructor(url: string | URL, folders: readonly LoadFolder[], flags: number, max: number, options: ParallelLoadOptions = {}) {
    this.stallMs = options.stallMs ?? STALL_MS;
    this.count = folders.reduce((sum, folder) => sum + folder.names.length, 0);
    this.claims = new Int32Array(new SharedArrayBuffer(Math.max(1, Math.ceil(this.count / BATCH)) * 4));
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    try {
      const workerData: LoadWorkerData = {
        tool: LOAD_WORKER_TOOL,
        folders: folders.map(({ dir, names, shown }) => ({ dir, names, shown })),
        flags,
        max,
        batch: BATCH,
        port: port2,
        state: this.state,
        claims: this.claims,
      };
      this.worker = new Worker(typeof url === 'string' && url.startsWith('file:') ? new URL(url) : url, { workerData, transferList: [port2] });
      // Never what keeps the process running.
      this.worker.unref();
      // A worker that fails to start (or throws) ends without a word to the main thread, which is
      // blocked in a synchronous walk: GONE (set from its exit) says so. An error event would
      // otherwise be thrown later as an unhandled 'error'.
      this.worker.on('error', () => undefined);
      if (options.awaitStartMs) Atomics.wait(this.state, STARTED, 0, options.awaitStartMs);
    } catch {
      this.dead = true;
    }
  }

  /** The `index`th file as the worker handed it over, or undefined: load it yourself. */
  take(index: number): LoadedByWorker | undefined {
    if (index < 0 || index >= this.count) return undefined;
    const batch = Math.floor(index / BATCH);
    if (batch !== this.batchIndex) this.enter(batch);
    const message = this.current;
    if (this.ownBatch || message === undefined) return undefined;
    const at = index - batch * BATCH;
    const size = message.sizes[at]!;
    if (size < 0) return { bytes: undefined, hash: undefined, parsed: undefined };
    return {
      bytes: Buffer.from(message.bytes, this.offsets[at]!, size),
      hash: message.hashes[at] ?? undefined,
      parsed: message.parsed[at] ?? undefined,
    };
  }

  /** Move to batch `batch`: claim it, or take the worker's result for it. */
  private enter(batch: number): void {
    this.batchIndex = batch;
    this.current = undefined;
    this.ownBatch = true;
    if (this.dead) return;
    if (Atomics.compareExchange(this.claims, batch, FREE, MAIN) === FREE) {
      this.stats.main++;
      return;
    }
    const t0 = Date.now();
    const message = this.receive(batch);
    this.stats.waitedMs += Date.now() - t0;
    if (!message) {
      // Gone or silent: every batch from here on is the main thread's.
      this.stop();
      return;
    }
    this.stats.worker++;
    this.current = message;
    this.ownBatch = false;
    this.offsets = [];
    let at = 0;
    for (const size of message.sizes) {
      this.offsets.push(at);
      if (size > 0) at += size;
    }
  }

  /**
   * The worker's message for `batch`, or undefined when it failed on it, ended or stalled. It posts
   * the batches it claimed from the last backwards: those after `batch` may have come already.
   */
  private receive(batch: number): BatchMessage | undefined {
    const deadline = Date.now() + this.stallMs;
    for (;;) {
      const kept = this.received.get(batch);
      if (kept) {
        this.received.delete(batch);
        return kept;
      }
      if (this.failed.has(batch)) return undefined;
      const seen = Atomics.load(this.state, POSTED);
      if (this.drain()) continue;
      if (Atomics.load(this.state, GONE) !== 0) {
        // Its last messages may have come in just before it ended.
        if (this.drain()) continue;
        return undefined;
      }
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      // In short waits: a worker that dies sets GONE without notifying POSTED.
      Atomics.wait(this.state, POSTED, seen, Math.min(left, 50));
    }
  }

  /** Every message that has come, kept by batch; whether there was any. */
  private drain(): boolean {
    let any = false;
    for (let received = receiveMessageOnPort(this.port); received; received = receiveMessageOnPort(this.port)) {
      any = true;
      const message = received.message as BatchMessage | { failed: number };
      if ('failed' in message) this.failed.add(message.failed);
      else this.received.set(message.batch, message);
    }
    return any;
  }

  private stop(): void {
    this.dead = true;
    this.current = undefined;
    this.ownBatch = true;
    this.received.clear();
    Atomics.store(this.state, STOP, 1);
    this.port.close();
    void this.worker?.terminate();
  }

  /** The walk is over (or ended early): the worker is stopped. */
  close(): void {
    if (this.dead && this.worker === undefined) return;
    this.stop();
  }
}

/**
 * The worker's side, run by the module given to ParallelLoad when it starts with workerData.tool
 * LOAD_WORKER_TOOL: claims batches from the last backwards and hands over what `handle` makes of
 * each file. Returns when the list is done or the main thread says stop.
 */
export function serveLoad(data: LoadWorkerData, handle: LoadHandler): void {
  const { folders, flags, max, batch: size, port, state, claims } = data;
  const paths: string[] = [];
  const shown: string[] = [];
  for (const folder of folders) {
    for (const name of folder.names) {
      // One plain segment of a normalised folder: as path.join gives it, without its cost in a cold thread.
      paths.push(folder.dir + sep + name);
      shown.push(folder.shown === '' ? name : `${folder.shown}/${name}`);
    }
  }
  const post = (message: unknown, transfer: ArrayBuffer[]) => {
    port.postMessage(message, transfer);
    Atomics.add(state, POSTED, 1);
    Atomics.notify(state, POSTED);
  };
  let scratch = new Uint8Array(1 << 20);
  const batches = claims.length;
  // However it ends (a throw from here, process.exit in the handler), the main thread must not wait on it.
  const gone = () => {
    Atomics.store(state, GONE, 1);
    Atomics.notify(state, POSTED);
  };
  process.once('exit', gone);
  // Once it holds its first batch (or found none to take): a main thread told to wait for that may walk.
  const started = () => {
    Atomics.store(state, STARTED, 1);
    Atomics.notify(state, STARTED);
  };
  try {
  for (let k = batches - 1; k >= 0; k--) {
    // The main thread has come this far (or said stop): the rest is its own.
    if (Atomics.load(state, STOP) !== 0 || Atomics.compareExchange(claims, k, FREE, WORKER) !== FREE) break;
    started();
    try {
      const start = k * size;
      const end = Math.min(paths.length, start + size);
      const sizes = new Int32Array(end - start).fill(-1);
      const hashes: (string | null)[] = [];
      const parsed: (ParsedFile | null)[] = [];
      let total = 0;
      for (let i = start; i < end; i++) {
        const bytes = readFile(paths[i]!, flags, max, (need) => {
          if (total + need > scratch.length) {
            const grown = new Uint8Array(Math.max(scratch.length * 2, total + need));
            grown.set(scratch.subarray(0, total));
            scratch = grown;
          }
          return scratch.subarray(total, total + need);
        });
        if (bytes === undefined) {
          hashes.push(null);
          parsed.push(null);
          continue;
        }
        sizes[i - start] = bytes.length;
        total += bytes.length;
        hashes.push(contentHash(bytes));
        let result: ParsedFile | undefined;
        try {
          result = handle(paths[i]!, shown[i]!, bytes);
        } catch {
          // Left to the main thread, which reports it as it would without a worker.
        }
        parsed.push(result ?? null);
      }
      const bytes = scratch.slice(0, total).buffer;
      post({ batch: k, sizes, bytes, hashes, parsed } satisfies BatchMessage, [bytes, sizes.buffer as ArrayBuffer]);
    } catch {
      post({ failed: k }, []);
    }
  }
  } finally {
    process.off('exit', gone);
    started();
    gone();
  }
}

/** A regular file's bytes within the cap, read into `into(size)`; undefined for anything else (the main thread reads it and says why). */
function readFile(path: string, flags: number, max: number, into: (size: number) => Uint8Array): Uint8Array | undefined {
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > max) return undefined;
    const target = into(stats.size);
    let filled = 0;
    while (filled < stats.size) {
      const got = readSync(fd, target, filled, stats.size - filled, null);
      if (got === 0) break;
      filled += got;
    }
    return target.subarray(0, filled);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

import { receiveMessageOnPort, Worker, MessageChannel, type MessagePort } from 'node:worker_threads';

/*
 * Reading a large data/ ahead on a second thread. At 100,000 papers, open, fstat, read and close
 * cost about as much as parsing; a worker thread does them while the main thread parses the files
 * already read. The worker only ever hands over the bytes of regular files within the size cap,
 * opened as read.ts opens them (never through a link, never waiting on a pipe); for anything else
 * (a refusal, an error, a worker that failed) the main thread reads the file itself, as it does
 * without a prefetch, so every finding and every error is the same with or without it.
 */

/** Below this many files a thread costs more than it saves (starting one takes some 30 ms). */
export const PREFETCH_MIN_FILES = 2000;
/** Files per message from the worker. */
const BATCH = 256;
/** Batches the worker may read ahead of the main thread: it waits rather than queue the whole list in memory. */
const AHEAD = 8;
/** How long a waiting take (tests) waits for a batch before it gives up and leaves the rest to the caller. */
const STALL_MS = 10_000;

/**
 * The worker's work, run from its source text in the worker (so it is self-contained: no imports).
 * For each path in order: the bytes of a regular file of at most `max` bytes, or -1 (read it yourself).
 */
function prefetchWorker(
  require: (id: string) => unknown,
  data: { folders: PrefetchFolder[]; flags: number; max: number; batch: number; ahead: number; port: MessagePort; signal: Int32Array },
): void {
  const fs = require('node:fs') as typeof import('node:fs');
  const { hash } = require('node:crypto') as typeof import('node:crypto');
  const { sep } = require('node:path') as typeof import('node:path');
  // signal[0]: batches posted; signal[1]: batches the main thread has taken; signal[2]: the file the
  // main thread has come to.
  const { folders, flags, max, batch, ahead, port, signal } = data;
  // Folder and name, not absolute paths: half the strings to hand over. A name is one plain segment
  // of a normalised folder, so the path is the two joined by the separator: path.join's normalising,
  // run 100,000 times in a new thread's cold code, kept the main thread waiting most of a second.
  const paths: string[] = [];
  for (const { dir, names } of folders) for (const name of names) paths.push(dir + sep + name);
  const post = (message: unknown, transfer: ArrayBuffer[]) => {
    port.postMessage(message, transfer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  // One scratch buffer, reused: the worker makes no garbage per file.
  let scratch = new Uint8Array(1 << 20);
  try {
    for (let start = 0, posted = 0; start < paths.length; posted++) {
      for (let taken = Atomics.load(signal, 1); posted - taken >= ahead; taken = Atomics.load(signal, 1)) Atomics.wait(signal, 1, taken, 1000);
      // Files the main thread came to first (it reads them itself while this thread starts) are skipped.
      start = Math.max(start, Atomics.load(signal, 2));
      const end = Math.min(paths.length, start + batch);
      const sizes = new Int32Array(end - start).fill(-1);
      // Each file's sha256 as cache.ts contentHash gives it (the data cache's key): the main thread
      // is the busy one, so the hashing is done here.
      const hashes: (string | null)[] = new Array(end - start).fill(null);
      let total = 0;
      for (let i = start; i < end; i++) {
        let fd: number;
        try {
          fd = fs.openSync(paths[i]!, flags);
        } catch {
          continue;
        }
        try {
          const stats = fs.fstatSync(fd);
          if (!stats.isFile() || stats.size > max) continue;
          if (total + stats.size > scratch.length) {
            const grown = new Uint8Array(Math.max(scratch.length * 2, total + stats.size));
            grown.set(scratch.subarray(0, total));
            scratch = grown;
          }
          let filled = 0;
          while (filled < stats.size) {
            const got = fs.readSync(fd, scratch, total + filled, stats.size - filled, null);
            if (got === 0) break;
            filled += got;
          }
          const digest = hash('sha256', scratch.subarray(total, total + filled), 'base64');
          sizes[i - start] = filled;
          hashes[i - start] = digest;
          total += filled;
        } catch {
          // Left to the main thread, which reports it as it would without a prefetch.
        } finally {
          fs.closeSync(fd);
        }
      }
      const bytes = scratch.slice(0, total).buffer;
      post({ start, sizes, bytes, hashes }, [bytes, sizes.buffer as ArrayBuffer]);
      start = end;
    }
  } catch {
    post({ failed: true }, []);
  }
}

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
try {
  (${prefetchWorker.toString()})(require, workerData);
} catch {
  workerData.port.postMessage({ failed: true });
  Atomics.add(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
}
`;

interface Batch {
  start: number;
  sizes: Int32Array;
  bytes: ArrayBuffer;
  hashes: (string | null)[];
}

/** A file read ahead: its bytes, and their contentHash. */
export interface Prefetched {
  bytes: Buffer;
  hash: string;
}

/** A folder's files to read, in order. */
export interface PrefetchFolder {
  dir: string;
  names: readonly string[];
}

/** The bytes of files read ahead, taken in order; undefined: read the file yourself. */
export class Prefetch {
  private readonly worker: Worker | undefined;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(12));
  private batch: Batch | undefined;
  private offsets: number[] = [];
  private done = false;
  /** Whether a batch has come: the worker is up, and a file it is reading is worth waiting for. */
  private started = false;
  /** Batches that came for files already passed (read by the caller): for tests. */
  dropped = 0;

  private readonly count: number;

  /**
   * Until the worker's first batch comes, take() does not wait: the caller reads those files itself
   * (a thread takes some 50-100 ms to start, more on a busy machine), and the worker skips what the
   * caller came to first. From then on take() waits for the batch that holds a file, so a fast caller
   * (a warm data cache) does not outrun the worker and read every file twice. `wait`: wait from the
   * start (tests that check the worker's bytes).
   */
  constructor(
    folders: readonly PrefetchFolder[],
    flags: number,
    max: number,
    private readonly wait = false,
  ) {
    this.count = folders.reduce((sum, folder) => sum + folder.names.length, 0);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    try {
      this.worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { folders: folders.map(({ dir, names }) => ({ dir, names })), flags, max, batch: BATCH, ahead: AHEAD, port: port2, signal: this.signal },
        transferList: [port2],
        // It keeps almost nothing: a small young generation keeps its memory small.
        resourceLimits: { maxYoungGenerationSizeMb: 4 },
      });
      // Never what keeps the process running.
      this.worker.unref();
    } catch {
      this.done = true;
    }
  }

  /** The bytes of the `index`th file and their hash; asked in order, each index once. */
  take(index: number): Prefetched | undefined {
    if (index < 0 || index >= this.count) return undefined;
    Atomics.store(this.signal, 2, index);
    while (!this.done && (this.batch === undefined || index >= this.batch.start + this.batch.sizes.length)) {
      if (!this.next()) return undefined;
    }
    const batch = this.batch;
    if (this.done && (batch === undefined || index >= batch.start + batch.sizes.length || index < batch.start)) return undefined;
    if (batch === undefined || index < batch.start) return undefined;
    const at = index - batch.start;
    const size = batch.sizes[at]!;
    const hash = batch.hashes[at];
    return size < 0 || typeof hash !== 'string' ? undefined : { bytes: Buffer.from(batch.bytes, this.offsets[at]!, size), hash };
  }

  /**
   * The worker's next batch: true when one came (or the prefetch ended); false when none has come
   * and this prefetch does not wait. A failed worker, or one silent for STALL_MS, ends the prefetch.
   */
  private next(): boolean {
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      const received = receiveMessageOnPort(this.port);
      if (received) {
        const message = received.message as Batch | { failed: true };
        if ('failed' in message) {
          this.close();
          return true;
        }
        if (message.start + message.sizes.length <= Atomics.load(this.signal, 2)) this.dropped++;
        this.started = true;
        this.batch = message;
        // Taken: the worker may read one more batch ahead.
        Atomics.add(this.signal, 1, 1);
        Atomics.notify(this.signal, 1);
        this.offsets = [];
        let at = 0;
        for (const size of message.sizes) {
          this.offsets.push(at);
          if (size > 0) at += size;
        }
        if (message.start + message.sizes.length >= this.count) this.finish();
        return true;
      }
      if (!this.wait && !this.started) return false;
      if (Atomics.wait(this.signal, 0, seen, STALL_MS) === 'timed-out') {
        this.close();
        return true;
      }
    }
  }

  /** The last batch has come: the worker ends by itself. */
  private finish(): void {
    this.done = true;
    this.port.close();
  }

  /** Stop reading ahead (the walk ended early, or the worker failed). */
  close(): void {
    if (this.done && this.worker === undefined) return;
    this.done = true;
    this.port.close();
    void this.worker?.terminate();
  }
}

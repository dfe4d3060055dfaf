import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { decodeReadme, EncodingError } from '../import/decode.js';
import { importPage, type PageReader } from '../import/readme.js';
import { whyFileFailed } from '../fs/errors.js';

/*
 * The pages a large README links to, imported on two threads. Reading, parsing and checking a page's
 * entries is most of an import's time and each page stands alone, so a worker thread (this same program,
 * started again with workerData) imports every other page while the main thread imports the rest, and
 * importReadme takes them all in the README's order. A page's import is the same function on either
 * thread; whenever the worker fails, stalls or cannot start, the main thread imports its pages itself, so
 * the output never depends on the worker.
 */

/** workerData.kind of the page worker. */
const PAGE_WORKER = 'import-readme-pages';
/** Below this many pages a second thread costs more than it saves (starting it loads the program again). */
const MIN_PAGES = 4;
/** How long the main thread waits for one of the worker's pages before it imports the page itself. */
const STALL_MS = 20_000;

type PageResult = ReturnType<PageReader>;

/** The page `href` (relative to the README `input`) read and decoded; file names relative to `cwd`. */
export function readPageFile(input: string, cwd: string, href: string): Exclude<PageResult, { imported: unknown }> {
  const path = resolve(dirname(input), href);
  const file = relative(cwd, path).split(sep).join('/');
  try {
    const page = decodeReadme(readFileSync(path), file);
    return { text: page.text, file, problems: page.problems };
  } catch (error) {
    if (error instanceof EncodingError) return { error: error.message };
    const why = whyFileFailed(error);
    if (why === undefined) throw error;
    return { error: why };
  }
}

/** The page read, decoded and its entries imported. */
function importPageFile(input: string, cwd: string, href: string): PageResult {
  const page = readPageFile(input, cwd, href);
  return 'error' in page ? page : { imported: importPage(page.text, page.file, page.problems) };
}

interface WorkerInput {
  kind: typeof PAGE_WORKER;
  input: string;
  cwd: string;
  hrefs: string[];
  port: MessagePort;
  /** [0]: messages posted. */
  signal: Int32Array;
}

type WorkerMessage = { href: string; page: PageResult } | { failed: true };

/**
 * How many threads import the pages: 'auto' uses two from MIN_PAGES pages on, when `program` (the running
 * program's URL) is a bundle that a worker can load; 'one' never starts a worker; 'two' does from two pages
 * on (the tests' way to run the worker on a small list).
 */
export type Threads = 'auto' | 'one' | 'two';

/** The LINT_LIST_IMPORT_THREADS setting: "1" or "2"; anything else is 'auto'. */
export function threadsFromEnv(env: NodeJS.ProcessEnv): Threads {
  return env.LINT_LIST_IMPORT_THREADS === '1' ? 'one' : env.LINT_LIST_IMPORT_THREADS === '2' ? 'two' : 'auto';
}

/**
 * A PageReader for importReadme that has the worker import every other page of `hrefs` (the pages the
 * import will ask for, linkedPages) while the import goes on. close() stops the worker; fromWorker()
 * counts the pages the worker imported. `stallMs`: how long to wait for one of its pages.
 */
export function pageReader(
  input: string,
  cwd: string,
  hrefs: readonly string[],
  program: string,
  threads: Threads,
  stallMs = STALL_MS,
): { read: PageReader; close: () => void; fromWorker: () => number } {
  const local: PageReader = (href) => importPageFile(input, cwd, href);
  const alone = { read: local, close: () => {}, fromWorker: () => 0 };
  const distinct = [...new Set(hrefs)];
  const wanted = threads === 'two' ? 2 : MIN_PAGES;
  if (threads === 'one' || distinct.length < wanted || !program.endsWith('.js')) return alone;
  const theirs = new Set(distinct.filter((_, i) => i % 2 === 1));
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | undefined;
  try {
    const data: WorkerInput = { kind: PAGE_WORKER, input, cwd, hrefs: [...theirs], port: port2, signal };
    worker = new Worker(new URL(program), { workerData: data, transferList: [port2] });
    worker.unref();
    // An error in the worker shows as a stall: the main thread then imports those pages itself.
    worker.on('error', () => {});
  } catch {
    port1.close();
    return alone;
  }
  const done = new Map<string, PageResult>();
  let received = 0;
  let failed = false;
  const close = () => {
    failed = true;
    port1.close();
    void worker?.terminate();
  };
  const read: PageReader = (href) => {
    if (!theirs.has(href) || failed) return done.get(href) ?? local(href);
    for (;;) {
      const page = done.get(href);
      if (page) return page;
      const seen = Atomics.load(signal, 0);
      const got = receiveMessageOnPort(port1);
      if (got) {
        const message = got.message as WorkerMessage;
        if ('failed' in message) {
          close();
          return local(href);
        }
        done.set(message.href, message.page);
        received++;
        continue;
      }
      if (Atomics.wait(signal, 0, seen, stallMs) === 'timed-out') {
        close();
        return local(href);
      }
    }
  };
  return { read, close, fromWorker: () => received };
}

/** Whether this thread is the page worker (the program started again by pageReader). */
export function isPageWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInput> | null)?.kind === PAGE_WORKER;
}

/** The page worker's work: each of its pages imported and posted, in order. */
export function runPageWorker(): void {
  const { input, cwd, hrefs, port, signal } = workerData as WorkerInput;
  const post = (message: WorkerMessage) => {
    port.postMessage(message);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  try {
    for (const href of hrefs) post({ href, page: importPageFile(input, cwd, href) });
  } catch {
    post({ failed: true });
  }
  port.close();
}

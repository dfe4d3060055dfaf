import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { addPaperCommand, type AddPaperDeps } from '../../src/commands/add-paper.js';
import { memoryIo } from '../helpers.js';
import { arxivFeedFor, FIXTURES as LINK_FIXTURES, startServer, virtualClock, type TestClock, type TestServer } from '../links/helpers.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'add');
export const BIBTEX = join(FIXTURES, 'bibtex');

/** Atom entries from this folder's fixtures, then the link checker's (withdrawn, old-style, papers in the list). */
const ARXIV_DIRS = [join(FIXTURES, 'arxiv'), join(LINK_FIXTURES, 'arxiv')];

export function feedFor(ids: readonly string[]): string {
  return arxivFeedFor(ids, ARXIV_DIRS);
}

export interface FakeApi extends TestServer {
  url: string;
  /** Answer the next `n` requests with this status (e.g. 429) before answering from the fixtures again. */
  failNext(status: number, n: number, headers?: Record<string, string>): void;
}

/** A fake arXiv API on 127.0.0.1 answering POSTed id_lists from the Atom fixtures. */
export async function fakeArxivApi(clock: TestClock = virtualClock()): Promise<FakeApi> {
  let failures: { status: number; left: number; headers: Record<string, string> } | undefined;
  const server = await startServer((_req, res, body) => {
    if (failures && failures.left > 0) {
      failures.left--;
      res.writeHead(failures.status, failures.headers).end();
      return;
    }
    const ids = (new URLSearchParams(body).get('id_list') ?? '').split(',').filter(Boolean);
    res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' }).end(feedFor(ids));
  }, clock);
  return {
    ...server,
    url: `${server.origin}/api/query`,
    failNext: (status, n, headers = {}) => {
      failures = { status, left: n, headers };
    },
  };
}

/** A terminal's standard input with these lines typed (and then closed). */
export function typed(lines: string | undefined, isTTY = true): PassThrough & { isTTY: boolean } {
  const stream = Object.assign(new PassThrough(), { isTTY });
  if (lines !== undefined) stream.end(lines);
  return stream;
}

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The deps every in-process run gets: virtual time, a private connection pool. */
export function testDeps(): { arxiv: { dispatcher: Agent; clock: TestClock }; close(): Promise<void> } {
  const dispatcher = new Agent();
  return { arxiv: { dispatcher, clock: virtualClock() }, close: () => dispatcher.close() };
}

export async function run(cwd: string, argv: string[], deps: AddPaperDeps = {}, env: NodeJS.ProcessEnv = { NO_COLOR: '1' }): Promise<Outcome> {
  const io = memoryIo(cwd, env);
  const code = await addPaperCommand(argv, io, deps);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** Every file under `dir` with its modification time and size: to show a run changed nothing. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else files.set(relative(dir, path), `${stat.size}:${stat.mtimeMs}`);
    }
  };
  walk(dir);
  return files;
}

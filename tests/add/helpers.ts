import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { addPaperCommand, type AddPaperDeps } from '../../src/cli/add-paper.js';
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

/** Semantic Scholar's batch records (tests/fixtures/add/s2/<arXiv id>.json); unknown ids answer null, as the API does. */
export function s2BatchFor(body: string): string {
  const ids = (JSON.parse(body) as { ids: string[] }).ids;
  return JSON.stringify(
    ids.map((id) => {
      const file = join(FIXTURES, 's2', `${id.replace(/^ARXIV:/, '').replace('/', '_')}.json`);
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : null;
    }),
  );
}

/** The path the fake arXiv server answers Semantic Scholar's batch endpoint on: $SEMANTIC_SCHOLAR_API_URL is <origin>/graph/v1. */
export const S2_PATH = '/graph/v1/paper/batch';

/**
 * A fake arXiv API on 127.0.0.1 answering POSTed id_lists from the Atom fixtures; the same server
 * stands in for Semantic Scholar's batch endpoint, which add-paper asks about arXiv papers.
 */
export async function fakeArxivApi(clock: TestClock = virtualClock()): Promise<FakeApi> {
  let failures: { status: number; left: number; headers: Record<string, string> } | undefined;
  const server = await startServer((req, res, body) => {
    if (req.url?.startsWith(S2_PATH)) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(s2BatchFor(body));
      return;
    }
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
  // Semantic Scholar is asked on the fake arXiv server's origin, never on the network.
  const arxivApi = argv.includes('--arxiv-api') ? argv[argv.indexOf('--arxiv-api') + 1] : env.ARXIV_API_URL;
  const s2 = arxivApi && URL.canParse(arxivApi) ? `${new URL(arxivApi).origin}/graph/v1` : 'http://127.0.0.1:9/graph/v1';
  const io = memoryIo(cwd, { SEMANTIC_SCHOLAR_API_URL: s2, ...env });
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


/** Stand-ins for Crossref, OpenReview, the ACL Anthology, the NeurIPS proceedings and Semantic Scholar on one server, each under its own path. */
export interface FakeSources extends TestServer {
  env: NodeJS.ProcessEnv;
  /** Answer the next `n` requests with this status before answering from the fixtures again. */
  failNext(status: number, n: number, headers?: Record<string, string>): void;
}

function fixture(...parts: string[]): string | undefined {
  const file = join(FIXTURES, ...parts);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export async function fakeSources(clock: TestClock = virtualClock()): Promise<FakeSources> {
  let failures: { status: number; left: number; headers: Record<string, string> } | undefined;
  const server = await startServer((req, res, body) => {
    if (failures && failures.left > 0) {
      failures.left--;
      res.writeHead(failures.status, failures.headers).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, text: string) => res.writeHead(status, { 'content-type': type }).end(text);
    let m: RegExpExecArray | null;
    if ((m = /^\/crossref\/works\/(.+)$/.exec(url.pathname))) {
      const text = fixture('crossref', `${decodeURIComponent(m[1]!).replace(/\//g, '_')}.json`);
      // Crossref answers an unknown DOI with a plain-text 404.
      return text ? send(200, 'application/json', text) : send(404, 'text/plain', 'Resource not found.');
    }
    if (url.pathname === '/openreview/notes') {
      const id = url.searchParams.get('id') ?? '';
      const text = fixture('openreview', `${id}.json`);
      return text
        ? send(200, 'application/json', text)
        : send(404, 'application/json', JSON.stringify({ name: 'NotFoundError', message: `The Note ${id} was not found`, status: 404 }));
    }
    if ((m = /^\/anthology\/([^/]+\.bib)$/.exec(url.pathname))) {
      const text = fixture('anthology', m[1]!);
      return text ? send(200, 'text/plain; charset=utf-8', text) : send(404, 'text/html', '<h1>Not Found</h1>');
    }
    if ((m = /^\/neurips\/paper_files\/paper\/\d{4}\/file\/([^/]+\.bib)$/.exec(url.pathname))) {
      const text = fixture('neurips', m[1]!);
      return text ? send(200, 'application/x-bibtex', text) : send(404, 'text/html', '<h1>Not Found</h1>');
    }
    if (url.pathname === '/s2/paper/batch' && req.method === 'POST') return send(200, 'application/json', s2BatchFor(body));
    return send(404, 'text/plain', 'no such stand-in');
  }, clock);
  return {
    ...server,
    env: {
      NO_COLOR: '1',
      CROSSREF_API_URL: `${server.origin}/crossref`,
      OPENREVIEW_API_URL: `${server.origin}/openreview`,
      ACL_ANTHOLOGY_URL: `${server.origin}/anthology`,
      NEURIPS_PROCEEDINGS_URL: `${server.origin}/neurips`,
      SEMANTIC_SCHOLAR_API_URL: `${server.origin}/s2`,
    },
    failNext: (status, n, headers = {}) => {
      failures = { status, left: n, headers };
    },
  };
}

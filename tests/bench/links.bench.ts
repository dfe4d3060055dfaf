/**
 * Benchmark of `lint-list --links` (npm run bench:links). Not a test: it prints figures and writes
 * them under "## Links" in tests/bench/RESULTS.md.
 *
 * Setup: 2,000 links over 20 loopback hosts that answer after 100 ms, plus 500 arXiv ids against
 * a fake arXiv API (also 100 ms, arXiv's real 3 s interval kept). Measured: wall time, requests
 * sent per link (counted by the servers), peak memory (max RSS of the checking process), then the
 * same run again with the cache, then markdown-link-check on the same links (the 500 arXiv links
 * as abs pages on a loopback host, which is how a page-fetching checker must verify them).
 *
 * Processes: the servers run in one child process, each checker in another, so each checker's
 * peak memory is its own.
 *
 * `npm run bench` (tests/bench/run.ts) imports measureLinks and repeats the rounds for medians;
 * run alone, this file measures one round and writes its own section as before.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePeer } from './lib/install-peer.js';
import { CACHE, ROOT } from './lib/paths.js';
import { replaceSection } from './lib/results.js';

const HOSTS = 20;
const LINKS = 2000;
const ARXIV = 500;
const DELAY_MS = 100;

const root = ROOT;
/** markdown-link-check's own prefix (ensurePeer installs it there): the project's node_modules stay untouched. */
const mlcDir = join(CACHE, 'mlc');

interface Ports {
  hosts: number[];
  api: number;
  abs: number;
}

export type Counts = { hosts: number; hostsByMethod: Record<string, number>; api: number; abs: number };

function arxivId(i: number): string {
  return `2401.${String(i + 1).padStart(5, '0')}`;
}

// ---------------------------------------------------------------- servers (child process)

async function serve(): Promise<void> {
  const counts: Counts = { hosts: 0, hostsByMethod: {}, api: 0, abs: 0 };
  const listen = (server: Server) => new Promise<number>((ok) => server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port)));
  const hosts: number[] = [];
  for (let h = 0; h < HOSTS; h++) {
    const server = createServer((req, res) => {
      counts.hosts++;
      counts.hostsByMethod[req.method ?? '?'] = (counts.hostsByMethod[req.method ?? '?'] ?? 0) + 1;
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(req.method === 'HEAD' ? undefined : '<p>paper</p>'), DELAY_MS);
    });
    hosts.push(await listen(server));
  }
  const api = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      counts.api++;
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const ids = (params.get('id_list') ?? '').split(',').filter(Boolean);
      const entries = ids
        .map(
          (id) => `<entry><id>http://arxiv.org/abs/${id}v1</id><updated>2024-01-02T00:00:00Z</updated><published>2024-01-02T00:00:00Z</published>
<title>Benchmark Paper ${id}</title><summary>An abstract of a few words, as arXiv would send, to make the answer realistic in size.</summary>
<author><name>Ada Lovelace</name></author><author><name>Alan Turing</name></author>
<link href="http://arxiv.org/abs/${id}v1" rel="alternate" type="text/html"/></entry>`,
        )
        .join('\n');
      setTimeout(
        () =>
          res
            .writeHead(200, { 'content-type': 'application/atom+xml' })
            .end(`<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>fake</title>${entries}</feed>`),
        DELAY_MS,
      );
    });
  });
  const abs = createServer((req, res) => {
    counts.abs++;
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(req.method === 'HEAD' ? undefined : '<p>abs page</p>'), DELAY_MS);
  });
  const ports: Ports = { hosts, api: await listen(api), abs: await listen(abs) };
  process.on('message', (message: unknown) => {
    if (message === 'counts') {
      process.send!({ counts: structuredClone(counts) });
      counts.hosts = 0;
      counts.hostsByMethod = {};
      counts.api = 0;
      counts.abs = 0;
    }
    if (message === 'exit') process.exit(0);
  });
  process.send!({ ports });
}

// ---------------------------------------------------------------- checkers (child processes)

async function runCheck(dir: string, apiUrl: string, cachePath: string): Promise<void> {
  const started = performance.now();
  const { runLinkCheck } = await import('../../src/links/run.js');
  const io = {
    cwd: dir,
    env: {},
    stdout: { write: () => true, isTTY: false },
    stderr: { write: (t: string) => process.stderr.write(t), isTTY: false },
  };
  const { problems, summary } = await runLinkCheck(
    { dataDir: 'data', templatesDir: 'templates', cache: cachePath, arxivApi: apiUrl, allowPrivateHosts: true, progress: false },
    io,
  );
  const wallMs = performance.now() - started;
  process.send!({ result: { wallMs, problems: problems.length, summary, maxRssMb: process.resourceUsage().maxRSS / 1024 } }, undefined, {}, () => process.exit(0));
}

async function runMlc(markdownPath: string): Promise<void> {
  const started = performance.now();
  const require = createRequire(join(mlcDir, 'package.json'));
  const markdownLinkCheck = require('markdown-link-check') as (md: string, opts: object, cb: (err: Error | null, results: { status: string }[]) => void) => void;
  const markdown = readFileSync(markdownPath, 'utf8');
  const results = await new Promise<{ status: string }[]>((ok, fail) =>
    markdownLinkCheck(markdown, { timeout: '10s', retryOn429: true }, (err, res) => (err ? fail(err) : ok(res))),
  );
  const wallMs = performance.now() - started;
  const alive = results.filter((r) => r.status === 'alive').length;
  // Exit once sent: the other tool may keep sockets open.
  process.send!({ result: { wallMs, links: results.length, alive, maxRssMb: process.resourceUsage().maxRSS / 1024 } }, undefined, {}, () => process.exit(0));
}

// ---------------------------------------------------------------- orchestration

function child(args: string[]): ChildProcess {
  return fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function once<T>(proc: ChildProcess, key: string): Promise<T> {
  return new Promise((ok, fail) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (key in message) {
        proc.off('message', onMessage);
        ok(message[key] as T);
      }
    };
    proc.on('message', onMessage);
    proc.once('exit', (code) => fail(new Error(`child exited (${code}) before sending ${key}`)));
  });
}

function makeData(dir: string, ports: Ports): void {
  rmSync(dir, { recursive: true, force: true });
  const papers = join(dir, 'data', 'papers', 'bench');
  mkdirSync(papers, { recursive: true });
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'data', 'categories.yaml'), 'categories:\n  - id: bench\n    name: { en: Bench }\n');
  writeFileSync(join(dir, 'templates', 'README.md'), '# Bench\n\n<!-- generated:papers -->\n');
  for (let i = 0; i < LINKS; i++) {
    const port = ports.hosts[i % HOSTS]!;
    writeFileSync(join(papers, `${String(i + 1).padStart(4, '0')}-p.yaml`), `title: Paper ${i}\nurl: http://127.0.0.1:${port}/paper/${i}\nyear: 2024\n`);
  }
  for (let i = 0; i < ARXIV; i++) {
    const id = arxivId(i);
    writeFileSync(join(papers, `${String(LINKS + i + 1).padStart(4, '0')}-a.yaml`), `title: Benchmark Paper ${id}\nurl: https://arxiv.org/abs/${id}\nyear: 2024\n`);
  }
}

function markdownFor(ports: Ports): string {
  const lines: string[] = ['# Bench', ''];
  for (let i = 0; i < LINKS; i++) lines.push(`* [Paper ${i}](http://127.0.0.1:${ports.hosts[i % HOSTS]}/paper/${i})`);
  for (let i = 0; i < ARXIV; i++) lines.push(`* [Benchmark Paper ${arxivId(i)}](http://127.0.0.1:${ports.abs}/abs/${arxivId(i)})`);
  return `${lines.join('\n')}\n`;
}

export interface CheckRun {
  wallMs: number;
  problems: number;
  maxRssMb: number;
  summary: { requests: number; arxiv: { requests: number } };
}

export interface MlcRun {
  wallMs: number;
  links: number;
  alive: number;
  maxRssMb: number;
}

/** One cold run (no cache), one cached run, then markdown-link-check, with the requests each sent. */
export interface LinksRound {
  cold: CheckRun;
  coldCounts: Counts;
  warm: CheckRun;
  warmCounts: Counts;
  mlc?: MlcRun;
  mlcCounts?: Counts;
}

export interface LinksMeasurement {
  rounds: LinksRound[];
  /** markdown-link-check's version when it ran. */
  mlcVersion?: string;
  /** Why markdown-link-check did not run. */
  skipped?: string;
}

export const LINKS_SETUP = { HOSTS, LINKS, ARXIV, DELAY_MS } as const;
/** Pinned, so figures compare across runs; installed into .cache/bench/mlc at bench time. */
export const MLC_VERSION = '3.15.0';

/**
 * Starts the servers once, then `runs` rounds of: lint-list --links without a cache, again with the
 * cache it wrote, and markdown-link-check on the same links (each checker in its own process).
 */
export async function measureLinks(options: { runs: number; mlc?: boolean; log?: (line: string) => void } = { runs: 1 }): Promise<LinksMeasurement> {
  const say = options.log ?? ((line: string) => process.stderr.write(`links bench: ${line}\n`));
  const work = join(tmpdir(), `links-bench-${process.pid}`);
  const servers = child(['serve']);
  const ports = await once<Ports>(servers, 'ports');
  const counts = async () => {
    servers.send('counts');
    return once<Counts>(servers, 'counts');
  };
  try {
    makeData(work, ports);
    const apiUrl = `http://127.0.0.1:${ports.api}/api/query`;
    const cachePath = join(work, 'cache.json');
    let skipped: string | undefined = options.mlc === false ? 'markdown-link-check not run (not asked for)' : undefined;
    let mlcVersion: string | undefined;
    if (!skipped) {
      const installed = await ensurePeer('markdown-link-check', MLC_VERSION, 'mlc');
      if (installed.ok) mlcVersion = installed.peer.version;
      else skipped = `${installed.reason}; column skipped`;
    }
    const mdPath = join(work, 'bench.md');
    writeFileSync(mdPath, markdownFor(ports));
    const rounds: LinksRound[] = [];
    for (let round = 1; round <= options.runs; round++) {
      const of = options.runs > 1 ? ` (round ${round}/${options.runs})` : '';
      rmSync(cachePath, { force: true });
      say(`${LINKS} links over ${HOSTS} hosts + ${ARXIV} arXiv ids; cold run${of}…`);
      const cold = await once<CheckRun>(child(['check', work, apiUrl, cachePath]), 'result');
      const coldCounts = await counts();
      say(`cold ${s(cold.wallMs)}; cached run${of}…`);
      const warm = await once<CheckRun>(child(['check', work, apiUrl, cachePath]), 'result');
      const warmCounts = await counts();
      const done: LinksRound = { cold, coldCounts, warm, warmCounts };
      if (!skipped) {
        say(`markdown-link-check (concurrency 2, fixed by the tool)${of}…`);
        done.mlc = await once<MlcRun>(child(['mlc', mdPath]), 'result');
        done.mlcCounts = await counts();
      }
      rounds.push(done);
    }
    return { rounds, ...(mlcVersion ? { mlcVersion } : {}), ...(skipped ? { skipped } : {}) };
  } finally {
    servers.send('exit');
    rmSync(work, { recursive: true, force: true });
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The section `npm run bench:links` writes: the figures of the first round. */
export function linksSection(measured: LinksMeasurement, cores: number): string {
  const { cold, coldCounts, warm, warmCounts, mlc, mlcCounts } = measured.rounds[0]!;
  const skipped = measured.skipped;
  const coldHttp = coldCounts.hosts;
  const rows = [
    '| | lint-list --links, cold | lint-list --links, cached | markdown-link-check |',
    '|---|---|---|---|',
    `| wall time | ${s(cold.wallMs)} | ${s(warm.wallMs)} | ${mlc ? `${s(mlc.wallMs)} (${(mlc.wallMs / cold.wallMs).toFixed(1)}× ours)` : 'skipped'} |`,
    `| requests to the 20 hosts (2,000 links) | ${coldHttp} (${(coldHttp / LINKS).toFixed(2)} per link: ${Object.entries(coldCounts.hostsByMethod).map(([m, n]) => `${n} ${m}`).join(', ')}) | ${warmCounts.hosts} | ${mlcCounts ? `${mlcCounts.hosts} (${(mlcCounts.hosts / LINKS).toFixed(2)} per link)` : '–'} |`,
    `| requests for the 500 arXiv ids | ${coldCounts.api} to the API (batches of 200, 3 s apart) | ${warmCounts.api} | ${mlcCounts ? `${mlcCounts.abs} abs-page fetches` : '–'} |`,
    `| requests per link, all 2,500 | ${((coldHttp + coldCounts.api) / (LINKS + ARXIV)).toFixed(3)} | ${((warmCounts.hosts + warmCounts.api) / (LINKS + ARXIV)).toFixed(3)} | ${mlcCounts ? ((mlcCounts.hosts + mlcCounts.abs) / (LINKS + ARXIV)).toFixed(3) : '–'} |`,
    `| peak memory (max RSS of the checking process) | ${cold.maxRssMb.toFixed(0)} MB | ${warm.maxRssMb.toFixed(0)} MB | ${mlc ? `${mlc.maxRssMb.toFixed(0)} MB` : '–'} |`,
    `| findings | ${cold.problems} | ${warm.problems} | ${mlc ? `${mlc.links - mlc.alive} not alive of ${mlc.links}` : '–'} |`,
  ];
  return [
    '## Links',
    '',
    `\`npm run bench:links\` (tests/bench/links.bench.ts), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}, ${cores} cores.`,
    `${LINKS} links over ${HOSTS} loopback hosts answering after ${DELAY_MS} ms, plus ${ARXIV} arXiv ids against a fake arXiv API (also ${DELAY_MS} ms; the real 3 s interval between API requests kept).`,
    'Default policy: 16 requests in flight, 2 per host. markdown-link-check checks 2 links at a time (hard-coded) and fetches the 500 arXiv links as abs pages (on a loopback host).',
    '',
    ...rows,
    '',
    ...(skipped ? [`Note: ${skipped}.`, ''] : []),
  ].join('\n');
}

async function main(): Promise<void> {
  const measured = await measureLinks({ runs: 1 });
  const section = linksSection(measured, cpus().length);
  writeResults(section);
  process.stdout.write(`${section}\n`);
}

function writeResults(section: string): void {
  replaceSection(join(root, 'tests', 'bench', 'RESULTS.md'), 'Links', section);
}

// Entry point only when run as a script (npm run bench:links, or forked as a server or checker):
// tests/bench/run.ts imports measureLinks without starting anything.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [mode, ...args] = process.argv.slice(2);
  const run = mode === 'serve' ? serve() : mode === 'check' ? runCheck(args[0]!, args[1]!, args[2]!) : mode === 'mlc' ? runMlc(args[0]!) : main();
  run.then(
    () => {},
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}

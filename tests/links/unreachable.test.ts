import type { LookupAddress } from 'node:dns';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLinkCheck } from '../../src/links/run.js';
import { lintListCommand } from '../../src/cli/lint-list.js';
import { createLinkDispatcher } from '../../src/links/fetch.js';
import type { PolicyOverrides } from '../../src/links/policy.js';
import { memoryIo, tempDir, writeFiles } from '../helpers.js';
import { arxivFeedFor, fakeArxivApi, startServer, virtualClock, type TestServer } from './helpers.js';
import { LintJsonOutput } from '../../src/core/findings-json.js';

/**
 * A run where the network is down must say so, not file every link as dead. Host names are made
 * up and resolved by the test: the ones it maps go to 127.0.0.1, the rest fail DNS, so nothing
 * here can reach beyond this machine.
 */

let site: TestServer;
let api: TestServer;
/**
 * A port nobody listens on, so connecting is refused: tcpmux's, which no test machine serves. (A port
 * closed after listening could be handed to another test file's server running in parallel.)
 */
const closedPort = 1;
const clock = virtualClock();

beforeAll(async () => {
  site = await startServer((req, res, _body, nth) => {
    const path = req.url ?? '/';
    if (path === '/ok') return void res.writeHead(200).end();
    if (path === '/hang') return; // connects, never answers
    if (path === '/flaky') return void (nth === 1 ? res.writeHead(503).end() : res.writeHead(200).end());
    if (path === '/limited') return void (nth === 1 ? res.writeHead(429, { 'retry-after': '30' }).end() : res.writeHead(200).end());
    if (path === '/reset') return void (nth === 1 ? req.socket.destroy() : res.writeHead(200).end());
    res.writeHead(404).end();
  });
  api = await fakeArxivApi(clock);
});

afterAll(async () => {
  await site.close();
  await api.close();
});

const CATEGORIES = 'categories:\n  - id: misc\n    name: { en: Misc }\n';
const ARXIV_PAPER = 'title: "World Model on Million-Length Video and Language with Blockwise RingAttention"\nurl: https://arxiv.org/abs/2402.08268\nyear: 2024\n';
// Timeouts generous enough for a busy machine: only the virtual clock's waits are meant to be short.
const POLICY: PolicyOverrides = { retries: 1, defaults: { timeoutMs: 10_000, intervalMs: 0 }, arxiv: { intervalMs: 0 } };

/** A dispatcher whose DNS knows only `known` (all on 127.0.0.1); every other name fails as when offline. */
function dispatcherFor(known: readonly string[]) {
  return createLinkDispatcher({
    allowPrivate: true,
    resolve: (host: string, _o: { all: true }, cb: (e: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) => {
      if (known.includes(host)) return cb(null, [{ address: '127.0.0.1', family: 4 }]);
      cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
    },
  });
}

function paper(title: string, url: string): string {
  return `title: ${title}\nurl: ${url}\nyear: 2024\n`;
}

/** lint-list --links-only --format json with the test's DNS, clock and policy; the exit code, findings, summary and stderr. */
async function lintList(dir: string, known: readonly string[], apiUrl: string, extra: string[] = []) {
  const dispatcher = dispatcherFor(known);
  const io = memoryIo(dir);
  try {
    const argv = ['--links-only', '--format', 'json', '--allow-private-hosts', '--cache', '.cache/links.json', '--arxiv-api', apiUrl, ...extra];
    const code = await lintListCommand(argv, io, { dispatcher, clock, policy: POLICY });
    const out = LintJsonOutput.parse(JSON.parse(io.out()));
    if (!out.summary.links) throw new Error('lint-list --links-only printed no links summary');
    return { code, findings: out.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`), links: out.summary.links, stderr: io.err() };
  } finally {
    await dispatcher.close();
  }
}

describe('a run with the network down', () => {
  it('says the network looks unreachable, reports no link as dead, exits 3 and leaves the cache file as it was', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/misc/0010-a.yaml': paper('A', 'http://a.test/paper'),
      'data/papers/misc/0020-b.yaml': paper('B', 'http://b.test/paper'),
      'data/papers/misc/0030-c.yaml': paper('C', 'http://c.test/paper'),
      'data/papers/misc/0040-r.yaml': paper('R', `http://r.test:${closedPort}/paper`),
      'data/papers/misc/0050-x.yaml': ARXIV_PAPER,
      'templates/README.md': '# List\n\n![badge](http://t.test/badge.svg)\n',
    });
    // What an earlier run learnt: a success too old to reuse (so it is asked again), and a timeout
    // that, recorded once more, would turn into an error on the next run.
    const eightDaysAgo = clock.now() - 8 * 24 * 3600 * 1000;
    const cacheText = `${JSON.stringify({
      version: 1,
      links: {
        'http://a.test/paper': { state: 'ok', checkedAt: eightDaysAgo, status: 200, detail: '200 OK' },
        'http://b.test/paper': { state: 'timeout', checkedAt: eightDaysAgo, detail: 'no answer in time', timeouts: 1 },
      },
      arxiv: {},
    })}\n`;
    writeFiles(dir, { '.cache/links.json': cacheText });

    // r.test resolves but refuses the connection; every other name, the arXiv API's included, fails DNS.
    const run = await lintList(dir, ['r.test'], 'http://api.test/api/query');
    expect(run.code).toBe(3);
    expect(run.findings).toEqual([]);
    expect(run.stderr).toBe(
      `retrying http://r.test:${closedPort}/paper in 0.8 s (connection refused, attempt 2 of 2)\n` +
        'lint-list: the network looks unreachable: 6 of 6 hosts failed at DNS or connect (DNS 5, connection refused 1); ' +
        'no link is reported dead and the link cache is left as it was. Run the check again once the network is back.\n',
    );
    expect(run.links.network).toEqual({ hosts: 6, failed: 6, dns: 5, refused: 1, connectTimeout: 0, noRoute: 0, unreachable: true });
    // The five URLs would each have been dead: they are counted as unreached, and none as dead.
    expect(run.links.states).toEqual({ ok: 0, redirected: 0, unverifiable: 1, 'rate-limited': 0, timeout: 0, dead: 0, 'private-address': 0, unreached: 5 });
    expect(readFileSync(join(dir, '.cache/links.json'), 'utf8')).toBe(cacheText);
  });

  it('the text summary says so too, and findings of the offline rules are still printed', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/misc/0010-a.yaml': paper('A', 'http://a.test/paper'),
      'data/papers/misc/0020-b.yaml': paper('B', 'http://b.test/paper'),
      'data/papers/misc/0030-c.yaml': paper('C', 'http://c.test/paper'),
    });
    const dispatcher = dispatcherFor([]);
    const io = memoryIo(dir);
    try {
      const code = await lintListCommand(['--links', '--allow-private-hosts', '--no-cache', '--arxiv-api', `${api.origin}/api/query`], io, { dispatcher, clock, policy: POLICY });
      expect(code).toBe(3);
      const out = io.out();
      expect(out).toContain('http-url');
      expect(out).not.toContain('link-dead');
      const err = io.err();
      expect(err).toMatch(/\n {2}network +unreachable \(3 of 3 hosts failed\); no link judged\n/);
      // The state table counts the three links as unreached, none as dead.
      expect(err).toContain(
        [
          'Link check',
          '  links checked  3  (3 URLs, 0 arXiv ids; 3 occurrences)',
          '  requests sent  3  (0 to the arXiv API)',
          '  from cache     0',
          '  ok             0',
          '  redirected     0',
          '  unverifiable   0',
          '  rate-limited   0',
          '  timeout        0',
          '  dead           0',
          '  unreached      3',
          '  network        unreachable (3 of 3 hosts failed); no link judged',
          '',
        ].join('\n'),
      );
    } finally {
      await dispatcher.close();
    }
  });

  it('the usage text documents exit 3', async () => {
    const io = memoryIo(tempDir());
    expect(await lintListCommand(['--help'], io)).toBe(0);
    expect(io.out()).toContain(
      '3 (with --links) when the network\nlooks unreachable: more than three quarters of the hosts asked, and at least 3, failed at DNS or\nconnect',
    );
  });

  it('an unreachable arXiv API counts as one more host that failed', async () => {
    const list = () => {
      const dir = tempDir();
      writeFiles(dir, {
        'data/categories.yaml': CATEGORIES,
        'data/papers/misc/0010-a.yaml': paper('A', 'http://a.test/paper'),
        'data/papers/misc/0020-b.yaml': paper('B', 'http://b.test/paper'),
        'data/papers/misc/0050-x.yaml': ARXIV_PAPER,
      });
      return dir;
    };
    // With the API answering, two dead hosts are just two dead links.
    const apiUp = await lintList(list(), [], `${api.origin}/api/query`);
    expect(apiUp.code).toBe(1);
    expect(apiUp.findings).toEqual(['data/papers/misc/0010-a.yaml:2:6 link-dead', 'data/papers/misc/0020-b.yaml:2:6 link-dead']);
    expect(apiUp.links.network).toEqual({ hosts: 3, failed: 2, dns: 2, refused: 0, connectTimeout: 0, noRoute: 0, unreachable: false });
    // With the API unreachable too, three of three hosts failed: the network is down.
    const apiDown = await lintList(list(), [], 'http://api.test/api/query');
    expect(apiDown.code).toBe(3);
    expect(apiDown.findings).toEqual([]);
  });
});

describe('dead hosts among live ones', () => {
  it('one dead host among several live ones is still link-dead, and the cache records it', async () => {
    const dir = tempDir();
    const s = site.port;
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/misc/0010-a.yaml': paper('A', `http://l1.test:${s}/ok`),
      'data/papers/misc/0020-b.yaml': paper('B', `http://l2.test:${s}/ok`),
      'data/papers/misc/0030-c.yaml': paper('C', `http://l3.test:${s}/ok`),
      'data/papers/misc/0040-d.yaml': paper('D', 'http://gone.test/paper'),
    });
    const run = await lintList(dir, ['l1.test', 'l2.test', 'l3.test'], `${api.origin}/api/query`);
    expect(run.code).toBe(1);
    expect(run.findings).toEqual(['data/papers/misc/0040-d.yaml:2:6 link-dead']);
    expect(run.links.network).toEqual({ hosts: 4, failed: 1, dns: 1, refused: 0, connectTimeout: 0, noRoute: 0, unreachable: false });
    expect(run.stderr).toBe('');
    const cache = JSON.parse(readFileSync(join(dir, '.cache/links.json'), 'utf8')) as { links: Record<string, { state: string }> };
    expect(cache.links['http://gone.test/paper']?.state).toBe('dead');
  });

  it('three of four hosts failing is not "most": a small list with dead hosts reports them dead', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/misc/0010-a.yaml': paper('A', `http://l1.test:${site.port}/ok`),
      'data/papers/misc/0020-b.yaml': paper('B', 'http://b.test/paper'),
      'data/papers/misc/0030-c.yaml': paper('C', 'http://c.test/paper'),
      'data/papers/misc/0040-d.yaml': paper('D', 'http://d.test/paper'),
    });
    const run = await lintList(dir, ['l1.test'], `${api.origin}/api/query`);
    expect(run.code).toBe(1);
    expect(run.findings).toEqual(['data/papers/misc/0020-b.yaml:2:6 link-dead', 'data/papers/misc/0030-c.yaml:2:6 link-dead', 'data/papers/misc/0040-d.yaml:2:6 link-dead']);
  });

  it('hosts that connect but never answer are slow, not unreachable', async () => {
    // The connection must be up before the timeout ends the request: 3 s leaves a busy machine room for it.
    const dir = tempDir();
    const s = site.port;
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/misc/0010-a.yaml': paper('A', `http://h1.test:${s}/hang`),
      'data/papers/misc/0020-b.yaml': paper('B', `http://h2.test:${s}/hang`),
      'data/papers/misc/0030-c.yaml': paper('C', `http://h3.test:${s}/hang`),
    });
    const dispatcher = dispatcherFor(['h1.test', 'h2.test', 'h3.test']);
    try {
      const { problems, summary } = await runLinkCheck(
        { cache: false, allowPrivateHosts: true, progress: false, clock, dispatcher, arxivApi: `${api.origin}/api/query`, policy: { retries: 0, defaults: { timeoutMs: 3000 } } },
        memoryIo(dir),
      );
      expect(problems.map((p) => `${p.file}:${p.line} ${p.rule}`)).toEqual([
        'data/papers/misc/0010-a.yaml:2 link-timeout',
        'data/papers/misc/0020-b.yaml:2 link-timeout',
        'data/papers/misc/0030-c.yaml:2 link-timeout',
      ]);
      expect(summary.network).toEqual({ hosts: 3, failed: 0, dns: 0, refused: 0, connectTimeout: 0, noRoute: 0, unreachable: false });
    } finally {
      await dispatcher.close();
    }
  });
});

describe('timeouts at connect', () => {
  it('hosts whose connection never comes up count as failed at connect', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/misc/0010-a.yaml': paper('A', 'http://s1.test/paper'),
      'data/papers/misc/0020-b.yaml': paper('B', 'http://s2.test/paper'),
      'data/papers/misc/0030-c.yaml': paper('C', 'http://s3.test/paper'),
    });
    // A lookup that never answers: the connection is never made, and only the connect timeout ends it
    // (1 s here instead of the default 15 s; the classification is the same).
    const dispatcher = createLinkDispatcher({ allowPrivate: true, resolve: () => {}, connectTimeoutMs: 1000 });
    try {
      const { problems, summary } = await runLinkCheck(
        { cache: false, allowPrivateHosts: true, progress: false, clock, dispatcher, arxivApi: `${api.origin}/api/query`, policy: { retries: 0, defaults: { timeoutMs: 100 } } },
        memoryIo(dir),
      );
      expect(problems).toEqual([]);
      expect(summary.network).toEqual({ hosts: 3, failed: 3, dns: 0, refused: 0, connectTimeout: 3, noRoute: 0, unreachable: true });
    } finally {
      await dispatcher.close();
    }
  });
});

describe('waits are told', () => {
  it('each retry and each paused host, one line on stderr, with what it waits for', async () => {
    const dir = tempDir();
    const s = site.port;
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/misc/0010-a.yaml': paper('A', `http://w1.test:${s}/flaky`),
      'data/papers/misc/0020-b.yaml': paper('B', `http://w2.test:${s}/limited`),
      'data/papers/misc/0030-c.yaml': paper('C', `http://w3.test:${s}/reset`),
      'data/papers/misc/0050-x.yaml': ARXIV_PAPER,
    });
    const limitedApi = await startServer((_req, res, body, nth) => {
      if (nth === 1) return void res.writeHead(429, { 'retry-after': '30' }).end();
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(arxivFeedFor(new URLSearchParams(body).get('id_list')!.split(',')));
    });
    const dispatcher = dispatcherFor(['w1.test', 'w2.test', 'w3.test']);
    const io = memoryIo(dir);
    try {
      const { problems } = await runLinkCheck(
        {
          cache: false,
          allowPrivateHosts: true,
          progress: false,
          clock,
          dispatcher,
          arxivApi: `${limitedApi.origin}/api/query`,
          policy: { retries: 2, retryBaseMs: 1000, defaults: { timeoutMs: 10_000, intervalMs: 0 }, hosts: { 'w3.test': { method: 'get' } }, arxiv: { intervalMs: 3000 } },
        },
        io,
      );
      expect(problems).toEqual([]);
      // Hosts are asked side by side: the order of the lines is theirs, each line is exact.
      expect(io.err().split('\n').sort()).toEqual(
        [
          '',
          `retrying http://w1.test:${s}/flaky in 0.8 s (503, attempt 2 of 3)`,
          `retrying http://w3.test:${s}/reset in 0.8 s (connection closed, attempt 2 of 3)`,
          `waiting 30 s for ${limitedApi.origin.slice('http://'.length)} (429, Retry-After)`,
          `waiting 30 s for w2.test:${s} (429, Retry-After)`,
        ].sort(),
      );
    } finally {
      await dispatcher.close();
      await limitedApi.close();
    }
  });

  it('a run where nothing waits prints nothing', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/misc/0010-a.yaml': paper('A', `http://q1.test:${site.port}/ok`),
      'data/papers/misc/0050-x.yaml': ARXIV_PAPER,
    });
    const dispatcher = dispatcherFor(['q1.test']);
    const io = memoryIo(dir);
    try {
      const { problems } = await runLinkCheck({ cache: false, allowPrivateHosts: true, progress: false, clock, dispatcher, arxivApi: `${api.origin}/api/query`, policy: POLICY }, io);
      expect(problems).toEqual([]);
      expect(io.err()).toBe('');
    } finally {
      await dispatcher.close();
    }
  });
});

describe('template links', () => {
  it('every absolute link and image of the templates is checked, and reported at file:line:column', async () => {
    const dir = tempDir();
    const s = `http://l1.test:${site.port}`;
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/misc/0010-a.yaml': paper('A', `${s}/ok`),
      'templates/README.md': [
        '# The list',
        '',
        `<p align="center"><a href="${s}/gone-a">Paper</a> | <a href="#the-list">List</a></p>`,
        '',
        `Read [the survey](${s}/gone-b) or [locally](./docs/x.md).`,
        `See ${s}/gone-c.`,
        '',
        `![badge](${s}/gone-d)`,
        '',
        '```',
        `${s}/in-code-is-not-a-link`,
        '```',
        '',
        `[ref]: ${s}/ok`,
        '',
      ].join('\n'),
    });
    writeFileSync(join(dir, 'templates/README_zh.md'), `阅读[中文](${s}/gone-e)\n`);
    const run = await lintList(dir, ['l1.test'], `${api.origin}/api/query`);
    expect(run.code).toBe(1);
    expect(run.findings).toEqual([
      'templates/README.md:3:28 link-dead',
      'templates/README.md:5:6 link-dead',
      'templates/README.md:6:5 link-dead',
      'templates/README.md:8:1 link-dead',
      'templates/README_zh.md:1:3 link-dead',
    ]);
    expect(site.count('/in-code-is-not-a-link')).toBe(0);
  });
});

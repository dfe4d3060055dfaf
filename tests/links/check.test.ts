import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLinkSummary } from '../../src/cli/lint-list-links.js';
import { LinkCheckError, runLinkCheck, type LinkCheckOptions } from '../../src/links/run.js';
import type { Problem } from '../../src/core/problem.js';
import { createLinkDispatcher } from '../../src/links/fetch.js';
import { memoryIo, tempDir, writeFiles } from '../helpers.js';
import { fakeArxivApi, startServer, virtualClock, type TestServer } from './helpers.js';
import { LintJsonOutput } from '../../src/core/findings-json.js';

let site: TestServer;
let api: TestServer;
const clock = virtualClock();

beforeAll(async () => {
  site = await startServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/ok' || path === '/ok2' || path === '/badge.svg') return void res.writeHead(200).end();
    if (path === '/gone') return void res.writeHead(404).end();
    if (path === '/moved') return void res.writeHead(301, { location: '/ok' }).end();
    if (path === '/bot') return void res.writeHead(403).end();
    if (path === '/hang') return;
    res.writeHead(500).end();
  });
  api = await fakeArxivApi(clock);
});

afterAll(async () => {
  await site.close();
  await api.close();
});

const CATEGORIES = 'categories:\n  - id: architecture\n    name: { en: Architecture }\n';

function paper(fields: Record<string, string | number>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : v}`)
    .join('\n')
    .concat('\n');
}

/** A dispatcher that resolves no host name: a bug that fetched arxiv.org would fail here, not reach the internet. */
function offlineDispatcher() {
  return createLinkDispatcher({
    allowPrivate: true,
    resolve: (host, _o, cb) => cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []),
  });
}

function options(extra: Partial<LinkCheckOptions> = {}): LinkCheckOptions {
  return {
    dataDir: 'data',
    templatesDir: 'templates',
    cache: '.cache/links.json',
    arxivApi: `${api.origin}/api/query`,
    allowPrivateHosts: true,
    progress: false,
    clock,
    // No short request timeout here: these servers answer at once, but on a busy machine "at once" can
    // take longer than any small limit. Only the tests of /hang, which never answers, set one.
    policy: { retries: 1, retryBaseMs: 10, defaults: { intervalMs: 0 }, arxiv: { intervalMs: 0 } },
    ...extra,
  };
}

async function run(dir: string, extra: Partial<LinkCheckOptions> = {}) {
  const dispatcher = offlineDispatcher();
  try {
    return await runLinkCheck({ ...options(extra), dispatcher }, memoryIo(dir));
  } finally {
    await dispatcher.close();
  }
}

const brief = (problems: Problem[]) => problems.map((p) => `${p.file}:${p.line} ${p.severity} ${p.rule}`).sort();

describe('lint-list --links, end to end', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    const s = site.origin;
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/architecture/0001-ok.yaml': paper({ title: 'Some Paper', url: `${s}/ok`, year: 2024 }),
      'data/papers/architecture/0002-same.yaml': paper({ title: 'Same Link', url: `${s}/ok#section`, year: 2024 }),
      'data/papers/architecture/0003-dead.yaml': paper({ title: 'Dead', url: `${s}/gone`, year: 2024 }),
      'data/papers/architecture/0004-moved.yaml': paper({ title: 'Moved', url: `${s}/moved`, year: 2024 }),
      'data/papers/architecture/0005-arxiv.yaml': paper({
        title: 'World Model on Million-Length Video and Language with Blockwise RingAttention',
        url: 'https://arxiv.org/abs/2402.08268',
        year: 2024,
      }),
      'data/papers/architecture/0006-wrong.yaml': paper({
        title: 'A Totally Different Paper',
        url: 'https://arxiv.org/abs/2307.03172',
        venue: 'arXiv preprint arXiv:2307.03172',
        year: 2023,
      }),
      'data/papers/architecture/0007-missing.yaml': paper({ title: 'Missing', url: 'https://arxiv.org/pdf/2402.99999v1', year: 2024 }),
      'data/papers/architecture/0008-withdrawn.yaml': paper({ title: 'A study of context windows & their limits', url: 'http://arxiv.org/abs/2401.01234', year: 2024 }),
      'data/papers/architecture/0009-latex.yaml': paper({ title: '∞Bench: Extending Long Context Evaluation Beyond 100K Tokens', url: 'https://arxiv.org/abs/2402.13718v2', year: 2024 }),
      'data/papers/architecture/0010-published.yaml': paper({
        title: 'Lost in the Middle: How Language Models Use Long Contexts',
        url: `${s}/ok2`,
        venue: 'arXiv preprint arXiv:2307.03172',
        year: 2023,
        arxiv: '2307.03172',
      }),
      'data/papers/architecture/0011-raw.yaml': `raw: "**[Raw.](${s}/bot)** Someone. 2020"\n`,
      'data/news.yaml': `news:\n  - date: "2024-05-01"\n    text:\n      en: "We moved: see [the list](${s}/gone)."\n`,
      'templates/README.md': `# The list\n\n![badge](${s}/badge.svg)\n\nSee [our paper](https://arxiv.org/abs/2402.08268) and [the site](${s}/ok).\n\n<!-- generated:papers -->\n`,
    });
  });

  it('reports one state per link, at the entry\'s file and line', async () => {
    const siteBefore = site.received.length;
    const apiBefore = api.received.length;
    const { problems, summary } = await run(dir);
    expect(brief(problems)).toEqual(
      [
        'data/news.yaml:4 error link-dead',
        'data/papers/architecture/0003-dead.yaml:2 error link-dead',
        'data/papers/architecture/0004-moved.yaml:2 warning link-redirected',
        'data/papers/architecture/0006-wrong.yaml:2 error arxiv-title-mismatch',
        'data/papers/architecture/0006-wrong.yaml:2 info arxiv-published',
        'data/papers/architecture/0007-missing.yaml:2 error arxiv-not-found',
        'data/papers/architecture/0008-withdrawn.yaml:2 warning arxiv-withdrawn',
        'data/papers/architecture/0010-published.yaml:5 info arxiv-published',
        'data/papers/architecture/0011-raw.yaml:1 warning link-unverifiable',
      ].sort(),
    );
    const moved = problems.find((p) => p.rule === 'link-redirected')!;
    expect(moved.fix).toEqual({ path: ['url'], value: `${site.origin}/ok` });
    expect(problems.find((p) => p.rule === 'arxiv-title-mismatch')!.message).toContain('Lost in the Middle');

    // Identical URLs once (the fragment does not count); arXiv pages never fetched; one API request.
    const sent = site.received.slice(siteBefore);
    const count = (path: string) => sent.filter((r) => r.path === path).length;
    expect(count('/ok')).toBe(2); // once as itself, once as the end of /moved's redirect
    expect(count('/gone')).toBe(2); // HEAD, then GET to confirm
    expect(count('/moved')).toBe(1);
    expect(count('/badge.svg')).toBe(1);
    expect(count('/bot')).toBe(2);
    const apiSent = api.received.slice(apiBefore);
    expect(apiSent).toHaveLength(1);
    expect(new URLSearchParams(apiSent[0]!.body).get('id_list')!.split(',').sort()).toEqual(
      ['2307.03172', '2401.01234', '2402.08268', '2402.13718', '2402.99999'],
    );

    expect(summary).toMatchObject({ urls: 6, cached: 0, requests: sent.length + 1 });
    expect(summary.arxiv).toMatchObject({ ids: 5, notFound: 1, titleMismatch: 1, withdrawn: 1, published: 2, requests: 1 });
    expect(summary.states).toMatchObject({ ok: 3 + 4, redirected: 1, dead: 1 + 1, unverifiable: 1 });
    const table = formatLinkSummary(summary);
    expect(table).toMatch(/links checked\s+11/);
    expect(table).toMatch(/requests sent/);
    expect(existsSync(join(dir, '.cache/links.json'))).toBe(true);
  });

  it('a second run reuses successes and re-checks failures only', async () => {
    const siteBefore = site.received.length;
    const apiBefore = api.received.length;
    const { summary } = await run(dir);
    const paths = site.received.slice(siteBefore).map((r) => r.path);
    expect(new Set(paths)).toEqual(new Set(['/gone', '/bot']));
    // Found arXiv records are reused for a day; the unknown id is asked again.
    const apiSent = api.received.slice(apiBefore);
    expect(apiSent.map((r) => new URLSearchParams(r.body).get('id_list'))).toEqual(['2402.99999']);
    expect(summary.cached).toBe(4);
    expect(summary.arxiv.cached).toBe(4);
  });
});

describe('cache, timeouts, config, addresses', () => {
  it('a second run over unchanged links sends no request', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/architecture/0001-a.yaml': paper({ title: 'A', url: `${site.origin}/ok`, year: 2024 }),
      'data/papers/architecture/0002-b.yaml': paper({
        title: 'World Model on Million-Length Video And Language With Blockwise RingAttention',
        url: 'https://arxiv.org/abs/2402.08268',
        year: 2024,
      }),
    });
    const first = await run(dir);
    expect(first.problems).toEqual([]);
    expect(first.summary.requests).toBe(2);
    const siteBefore = site.received.length;
    const apiBefore = api.received.length;
    const second = await run(dir);
    expect(second.summary.requests).toBe(0);
    expect(site.received.length).toBe(siteBefore);
    expect(api.received.length).toBe(apiBefore);
    expect(second.problems).toEqual([]);
  });

  it('a timeout is a warning, and an error when it repeats on the next run', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/architecture/0001-slow.yaml': paper({ title: 'Slow', url: `${site.origin}/hang`, year: 2024 }),
    });
    const first = await run(dir, { policy: { retries: 0, defaults: { timeoutMs: 100 } } });
    expect(brief(first.problems)).toEqual(['data/papers/architecture/0001-slow.yaml:2 warning link-timeout']);
    const second = await run(dir, { policy: { retries: 0, defaults: { timeoutMs: 100 } } });
    expect(brief(second.problems)).toEqual(['data/papers/architecture/0001-slow.yaml:2 error link-timeout']);
    expect(second.problems[0]!.message).toMatch(/previous one/);
  });

  it('a misspelled config key is an error naming the file and line, and nothing is checked', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/architecture/0001-a.yaml': paper({ title: 'A', url: `${site.origin}/ok`, year: 2024 }),
      'link-check.yaml': 'concurrency: 4\nhosts:\n  github.com:\n    intervalMS: 500\n',
    });
    const before = site.received.length;
    const { problems } = await run(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: 'schema', severity: 'error', file: 'link-check.yaml', line: 4 });
    expect(problems[0]!.message).toMatch(/intervalMS/);
    expect(site.received.length).toBe(before);
  });

  it('a config file named but missing is bad usage', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'data/categories.yaml': CATEGORIES });
    await expect(run(dir, { config: 'nope.yaml' })).rejects.toBeInstanceOf(LinkCheckError);
  });

  it('without --allow-private-hosts, loopback links are private-address findings, not requests', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/architecture/0001-a.yaml': paper({ title: 'A', url: `${site.origin}/ok`, year: 2024 }),
      'templates/README.md': `[local](http://localhost:${site.port}/ok)\n`,
    });
    // A cache written with --allow-private-hosts is not trusted by a run without it.
    const allowed = await run(dir);
    expect(allowed.problems.filter((p) => p.file.startsWith('data/'))).toEqual([]);
    const before = site.received.length;
    const io = memoryIo(dir);
    const { problems, summary } = await runLinkCheck({ ...options(), allowPrivateHosts: false }, io);
    expect(brief(problems)).toEqual(['data/papers/architecture/0001-a.yaml:2 error private-address', 'templates/README.md:1 error private-address']);
    expect(site.received.length).toBe(before);
    expect(summary.requests).toBe(0);
    expect(summary.states['private-address']).toBe(2);
  });
});

describe('lint-list --links-only', () => {
  it('reports the link findings and none of the offline ones', async () => {
    const { lintListCommand } = await import('../../src/cli/lint-list.js');
    const dir = tempDir();
    // Only loopback links and no arXiv id: nothing here may reach beyond this machine.
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/architecture/0010-dead.yaml': paper({ title: 'Dead', url: `${site.origin}/gone`, year: 2024 }),
      'data/papers/architecture/0020-fine.yaml': paper({ title: 'Fine', url: `${site.origin}/ok`, year: 2024 }),
    });
    const findings = async (flag: string) => {
      const io = memoryIo(dir);
      const code = await lintListCommand([flag, '--allow-private-hosts', '--no-cache', '--format', 'json'], io);
      const out = LintJsonOutput.parse(JSON.parse(io.out()));
      return [code, out.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)];
    };
    // The loopback URLs are http: the offline http-url rule fires too, unless only links are asked for.
    expect(await findings('--links')).toEqual([
      1,
      [
        'data/papers/architecture/0010-dead.yaml:2 http-url',
        'data/papers/architecture/0010-dead.yaml:2 link-dead',
        'data/papers/architecture/0020-fine.yaml:2 http-url',
      ],
    ]);
    expect(await findings('--links-only')).toEqual([1, ['data/papers/architecture/0010-dead.yaml:2 link-dead']]);
  });
});

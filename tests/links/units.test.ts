import { describe, expect, it } from 'vitest';
import { formatLinkSummary } from '../../src/cli/lint-list-links.js';
import { guardedLookup, isPublicAddress, PRIVATE_ADDRESS_CODE } from '../../src/links/address.js';
import { cachedArxiv, cachedLink, emptyCache, previousTimeouts, recordResults } from '../../src/links/cache.js';
import { backoffDelay, classifyError, classifyResponse, headNeedsGet, isRetryable, parseRetryAfter } from '../../src/links/classify.js';
import { isArxivPageUrl, urlsInMarkdown } from '../../src/links/collect.js';
import { DEFAULT_POLICY, mergePolicy, policyFor } from '../../src/links/policy.js';
import { renderProgress } from '../../src/links/progress.js';
import { createScheduler } from '../../src/links/schedule.js';
import { foldTitle, sameTitle, titleSimilarity } from '../../src/links/title.js';
import { LINK_STATES, type LinkState, type LinkSummary } from '../../src/links/types.js';
import { virtualClock } from './helpers.js';

describe('addresses', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.32.0.1', true],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['8.8.8.8', true],
    ['140.82.112.3', true],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::10.0.0.1', false],
    ['2001:db8::1', false],
    ['2606:4700:4700::1111', true],
    ['[::1]', false],
    ['not-an-ip', false],
  ])('%s public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it('the guarded lookup keeps public addresses and refuses an all-private answer', async () => {
    const resolver = (answer: { address: string; family: number }[]) => (_h: string, _o: { all: true }, cb: (e: null, a: typeof answer) => void) => cb(null, answer);
    const lookup = (answer: { address: string; family: number }[], allowPrivate = false) =>
      new Promise<{ error: NodeJS.ErrnoException | null; addresses: unknown }>((resolve) =>
        guardedLookup(allowPrivate, resolver(answer))('host.test', { all: true }, (error, addresses) => resolve({ error, addresses })),
      );
    const mixed = await lookup([{ address: '10.0.0.1', family: 4 }, { address: '93.184.216.34', family: 4 }]);
    expect(mixed.addresses).toEqual([{ address: '93.184.216.34', family: 4 }]);
    const private_ = await lookup([{ address: '10.0.0.1', family: 4 }]);
    expect(private_.error?.code).toBe(PRIVATE_ADDRESS_CODE);
    const allowed = await lookup([{ address: '10.0.0.1', family: 4 }], true);
    expect(allowed.addresses).toEqual([{ address: '10.0.0.1', family: 4 }]);
  });
});

describe('classify', () => {
  it('responses', () => {
    expect(classifyResponse(200, {}).state).toBe('ok');
    expect(classifyResponse(206, {}).state).toBe('ok');
    expect(classifyResponse(404, {}).state).toBe('dead');
    expect(classifyResponse(410, {}).state).toBe('dead');
    expect(classifyResponse(401, {}).state).toBe('unverifiable');
    expect(classifyResponse(200, { 'cf-mitigated': 'challenge' }).state).toBe('unverifiable');
    expect(classifyResponse(429, {}).state).toBe('rate-limited');
    expect(classifyResponse(500, {}).state).toBe('unverifiable');
  });

  it('errors', () => {
    expect(classifyError('ENOTFOUND', '').state).toBe('dead');
    expect(classifyError('ECONNREFUSED', '').state).toBe('dead');
    expect(classifyError('ECONNRESET', '').state).toBe('dead');
    expect(classifyError('UND_ERR_HEADERS_TIMEOUT', '').state).toBe('timeout');
    expect(classifyError(PRIVATE_ADDRESS_CODE, 'x').state).toBe('private-address');
    expect(classifyError('CERT_HAS_EXPIRED', 'certificate has expired').state).toBe('unverifiable');
  });

  it('what is retried, and when HEAD deserves a GET', () => {
    expect(isRetryable({ kind: 'response', status: 503, headers: {} })).toBe(true);
    expect(isRetryable({ kind: 'response', status: 501, headers: {} })).toBe(false);
    expect(isRetryable({ kind: 'response', status: 404, headers: {} })).toBe(false);
    expect(isRetryable({ kind: 'error', code: 'ENOTFOUND', message: '' })).toBe(false);
    expect(headNeedsGet({ kind: 'response', status: 405, headers: {} })).toBe(true);
    expect(headNeedsGet({ kind: 'response', status: 429, headers: {} })).toBe(false);
    expect(headNeedsGet({ kind: 'error', code: 'LINKCHECK_TIMEOUT', message: '' })).toBe(false);
  });

  it('Retry-After and backoff', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(backoffDelay(0, 1000, () => 0)).toBe(500);
    expect(backoffDelay(2, 1000, () => 1)).toBe(4000);
    expect(backoffDelay(20, 1000, () => 1)).toBe(60_000);
  });
});

describe('titles', () => {
  it('fold case, punctuation, accents and LaTeX', () => {
    expect(sameTitle('$\\infty$Bench: Extending Long Context Evaluation Beyond 100K Tokens', '∞Bench: extending long-context evaluation beyond 100K tokens.')).toBe(true);
    expect(sameTitle('Schr\\"odinger Bridges', 'Schrödinger bridges')).toBe(true);
    expect(sameTitle('$\\alpha$-Attention', 'α-Attention')).toBe(true);
    expect(sameTitle('\\textsc{LongNet}: Scaling to 1B Tokens', 'LongNet: Scaling to 1B tokens')).toBe(true);
    expect(sameTitle('Ring Attention', 'Striped Attention')).toBe(false);
    expect(foldTitle('  Lost in the Middle:\n How LMs use Long Contexts ')).toBe('lostinthemiddlehowlmsuselongcontexts');
  });

  it('similarity tells a renamed paper from a wrong link', () => {
    expect(titleSimilarity('Efficient Streaming Language Models with Attention Sinks', 'Efficient Streaming LMs with Attention Sinks')).toBeGreaterThan(0.5);
    expect(titleSimilarity('Efficient Streaming Language Models with Attention Sinks', 'Lost in the Middle')).toBeLessThan(0.2);
  });
});

describe('policy', () => {
  it('exact rows, wildcard rows, defaults', () => {
    expect(policyFor(DEFAULT_POLICY, 'github.com')).toMatchObject({ concurrency: 2, intervalMs: 500, method: 'head' });
    expect(policyFor(DEFAULT_POLICY, 'export.arxiv.org')).toMatchObject({ concurrency: 1, intervalMs: 3000 });
    expect(policyFor(DEFAULT_POLICY, 'example.org')).toEqual(DEFAULT_POLICY.defaults);
  });

  it('overrides merge field by field', () => {
    const merged = mergePolicy(DEFAULT_POLICY, { hosts: { 'GitHub.com': { intervalMs: 2000 } }, defaults: { timeoutMs: 5000 }, arxiv: { batchSize: 50 } });
    expect(policyFor(merged, 'github.com')).toMatchObject({ concurrency: 2, intervalMs: 2000, timeoutMs: 5000 });
    expect(merged.arxiv).toMatchObject({ batchSize: 50, intervalMs: 3000 });
    expect(DEFAULT_POLICY.defaults.timeoutMs).toBe(15_000);
  });
});

describe('scheduler', () => {
  it('spaces requests to one host by its interval and pauses it after a 429', async () => {
    const clock = virtualClock(0);
    const policy = mergePolicy(DEFAULT_POLICY, { hosts: { 'slow.test': { concurrency: 2, intervalMs: 1000 } } });
    const scheduler = createScheduler(policy, clock);
    const starts: number[] = [];
    await Promise.all([1, 2, 3].map(() => scheduler.run('slow.test', 'slow.test', async () => void starts.push(clock.now()))));
    expect(starts).toEqual([0, 1000, 2000]);
    scheduler.pause('slow.test', 10_000);
    await scheduler.run('slow.test', 'slow.test', async () => void starts.push(clock.now()));
    expect(starts.at(-1)).toBe(10_000);
  });
});

describe('collect', () => {
  it('finds links, images, definitions, HTML attributes and bare URLs with their lines', () => {
    const md = [
      '# Title',
      '',
      '<p align="center"><img src="https://img.example/logo.png"></p>',
      '',
      'See [paper](https://x.example/a) and https://bare.example/path).',
      '',
      '[ref]: https://def.example/',
      '![badge](https://badge.example/b.svg) [anchor](#section) [rel](./CONTRIBUTING.md)',
    ].join('\n');
    expect(urlsInMarkdown(md).map((f) => `${f.line}:${f.url}`)).toEqual([
      '3:https://img.example/logo.png',
      '5:https://x.example/a',
      '5:https://bare.example/path',
      '7:https://def.example/',
      '8:https://badge.example/b.svg',
    ]);
  });

  it('arXiv pages are verified by identity, other hosts with arXiv ids are fetched', () => {
    expect(isArxivPageUrl('https://arxiv.org/abs/2402.08268')).toBe(true);
    expect(isArxivPageUrl('https://arxiv.org/pdf/2402.08268v2.pdf')).toBe(true);
    expect(isArxivPageUrl('https://arxiv.org/list/cs.CL/recent')).toBe(false);
    expect(isArxivPageUrl('https://huggingface.co/papers/2402.08268')).toBe(false);
  });
});

describe('cache', () => {
  const day = 24 * 60 * 60 * 1000;
  it('reuses ok for 7 days, never failures, arXiv records for 1 day', () => {
    const t0 = 1_000_000_000_000;
    let cache = recordResults(
      emptyCache(),
      [
        { url: 'https://ok.example/', state: 'ok', detail: '200 OK', requests: 1 },
        { url: 'https://dead.example/', state: 'dead', detail: '404', requests: 2 },
        { url: 'https://slow.example/', state: 'timeout', detail: 'x', requests: 2, timeoutStreak: 1 },
      ],
      new Map([['2402.08268', { id: '2402.08268', version: 1, title: 'T', authors: [], published: '', updated: '', withdrawn: false }]]),
      t0,
    );
    cache = JSON.parse(JSON.stringify(cache));
    expect(cachedLink(cache, 'https://ok.example/', t0 + 6 * day, 7)).toMatchObject({ state: 'ok', requests: 0, fromCache: true });
    expect(cachedLink(cache, 'https://ok.example/', t0 + 8 * day, 7)).toBeUndefined();
    expect(cachedLink(cache, 'https://dead.example/', t0 + 1, 7)).toBeUndefined();
    expect(previousTimeouts(cache, 'https://slow.example/')).toBe(1);
    expect(cachedArxiv(cache, '2402.08268', t0 + day / 2, 1)).toMatchObject({ title: 'T' });
    expect(cachedArxiv(cache, '2402.08268', t0 + 2 * day, 1)).toBeUndefined();
  });
});

describe('output', () => {
  const states = Object.fromEntries(LINK_STATES.map((s) => [s, 0])) as Record<LinkState, number>;
  it('progress bar text', () => {
    expect(renderProgress(5, 10, { ...states, dead: 1 }, 10)).toBe('links [#####.....] 5/10  dead 1');
  });

  it('summary table', () => {
    const summary: LinkSummary = {
      references: 700,
      urls: 150,
      cached: 10,
      requests: 163,
      states: { ...states, ok: 630, dead: 2, redirected: 3, unverifiable: 5, unreached: 0 },
      arxiv: { ids: 490, cached: 0, requests: 3, notFound: 1, titleMismatch: 0, withdrawn: 0, published: 12, unverified: 0 },
      elapsedMs: 41_234,
    };
    const table = formatLinkSummary(summary);
    expect(table).toContain('  links checked  640  (150 URLs, 490 arXiv ids; 700 occurrences)\n');
    expect(table).toContain('  requests sent  163  (3 to the arXiv API)\n');
    expect(table).toContain('  dead           2\n');
    expect(table).toContain('  time           41.2 s\n');
    expect(table).not.toContain('private address');
    expect(table).not.toContain('unreached');
  });
});

import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrl, createLinkDispatcher, type FetchContext } from '../../src/links/fetch.js';
import { DEFAULT_POLICY, mergePolicy, type PolicyOverrides } from '../../src/links/policy.js';
import { createScheduler } from '../../src/links/schedule.js';
import { startServer, virtualClock, type TestServer } from './helpers.js';

const HUGE_BYTES = 256 * 1024 * 1024;
let server: TestServer;
let hugeBytesSent = 0;

function redirect(res: import('node:http').ServerResponse, status: number, location: string) {
  res.writeHead(status, { location });
  res.end();
}

beforeAll(async () => {
  server = await startServer((req, res, _body, nth) => {
    const path = req.url ?? '/';
    const head = req.method === 'HEAD';
    if (path === '/ok') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
    if (path === '/gone404') return void res.writeHead(404).end('not here');
    if (path === '/gone410') return void res.writeHead(410).end();
    if (path === '/r1') return redirect(res, 301, '/r2');
    if (path === '/r2') return redirect(res, 308, `${server.origin}/ok`);
    if (path === '/temp') return redirect(res, 302, '/ok');
    if (path === '/mixed') return redirect(res, 301, '/temp');
    if (path === '/loop-a') return redirect(res, 301, '/loop-b');
    if (path === '/loop-b') return redirect(res, 302, '/loop-a');
    if (path.startsWith('/hop/')) {
      const n = Number(path.slice(5));
      return redirect(res, 302, `/hop/${n + 1}`);
    }
    if (path === '/head405') return void res.writeHead(head ? 405 : 206).end(head ? undefined : 'x');
    if (path === '/head404') return void res.writeHead(head ? 404 : 200).end(head ? undefined : 'x');
    if (path === '/bot') return void res.writeHead(403).end('<h1>Access denied</h1>');
    if (path === '/cf') return void res.writeHead(403, { 'cf-mitigated': 'challenge' }).end();
    if (path === '/li') return void res.writeHead(999).end();
    if (path === '/limited') return void (nth === 1 ? res.writeHead(429, { 'retry-after': '2' }).end() : res.writeHead(200).end());
    if (path === '/limited-long') return void res.writeHead(429, { 'retry-after': '3600' }).end();
    if (path === '/flaky') return void (nth === 1 ? res.writeHead(503).end() : res.writeHead(200).end());
    if (path === '/down') return void res.writeHead(503).end();
    if (path === '/reset') return void req.socket.destroy();
    if (path === '/hang') return; // never answers
    if (path === '/huge') {
      if (head) return void res.writeHead(405).end();
      // Ignores the Range header and streams a huge body until the client goes away.
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(HUGE_BYTES) });
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = () => {
        while (hugeBytesSent < HUGE_BYTES && !res.destroyed) {
          hugeBytesSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {});
      return pump();
    }
    res.writeHead(500).end();
  });
});

afterAll(async () => {
  await server.close();
});

function context(options: { allowPrivate?: boolean; overrides?: PolicyOverrides; resolve?: (host: string) => LookupAddress[] | NodeJS.ErrnoException } = {}) {
  const clock = virtualClock();
  // The default request timeout (15 s) stays: a small one fails answers that a busy machine is slow to
  // deliver. Only the test of /hang, which never answers, shortens it.
  const policy = mergePolicy(DEFAULT_POLICY, { retries: 2, retryBaseMs: 100, defaults: { intervalMs: 0, concurrency: 4 } }, options.overrides);
  const resolver = options.resolve;
  const dispatcher = createLinkDispatcher({
    allowPrivate: options.allowPrivate ?? true,
    ...(resolver
      ? {
          resolve: (host: string, _o: { all: true }, cb: (e: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) => {
            const answer = resolver(host);
            if (Array.isArray(answer)) cb(null, answer);
            else cb(answer, []);
          },
        }
      : {}),
  });
  const ctx: FetchContext = {
    dispatcher,
    scheduler: createScheduler(policy, clock),
    policy,
    clock,
    allowPrivate: options.allowPrivate ?? true,
    deadline: clock.now() + policy.budgetMs,
    preferGet: new Set(),
  };
  return { ctx, clock, close: () => dispatcher.close() };
}

async function check(path: string, options: Parameters<typeof context>[0] = {}) {
  const { ctx, clock, close } = context(options);
  const before = server.received.length;
  try {
    const result = await checkUrl(`${server.origin}${path}`, ctx);
    return { result, clock, sent: server.received.slice(before), ctx };
  } finally {
    await close();
  }
}

describe('checkUrl states', () => {
  it('200 is ok, with a single HEAD and no body', async () => {
    const { result, sent } = await check('/ok');
    expect(result).toMatchObject({ state: 'ok', status: 200, requests: 1 });
    expect(sent.map((r) => r.method)).toEqual(['HEAD']);
    expect(sent[0]!.headers['user-agent']).toBe('thus-spake-list-linkcheck/1.0 (+https://github.com/OpenMOSS/Thus-Spake-Long-Context-LLM)');
  });

  it('404 and 410 are dead (GET confirms what HEAD said)', async () => {
    const a = await check('/gone404');
    expect(a.result).toMatchObject({ state: 'dead', status: 404, requests: 2 });
    expect(a.sent.map((r) => r.method)).toEqual(['HEAD', 'GET']);
    const b = await check('/gone410');
    expect(b.result).toMatchObject({ state: 'dead', status: 410 });
  });

  it('a chain of permanent redirects is redirected, to the final URL', async () => {
    const { result, sent } = await check('/r1');
    expect(result).toMatchObject({ state: 'redirected', finalUrl: `${server.origin}/ok`, requests: 3 });
    expect(sent.map((r) => r.path)).toEqual(['/r1', '/r2', '/ok']);
  });

  it('a temporary redirect is ok; a permanent one before it is the fix target', async () => {
    const temp = await check('/temp');
    expect(temp.result).toMatchObject({ state: 'ok', finalUrl: `${server.origin}/ok` });
    const mixed = await check('/mixed');
    expect(mixed.result).toMatchObject({ state: 'redirected', finalUrl: `${server.origin}/temp` });
  });

  it('a redirect loop is dead, found without going round again', async () => {
    const { result, sent } = await check('/loop-a');
    expect(result.state).toBe('dead');
    expect(result.detail).toMatch(/redirect loop/);
    expect(sent.map((r) => r.path)).toEqual(['/loop-a', '/loop-b']);
  });

  it('more than 10 redirects is dead, after exactly 11 requests', async () => {
    const { result, sent } = await check('/hop/0');
    expect(result.state).toBe('dead');
    expect(result.detail).toMatch(/more than 10 redirects/);
    expect(sent).toHaveLength(11);
  });

  it('HEAD answered 405 falls back to GET with a one-byte Range', async () => {
    const { result, sent, ctx } = await check('/head405');
    expect(result).toMatchObject({ state: 'ok', status: 206, requests: 2 });
    expect(sent.map((r) => r.method)).toEqual(['HEAD', 'GET']);
    expect(sent[1]!.headers.range).toBe('bytes=0-0');
    // The host is remembered as needing GET.
    expect(ctx.preferGet.has(new URL(server.origin).host)).toBe(true);
  });

  it('HEAD answered 404 while GET works is ok', async () => {
    const { result, sent } = await check('/head404');
    expect(result).toMatchObject({ state: 'ok', status: 200 });
    expect(sent.map((r) => r.method)).toEqual(['HEAD', 'GET']);
  });

  it('bot walls are unverifiable: 403, Cloudflare challenge, LinkedIn 999', async () => {
    expect((await check('/bot')).result).toMatchObject({ state: 'unverifiable', status: 403 });
    const cf = await check('/cf');
    expect(cf.result.state).toBe('unverifiable');
    // A challenge answers GET alike: HEAD only, no second request.
    expect(cf.sent.map((r) => r.method)).toEqual(['HEAD']);
    expect(cf.result.detail).toMatch(/Cloudflare/);
    expect((await check('/li')).result).toMatchObject({ state: 'unverifiable', status: 999 });
  });

  it('429 with Retry-After pauses the host for that long, then succeeds', async () => {
    const { result, sent, clock } = await check('/limited');
    expect(result).toMatchObject({ state: 'ok', requests: 2 });
    expect(sent).toHaveLength(2);
    expect(clock.sleeps).toContain(2000);
  });

  it('a Retry-After beyond what the budget allows leaves the link rate-limited, asked once', async () => {
    const { result, sent } = await check('/limited-long');
    expect(result.state).toBe('rate-limited');
    expect(sent).toHaveLength(1);
  });

  it('503 is retried with backoff and recovers', async () => {
    const { result, sent, clock } = await check('/flaky');
    expect(result).toMatchObject({ state: 'ok', requests: 2 });
    expect(sent).toHaveLength(2);
    // Backoff with jitter (random = 0.5): between half and all of 100 ms.
    expect(clock.sleeps[0]).toBe(75);
  });

  it('a persistent 503 is unverifiable after the retries (then one GET)', async () => {
    const { result, sent } = await check('/down');
    expect(result.state).toBe('unverifiable');
    expect(sent.map((r) => r.method)).toEqual(['HEAD', 'HEAD', 'HEAD', 'GET']);
  });

  it('a connection reset after retries is dead', async () => {
    const { result, sent } = await check('/reset');
    expect(result.state).toBe('dead');
    expect(result.detail).toMatch(/connection dropped/);
    expect(sent.map((r) => r.method)).toEqual(['HEAD', 'HEAD', 'HEAD', 'GET']);
  });

  it('a server that never answers times out (retried once)', async () => {
    const { result, sent } = await check('/hang', { overrides: { defaults: { timeoutMs: 200 } } });
    expect(result.state).toBe('timeout');
    expect(sent).toHaveLength(2);
  });

  it('a huge body is not downloaded', async () => {
    hugeBytesSent = 0;
    const { result } = await check('/huge');
    expect(result).toMatchObject({ state: 'ok', status: 200 });
    // Wait for the server to notice the client left, then look at how much it could push.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hugeBytesSent).toBeLessThan(HUGE_BYTES / 8);
  });
});

describe('addresses', () => {
  it('refuses a loopback IP literal without sending anything', async () => {
    const { result, sent } = await check('/ok', { allowPrivate: false });
    expect(result).toMatchObject({ state: 'private-address', requests: 0 });
    expect(sent).toHaveLength(0);
  });

  it('refuses a name that resolves to a private address (checked in the socket lookup)', async () => {
    const { ctx, close } = context({ allowPrivate: false, resolve: () => [{ address: '127.0.0.1', family: 4 }] });
    const before = server.received.length;
    try {
      const result = await checkUrl(`http://rebind.test:${server.port}/ok`, ctx);
      expect(result).toMatchObject({ state: 'private-address', requests: 0 });
      expect(result.detail).toMatch(/127\.0\.0\.1/);
      expect(server.received.length).toBe(before);
    } finally {
      await close();
    }
  });

  it('connects to the address the lookup checked', async () => {
    const { ctx, close } = context({ allowPrivate: true, resolve: () => [{ address: '127.0.0.1', family: 4 }] });
    try {
      const result = await checkUrl(`http://pinned.test:${server.port}/ok`, ctx);
      expect(result.state).toBe('ok');
      expect(server.received.at(-1)!.headers.host).toBe(`pinned.test:${server.port}`);
    } finally {
      await close();
    }
  });

  it('a host name that does not resolve is dead, without retries', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND missing.test'), { code: 'ENOTFOUND' });
    const { ctx, close } = context({ resolve: () => notFound });
    try {
      const result = await checkUrl('http://missing.test/', ctx);
      expect(result).toMatchObject({ state: 'dead', requests: 1 });
      expect(result.detail).toMatch(/DNS/);
    } finally {
      await close();
    }
  });

  it('a refused connection is dead after retries', async () => {
    const gone = await startServer(() => {});
    const port = gone.port;
    await gone.close();
    const { ctx, close } = context();
    try {
      const result = await checkUrl(`http://127.0.0.1:${port}/`, ctx);
      expect(result).toMatchObject({ state: 'dead', requests: 3 });
      expect(result.detail).toMatch(/refused/);
    } finally {
      await close();
    }
  });

  it('only http: and https: are fetched, even after a redirect', async () => {
    const ftp = await startServer((_req, res) => redirect(res, 301, 'ftp://example.org/file'));
    const { ctx, close } = context();
    try {
      const result = await checkUrl(`${ftp.origin}/`, ctx);
      expect(result.state).toBe('unverifiable');
      expect(result.detail).toMatch(/ftp:/);
    } finally {
      await close();
      await ftp.close();
    }
  });
});

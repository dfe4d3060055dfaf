import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../src/links/types.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'links');

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The virtual clock's time on arrival, when a clock was given. */
  at: number;
}

export interface TestServer {
  origin: string;
  port: number;
  received: Received[];
  count(path?: string, method?: string): number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string, nth: number) => void;

/** A server on 127.0.0.1, port 0, recording every request it receives. */
export async function startServer(handler: Handler, clock?: Clock): Promise<TestServer> {
  const received: Received[] = [];
  const perPath = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      received.push({ method: req.method ?? '', path, headers: req.headers, body, at: clock?.now() ?? 0 });
      const nth = (perPath.get(path) ?? 0) + 1;
      perPath.set(path, nth);
      handler(req, res, body, nth);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    received,
    count: (path, method) => received.filter((r) => (path === undefined || r.path === path) && (method === undefined || r.method === method)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Virtual time: a sleep is a timer on a virtual timeline, and time jumps to the earliest timer
 * on the next turn of the event loop, so tests never wait for intervals or backoff, yet
 * concurrent sleepers still wake in order.
 */
export interface TestClock extends Clock {
  sleeps: number[];
}

export function virtualClock(start = 1_700_000_000_000): TestClock {
  let t = start;
  const sleeps: number[] = [];
  const timers: { at: number; seq: number; wake: () => void }[] = [];
  let seq = 0;
  let scheduled = false;
  const pump = () => {
    scheduled = false;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift();
    if (!next) return;
    t = Math.max(t, next.at);
    next.wake();
    if (timers.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  };
  return {
    sleeps,
    now: () => t,
    sleep: (ms) => {
      sleeps.push(ms);
      return new Promise<void>((wake) => {
        timers.push({ at: t + Math.max(0, ms), seq: seq++, wake });
        schedule();
      });
    },
    random: () => 0.5,
  };
}

/**
 * An Atom feed for `ids` from the fixtures: each id's entry from the first folder of `dirs` that
 * has it (ids with none are left out, as arXiv leaves out what it does not know).
 */
export function arxivFeedFor(ids: readonly string[], dirs: readonly string[] = [join(FIXTURES, 'arxiv')]): string {
  const entries = ids
    .map((id) => dirs.map((dir) => join(dir, `${id.replace('/', '_')}.xml`)).find((path) => existsSync(path)))
    .filter((path): path is string => path !== undefined)
    .map((path) => /<entry>[\s\S]*<\/entry>/.exec(readFileSync(path, 'utf8'))?.[0] ?? '');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query: id_list=${ids.join(',')}</title>
  <id>http://arxiv.org/api/fake</id>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${entries.length}</opensearch:totalResults>
  ${entries.join('\n  ')}
</feed>
`;
}

export function fakeArxivApi(clock?: Clock): Promise<TestServer> {
  return startServer((_req, res, body) => {
    const params = new URLSearchParams(body);
    const ids = (params.get('id_list') ?? '').split(',').filter(Boolean);
    res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
    res.end(arxivFeedFor(ids));
  }, clock);
}

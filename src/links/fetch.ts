import { Agent, request, type Dispatcher } from 'undici';
import { guardedLookup, isPublicAddress, literalAddress, PRIVATE_ADDRESS_CODE } from './address.js';
import {
  backoffDelay,
  classifyError,
  classifyResponse,
  header,
  headNeedsGet,
  isRetryable,
  isSuccess,
  isTimeoutCode,
  parseRetryAfter,
  PERMANENT_REDIRECTS,
  REDIRECT_STATUSES,
  retryReason,
  type Attempt,
} from './classify.js';
import { policyFor, USER_AGENT, type HostPolicy, type LinkPolicy } from './policy.js';
import type { ReachTally } from './reach.js';
import type { Scheduler } from './schedule.js';
import type { Clock, LinkResult, WaitEvent } from './types.js';

/** Headers are all we read; a response's header block larger than this is refused by the parser. */
export const MAX_HEADER_BYTES = 64 * 1024;
/** A body this small (a 206 of one byte, a short error page) is read to keep the connection; larger ones are cancelled. */
const SMALL_BODY_BYTES = 4096;

export interface DispatcherOptions {
  allowPrivate: boolean;
  connectTimeoutMs?: number;
  /** Sockets per origin. */
  connections?: number;
  /** For tests: the DNS resolver behind the guard (default dns.lookup). */
  resolve?: Parameters<typeof guardedLookup>[1];
}

/** The Agent every link request goes through: non-public addresses refused in the socket's own lookup. */
export function createLinkDispatcher(options: DispatcherOptions): Agent {
  return new Agent({
    connect: { lookup: guardedLookup(options.allowPrivate, options.resolve), timeout: options.connectTimeoutMs ?? 15_000 },
    maxHeaderSize: MAX_HEADER_BYTES,
    connections: options.connections ?? 8,
    keepAliveTimeout: 10_000,
  });
}

export interface FetchContext {
  dispatcher: Dispatcher;
  scheduler: Scheduler;
  policy: LinkPolicy;
  clock: Clock;
  allowPrivate: boolean;
  /** Clock time after which no retry or Retry-After wait is started. */
  deadline: number;
  /** Hosts where HEAD proved unreliable during this run: later links there go straight to GET. */
  preferGet: Set<string>;
  /** Every request's outcome, by host, to tell a dead network from dead links. */
  reach?: ReachTally | undefined;
  /** Told before each retry or host pause, so a waiting run can say what it waits for. */
  onWait?: ((event: WaitEvent) => void) | undefined;
}

type Method = 'HEAD' | 'GET';

function errorCode(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown }; errors?: { code?: unknown }[]; name?: string };
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  // Node races IPv4 and IPv6 and reports both failures in an AggregateError.
  if (Array.isArray(e?.errors) && typeof e.errors[0]?.code === 'string') return e.errors[0].code;
  return e?.name ?? 'Error';
}

/** One request, no redirects followed, body never downloaded: cancelled unless tiny. */
export async function sendOnce(url: URL, method: Method, timeoutMs: number, dispatcher: Dispatcher): Promise<Attempt> {
  const controller = new AbortController();
  const timeout = Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'LINKCHECK_TIMEOUT' });
  const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
  try {
    const response = await request(url, {
      dispatcher,
      method,
      headers: {
        'user-agent': USER_AGENT,
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'accept-language': 'en',
        ...(method === 'GET' ? { range: 'bytes=0-0' } : {}),
      },
      signal: controller.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const body = response.body;
    body.on('error', () => {});
    const length = Number(header(response.headers, 'content-length'));
    if (method === 'HEAD' || (Number.isFinite(length) && length <= SMALL_BODY_BYTES)) {
      await body.dump({ limit: SMALL_BODY_BYTES, signal: controller.signal }).catch(() => {});
    } else {
      body.destroy();
    }
    return { kind: 'response', status: response.statusCode, headers: response.headers };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'error', code: 'LINKCHECK_TIMEOUT', message: timeout.message };
    return { kind: 'error', code: errorCode(error), message: (error as Error).message ?? String(error) };
  } finally {
    clearTimeout(timer);
  }
}

interface Probe {
  attempt: Attempt;
  requests: number;
}

/** Retries for 5xx, 408, 429, timeouts and dropped connections, with backoff; Retry-After honoured within the budget. */
async function sendWithRetries(url: URL, method: Method, hp: HostPolicy, ctx: FetchContext, retries: number): Promise<Probe> {
  let requests = 0;
  for (let retry = 0; ; retry++) {
    const attempt = await ctx.scheduler.run(url.host, url.hostname, () => sendOnce(url, method, hp.timeoutMs, ctx.dispatcher));
    ctx.reach?.record(url.hostname, attempt);
    // A refused private address never left the machine: not a request.
    if (!(attempt.kind === 'error' && attempt.code === PRIVATE_ADDRESS_CODE)) requests++;
    // A timeout costs a whole timeout each time: retry it once at most.
    const limit = attempt.kind === 'error' && isTimeoutCode(attempt.code) ? Math.min(1, retries) : retries;
    if (!isRetryable(attempt) || retry >= limit) return { attempt, requests };
    const now = ctx.clock.now();
    const retryAfter =
      attempt.kind === 'response' && (attempt.status === 429 || attempt.status === 503)
        ? parseRetryAfter(header(attempt.headers, 'retry-after'), Date.now())
        : undefined;
    if (retryAfter !== undefined && retryAfter > ctx.policy.maxRetryAfterMs) return { attempt, requests };
    const wait = retryAfter ?? backoffDelay(retry, ctx.policy.retryBaseMs, ctx.clock.random);
    if (now + wait > ctx.deadline) return { attempt, requests };
    const reason = retryReason(attempt, retryAfter !== undefined);
    // A 429 pauses the whole host, so the other links waiting for it back off too; said once per pause.
    if (attempt.kind === 'response' && attempt.status === 429) {
      if (ctx.scheduler.pause(url.host, now + wait)) ctx.onWait?.({ kind: 'pause', host: url.host, delayMs: wait, reason });
    } else {
      ctx.onWait?.({ kind: 'retry', target: url.href, delayMs: wait, reason, attempt: retry + 2, attempts: limit + 1 });
      await ctx.clock.sleep(wait);
    }
  }
}

/** HEAD first; GET with a one-byte Range when HEAD is refused or mishandled, or when the host is known to need it. */
async function probe(url: URL, ctx: FetchContext): Promise<Probe> {
  const hp = policyFor(ctx.policy, url.hostname);
  if (hp.method === 'get' || ctx.preferGet.has(url.host)) return sendWithRetries(url, 'GET', hp, ctx, ctx.policy.retries);
  const head = await sendWithRetries(url, 'HEAD', hp, ctx, ctx.policy.retries);
  if (!headNeedsGet(head.attempt)) return head;
  // HEAD's failure was already retried if retrying made sense; GET gets one try to tell "broken HEAD" from "broken link".
  const getRetries = isRetryable(head.attempt) ? 0 : ctx.policy.retries;
  const get = await sendWithRetries(url, 'GET', hp, ctx, getRetries);
  const getWorked = isSuccess(get.attempt) || (get.attempt.kind === 'response' && REDIRECT_STATUSES.has(get.attempt.status));
  if (getWorked) ctx.preferGet.add(url.host);
  return { attempt: get.attempt, requests: head.requests + get.requests };
}

function withoutHash(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}

/**
 * Checks one URL: redirects followed by hand (at most policy.maxRedirects, loops detected), each
 * hop's address checked, one verdict at the end.
 */
export async function checkUrl(url: string, ctx: FetchContext): Promise<LinkResult> {
  let requests = 0;
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return { url, state: 'dead', detail: 'not a valid URL', requests };
  }
  const seen = new Set([withoutHash(current)]);
  let permanentTarget: URL | undefined;
  let permanentChain = true;
  const via = (hop: number) => (hop > 0 ? ` (after redirects, at ${current.href})` : '');
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      return { url, state: 'unverifiable', detail: `redirects to a ${current.protocol} URL, which is not checked`, requests };
    }
    // Sockets skip the lookup for IP literals, so check those here.
    const literal = literalAddress(current.hostname);
    if (literal !== undefined && !ctx.allowPrivate && !isPublicAddress(literal)) {
      return { url, state: 'private-address', detail: `${current.host} is the non-public address ${literal}${via(hop)}`, requests };
    }
    const result = await probe(current, ctx);
    requests += result.requests;
    const attempt = result.attempt;
    if (attempt.kind === 'error') {
      const verdict = classifyError(attempt.code, attempt.message);
      return { url, state: verdict.state, detail: `${verdict.detail}${via(hop)}`, requests };
    }
    const location = header(attempt.headers, 'location');
    if (REDIRECT_STATUSES.has(attempt.status) && location !== undefined) {
      if (hop >= ctx.policy.maxRedirects) {
        return { url, state: 'dead', status: attempt.status, detail: `more than ${ctx.policy.maxRedirects} redirects`, requests };
      }
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return { url, state: 'unverifiable', status: attempt.status, detail: `redirects to an invalid URL "${location.slice(0, 100)}"`, requests };
      }
      // A redirect without a fragment keeps the original's (RFC 9110, 10.2.2).
      if (next.hash === '' && current.hash !== '') next.hash = current.hash;
      const key = withoutHash(next);
      if (seen.has(key)) return { url, state: 'dead', status: attempt.status, detail: `redirect loop (back to ${key} after ${hop + 1} redirects)`, requests };
      seen.add(key);
      // Only a chain of permanent redirects from the start says where the link now lives.
      if (permanentChain && PERMANENT_REDIRECTS.has(attempt.status)) permanentTarget = next;
      else permanentChain = false;
      current = next;
      continue;
    }
    const verdict = classifyResponse(attempt.status, attempt.headers);
    const finalUrl = hop > 0 ? current.href : undefined;
    if (verdict.state === 'ok' && permanentTarget && permanentTarget.href !== url) {
      return { url, state: 'redirected', status: attempt.status, finalUrl: permanentTarget.href, detail: `permanently redirects to ${permanentTarget.href}`, requests };
    }
    return { url, state: verdict.state, status: attempt.status, finalUrl, detail: `${verdict.detail}${via(hop)}`, requests };
  }
}

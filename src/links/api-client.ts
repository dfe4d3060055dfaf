import { getGlobalDispatcher, type Dispatcher } from 'undici';
import { sendOnce, type ApiRequest } from './api-request.js';
import { backoffDelay, classifyError, header, isRetryable, parseRetryAfter, statusText, type Attempt } from './classify.js';
import { systemClock } from './clock.js';
import type { Clock } from './types.js';

/**
 * A polite client for the metadata APIs add-paper and refresh-metadata ask (Crossref, OpenReview,
 * the ACL Anthology, NeurIPS proceedings, Semantic Scholar): one request at a time per API, at
 * least the API's interval apart, retries for 429, 5xx and dropped connections with backoff,
 * Retry-After honoured up to a limit. The arXiv API keeps its own batching client (arxiv-api.ts);
 * both send through api-request.ts and share the verdicts of classify.ts.
 */
export interface ApiClientOptions {
  dispatcher?: Dispatcher;
  clock?: Clock;
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  retryBaseMs?: number;
  /** Longest Retry-After worth waiting for. Default 120 s. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  /** Largest answer read. Default 8 MiB. */
  maxBytes?: number;
}

export type { ApiRequest } from './api-request.js';

export type ApiFailureState = 'not-found' | 'rate-limited' | 'timeout' | 'unverifiable';

export type ApiAnswer = { ok: true; text: string } | { ok: false; state: ApiFailureState; detail: string };

export interface ApiClient {
  send(req: ApiRequest): Promise<ApiAnswer>;
  /** Requests sent so far, retries included. */
  readonly requests: number;
}

function failure(attempt: Attempt): ApiAnswer {
  if (attempt.kind === 'response') {
    if (attempt.status === 404 || attempt.status === 410) return { ok: false, state: 'not-found', detail: `answered ${statusText(attempt.status)}` };
    if (attempt.status === 429) return { ok: false, state: 'rate-limited', detail: 'answered 429 Too Many Requests, also after retrying' };
    return { ok: false, state: 'unverifiable', detail: `answered ${statusText(attempt.status)}` };
  }
  const verdict = classifyError(attempt.code, attempt.message);
  if (verdict.state === 'timeout') return { ok: false, state: 'timeout', detail: 'did not answer in time' };
  return { ok: false, state: 'unverifiable', detail: `could not be reached: ${verdict.detail}` };
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const dispatcher = options.dispatcher ?? getGlobalDispatcher();
  const clock = options.clock ?? systemClock;
  const retries = options.retries ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 2000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  // Per API origin: when the next request may start. Requests to one API run one after the other.
  const nextStart = new Map<string, number>();
  const queues = new Map<string, Promise<unknown>>();
  let requests = 0;

  async function sendNow(req: ApiRequest, origin: string): Promise<ApiAnswer> {
    for (let retry = 0; ; retry++) {
      const wait = (nextStart.get(origin) ?? -Infinity) - clock.now();
      if (wait > 0) await clock.sleep(wait);
      nextStart.set(origin, clock.now() + req.intervalMs);
      const sent = await sendOnce(req, dispatcher, timeoutMs, maxBytes);
      requests++;
      if (sent.kind === 'body') return { ok: true, text: sent.text };
      if (!isRetryable(sent) || retry >= retries) return failure(sent);
      const retryAfter = sent.kind === 'response' ? parseRetryAfter(header(sent.headers, 'retry-after'), Date.now()) : undefined;
      if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) return failure(sent);
      nextStart.set(origin, Math.max(nextStart.get(origin)!, clock.now() + (retryAfter ?? backoffDelay(retry, retryBaseMs, clock.random))));
    }
  }

  return {
    send(req) {
      const origin = new URL(req.url).origin;
      const previous = queues.get(origin) ?? Promise.resolve();
      const next = previous.then(() => sendNow(req, origin));
      queues.set(origin, next.catch(() => {}));
      return next;
    },
    get requests() {
      return requests;
    },
  };
}

import { getGlobalDispatcher, type Dispatcher } from 'undici';
import type { Problem, Result } from '../core/problem.js';
import type { RuleId } from '../core/rules.js';
import { sendOnce } from './api-request.js';
import { parseArxivAtom, type ArxivRecord } from './atom.js';
import { backoffDelay, classifyError, header, isRetryable, parseRetryAfter, retryReason, statusText, type Attempt } from './classify.js';
import { systemClock } from './clock.js';
import { DEFAULT_ARXIV_API, DEFAULT_POLICY } from './policy.js';
import type { ReachTally } from './reach.js';
import type { Clock, WaitEvent } from './types.js';

export type { ArxivRecord } from './atom.js';

/**
 * The arXiv API client: metadata for many ids in few requests (POST with id_list, in batches),
 * one request at a time and at least `intervalMs` apart, as arXiv's terms of use ask. Shared by
 * the link checker and add-paper.
 */
export interface ArxivApiOptions {
  /** Default: undici's global dispatcher. */
  dispatcher?: Dispatcher;
  /** Default: https://export.arxiv.org/api/query. */
  apiUrl?: string;
  /** ids per request (max_results is set to match; its default of 10 would truncate). Default 200. */
  batchSize?: number;
  /** Minimum time between request starts, retries included. Default 3000. */
  intervalMs?: number;
  /** Per request. Default 60 s. */
  timeoutMs?: number;
  /** Retries for 5xx, 429, timeouts and dropped connections. Default 3. */
  retries?: number;
  retryBaseMs?: number;
  /** Longest Retry-After worth waiting for. Default 120 s. */
  maxRetryAfterMs?: number;
  clock?: Clock;
  /** Largest answer read, in bytes. Default 32 MiB (200 entries with abstracts are well under 1 MiB). */
  maxBytes?: number;
  /** Called after each batch with the number of ids done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Each request's outcome, against the API's host: an unreachable API counts towards "the network is down". */
  reach?: ReachTally | undefined;
  /** Told before each retry, so a waiting run can say what it waits for. */
  onWait?: ((event: WaitEvent) => void) | undefined;
}

export type ArxivFailureState = 'timeout' | 'rate-limited' | 'unverifiable';

export interface ArxivFailure {
  state: ArxivFailureState;
  detail: string;
}

/** `value` holds the papers found, by the id as asked; problems report batches that failed. */
export interface ArxivFetchResult extends Result<Map<string, ArxivRecord>> {
  /** Asked about and unknown to arXiv. */
  missing: string[];
  /** Not verified: the request for their batch failed. */
  failed: Map<string, ArxivFailure>;
  /** Requests sent. */
  requests: number;
}

/** Old-style ids lose their subject class in the API's answers: math.GT/0309136 comes back as math/0309136. */
export function arxivMatchKey(id: string): string {
  return id.replace(/^([a-z-]+)\.[A-Za-z]{2}\//, '$1/').replace(/v\d+$/, '');
}

const FAILURE_RULE: Record<ArxivFailureState, RuleId> = {
  timeout: 'link-timeout',
  'rate-limited': 'link-rate-limited',
  unverifiable: 'link-unverifiable',
};

type BatchAnswer = { kind: 'feed'; xml: string } | Attempt;

async function postBatch(apiUrl: string, ids: readonly string[], dispatcher: Dispatcher, timeoutMs: number, maxBytes: number): Promise<BatchAnswer> {
  const body = new URLSearchParams({ id_list: ids.join(','), start: '0', max_results: String(ids.length) }).toString();
  const sent = await sendOnce(
    { url: apiUrl, method: 'POST', body, accept: 'application/atom+xml', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    dispatcher,
    timeoutMs,
    maxBytes,
  );
  return sent.kind === 'body' ? { kind: 'feed', xml: sent.text } : sent;
}

function failureOf(answer: Attempt): ArxivFailure {
  if (answer.kind === 'response') {
    if (answer.status === 429) return { state: 'rate-limited', detail: 'the arXiv API answered 429 Too Many Requests' };
    return { state: 'unverifiable', detail: `the arXiv API answered ${statusText(answer.status)}` };
  }
  const verdict = classifyError(answer.code, answer.message);
  if (verdict.state === 'timeout') return { state: 'timeout', detail: 'the arXiv API did not answer in time' };
  return { state: 'unverifiable', detail: `the arXiv API could not be reached: ${verdict.detail}` };
}

export async function fetchArxivMetadata(ids: readonly string[], options: ArxivApiOptions = {}): Promise<ArxivFetchResult> {
  const apiUrl = options.apiUrl ?? DEFAULT_ARXIV_API;
  const dispatcher = options.dispatcher ?? getGlobalDispatcher();
  const clock = options.clock ?? systemClock;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_POLICY.arxiv.batchSize);
  const intervalMs = options.intervalMs ?? DEFAULT_POLICY.arxiv.intervalMs;
  const timeoutMs = options.timeoutMs ?? DEFAULT_POLICY.arxiv.timeoutMs;
  const retries = options.retries ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 3000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_POLICY.maxRetryAfterMs;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;

  const unique = [...new Set(ids)];
  const value = new Map<string, ArxivRecord>();
  const missing: string[] = [];
  const failed = new Map<string, ArxivFailure>();
  const problems: Problem[] = [];
  let requests = 0;
  let nextStart = -Infinity;
  const apiHost = URL.canParse(apiUrl) ? new URL(apiUrl) : undefined;

  for (let start = 0; start < unique.length; start += batchSize) {
    const batch = unique.slice(start, start + batchSize);
    let answer: BatchAnswer | undefined;
    for (let retry = 0; ; retry++) {
      const wait = nextStart - clock.now();
      if (wait > 0) await clock.sleep(wait);
      nextStart = clock.now() + intervalMs;
      answer = await postBatch(apiUrl, batch, dispatcher, timeoutMs, maxBytes);
      requests++;
      if (apiHost) options.reach?.record(apiHost.hostname, answer.kind === 'feed' ? { kind: 'response', status: 200, headers: {} } : answer);
      if (answer.kind === 'feed' || !isRetryable(answer) || retry >= retries) break;
      const retryAfter = answer.kind === 'response' ? parseRetryAfter(header(answer.headers, 'retry-after'), Date.now()) : undefined;
      if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) break;
      // The interval still applies on top of the backoff: whichever is later.
      nextStart = Math.max(nextStart, clock.now() + (retryAfter ?? backoffDelay(retry, retryBaseMs, clock.random)));
      const delayMs = nextStart - clock.now();
      const reason = retryReason(answer, retryAfter !== undefined);
      const host = apiHost?.host ?? apiUrl;
      options.onWait?.(
        answer.kind === 'response' && answer.status === 429
          ? { kind: 'pause', host, delayMs, reason }
          : { kind: 'retry', target: `the arXiv API (${host})`, delayMs, reason, attempt: retry + 2, attempts: retries + 1 },
      );
    }
    let failure: ArxivFailure | undefined;
    if (answer.kind === 'feed') {
      const feed = parseArxivAtom(answer.xml);
      const byKey = new Map(feed.entries.map((record) => [arxivMatchKey(record.id), record]));
      for (const id of batch) {
        const record = byKey.get(arxivMatchKey(id));
        if (record) value.set(id, record);
        else if (feed.errors.length > 0) failed.set(id, { state: 'unverifiable', detail: `the arXiv API reported: ${feed.errors[0]}` });
        else missing.push(id);
      }
      if (feed.errors.length > 0) failure = { state: 'unverifiable', detail: `the arXiv API reported: ${feed.errors.join('; ')}` };
    } else {
      failure = failureOf(answer);
      for (const id of batch) failed.set(id, failure);
    }
    if (failure) {
      const unverified = batch.filter((id) => failed.has(id));
      problems.push({
        rule: FAILURE_RULE[failure.state],
        severity: 'warning',
        file: apiUrl,
        line: 1,
        column: 1,
        message: `${failure.detail}; ${unverified.length} arXiv id${unverified.length === 1 ? '' : 's'} not verified (${unverified.slice(0, 3).join(', ')}${unverified.length > 3 ? ', …' : ''}).`,
      });
    }
    options.onProgress?.(Math.min(unique.length, start + batch.length), unique.length);
  }
  return { value, problems, missing, failed, requests };
}

import type { Dispatcher } from 'undici';
import type { Problem, Result } from '../core/problem.js';
import { fetchArxivMetadata } from './arxiv-api.js';
import type { ArxivRecord } from './atom.js';
import { cachedArxiv, cachedLink, emptyCache, previousTimeouts, pruneCache, recordResults, type LinkCache } from './cache.js';
import { checkUrl, type FetchContext } from './fetch.js';
import { arxivProblems, arxivState, linkProblem, type ArxivOutcome } from './findings.js';
import { policyFor, type LinkPolicy } from './policy.js';
import { createReachTally } from './reach.js';
import { createScheduler } from './schedule.js';
import { LINK_STATES, type Clock, type SummaryState, type CollectedLinks, type LinkResult, type LinkState, type LinkSummary, type WaitEvent } from './types.js';

/**
 * Runs the check over collected links: identical URLs once, cached successes reused, the rest
 * fetched under the politeness policy; arXiv identities through the API, alongside.
 */
export interface CheckOptions {
  dispatcher: Dispatcher;
  policy: LinkPolicy;
  clock: Clock;
  allowPrivate: boolean;
  cache: LinkCache;
  /** Called whenever a URL or an arXiv batch is done. */
  onProgress?: (done: number, total: number, states: Readonly<Record<LinkState, number>>) => void;
  /** Called before each retry or host pause. */
  onWait?: (event: WaitEvent) => void;
}

export interface CheckOutput {
  summary: LinkSummary;
  /** The cache with this run recorded (the caller writes it); the cache as given when the network looked unreachable. */
  cache: LinkCache;
  /** By URL (fragment dropped). */
  results: Map<string, LinkResult>;
  arxiv: Map<string, ArxivOutcome>;
}

/** The URL a server sees: the fragment never leaves the browser, so it does not make a URL different. */
export function urlKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}

function zeroStates(): Record<LinkState, number> {
  return Object.fromEntries(LINK_STATES.map((s) => [s, 0])) as Record<LinkState, number>;
}

export async function checkLinks(collected: CollectedLinks, options: CheckOptions): Promise<Result<CheckOutput>> {
  const { clock, policy } = options;
  // Results gathered with --allow-private-hosts say nothing about a run without it: start afresh.
  const cache = options.cache.allowPrivate && !options.allowPrivate ? emptyCache() : options.cache;
  const started = clock.now();

  const refsByUrl = new Map<string, typeof collected.links>();
  for (const ref of collected.links) {
    const key = urlKey(ref.url);
    const list = refsByUrl.get(key);
    if (list) list.push(ref);
    else refsByUrl.set(key, [ref]);
  }
  const ids = [...new Set(collected.arxiv.map((ref) => ref.id))];

  const results = new Map<string, LinkResult>();
  const states = zeroStates();
  const total = refsByUrl.size + ids.length;
  let done = 0;
  const tick = (state: LinkState | undefined, count = 1) => {
    if (state) states[state] += count;
    done += count;
    options.onProgress?.(done, total, states);
  };

  const toCheck: string[] = [];
  for (const url of refsByUrl.keys()) {
    const hit = cachedLink(cache, url, started, policy.cache.okDays);
    if (hit) {
      results.set(url, hit);
      tick(hit.state);
    } else toCheck.push(url);
  }
  const cachedRecords = new Map<string, ArxivRecord>();
  const toFetch: string[] = [];
  for (const id of ids) {
    const record = cachedArxiv(cache, id, started, policy.cache.arxivDays);
    if (record) cachedRecords.set(id, record);
    else toFetch.push(id);
  }
  if (cachedRecords.size > 0) tick(undefined, cachedRecords.size);

  const reach = createReachTally();
  // A socket that connected proves the host reachable, even if the request then timed out.
  const onConnect = (origin: URL | string) => reach.connected(new URL(origin).hostname);
  options.dispatcher.on('connect', onConnect);
  const ctx: FetchContext = {
    dispatcher: options.dispatcher,
    scheduler: createScheduler(policy, clock),
    policy,
    clock,
    allowPrivate: options.allowPrivate,
    deadline: started + policy.budgetMs,
    preferGet: new Set(),
    reach,
    onWait: options.onWait,
  };

  const http = Promise.all(
    toCheck.map(async (url) => {
      const result = await checkUrl(url, ctx);
      if (result.state === 'timeout') result.timeoutStreak = previousTimeouts(cache, url) + 1;
      results.set(url, result);
      tick(result.state);
    }),
  );
  let arxivDone = 0;
  const api = fetchArxivMetadata(toFetch, {
    dispatcher: options.dispatcher,
    apiUrl: policy.arxiv.apiUrl,
    batchSize: policy.arxiv.batchSize,
    intervalMs: policy.arxiv.intervalMs,
    timeoutMs: policy.arxiv.timeoutMs,
    retries: policy.retries,
    maxRetryAfterMs: policy.maxRetryAfterMs,
    clock,
    reach,
    onWait: options.onWait,
    onProgress: (n) => {
      tick(undefined, n - arxivDone);
      arxivDone = n;
    },
  });
  let fetched: Awaited<typeof api>;
  try {
    [, fetched] = await Promise.all([http, api]);
  } finally {
    options.dispatcher.off('connect', onConnect);
  }
  const network = reach.result();

  const outcomes = new Map<string, ArxivOutcome>();
  for (const id of ids) {
    const record = cachedRecords.get(id) ?? fetched.value.get(id);
    const failure = fetched.failed.get(id);
    outcomes.set(id, record ? { kind: 'found', record } : failure ? { kind: 'failed', failure } : { kind: 'missing' });
  }

  const problems: Problem[] = [];
  for (const [url, refs] of refsByUrl) {
    const result = results.get(url)!;
    const timeoutMs = URL.canParse(url) ? policyFor(policy, new URL(url).hostname).timeoutMs : policy.defaults.timeoutMs;
    for (const ref of refs) {
      const p = linkProblem(ref, result, timeoutMs);
      if (p) problems.push(p);
    }
  }
  const arxivSummary = { ids: ids.length, cached: cachedRecords.size, requests: fetched.requests, notFound: 0, titleMismatch: 0, withdrawn: 0, published: 0, unverified: 0 };
  for (const ref of collected.arxiv) {
    const found = arxivProblems(ref, outcomes.get(ref.id)!);
    problems.push(...found);
  }
  for (const outcome of outcomes.values()) {
    if (outcome.kind === 'missing') arxivSummary.notFound++;
    if (outcome.kind === 'failed') arxivSummary.unverified++;
    if (outcome.kind === 'found' && outcome.record.withdrawn) arxivSummary.withdrawn++;
  }
  arxivSummary.titleMismatch = problems.filter((p) => p.rule === 'arxiv-title-mismatch').length;
  arxivSummary.published = problems.filter((p) => p.rule === 'arxiv-published').length;

  let requests = fetched.requests;
  let cached = 0;
  for (const r of results.values()) {
    requests += r.requests;
    if (r.fromCache) cached++;
  }
  const now = clock.now();
  const keepDays = Math.max(policy.cache.okDays, policy.cache.arxivDays, 1) * 2;
  // An unreachable run learnt nothing about the links: the next run must not take its failures for theirs.
  const nextCache = network.unreachable ? options.cache : pruneCache(recordResults(cache, results.values(), fetched.value, now), now, keepDays);
  if (options.allowPrivate && !network.unreachable) nextCache.allowPrivate = true;

  // Identities count in the per-state table too, as ok / dead / not verified.
  for (const outcome of outcomes.values()) states[arxivState(outcome)]++;
  const summaryStates: Record<SummaryState, number> = { ...states, unreached: 0 };
  // With the network down, a failure is the network's: no link is counted dead, here or in a finding.
  if (network.unreachable) {
    summaryStates.unreached = summaryStates.dead;
    summaryStates.dead = 0;
  }
  const summary: LinkSummary = {
    references: collected.links.length + collected.arxiv.length,
    urls: refsByUrl.size,
    cached,
    requests,
    states: summaryStates,
    arxiv: arxivSummary,
    elapsedMs: now - started,
    network,
  };
  // With the network down, no finding says anything about a link, except a refused private address (decided before any request).
  const reported = network.unreachable ? problems.filter((p) => p.rule === 'private-address') : problems;
  return { value: { summary, cache: nextCache, results, arxiv: outcomes }, problems: reported };
}

import * as z from 'zod';
import { writeFilesAtomic } from '../fs/write.js';
import type { ArxivRecord } from './atom.js';
import type { LinkResult, LinkState } from './types.js';
import { readRegularText } from '../fs/read.js';

/**
 * Results kept between runs (in .cache/, which git ignores; --cache names another file so CI can
 * keep it). Successes are reused for a while; failures are always checked again, but remembered,
 * so a link that times out twice in a row can be told from a one-off.
 */
export const DEFAULT_CACHE_FILE = '.cache/links.json';
const DAY_MS = 24 * 60 * 60 * 1000;

const LinkEntry = z.object({
  state: z.enum(['ok', 'redirected', 'unverifiable', 'rate-limited', 'timeout', 'dead', 'private-address']),
  checkedAt: z.number(),
  status: z.number().optional(),
  finalUrl: z.string().optional(),
  detail: z.string(),
  /** Consecutive runs that ended in a timeout. */
  timeouts: z.number().optional(),
});

const ArxivEntry = z.object({
  fetchedAt: z.number(),
  record: z.object({
    id: z.string(),
    version: z.number(),
    title: z.string(),
    authors: z.array(z.string()),
    published: z.string(),
    updated: z.string(),
    journalRef: z.string().optional(),
    doi: z.string().optional(),
    withdrawn: z.boolean(),
    comment: z.string().optional(),
  }),
});

const CacheFile = z.object({
  version: z.literal(1),
  /** Written by a run with --allow-private-hosts: not reused by a run without it. */
  allowPrivate: z.boolean().optional(),
  links: z.record(z.string(), LinkEntry),
  arxiv: z.record(z.string(), ArxivEntry),
});

export type LinkCacheEntry = z.infer<typeof LinkEntry>;
export type LinkCache = z.infer<typeof CacheFile>;

export function emptyCache(): LinkCache {
  return { version: 1, links: {}, arxiv: {} };
}

/** A missing, unreadable or outdated cache is an empty one: the cache only ever saves work. */
export function readCache(path: string): LinkCache {
  try {
    const parsed = CacheFile.safeParse(JSON.parse(readRegularText(path) ?? ''));
    return parsed.success ? parsed.data : emptyCache();
  } catch {
    return emptyCache();
  }
}

export function writeCache(path: string, cache: LinkCache): void {
  writeFilesAtomic(new Map([[path, `${JSON.stringify(cache)}\n`]]));
}

const REUSABLE: ReadonlySet<LinkState> = new Set(['ok', 'redirected']);

/** A success younger than `okDays`, as a result that sent no request. */
export function cachedLink(cache: LinkCache, url: string, now: number, okDays: number): LinkResult | undefined {
  const entry = cache.links[url];
  if (!entry || !REUSABLE.has(entry.state) || now - entry.checkedAt > okDays * DAY_MS || entry.checkedAt > now) return undefined;
  return { url, state: entry.state, status: entry.status, finalUrl: entry.finalUrl, detail: entry.detail, requests: 0, fromCache: true };
}

export function cachedArxiv(cache: LinkCache, id: string, now: number, arxivDays: number): ArxivRecord | undefined {
  const entry = cache.arxiv[id];
  if (!entry || now - entry.fetchedAt > arxivDays * DAY_MS || entry.fetchedAt > now) return undefined;
  return entry.record;
}

/** How many runs in a row, before this one, ended in a timeout for `url`. */
export function previousTimeouts(cache: LinkCache, url: string): number {
  const entry = cache.links[url];
  return entry?.state === 'timeout' ? (entry.timeouts ?? 1) : 0;
}

/** A new cache with this run's results recorded; pass only freshly fetched arXiv records (cached ones keep their time). */
export function recordResults(cache: LinkCache, results: Iterable<LinkResult>, arxiv: ReadonlyMap<string, ArxivRecord>, now: number): LinkCache {
  const links = { ...cache.links };
  for (const r of results) {
    if (r.fromCache) continue;
    const entry: LinkCacheEntry = { state: r.state, checkedAt: now, detail: r.detail };
    if (r.status !== undefined) entry.status = r.status;
    if (r.finalUrl !== undefined) entry.finalUrl = r.finalUrl;
    if (r.state === 'timeout') entry.timeouts = r.timeoutStreak ?? 1;
    links[r.url] = entry;
  }
  const arxivEntries = { ...cache.arxiv };
  for (const [id, record] of arxiv) arxivEntries[id] = { fetchedAt: now, record };
  return { version: 1, links, arxiv: arxivEntries };
}

/** Drops entries too old to be reused or remembered, so the file does not grow forever. */
export function pruneCache(cache: LinkCache, now: number, keepDays: number): LinkCache {
  const cutoff = now - keepDays * DAY_MS;
  return {
    version: 1,
    links: Object.fromEntries(Object.entries(cache.links).filter(([, e]) => e.checkedAt >= cutoff)),
    arxiv: Object.fromEntries(Object.entries(cache.arxiv).filter(([, e]) => e.fetchedAt >= cutoff)),
  };
}

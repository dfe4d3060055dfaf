import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFilesAtomic } from '../fs/write.js';
import type { ArxivRecord } from '../links/arxiv-api.js';
import type { S2Paper } from '../add/sources/semantic-scholar.js';

/**
 * What refresh-metadata learnt, by arXiv id, so that a weekly run asks again only about what may
 * have changed: arXiv's record (titles rarely change: kept three to five weeks, spread by id so the
 * re-asking is spread over the weeks) and Semantic Scholar's answer for preprints (kept six days:
 * whether a preprint has been published is the question of each week).
 */

export const DEFAULT_REFRESH_CACHE = '.cache/refresh.json';
const DAY_MS = 86_400_000;

const CacheFile = z.object({
  version: z.literal(1),
  arxiv: z.record(z.string(), z.object({ fetchedAt: z.number(), record: z.looseObject({ id: z.string(), title: z.string(), withdrawn: z.boolean(), version: z.number() }).nullable() })),
  s2: z.record(z.string(), z.object({ fetchedAt: z.number(), paper: z.looseObject({}).nullable() })),
});

export type RefreshCache = z.infer<typeof CacheFile>;

export function emptyRefreshCache(): RefreshCache {
  return { version: 1, arxiv: {}, s2: {} };
}

/** A missing or unreadable cache is an empty one: it only ever saves requests. */
export function readRefreshCache(path: string): RefreshCache {
  try {
    const parsed = CacheFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : emptyRefreshCache();
  } catch {
    return emptyRefreshCache();
  }
}

export function writeRefreshCache(path: string, cache: RefreshCache): void {
  writeFilesAtomic(new Map([[path, `${JSON.stringify(cache)}\n`]]));
}

/** 21 to 34 days, by id: the records fetched together do not all expire in the same week. */
export function arxivDays(id: string): number {
  let hash = 0;
  for (const c of id) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return 21 + (hash % 14);
}

export const S2_DAYS = 6;

/** arXiv's record (null: arXiv has no such paper), or undefined when it must be asked. */
export function cachedArxivRecord(cache: RefreshCache, id: string, now: number): ArxivRecord | null | undefined {
  const entry = cache.arxiv[id];
  if (!entry || entry.fetchedAt > now || now - entry.fetchedAt > arxivDays(id) * DAY_MS) return undefined;
  return entry.record as unknown as ArxivRecord | null;
}

/** Semantic Scholar's answer (null: it does not know the paper), or undefined when it must be asked. */
export function cachedS2(cache: RefreshCache, id: string, now: number): S2Paper | null | undefined {
  const entry = cache.s2[id];
  if (!entry || entry.fetchedAt > now || now - entry.fetchedAt > S2_DAYS * DAY_MS) return undefined;
  return entry.paper as S2Paper | null;
}

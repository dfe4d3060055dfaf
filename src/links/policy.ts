/**
 * How politely and how long the checker may ask: stated defaults, a table for hosts that need
 * more care, and the merge of a config file over both. Pure data; the scheduler enforces it.
 */

export const USER_AGENT = 'thus-spake-list-linkcheck/1.0 (+https://github.com/OpenMOSS/Thus-Spake-Long-Context-LLM)';
export const DEFAULT_ARXIV_API = 'https://export.arxiv.org/api/query';

export type ProbeMethod = 'head' | 'get';

export interface HostPolicy {
  /** Requests in flight to one host at a time. */
  concurrency: number;
  /** Minimum time between the starts of two requests to the host. */
  intervalMs: number;
  /** `head` tries HEAD first and falls back to GET; `get` goes straight to GET with a one-byte Range. */
  method: ProbeMethod;
  timeoutMs: number;
}

export interface ArxivPolicy {
  apiUrl: string;
  /** ids per API request; the API's max_results is set to match. */
  batchSize: number;
  /** arXiv's terms ask for one request at a time, at least 3 s apart. */
  intervalMs: number;
  timeoutMs: number;
}

export interface CachePolicy {
  okDays: number;
  arxivDays: number;
}

export interface LinkPolicy {
  /** Requests in flight overall. */
  concurrency: number;
  /** Retries after the first attempt, for 5xx, 408, 429, timeouts and dropped connections. */
  retries: number;
  /** First backoff step; doubles on each retry, with jitter. */
  retryBaseMs: number;
  /** Longest Retry-After the checker is willing to wait for one request. */
  maxRetryAfterMs: number;
  /** The whole run's budget: no retry or Retry-After wait is started past it. */
  budgetMs: number;
  maxRedirects: number;
  defaults: HostPolicy;
  /** By host name: "github.com" matches exactly, "*.example.org" matches subdomains too. */
  hosts: Record<string, Partial<HostPolicy>>;
  arxiv: ArxivPolicy;
  cache: CachePolicy;
}

/**
 * Hosts that rate-limit eagerly or run bot walls get one request at a time and a pause between
 * requests; the rest share the defaults. Stated here so reviewers can see what the tool does.
 */
export const DEFAULT_HOST_TABLE: Record<string, Partial<HostPolicy>> = {
  // Abs pages are verified through the API; anything else on arXiv gets its crawl-delay.
  'arxiv.org': { concurrency: 1, intervalMs: 3000 },
  '*.arxiv.org': { concurrency: 1, intervalMs: 3000 },
  'github.com': { concurrency: 2, intervalMs: 500 },
  'raw.githubusercontent.com': { concurrency: 2, intervalMs: 500 },
  'huggingface.co': { concurrency: 2, intervalMs: 500 },
  'openreview.net': { concurrency: 1, intervalMs: 1000 },
  'doi.org': { concurrency: 2, intervalMs: 500 },
  'dl.acm.org': { concurrency: 1, intervalMs: 1000, method: 'get' },
  'ieeexplore.ieee.org': { concurrency: 1, intervalMs: 1000, method: 'get' },
  'www.semanticscholar.org': { concurrency: 1, intervalMs: 1000 },
  'scholar.google.com': { concurrency: 1, intervalMs: 5000 },
  'aclanthology.org': { concurrency: 2, intervalMs: 250 },
  'proceedings.neurips.cc': { concurrency: 2, intervalMs: 250 },
  'proceedings.mlr.press': { concurrency: 2, intervalMs: 250 },
  'www.linkedin.com': { concurrency: 1, intervalMs: 2000, method: 'get' },
};

export const DEFAULT_POLICY: LinkPolicy = {
  concurrency: 16,
  retries: 2,
  retryBaseMs: 1000,
  maxRetryAfterMs: 120_000,
  budgetMs: 15 * 60_000,
  maxRedirects: 10,
  defaults: { concurrency: 2, intervalMs: 0, method: 'head', timeoutMs: 15_000 },
  hosts: DEFAULT_HOST_TABLE,
  arxiv: { apiUrl: DEFAULT_ARXIV_API, batchSize: 200, intervalMs: 3000, timeoutMs: 60_000 },
  cache: { okDays: 7, arxivDays: 1 },
};

/** The policy for one host: the defaults, overlaid by the most specific matching table row. */
export function policyFor(policy: LinkPolicy, hostname: string): HostPolicy {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  let best: Partial<HostPolicy> | undefined = policy.hosts[host];
  if (!best) {
    // The longest wildcard suffix wins: "*.a.example.org" before "*.example.org".
    let bestLength = -1;
    for (const [pattern, row] of Object.entries(policy.hosts)) {
      if (!pattern.startsWith('*.')) continue;
      const suffix = pattern.slice(1).toLowerCase();
      if ((host.endsWith(suffix) || host === suffix.slice(1)) && suffix.length > bestLength) {
        best = row;
        bestLength = suffix.length;
      }
    }
  }
  return { ...policy.defaults, ...best };
}

/** A partial policy, as a config file or the command line states it. */
export interface PolicyOverrides {
  concurrency?: number | undefined;
  retries?: number | undefined;
  retryBaseMs?: number | undefined;
  maxRetryAfterMs?: number | undefined;
  budgetMs?: number | undefined;
  maxRedirects?: number | undefined;
  defaults?: Partial<HostPolicy> | undefined;
  hosts?: Record<string, Partial<HostPolicy>> | undefined;
  arxiv?: Partial<ArxivPolicy> | undefined;
  cache?: Partial<CachePolicy> | undefined;
}

function defined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Later overrides win; host rows merge field by field, so a config can tune one field of a default row. */
export function mergePolicy(base: LinkPolicy, ...overrides: (PolicyOverrides | undefined)[]): LinkPolicy {
  let merged = base;
  for (const o of overrides) {
    if (!o) continue;
    const hosts: Record<string, Partial<HostPolicy>> = { ...merged.hosts };
    for (const [pattern, row] of Object.entries(o.hosts ?? {})) hosts[pattern.toLowerCase()] = { ...hosts[pattern.toLowerCase()], ...defined(row) };
    const { defaults, arxiv, cache, hosts: _hosts, ...scalars } = o;
    merged = {
      ...merged,
      ...defined(scalars),
      defaults: { ...merged.defaults, ...defined(defaults) },
      hosts,
      arxiv: { ...merged.arxiv, ...defined(arxiv) },
      cache: { ...merged.cache, ...defined(cache) },
    };
  }
  return merged;
}

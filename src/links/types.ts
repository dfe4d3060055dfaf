/** Types shared by the link checker's stages. No runtime code: importing this costs nothing. */

/** What one URL turned out to be. `private-address` is refused before any request is sent. */
export type LinkState = 'ok' | 'redirected' | 'unverifiable' | 'rate-limited' | 'timeout' | 'dead' | 'private-address';

export const LINK_STATES: readonly LinkState[] = ['ok', 'redirected', 'unverifiable', 'rate-limited', 'timeout', 'dead', 'private-address'];

/**
 * The states the summary counts: a link's own states, and `unreached` for the links a run with the
 * network down would otherwise have counted dead (that run judges no link, so it calls none dead).
 */
export type SummaryState = LinkState | 'unreached';

export const SUMMARY_STATES: readonly SummaryState[] = [...LINK_STATES, 'unreached'];

/** Where a link was written: papers' `url` can be fixed in place, the rest only reported. */
export type LinkKind = 'paper-url' | 'paper-raw' | 'news' | 'template';

/** The entry a link belongs to, for the arXiv identity checks. */
export interface PaperContext {
  title: string;
  venue?: string | undefined;
}

/** Where a link stands: the file and place it is reported at. */
export interface RefPlace {
  /** The URL as written. */
  url: string;
  kind: LinkKind;
  /** Display path (forward slashes, relative to the working directory). */
  file: string;
  /** Absolute path, for --changed-since. */
  absPath: string;
  line: number;
  column: number;
  paper?: PaperContext;
}

/** One occurrence of a link in data/ or templates/. The same URL may occur many times. */
export interface LinkRef extends RefPlace {
  /** YAML path of the field that holds the URL, when --fix can rewrite it. */
  fixPath?: (string | number)[];
}

/** An arXiv identifier to verify by identity (the API), not by fetching its page; `url` is the link that names it (or the `arxiv` field as a URL). */
export interface ArxivIdentityRef extends RefPlace {
  id: string;
  /** "v3" when the link pins a version. */
  version?: string | undefined;
}

export interface CollectedLinks {
  /** Every http(s) link, in file order. */
  links: LinkRef[];
  /** Every arXiv identity to verify, from arXiv-style URLs and `arxiv` fields. */
  arxiv: ArxivIdentityRef[];
}

/** The verdict on one unique URL. */
export interface LinkResult {
  url: string;
  state: LinkState;
  /** The last HTTP status seen, if any. */
  status?: number | undefined;
  /** For `redirected`: where the permanent redirects lead (the --fix value). */
  finalUrl?: string | undefined;
  /** Human-readable reason, used in messages: "404 Not Found", "no such host". */
  detail: string;
  /** Requests actually sent for this URL (0 when answered from the cache or refused). */
  requests: number;
  fromCache?: boolean;
  /** Consecutive runs that ended in a timeout, this one included. */
  timeoutStreak?: number;
}

export interface ArxivSummary {
  ids: number;
  cached: number;
  requests: number;
  notFound: number;
  titleMismatch: number;
  withdrawn: number;
  published: number;
  /** Ids the API could not be asked about (timeouts, rate limits). */
  unverified: number;
}

/** What the summary table at the end shows. */
export interface LinkSummary {
  /** Link occurrences found in data/ and templates/. */
  references: number;
  /** Unique URLs checked over HTTP (identical URLs are checked once). */
  urls: number;
  /** Unique URLs answered from the cache, without a request. */
  cached: number;
  /** HTTP requests sent, arXiv API requests included. */
  requests: number;
  /** Per state; with the network unreachable, `dead` is 0 and those links count as `unreached`. */
  states: Record<SummaryState, number>;
  arxiv: ArxivSummary;
  elapsedMs: number;
  /** Set when --changed-since narrowed the check. */
  changedSince?: string | undefined;
  /** How many hosts could be reached; absent when nothing was asked. */
  network?: NetworkReach | undefined;
}

/** Hosts asked in one run, and how many of them were never reached (see src/links/reach.ts). */
export interface NetworkReach {
  /** Distinct host names asked, the arXiv API's included (not those refused as private addresses). */
  hosts: number;
  /** Hosts never reached: every request failed at DNS or connect. */
  failed: number;
  /** The failed hosts by their first failure. */
  dns: number;
  refused: number;
  connectTimeout: number;
  noRoute: number;
  /** True when so many hosts failed that the network, not the links, is down: no link is reported dead. */
  unreachable: boolean;
}

/**
 * A wait the checker starts beyond its routine politeness intervals, so a run that sits still
 * says why: a retry after a failure, or a whole host held back after a 429.
 */
export type WaitEvent =
  | { kind: 'retry'; target: string; delayMs: number; reason: string; attempt: number; attempts: number }
  | { kind: 'pause'; host: string; delayMs: number; reason: string };

/** Time and randomness, injectable so tests never wait for real seconds. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

/**
 * `lint-list --links`: the network link check, called by src/commands/lint-list.ts. Cheap to import:
 * undici and the checker (src/links/) load only when checkLinksCommand runs.
 *
 * It returns link findings (link-*, private-address, arxiv-*) and, when the link config file is
 * invalid, that file's schema or syntax errors (then nothing is checked); problems from loading
 * data/ are the caller's. Exceptions and --fix apply to these findings as to any other. The progress
 * bar goes to io.stderr when it is a TTY; retries and waits are told on io.stderr, one line each;
 * nothing else is printed here.
 *
 * When most hosts fail at DNS or connect, the network is down, not the links: the summary says
 * `network.unreachable`, no link finding but private-address is returned, the cache file is left
 * as it was, and lint-list exits with EXIT_NETWORK_UNREACHABLE.
 */
import { resolve } from 'node:path';
import type { Problem } from '../core/problem.js';
import { loadData, type ListData } from '../data/load.js';
import type { Io } from '../cli/io.js';
import type { CheckOptions } from './check.js';
import type { PolicyOverrides } from './policy.js';
import { SUMMARY_STATES, type Clock, type LinkSummary, type NetworkReach, type SummaryState } from './types.js';

export type { LinkSummary } from './types.js';

export interface LinkCheckOptions {
  /** data/ directory, relative to io.cwd or absolute. Default "data". */
  dataDir?: string;
  /** The data lint-list already loaded; loaded from dataDir when absent. */
  data?: ListData;
  /** Default "templates": every *.md in it is scanned (intro, news, badges). */
  templatesDir?: string;
  /** --cache <file>, relative to io.cwd; false disables the cache. Default .cache/links.json. */
  cache?: string | false;
  /** --arxiv-api <url>; falls back to $ARXIV_API_URL, the config file, then https://export.arxiv.org/api/query. */
  arxivApi?: string;
  /** --changed-since <git-ref>: only links added or changed since the ref (its merge base with HEAD). */
  changedSince?: string;
  /** --allow-private-hosts: fetch loopback and private addresses too (tests, local mirrors). */
  allowPrivateHosts?: boolean;
  /** --links-config <file>. Default link-check.yaml in io.cwd, if it exists. */
  config?: string;
  /** Override every host's request timeout (ms). */
  timeoutMs?: number;
  /** Show the progress bar. Default: io.stderr.isTTY. */
  progress?: boolean;
  /** For tests and the benchmark: policy overrides applied last (intervals, retries, …). */
  policy?: PolicyOverrides;
  /** For tests: a virtual clock. */
  clock?: Clock;
  /** For tests: the undici Dispatcher to send requests through (default: a guarded Agent, closed at the end). */
  dispatcher?: CheckOptions['dispatcher'];
}

export interface LinkCheckOutcome {
  problems: Problem[];
  summary: LinkSummary;
}

/** lint-list's exit code when the network looked unreachable and no link was judged (0, 1 and 2 mean what they always mean). */
export const EXIT_NETWORK_UNREACHABLE = 3;

/** The one line that says why no link was judged. */
export function formatUnreachable(network: NetworkReach): string {
  const kinds = (
    [
      [network.dns, 'DNS'],
      [network.refused, 'connection refused'],
      [network.connectTimeout, 'connect timeout'],
      [network.noRoute, 'no route'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${label} ${n}`)
    .join(', ');
  return (
    `the network looks unreachable: ${network.failed} of ${plural(network.hosts, 'host')} failed at DNS or connect (${kinds}); ` +
    'no link is reported dead and the link cache is left as it was. Run the check again once the network is back.'
  );
}

/** Bad usage: an unknown git ref, an unreadable config file or data directory. Exit 2. */
export class LinkCheckError extends Error {}

function emptySummary(changedSince: string | undefined): LinkSummary {
  return {
    references: 0,
    urls: 0,
    cached: 0,
    requests: 0,
    states: Object.fromEntries(SUMMARY_STATES.map((s) => [s, 0])) as Record<SummaryState, number>,
    arxiv: { ids: 0, cached: 0, requests: 0, notFound: 0, titleMismatch: 0, withdrawn: 0, published: 0, unverified: 0 },
    elapsedMs: 0,
    changedSince,
  };
}

export async function checkLinksCommand(options: LinkCheckOptions, io: Io): Promise<LinkCheckOutcome> {
  // Everything below loads only now: lint-list without --links never pays for undici.
  const [{ checkLinks }, { createLinkDispatcher }, { collectLinks, readTemplates }, config, cacheMod, changed, policyMod, { createProgressBar, formatWait }, { systemClock }] =
    await Promise.all([
      import('./check.js'),
      import('./fetch.js'),
      import('./collect.js'),
      import('./config.js'),
      import('./cache.js'),
      import('./changed.js'),
      import('./policy.js'),
      import('./progress.js'),
      import('./clock.js'),
    ]);

  const cwd = io.cwd;
  const clock = options.clock ?? systemClock;

  const configPath = resolve(cwd, options.config ?? config.DEFAULT_CONFIG_FILE);
  let loaded;
  try {
    loaded = config.loadLinkConfig(configPath, cwd, options.config !== undefined);
  } catch (error) {
    if (error instanceof config.LinkConfigError) throw new LinkCheckError(error.message);
    throw error;
  }
  if (loaded.problems.length > 0) return { problems: loaded.problems, summary: emptySummary(options.changedSince) };

  const arxivApi = options.arxivApi ?? (io.env.ARXIV_API_URL || undefined);
  const cli: PolicyOverrides = {
    arxiv: arxivApi ? { apiUrl: arxivApi } : undefined,
    defaults: options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : undefined,
  };
  let policy = policyMod.mergePolicy(policyMod.DEFAULT_POLICY, loaded.value, cli, options.policy);
  // A timeout given on the command line beats per-host table rows too.
  if (options.timeoutMs !== undefined) {
    const timeoutMs = options.timeoutMs;
    policy = { ...policy, hosts: Object.fromEntries(Object.entries(policy.hosts).map(([host, row]) => [host, { ...row, timeoutMs }])) };
  }

  let data = options.data;
  if (!data) {
    try {
      data = loadData(resolve(cwd, options.dataDir ?? 'data'), cwd).value;
    } catch (error) {
      throw new LinkCheckError((error as Error).message);
    }
  }
  const templatesDir = resolve(cwd, options.templatesDir ?? 'templates');
  let collected = collectLinks(data, readTemplates(templatesDir, cwd)).value;

  if (options.changedSince !== undefined) {
    try {
      const files = changed.changedFilesSince(options.changedSince, cwd, [data.dataDir, templatesDir]);
      collected = changed.filterChanged(collected, files);
    } catch (error) {
      if (error instanceof changed.GitError) throw new LinkCheckError(`--changed-since: ${error.message}`);
      throw error;
    }
  }

  const cachePath = options.cache === false ? undefined : resolve(cwd, options.cache ?? cacheMod.DEFAULT_CACHE_FILE);
  const cache = cachePath ? cacheMod.readCache(cachePath) : cacheMod.emptyCache();
  const allowPrivate = options.allowPrivateHosts === true;
  // Enough sockets per origin for the most a host may have in flight, so no request waits for a socket while its timeout runs.
  const connections = Math.max(policy.defaults.concurrency, ...Object.values(policy.hosts).map((row) => row.concurrency ?? 1));
  const dispatcher = options.dispatcher ?? createLinkDispatcher({ allowPrivate, connectTimeoutMs: policy.defaults.timeoutMs, connections });
  const bar = createProgressBar(io.stderr, options.progress ?? Boolean(io.stderr.isTTY));
  try {
    const checked = await checkLinks(collected, { dispatcher, policy, clock, allowPrivate, cache, onProgress: bar.update, onWait: (event) => bar.note(formatWait(event)) });
    bar.finish();
    // An unreachable run keeps the cache as it was: its failures are the network's, not the links'.
    if (cachePath && !checked.value.summary.network?.unreachable) {
      try {
        cacheMod.writeCache(cachePath, checked.value.cache);
      } catch (error) {
        // The cache only saves time; a read-only checkout must not fail the check.
        io.stderr.write(`lint-list: could not write the link cache ${cachePath}: ${(error as Error).message}\n`);
      }
    }
    return { problems: checked.problems, summary: { ...checked.value.summary, changedSince: options.changedSince } };
  } finally {
    bar.finish();
    if (!options.dispatcher) await dispatcher.close();
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const STATE_LABEL: Record<SummaryState, string> = {
  ok: 'ok',
  redirected: 'redirected',
  unverifiable: 'unverifiable',
  'rate-limited': 'rate-limited',
  timeout: 'timeout',
  dead: 'dead',
  'private-address': 'private address',
  unreached: 'unreached',
};

/** The table printed after the findings: links checked, requests sent, per state, time. */
export function formatLinkSummary(summary: LinkSummary): string {
  const checked = summary.urls + summary.arxiv.ids;
  const rows: [string, string][] = [
    ['links checked', `${checked}  (${plural(summary.urls, 'URL')}, ${plural(summary.arxiv.ids, 'arXiv id')}; ${plural(summary.references, 'occurrence')})`],
    ['requests sent', `${summary.requests}  (${summary.arxiv.requests} to the arXiv API)`],
    ['from cache', `${summary.cached + summary.arxiv.cached}`],
  ];
  for (const state of SUMMARY_STATES) {
    // Rows that only some runs have: refused private addresses, and links a run with the network down left unjudged.
    if ((state === 'private-address' || state === 'unreached') && summary.states[state] === 0) continue;
    rows.push([STATE_LABEL[state], String(summary.states[state])]);
  }
  if (summary.arxiv.ids > 0) {
    rows.push([
      'arXiv',
      `not found ${summary.arxiv.notFound}, title mismatch ${summary.arxiv.titleMismatch}, withdrawn ${summary.arxiv.withdrawn}, published ${summary.arxiv.published}`,
    ]);
  }
  if (summary.network?.unreachable) rows.push(['network', `unreachable (${summary.network.failed} of ${plural(summary.network.hosts, 'host')} failed); no link judged`]);
  rows.push(['time', duration(summary.elapsedMs)]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const title = summary.changedSince ? `Link check (changed since ${summary.changedSince})` : 'Link check';
  return `${title}\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')}\n`;
}

/**
 * The link checker's entry (`lint-list --links`, called by src/cli/lint-list.ts). Cheap to import:
 * undici and the checker load only when runLinkCheck runs.
 *
 * It returns link findings (link-*, private-address, arxiv-*) and, when the link config file is
 * invalid, that file's schema or syntax errors (then nothing is checked); problems from loading
 * data/ are the caller's. Exceptions and --fix apply to these findings as to any other. The progress
 * bar goes to io.stderr when it is a TTY; retries and waits are told on io.stderr, one line each;
 * nothing else is written here; the summary table and the exit code are src/cli/lint-list-links.ts's.
 *
 * When most hosts fail at DNS or connect, the network is down, not the links: the summary says
 * `network.unreachable`, no link finding but private-address is returned, the cache file is left
 * as it was, and lint-list exits with EXIT_NETWORK_UNREACHABLE (src/cli/lint-list-links.ts).
 */
import { resolve } from 'node:path';
import type { Problem } from '../core/problem.js';
import { loadData, type ListData } from '../data/load.js';
import type { CheckOptions } from './check.js';
import type { PolicyOverrides } from './policy.js';
import { SUMMARY_STATES, type Clock, type LinkSummary, type SummaryState } from './types.js';
import { displayPath } from '../data/read.js';
import { whyFileFailed } from '../fs/errors.js';

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

/**
 * What the check touches of the outside, passed in: paths resolve against cwd, $ARXIV_API_URL is read
 * from env, and the progress bar and the wait lines go to the stream given as stderr (the command's).
 */
export interface LinkCheckIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export interface LinkCheckOutcome {
  problems: Problem[];
  summary: LinkSummary;
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

export async function runLinkCheck(options: LinkCheckOptions, io: LinkCheckIo): Promise<LinkCheckOutcome> {
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
      // The data directory's own words (DataDirError), or the file system's said in ours.
      const why = whyFileFailed(error);
      throw new LinkCheckError(why === undefined ? (error as Error).message : `cannot read ${displayPath(resolve(cwd, options.dataDir ?? 'data'), cwd)}: ${why}`);
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
        const why = whyFileFailed(error);
        if (why === undefined) throw error;
        io.stderr.write(`lint-list: could not write the link cache ${displayPath(cachePath, cwd)}: ${why}\n`);
      }
    }
    return { problems: checked.problems, summary: { ...checked.value.summary, changedSince: options.changedSince } };
  } finally {
    bar.finish();
    if (!options.dispatcher) await dispatcher.close();
  }
}

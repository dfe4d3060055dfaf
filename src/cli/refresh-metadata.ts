#!/usr/bin/env node
import { resolve } from 'node:path';
import { hasErrors } from '../core/problem.js';
import { writeFilesAtomic, writeFilesAtomicStoppable } from '../fs/write.js';
import { DataDirError } from '../data/load.js';
import { cell } from '../github/dead-link-report.js';
import { createApiClient, type ApiClientOptions } from '../links/api-client.js';
import { fetchArxivMetadata, type ArxivApiOptions, type ArxivRecord } from '../links/arxiv-api.js';
import { systemClock } from '../links/clock.js';
import { planFixes } from '../lint/fix.js';
import { loadForLint, type LoadedForLint } from '../lint/load-for-lint.js';
import { lookUpS2, type S2Paper } from '../add/sources/semantic-scholar.js';
import { endpointsFrom, type Endpoints } from '../add/sources/endpoints.js';
import { cachedArxivRecord, cachedS2, DEFAULT_REFRESH_CACHE, emptyRefreshCache, readRefreshCache, writeRefreshCache } from '../refresh/cache.js';
import { arxivEntries, PREPRINT, propose, type Change, type Note } from '../refresh/propose.js';
import { parseCommandLine, readOptions, typedPaths, UsageError, type TypedPath } from './args.js';
import { formatText, useColor } from './format.js';
import type { Io } from './io.js';
import { fileFailure, isMainModule, pauseForTests, reportStop, runAsProcess, stopReason, whileStoppable } from './io.js';

export const USAGE = `Usage: npm run refresh-metadata -- [--dry-run] [options]

Looks every arXiv entry of data/ up (the arXiv API in batches of 200; Semantic Scholar's batch
endpoint, 500 a request, for the entries that still say "arXiv preprint") and changes, with
comment-preserving edits:
  - a title to the authors' casing on arXiv, when only the case differs;
  - "arXiv preprint" to the venue and year where DBLP (through Semantic Scholar) lists the paper.
Withdrawn papers, venues named without DBLP, and titles that differ in more than case are listed,
not changed. Prints a Markdown table of every change with its source.
  --dry-run          change nothing (data or cache); print what would change
  --out <file>       also write the table there (the pull request's description)
  --cache <file>     what earlier runs learnt (default: ${DEFAULT_REFRESH_CACHE}); --no-cache to ask everything
  --no-cache         neither read nor write the cache
  --arxiv-api <url>  the arXiv API (default: $ARXIV_API_URL); Semantic Scholar: $SEMANTIC_SCHOLAR_API_URL
                     (with $SEMANTIC_SCHOLAR_API_KEY, sent as x-api-key when set)
  --data <dir>       the data directory (default: data)
Exit 0 when every source answered; 1 when some could not be asked (what they would have said is
not changed); 2 for bad usage or a list that does not load; 130 or 143 when Ctrl-C (SIGINT) or
SIGTERM stops the writing: no file is written unless all are.
`;

interface Options {
  data: string;
  dryRun: boolean;
  out: string | undefined;
  cache: string | undefined;
  endpoints: Endpoints;
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv, typed: TypedPath): Options | 'help' {
  const { values } = parseCommandLine(argv, {
    'dry-run': { type: 'boolean' },
    out: { type: 'string' },
    cache: { type: 'string' },
    'no-cache': { type: 'boolean' },
    'arxiv-api': { type: 'string' },
    data: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) return 'help';
  if (values.cache !== undefined && values['no-cache']) throw new UsageError('give --cache <file> or --no-cache, not both');
  const endpoints = endpointsFrom(env, values['arxiv-api'] === undefined ? {} : { arxiv: values['arxiv-api'] });
  if ('error' in endpoints) throw new UsageError(endpoints.error.replace('the URL given', 'the arXiv API'));
  return {
    data: values.data === undefined ? 'data' : typed(values.data),
    dryRun: values['dry-run'] ?? false,
    out: values.out === undefined ? undefined : typed(values.out),
    cache: values['no-cache'] ? undefined : values.cache === undefined ? DEFAULT_REFRESH_CACHE : typed(values.cache),
    endpoints,
  };
}

export interface RefreshDeps {
  arxiv?: Omit<ArxivApiOptions, 'apiUrl'>;
  api?: ApiClientOptions;
}

/** The report: a table of every change with its source, then what was left to a person. */
export function refreshReport(changes: readonly Change[], notes: readonly Note[], failures: readonly string[], dryRun: boolean): string {
  const out: string[] = [];
  const files = new Set(changes.map((c) => c.file)).size;
  out.push(
    changes.length === 0
      ? 'Nothing to change: every arXiv entry matches what its sources say.'
      : `${dryRun ? 'Would change' : 'Changed'} ${changes.length} field${changes.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.`,
  );
  if (changes.length > 0) {
    out.push('', '| File | Field | Was | Now | Source |', '| --- | --- | --- | --- | --- |');
    for (const c of changes) out.push(`| ${cell(`${c.file}:${c.line}`)} | ${c.field} | ${cell(String(c.before ?? ''))} | ${cell(String(c.after))} | ${cell(c.source)} |`);
  }
  if (notes.length > 0) {
    out.push('', `Left to a person (${notes.length}):`, '', '| File | arXiv | What |', '| --- | --- | --- |');
    for (const n of notes) out.push(`| ${cell(`${n.file}:${n.line}`)} | ${cell(n.arxiv)} | ${cell(n.what)} |`);
  }
  if (failures.length > 0) {
    out.push('', 'Not asked, so not changed:', '');
    for (const f of failures) out.push(`* ${cell(f)}`);
  }
  return `${out.join('\n')}\n`;
}

export async function refreshMetadataCommand(argv: string[], io: Io, deps: RefreshDeps = {}): Promise<number> {
  const read = readOptions('refresh-metadata', USAGE, io, () => parseArgs(argv, io.env, typedPaths(io)));
  if ('exit' in read) return read.exit;
  const options = read.options;
  let list: LoadedForLint;
  try {
    list = loadForLint(resolve(io.cwd, options.data), io.cwd);
  } catch (error) {
    if (!(error instanceof DataDirError)) throw error;
    io.stderr.write(`refresh-metadata: ${error.message}\n`);
    return 2;
  }
  if (hasErrors(list.problems)) {
    io.stderr.write(formatText(list.problems.filter((p) => p.severity === 'error'), useColor(io.stderr, io.env)));
    io.stderr.write(`refresh-metadata: ${options.data}/ does not load; fix the errors above first. Nothing changed.\n`);
    return 2;
  }
  const clock = deps.arxiv?.clock ?? deps.api?.clock ?? systemClock;
  const now = clock.now();
  const cachePath = options.cache === undefined ? undefined : resolve(io.cwd, options.cache);
  const cache = cachePath ? readRefreshCache(cachePath) : emptyRefreshCache();

  const entries = arxivEntries(list.data.papers);
  const ids = [...new Set(entries.map((e) => e.id))];
  const failures: string[] = [];

  // arXiv: what the cache does not hold, in batches, one request at a time.
  const arxiv = new Map<string, ArxivRecord>();
  const askArxiv: string[] = [];
  for (const id of ids) {
    const cached = cachedArxivRecord(cache, id, now);
    if (cached) arxiv.set(id, cached);
    else if (cached === undefined) askArxiv.push(id);
  }
  let requests = 0;
  if (askArxiv.length > 0) {
    const fetched = await fetchArxivMetadata(askArxiv, { ...deps.arxiv, apiUrl: options.endpoints.arxiv });
    requests += fetched.requests;
    for (const [id, record] of fetched.value) {
      arxiv.set(id, record);
      cache.arxiv[id] = { fetchedAt: now, record: record as unknown as RefreshCacheRecord };
    }
    for (const id of fetched.missing) cache.arxiv[id] = { fetchedAt: now, record: null };
    if (fetched.failed.size > 0) failures.push(`arXiv: ${fetched.failed.size} id${fetched.failed.size === 1 ? '' : 's'} not verified (${[...fetched.failed.values()][0]!.detail}).`);
  }

  // Semantic Scholar: only for entries that still say "arXiv preprint".
  const preprints = [...new Set(entries.filter((e) => e.entry.venue !== undefined && PREPRINT.test(e.entry.venue)).map((e) => e.id))];
  const s2 = new Map<string, S2Paper | null>();
  const askS2: string[] = [];
  for (const id of preprints) {
    const cached = cachedS2(cache, id, now);
    if (cached !== undefined) s2.set(id, cached);
    else askS2.push(id);
  }
  if (askS2.length > 0) {
    const api = createApiClient({ ...(deps.arxiv?.dispatcher ? { dispatcher: deps.arxiv.dispatcher } : {}), clock, ...deps.api });
    const found = await lookUpS2(askS2, api, options.endpoints.semanticScholar, io.env.SEMANTIC_SCHOLAR_API_KEY || undefined);
    requests += api.requests;
    for (const id of askS2) {
      if (found.failed.has(id)) continue;
      const paper = found.papers.get(id) ?? null;
      s2.set(id, paper);
      cache.s2[id] = { fetchedAt: now, paper: paper as Record<string, unknown> | null };
    }
    failures.push(...found.failures);
  }

  const proposals = propose(list.data.papers, { arxiv, s2 });
  const sources = new Map(list.data.papers.map((p) => [p.source.file, p.source]));
  const plan = planFixes(
    proposals.changes.map((c) => ({ rule: `refresh-${c.field}`, file: c.file, fix: c.fix })),
    sources,
  );
  const applied = proposals.changes.filter((c) => !plan.skipped.some((s) => s.file === c.file && JSON.stringify(s.fix.path) === JSON.stringify(c.fix.path)));
  const report = refreshReport(applied, proposals.notes, failures, options.dryRun);
  io.stdout.write(report);
  io.stderr.write(`refresh-metadata: ${ids.length} arXiv entries, ${requests} request${requests === 1 ? '' : 's'} (${ids.length - askArxiv.length} arXiv and ${preprints.length - askS2.length} Semantic Scholar answers from the cache).\n`);

  if (!options.dryRun) {
    const writes = new Map(plan.files);
    if (options.out !== undefined) writes.set(resolve(io.cwd, options.out), report);
    // Only the write is stoppable (a look-up must end at a Ctrl-C, as it always did): every file or none.
    const written = await whileStoppable(async (signal) => {
      try {
        if (writes.size > 0) await writeFilesAtomicStoppable(writes, { signal, onLook: pauseForTests('refresh-metadata', io, signal) });
        if (cachePath) writeRefreshCache(cachePath, cache);
        return 0;
      } catch (error) {
        const stop = stopReason(error);
        if (stop) return reportStop('refresh-metadata', stop, 'nothing written', io);
        const failed = fileFailure('could not write', error, options.data, io.cwd);
        if (failed === undefined) throw error;
        io.stderr.write(`refresh-metadata: ${failed}\n`);
        return 2;
      }
    });
    if (written !== 0) return written;
  } else if (options.out !== undefined) {
    try {
      writeFilesAtomic(new Map([[resolve(io.cwd, options.out), report]]));
    } catch (error) {
      const failed = fileFailure('could not write', error, options.out, io.cwd);
      if (failed === undefined) throw error;
      io.stderr.write(`refresh-metadata: ${failed}\n`);
      return 2;
    }
  }
  return failures.length > 0 ? 1 : 0;
}

type RefreshCacheRecord = { id: string; title: string; withdrawn: boolean; version: number } & Record<string, unknown>;

if (isMainModule(import.meta.url, 'refresh-metadata')) runAsProcess((argv, io) => refreshMetadataCommand(argv, io));

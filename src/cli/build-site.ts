#!/usr/bin/env node
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeTreeAtomicStoppable } from '../fs/write.js';
import { displayPath } from '../data/read.js';
import { cacheDir, loadPublishable } from '../lint/gate.js';
import { bundleClient, recordSiteWritten, renderSiteCached, siteKey, siteUpToDate } from '../site/build.js';
import { DEFAULT_CACHE_DIR } from '../lint/anchor-cache.js';
import { FIGURE_PATH, SITE_DIR } from '../site/config.js';
import { parseCommandLine, readOptions, typedPaths, type Parsed, type TypedPath } from './args.js';
import { formatText, useColor } from './format.js';
import type { Io } from './io.js';
import { loadOptionsOf, loadStopped } from './load-options.js';
import { fileFailure, isMainModule, pauseForTests, reportStop, runAsProcess, stopReason, whileStoppable } from './io.js';

export const USAGE = `Usage: npm run build-site -- [--data <dir>] [--out <dir>]

Builds the list as a static web page into --out (default: site/): index.html (English),
zh/index.html (Chinese), assets/app.js and papers.bib. Like build-readme it refuses a list that
lint-list rejects in data/: exit 1, the findings printed, nothing written. (The templates' links
are build-readme's concern: the page shows no template, so it does not check them.) A site
folder still as this command last wrote it from the same list and tool is not written again.
  --data <dir>   the data directory (default: data)
  --out <dir>    where to write the site (default: site); a folder that holds files but no
                 index.html is left alone (exit 2)
  -h, --help     print this help and exit
Exit codes: 0 written; 1 the list has errors, nothing written; 2 bad usage, a data directory
or --out folder that cannot be used, or a data file that changed while it ran; 130, 143 stopped
by Ctrl-C (SIGINT) or SIGTERM: what was staged is removed, nothing is written.
`;

export interface BuildSiteOptions {
  data: string;
  out: string;
}

export const DEFAULT_SITE_OPTIONS: BuildSiteOptions = { data: 'data', out: SITE_DIR };

export function parseSiteOptions(argv: string[], typed: TypedPath = (path) => path): Parsed<BuildSiteOptions> {
  const { values } = parseCommandLine(argv, {
    data: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) return 'help';
  return {
    data: values.data === undefined ? DEFAULT_SITE_OPTIONS.data : typed(values.data),
    out: values.out === undefined ? DEFAULT_SITE_OPTIONS.out : typed(values.out),
  };
}

/** A folder build-site may replace: missing, empty, or a site it built (it has index.html). */
function replaceable(dir: string): boolean {
  if (!existsSync(dir)) return true;
  try {
    const names = readdirSync(dir);
    return names.length === 0 || names.includes('index.html');
  } catch {
    return false;
  }
}

export async function buildSiteCommand(argv: string[], io: Io): Promise<number> {
  const read = readOptions('build-site', USAGE, io, () => parseSiteOptions(argv, typedPaths(io)));
  if ('exit' in read) return read.exit;
  // A signal stops it anywhere: before the new site is renamed into place, nothing is written; the
  // caches it writes on the way are written whole (each in one synchronous step, which a handled signal waits for).
  return whileStoppable((signal) => buildSite(read.options, io, signal));
}

async function buildSite(options: BuildSiteOptions, io: Io, signal: AbortSignal): Promise<number> {
  const dataDir = resolve(io.cwd, options.data);
  const outDir = resolve(io.cwd, options.out);
  const color = useColor(io.stderr, io.env);
  const shownOut = displayPath(outDir, io.cwd) || '.';
  if (!replaceable(outDir)) {
    io.stderr.write(`build-site: ${shownOut} has files but no index.html; it does not look like a built site, so it is left alone. Choose another --out.\n`);
    return 2;
  }
  // esbuild bundles in its own process: started now, it is done by the time the list is linted.
  const script = bundleClient(cacheDir(io));
  script.catch(() => undefined);
  let gated;
  try {
    gated = await loadPublishable(dataDir, io.cwd, undefined, cacheDir(io), loadOptionsOf('build-site', io));
  } catch (error) {
    const stopped = loadStopped(error);
    if (stopped === undefined) throw error;
    io.stderr.write(`build-site: ${stopped}\n`);
    return 2;
  }
  const data = gated.value;
  if (signal.aborted) return reportStop('build-site', signal.reason, 'nothing written', io);
  // As in build-readme: the list's warnings are lint-list's to show; a refusal shows everything.
  if (!data) {
    io.stderr.write(formatText(gated.problems, color));
    io.stderr.write('build-site: nothing written; the page never shows a list that lint-list rejects. Fix the errors above first.\n');
    return 1;
  }
  const figure = readFigure(io.cwd);
  let scriptText;
  try {
    scriptText = await script;
  } catch (error) {
    // A Ctrl-C reaches the whole process group: esbuild, bundling in its own process, may die of it first.
    if (signal.aborted) return reportStop('build-site', signal.reason, 'nothing written', io);
    throw error;
  }
  const caches = cacheDir(io) ?? DEFAULT_CACHE_DIR;
  const key = siteKey(data, scriptText, figure, caches);
  // A folder still as this command wrote it for the same inputs is left as it is (make's rule).
  let sizes = siteUpToDate(outDir, key, caches);
  if (!sizes) {
    const files = await renderSiteCached(data, Promise.resolve(scriptText), figure, caches);
    try {
      await writeTreeAtomicStoppable(outDir, files, { replace: true, signal, onLook: pauseForTests('build-site', io, signal) });
    } catch (error) {
      const stop = stopReason(error);
      if (stop) return reportStop('build-site', stop, 'nothing written', io);
      io.stderr.write(`build-site: ${fileFailure('could not write', error, shownOut, io.cwd) ?? `could not write ${shownOut}: ${(error as Error).message}`}\n`);
      return 2;
    }
    recordSiteWritten(outDir, key, caches);
    sizes = new Map([...files].map(([name, content]) => [name, Buffer.byteLength(content)]));
  }
  const bytes = (name: string) => sizes.get(name) ?? 0;
  io.stdout.write(
    `Wrote ${displayPath(join(outDir, 'index.html'), io.cwd)} (${bytes('index.html')} bytes), ` +
      `${displayPath(join(outDir, 'zh', 'index.html'), io.cwd)} (${bytes('zh/index.html')} bytes) and ${sizes.size - 2} more files from ${data.papers.length} entries.\n`,
  );
  return 0;
}

/**
 * The survey's structure figure, as the READMEs show it: a regular file of the repository, or none
 * (a list of its own, like the tests' fixtures, has no figure, and its page shows none).
 */
function readFigure(cwd: string): Uint8Array | undefined {
  const path = resolve(cwd, FIGURE_PATH);
  try {
    return lstatSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

if (isMainModule(import.meta.url, 'build-site')) runAsProcess(buildSiteCommand);

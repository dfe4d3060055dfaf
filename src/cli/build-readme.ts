#!/usr/bin/env node
import { lstatSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { readRegularText } from '../fs/read.js';
import { join, relative, resolve } from 'node:path';
import { hasErrors } from '../core/problem.js';
import { TargetIsFolderError, writeFilesAtomicStoppable } from '../fs/write.js';
import { displayPath } from '../data/read.js';
import { releasePlaces, releaseSource } from '../data/source.js';
import { cacheDir, loadPublishable } from '../lint/gate.js';
import { DEFAULT_CACHE_DIR } from '../lint/anchor-cache.js';
import type { OutputFile } from '../render/build.js';
import { digestOf, onDisk, ReadmeCache, type OutputDigest } from '../render/readme-cache.js';
// Names only: the renderer (render/build.js) and the diff load when needed, not on a cached run.
import { DEFAULT_RENDER_OPTIONS, GENERATED_MARK, PAGES_DIR, PAGES_MODES, type PagesMode } from '../render/names.js';
import { loadTemplates } from '../render/read-templates.js';
import { sizeProblems } from '../render/size.js';
import { BIB_FILE, bibPieces, eachBibText, papersBib } from '../bib/bibtex.js';
import { parseCommandLine, readOptions, typedPaths, UsageError, type Parsed, type TypedPath } from './args.js';
import { formatText, useColor } from './format.js';
import type { Io } from './io.js';
import { loadOptionsOf, loadStopped } from './load-options.js';
import { fileFailure, isMainModule, pauseForTests, reportStop, runAsProcess, stopReason, whileStoppable } from './io.js';

export const USAGE = `Usage: npm run build-readme -- [--check] [--data <dir>] [--templates <dir>] [--out <dir>] [--pages auto|always|never]

Renders every templates/README*.md with the list in data/ into --out (default: here),
and the whole list as BibTeX into papers.bib beside them.
  --check                  write nothing; exit 1 with a short diff if a committed README differs
  --data <dir>             the data directory (default: data)
  --templates <dir>        the README templates, one per language (default: templates)
  --out <dir>              where the READMEs, papers.bib and pages/ go (default: .)
  --pages <mode>           put each top-level section on its own page under pages/<lang>/: "auto"
                           (default) when a README would pass the 512 KiB GitHub renders,
                           "always", or "never"
  -h, --help               print this help and exit

Exit codes:
  0  written (or, with --check, every generated file is up to date)
  1  the list has errors (as lint-list reports them) or rendering found one: nothing is written;
     with --check, a generated file differs from what data/ and templates/ give
  2  bad usage, a data or templates directory that cannot be read, a data file that changed while
     it ran, or an output that cannot be written
  130, 143  stopped by Ctrl-C (SIGINT) or SIGTERM: what was staged is removed; nothing is written
`;

/** One options type for the command, defaults stated once. */
export interface BuildOptions {
  data: string;
  templates: string;
  out: string;
  check: boolean;
  pages: PagesMode;
}

export const DEFAULT_BUILD_OPTIONS: BuildOptions = { data: 'data', templates: 'templates', out: '.', check: false, pages: 'auto' };

/** The command line into options; throws UsageError. */
export function parseBuildOptions(argv: string[], typed: TypedPath = (path) => path): Parsed<BuildOptions> {
  const { values } = parseCommandLine(argv, {
    data: { type: 'string' },
    templates: { type: 'string' },
    out: { type: 'string' },
    check: { type: 'boolean' },
    pages: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) return 'help';
  const pages = (values.pages ?? DEFAULT_BUILD_OPTIONS.pages) as PagesMode;
  if (!PAGES_MODES.includes(pages)) throw new UsageError(`--pages takes auto, always or never, not "${values.pages}"`);
  return {
    data: values.data === undefined ? DEFAULT_BUILD_OPTIONS.data : typed(values.data),
    templates: values.templates === undefined ? DEFAULT_BUILD_OPTIONS.templates : typed(values.templates),
    out: values.out === undefined ? DEFAULT_BUILD_OPTIONS.out : typed(values.out),
    check: values.check ?? DEFAULT_BUILD_OPTIONS.check,
    pages,
  };
}

export async function buildReadmeCommand(argv: string[], io: Io): Promise<number> {
  const read = readOptions('build-readme', USAGE, io, () => parseBuildOptions(argv, typedPaths(io)));
  if ('exit' in read) return read.exit;
  // A signal stops it anywhere: before its outputs are renamed into place, nothing is written; the
  // caches it writes on the way are written whole (each in one synchronous step, which a handled signal waits for).
  return whileStoppable((signal) => buildReadme(read.options, io, signal));
}

async function buildReadme(options: BuildOptions, io: Io, signal: AbortSignal): Promise<number> {
  const dataDir = resolve(io.cwd, options.data);
  const outDir = resolve(io.cwd, options.out);
  const color = useColor(io.stderr, io.env);
  let loaded;
  let templates;
  try {
    templates = loadTemplates(resolve(io.cwd, options.templates), io.cwd);
    // What lint-list rejects offline is never published: the same load, rules and exceptions.
    loaded = await loadPublishable(dataDir, io.cwd, templates, cacheDir(io), loadOptionsOf('build-readme', io));
  } catch (error) {
    const stopped = loadStopped(error);
    if (stopped === undefined) throw error;
    io.stderr.write(`build-readme: ${stopped}\n`);
    return 2;
  }
  const data = loaded.value;
  if (signal.aborted) return reportStop('build-readme', signal.reason, 'nothing written', io);
  if (!data) {
    io.stderr.write(formatText(loaded.problems, color));
    io.stderr.write('build-readme: nothing written; fix the errors above first.\n');
    return 1;
  }
  // Linted: rendering needs the papers' values and digests, not their bytes or places (data/source.ts);
  // the places of categories.yaml and news.yaml alone kept the whole data cache.
  for (const paper of data.papers) releaseSource(paper.source);
  // Their text is part of the readme cache's key (render/cache.ts): only their places go.
  for (const source of [data.categoriesSource, data.newsSource]) if (source) releasePlaces(source);
  const renderOptions = { ...DEFAULT_RENDER_OPTIONS, pages: options.pages };
  const display = (name: string) => displayPath(join(outDir, name), io.cwd);
  // The last build of the same inputs, if its files are still on disk as it wrote them, leaves nothing to do (render/readme-cache.ts).
  const cache = ReadmeCache.open({ data, templates, outDir, options: JSON.stringify(renderOptions) }, cacheDir(io) ?? DEFAULT_CACHE_DIR);
  let outputs = cache.outputs && onDisk(outDir, cache.outputs) ? cache.outputs : undefined;
  let written = false;
  const diffs: string[] = [];
  const differing: string[] = [];
  if (!outputs) {
    const { readmeRender } = await import('../render/build.js');
    const lists = cache.lists();
    const render = readmeRender(data, templates, outDir, renderOptions, lists);
    // Warnings of the list are lint-list's to show; build-readme reports what rendering finds.
    if (hasErrors(render.problems)) {
      io.stderr.write(formatText(render.problems, color));
      io.stderr.write('build-readme: nothing written; fix the errors above first.\n');
      return 1;
    }
    // One file at a time, written (or compared) before the next is made: the whole list as BibTeX last,
    // checked with the READMEs; the page's "copy BibTeX" uses the same entries.
    const made: OutputDigest[] = [];
    if (options.check) {
      const files = function* (): Generator<OutputFile> {
        yield* render.files();
        yield { name: BIB_FILE, lang: 'en', content: papersBib(data.papers) };
      };
      for (const file of files()) {
        made.push(digestOf(file.name, Buffer.from(file.content)));
        const path = join(outDir, file.name);
        // A committed link, pipe or folder is never followed or read (a pull request could point README.md
        // at a file outside the repository, and the diff would print it): it differs, as a missing file does.
        const committed = readRegularText(path);
        if (committed === file.content) continue;
        if (committed === undefined && lstatSync(path, { throwIfNoEntry: false })) {
          diffs.push(`--- ${display(file.name)} (committed)\n${display(file.name)} is not a regular file (a link, a folder or a pipe), so it is not read; run npm run build-readme to replace it.\n`);
        } else {
          const { shortDiff } = await import('../render/diff.js');
          diffs.push(shortDiff(display(file.name), committed, file.content));
        }
        differing.push(display(file.name));
      }
    } else {
      const names: string[] = [];
      const files = function* (): Generator<[string, string | Iterable<string>]> {
        for (const file of render.files()) {
          names.push(file.name);
          yield [join(outDir, file.name), file.pieces ?? file.content];
        }
        // papers.bib (32 MiB at 100,000 entries) is written an entry at a time, hashed as it is written.
        names.push(BIB_FILE);
        yield [join(outDir, BIB_FILE), bibPieces(eachBibText(data.papers))];
      };
      try {
        // A look at the signal after each file: they are few (two READMEs, their pages, papers.bib) and large.
        const staged = await writeFilesAtomicStoppable(files(), { signal, every: 1, onLook: pauseForTests('build-readme', io, signal) });
        staged.forEach((file, i) => made.push({ name: names[i]!, ...file }));
      } catch (error) {
        const stop = stopReason(error);
        if (stop) return reportStop('build-readme', stop, 'nothing written', io);
        if (error instanceof TargetIsFolderError) {
          io.stderr.write(`build-readme: could not write: ${display(relative(outDir, error.path))} is a folder, not a file; move it away and run again. Nothing was written.\n`);
          return 2;
        }
        const failed = fileFailure('could not write', error, options.out, io.cwd);
        if (failed === undefined) throw error;
        io.stderr.write(`build-readme: ${failed}; nothing written.\n`);
        return 2;
      }
      written = true;
    }
    outputs = made;
    cache.save(outputs, lists);
  }
  const problems = sizeProblems(outputs.filter((f) => f.name !== BIB_FILE), display);
  if (problems.length > 0) io.stderr.write(formatText(problems, color));

  const stale = stalePages(outDir, new Set(outputs.map((f) => f.name)));
  const names = outputs.map((f) => display(f.name)).join(', ');
  if (options.check) {
    for (const name of stale) {
      io.stdout.write(`--- ${display(name)} (committed)\n${name} is a generated page that data/ no longer gives; run npm run build-readme.\n`);
    }
    for (const diff of diffs) io.stdout.write(diff);
    const drifted = stale.length + diffs.length;
    if (drifted > 0) {
      io.stderr.write(
        `build-readme --check: ${drifted} of ${outputs.length + stale.length} files differ from what data/ and templates/ give (${[...stale.map(display), ...differing].join(', ')}). ` +
          'Edit data/ or templates/, not the README, then run npm run build-readme.\n',
      );
      return 1;
    }
    io.stdout.write(`${names}: up to date.\n`);
    return 0;
  }
  try {
    for (const name of stale) rmSync(join(outDir, name));
    removeEmptyPageDirs(outDir);
  } catch (error) {
    const failed = fileFailure('could not remove a stale page of', error, options.out, io.cwd);
    if (failed === undefined) throw error;
    io.stderr.write(`build-readme: ${failed}\n`);
    return 2;
  }
  const pages = outputs.filter((f) => f.name.startsWith(`${PAGES_DIR}/`)).length;
  const summary = outputs.filter((f) => !f.name.startsWith(`${PAGES_DIR}/`)).map((f) => `${display(f.name)} (${f.bytes} bytes)`).join(', ');
  const extra = pages > 0 ? ` and ${pages} section pages under ${PAGES_DIR}/` : '';
  const removed = stale.length > 0 ? `; removed ${stale.length} stale pages` : '';
  io.stdout.write(`${written ? 'Wrote' : 'Up to date:'} ${summary}${extra} from ${data.papers.length} entries${removed}.\n`);
  return 0;
}

/** Pages under pages/<lang>/ that a build made (they carry its notice) but this build does not produce. */
function stalePages(outDir: string, produced: ReadonlySet<string>): string[] {
  const stale: string[] = [];
  let langs: string[];
  try {
    langs = readdirSync(join(outDir, PAGES_DIR));
  } catch {
    return stale;
  }
  for (const lang of langs.sort()) {
    let names: string[];
    try {
      names = readdirSync(join(outDir, PAGES_DIR, lang));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const rel = `${PAGES_DIR}/${lang}/${name}`;
      if (!name.endsWith('.md') || produced.has(rel)) continue;
      if (readRegularText(join(outDir, rel))?.startsWith(GENERATED_MARK)) stale.push(rel);
    }
  }
  return stale;
}

/** pages/<lang>/ folders left empty by removing stale pages, and pages/ itself. */
function removeEmptyPageDirs(outDir: string): void {
  const root = join(outDir, PAGES_DIR);
  let langs: string[];
  try {
    langs = readdirSync(root);
  } catch {
    return;
  }
  for (const lang of langs) {
    try {
      if (readdirSync(join(root, lang)).length === 0) rmdirSync(join(root, lang));
    } catch {
      // Not a folder: leave it.
    }
  }
  if (readdirSync(root).length === 0) rmdirSync(root);
}

if (isMainModule(import.meta.url, 'build-readme')) runAsProcess(buildReadmeCommand);

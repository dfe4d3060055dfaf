import { readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Problem } from '../core/problem.js';
import { hasErrors } from '../core/problem.js';
import { StagedFiles } from '../core/write.js';
import { DataDirError, displayPath } from '../data/load.js';
import { loadPublishable } from '../lint/gate.js';
import { DEFAULT_RENDER_OPTIONS, GENERATED_MARK, readmeFiles } from '../render/build.js';
import { PAGES_DIR, PAGES_MODES, type PagesMode } from '../render/pages.js';
import { shortDiff } from '../render/diff.js';
import { loadTemplates, TemplatesDirError } from '../render/templates.js';
import { sizeProblems } from '../render/size.js';
import { BIB_FILE, papersBibPieces } from '../bib/bibtex.js';
import { parseCommandLine, readOptions, UsageError, type Parsed } from '../cli/args.js';
import { formatText, useColor } from '../cli/format.js';
import type { Io } from '../cli/io.js';

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
  2  bad usage, a data or templates directory that cannot be read, or an output that cannot be
     written
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
export function parseBuildOptions(argv: string[]): Parsed<BuildOptions> {
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
    data: values.data ?? DEFAULT_BUILD_OPTIONS.data,
    templates: values.templates ?? DEFAULT_BUILD_OPTIONS.templates,
    out: values.out ?? DEFAULT_BUILD_OPTIONS.out,
    check: values.check ?? DEFAULT_BUILD_OPTIONS.check,
    pages,
  };
}

export async function buildReadmeCommand(argv: string[], io: Io): Promise<number> {
  const read = readOptions('build-readme', USAGE, io, () => parseBuildOptions(argv));
  if ('exit' in read) return read.exit;
  const { options } = read;
  const dataDir = resolve(io.cwd, options.data);
  const outDir = resolve(io.cwd, options.out);
  const color = useColor(io.stderr, io.env);
  let loaded;
  let templates;
  try {
    templates = loadTemplates(resolve(io.cwd, options.templates), io.cwd);
    // What lint-list rejects offline is never published: the same load, rules and exceptions.
    loaded = await loadPublishable(dataDir, io.cwd, templates);
  } catch (error) {
    if (error instanceof DataDirError || error instanceof TemplatesDirError) {
      io.stderr.write(`build-readme: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const data = loaded.value;
  if (!data) {
    io.stderr.write(formatText(loaded.problems, color));
    io.stderr.write('build-readme: nothing written; fix the errors above first.\n');
    return 1;
  }
  const rendered = readmeFiles(data, templates, outDir, { ...DEFAULT_RENDER_OPTIONS, pages: options.pages });
  // Warnings of the list are lint-list's to show; build-readme reports what rendering finds.
  const problems: Problem[] = [...rendered.problems];
  if (hasErrors(problems)) {
    io.stderr.write(formatText(problems, color));
    io.stderr.write('build-readme: nothing written; fix the errors above first.\n');
    return 1;
  }
  const display = (name: string) => displayPath(join(outDir, name), io.cwd);
  // Each file is compared or staged as soon as it is made, and dropped: at 100,000 papers the pages
  // and papers.bib are tens of MiB of text that never need to be in memory together.
  const outputs: { name: string; bytes: number }[] = [];
  const diffs: string[] = [];
  const stage = new StagedFiles();
  let unwritable: Error | undefined;
  /** `content`: the text, or (papers.bib) a maker of its pieces, called again if a difference needs the whole. */
  const take = (name: string, content: string | (() => Iterable<string>)) => {
    const path = join(outDir, name);
    if (!options.check) {
      try {
        outputs.push({ name, bytes: stage.add(path, typeof content === 'string' ? content : content()) });
      } catch (error) {
        unwritable ??= error as Error;
      }
      return;
    }
    outputs.push({ name, bytes: 0 });
    const committed = readCommitted(path);
    if (sameText(committed, typeof content === 'string' ? content : content())) return;
    const text = typeof content === 'string' ? content : [...content()].join('');
    diffs.push(shortDiff(displayPath(path, io.cwd), committed?.toString('utf8'), text));
  };
  for (const file of rendered.value) {
    if (unwritable) break;
    problems.push(...sizeProblems([file], display));
    take(file.name, file.content);
  }
  // The whole list as BibTeX, next to the READMEs and checked with them; the page's "copy BibTeX" uses the same entries.
  if (!unwritable) take(BIB_FILE, () => papersBibPieces(data.papers));
  if (problems.length > 0) io.stderr.write(formatText(problems, color));
  if (unwritable) {
    stage.abort();
    io.stderr.write(`build-readme: could not write: ${unwritable.message}\n`);
    return 2;
  }

  const stale = stalePages(outDir, new Set(outputs.map((f) => f.name)));
  if (options.check) {
    for (const name of stale) {
      io.stdout.write(`--- ${display(name)} (committed)\n${name} is a generated page that data/ no longer gives; run npm run build-readme.\n`);
    }
    for (const diff of diffs) io.stdout.write(diff);
    const drifted = stale.length + diffs.length;
    const names = outputs.map((f) => display(f.name)).join(', ');
    if (drifted > 0) {
      io.stderr.write(
        `build-readme --check: ${drifted} of ${outputs.length + stale.length} files differ from what data/ and templates/ give (${names}). ` +
          'Edit data/ or templates/, not the README, then run npm run build-readme.\n',
      );
      return 1;
    }
    io.stdout.write(`${names}: up to date.\n`);
    return 0;
  }
  try {
    stage.commit();
    for (const name of stale) rmSync(join(outDir, name));
    removeEmptyPageDirs(outDir);
  } catch (error) {
    stage.abort();
    io.stderr.write(`build-readme: could not write: ${(error as Error).message}\n`);
    return 2;
  }
  const pages = outputs.filter((f) => f.name.startsWith(`${PAGES_DIR}/`)).length;
  const summary = outputs.filter((f) => !f.name.startsWith(`${PAGES_DIR}/`)).map((f) => `${display(f.name)} (${f.bytes} bytes)`).join(', ');
  const extra = pages > 0 ? ` and ${pages} section pages under ${PAGES_DIR}/` : '';
  const removed = stale.length > 0 ? `; removed ${stale.length} stale pages` : '';
  io.stdout.write(`Wrote ${summary}${extra} from ${data.papers.length} entries${removed}.\n`);
  return 0;
}

/** A committed file's bytes; undefined when there is none to read. */
function readCommitted(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Whether `committed` holds exactly `content`, read piece by piece: a large file is never built whole to compare. */
function sameText(committed: Buffer | undefined, content: string | Iterable<string>): boolean {
  if (committed === undefined) return false;
  if (typeof content === 'string') return committed.equals(Buffer.from(content));
  let at = 0;
  for (const piece of content) {
    const bytes = Buffer.from(piece);
    if (at + bytes.length > committed.length || !committed.subarray(at, at + bytes.length).equals(bytes)) return false;
    at += bytes.length;
  }
  return at === committed.length;
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
      if (readFileSync(join(outDir, rel), 'utf8').startsWith(GENERATED_MARK)) stale.push(rel);
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

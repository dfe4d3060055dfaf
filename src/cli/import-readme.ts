#!/usr/bin/env node
import { readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasErrors } from '../core/problem.js';
import { writeTreeAtomicStoppable } from '../fs/write.js';
import { DataDirError, displayPath, loadData } from '../data/load.js';
import { decodeReadme, EncodingError } from '../import/decode.js';
import { mapOnto, readmeLanguage } from '../import/onto.js';
import { DEFAULT_IMPORT_OPTIONS, importReadme, linkedPages, type ImportedList } from '../import/readme.js';
import { applyFixes } from '../lint/fix.js';
import { DEFAULT_LANGUAGE } from '../render/language.js';
import { dataFiles } from '../import/write-data.js';
import { parseCommandLine, readOptions, typedPaths, UsageError } from './args.js';
import { isPageWorker, pageReader, runPageWorker, threadsFromEnv } from './import-readme-pages.js';
import { formatText, useColor } from './format.js';
import type { Io } from './io.js';
import { fileFailure, isMainModule, pauseForTests, reportStop, runAsProcess, stopReason, whileStoppable, writeFilesStoppably } from './io.js';

export const USAGE = `Usage: npm run import-readme -- <README.md> --out <dir> [--templates <dir>] [--schema-dir <dir>]
       npm run import-readme -- <README_<lang>.md> --onto <data dir>

Turns a README in the list's format into a data directory (categories.yaml, news.yaml,
papers/<category>/NNNN-<slug>.yaml). With --templates, also writes the README's prose as
<dir>/README.md, with markers where the generated parts go. News items are read as "[YYYY.MM.DD] …"
or as build-readme writes them, "\\[YYYY.MM.DD] …". A README whose papers build-readme moved to
pages of their own (pages/<lang>/<category>.md, linked under each heading) is read with those pages.
A README in another language (README_zh.md, or Chinese headings) is a translation of an existing
list: --onto maps its headings to that list's category ids and its news to their dates, and adds
its names and news texts under its language in categories.yaml and news.yaml; papers stay as they are.
  --out <dir>              the data directory to create; it must not exist or must be empty
  --templates <dir>        also write the README's prose as <dir>/README.md (same rule as --out)
  --schema-dir <dir>       the folder of the JSON schemas the written YAML files name in their
                           "yaml-language-server: $schema=" line, for editors (default: this
                           toolchain's schema/)
  --onto <data dir>        add a translated README's names and news texts to this existing data
                           directory, in place
  -h, --help               print this help and exit

Exit codes:
  0  imported and written; the findings printed, if any, are warnings and notes
  1  with --out: the README has errors (printed, with file and line): everything was still imported
     and written, in full, and the last line says so; fix the errors in the written data files
     (lint-list shows what remains). Also 1 when nothing could be imported, the file is not valid
     text, or (--onto) a heading or news item has no counterpart: then nothing is written.
  2  bad usage, a file that cannot be read, a README in another language without --onto, or a
     directory that cannot be written (not empty, no permission): nothing is written.
  130, 143  stopped by Ctrl-C (SIGINT) or SIGTERM while writing: what was staged is removed;
     nothing is written.
`;

/** The toolchain's own schema/ folder: src/cli (or the bundle folder) → repository root. */
const TOOL_SCHEMA_DIR = fileURLToPath(new URL('../../../schema/', import.meta.url));

export async function importReadmeCommand(argv: string[], io: Io): Promise<number> {
  const read = readOptions('import-readme', USAGE, io, () => {
    const args = parseCommandLine(
      argv,
      { out: { type: 'string' }, onto: { type: 'string' }, templates: { type: 'string' }, 'schema-dir': { type: 'string' }, help: { type: 'boolean' } },
      true,
    );
    if (args.values.help) return 'help';
    if (args.positionals.length !== 1) throw new UsageError('expected exactly one README to import');
    if (args.values.onto !== undefined) {
      const stray = (['out', 'templates', 'schema-dir'] as const).find((name) => args.values[name] !== undefined);
      if (stray) throw new UsageError(`--onto updates that data directory in place; --${stray} does not apply`);
    } else if (!args.values.out) throw new UsageError('--out <dir> is required');
    return args;
  });
  if ('exit' in read) return read.exit;
  const args = read.options;
  const typed = typedPaths(io);
  const input = resolve(io.cwd, typed(args.positionals[0]!));
  const display = relative(io.cwd, input).split(sep).join('/');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(input);
  } catch (error) {
    const failed = fileFailure('cannot read', error, display, io.cwd);
    if (failed === undefined) throw error;
    io.stderr.write(`import-readme: ${failed}\n`);
    return 2;
  }
  let decoded;
  try {
    decoded = decodeReadme(bytes, display);
  } catch (error) {
    if (!(error instanceof EncodingError)) throw error;
    io.stderr.write(`import-readme: ${error.message}\n`);
    return 1;
  }
  // A large list's papers are on pages beside the README (build-readme's pages/): read with it, except
  // for --onto, which maps names and news and leaves papers alone. Many pages are imported on two threads.
  let imported;
  if (args.values.onto === undefined) {
    const pages = pageReader(input, io.cwd, linkedPages(decoded.text), import.meta.url, threadsFromEnv(io.env));
    try {
      imported = importReadme(decoded.text, display, DEFAULT_IMPORT_OPTIONS, pages.read);
    } finally {
      pages.close();
    }
  } else imported = importReadme(decoded.text, display, DEFAULT_IMPORT_OPTIONS);
  const lang = readmeLanguage(display, imported.value);
  if (args.values.onto !== undefined) return importOnto(decoded.text, display, imported.value, lang, resolve(io.cwd, typed(args.values.onto)), io);
  if (lang !== DEFAULT_LANGUAGE) {
    io.stderr.write(
      `import-readme: ${display} is a README in "${lang}": imported alone, its headings would become category names under "en". ` +
        `Import the English README first, then add this one with --onto <data dir>, which maps its headings to the categories there and stores its words under "${lang}". Nothing written.\n`,
    );
    return 2;
  }
  const out = resolve(io.cwd, typed(args.values.out!));
  const problems = [...decoded.problems, ...imported.problems];
  if (imported.value.papers.length === 0 && hasErrors(imported.problems)) {
    io.stderr.write(formatText(problems, useColor(io.stderr, io.env)));
    io.stderr.write('import-readme: nothing imported; nothing written.\n');
    return 1;
  }
  const schemaDir = resolve(io.cwd, args.values['schema-dir'] === undefined ? TOOL_SCHEMA_DIR : typed(args.values['schema-dir']));
  const files = dataFiles(imported.value, relative(out, schemaDir).split(sep).join('/'));
  const templates = args.values.templates ? resolve(io.cwd, typed(args.values.templates)) : undefined;
  const written = await whileStoppable((signal) => writeImport(out, files, templates, imported.value.template, signal, io));
  if (written !== 0) return written;
  const raw = imported.value.papers.filter((p) => 'raw' in p.entry).length;
  if (problems.length > 0) io.stderr.write(formatText(problems, useColor(io.stderr, io.env)));
  io.stdout.write(
    `Imported ${imported.value.papers.length} entries (${raw} kept verbatim) in ${countCategories(imported.value.categories)} categories and ${imported.value.news.length} news items into ${relative(io.cwd, out) || '.'}` +
      `${args.values.templates ? `; template in ${join(relative(io.cwd, templates!), 'README.md')}` : ''}.\n`,
  );
  if (!hasErrors(problems)) return 0;
  const errors = problems.filter((p) => p.severity === 'error').length;
  io.stderr.write(
    `import-readme: the README has ${errors} error${errors === 1 ? '' : 's'} (above); everything was imported and written all the same. ` +
      'Fix them in the written data files (lint-list shows what remains).\n',
  );
  return 1;
}

/**
 * The data directory, then the template: all or nothing. A Ctrl-C or SIGTERM while they are staged
 * removes what was staged and gives the shell's code for it (130, 143); a write that cannot be made, 2.
 */
async function writeImport(out: string, files: Map<string, string>, templates: string | undefined, template: string, signal: AbortSignal, io: Io): Promise<number> {
  const failed = (error: unknown): number => {
    const stop = stopReason(error);
    if (stop) return reportStop('import-readme', stop, 'nothing written', io);
    io.stderr.write(`import-readme: ${fileFailure('could not write', error, out, io.cwd) ?? (error as Error).message}; nothing written.\n`);
    return 2;
  };
  try {
    await writeTreeAtomicStoppable(out, files, { signal, onLook: pauseForTests('import-readme', io, signal) });
  } catch (error) {
    return failed(error);
  }
  if (templates === undefined) return 0;
  try {
    await writeTreeAtomicStoppable(templates, new Map([['README.md', template]]), { signal });
    return 0;
  } catch (error) {
    // The data directory was absent or empty before (writeTreeAtomic refuses otherwise): taking it back leaves nothing half-written.
    rmSync(out, { recursive: true, force: true });
    return failed(error);
  }
}

/** --onto: the README's names and news under its language in an existing data directory. */
async function importOnto(text: string, display: string, imported: ImportedList, lang: string, dataDir: string, io: Io): Promise<number> {
  let data;
  try {
    data = loadData(dataDir, io.cwd).value;
  } catch (error) {
    if (!(error instanceof DataDirError)) throw error;
    io.stderr.write(`import-readme: ${error.message}\n`);
    return 2;
  }
  const dataDisplay = displayPath(dataDir, io.cwd) || '.';
  if (!data.categoriesSource || !data.newsSource) {
    io.stderr.write(`import-readme: ${dataDisplay} has no categories.yaml or news.yaml to add the README's words to; nothing written.\n`);
    return 2;
  }
  if (lang === DEFAULT_LANGUAGE) {
    io.stderr.write(`import-readme: ${display} reads as English; --onto adds another language's names (name the file README_<lang>.md). Nothing written.\n`);
    return 2;
  }
  const mapped = mapOnto(imported, text, display, data, dataDisplay, lang);
  if (hasErrors(mapped.problems)) {
    io.stderr.write(formatText(mapped.problems, useColor(io.stderr, io.env)));
    io.stderr.write('import-readme: nothing written.\n');
    return 1;
  }
  const files = new Map<string, string>();
  for (const source of [data.categoriesSource, data.newsSource]) {
    const name = source === data.categoriesSource ? 'categories.yaml' : 'news.yaml';
    const fixes = mapped.value.edits.filter((e) => e.file === name).map(({ path, value }) => ({ path, value }));
    if (fixes.length === 0) continue;
    const outcome = applyFixes(source.text, fixes);
    if (outcome.skipped.length > 0) {
      io.stderr.write(`import-readme: ${source.file}: cannot set ${outcome.skipped.map((s) => s.fix.path.join('.')).join(', ')} (${outcome.skipped[0]!.reason}); nothing written.\n`);
      return 1;
    }
    files.set(source.absPath, outcome.text);
  }
  try {
    const written = await writeFilesStoppably('import-readme', io, files);
    if (written !== 0) return written;
  } catch (error) {
    const failed = fileFailure('could not write', error, dataDisplay, io.cwd);
    if (failed === undefined) throw error;
    io.stderr.write(`import-readme: ${failed}\n`);
    return 2;
  }
  const { mapped: headings, news, edits } = mapped.value;
  io.stdout.write(
    `Mapped ${headings.length} headings to categories of ${dataDisplay} and ${news} news items to their dates; ` +
      `${edits.length} ${lang} text${edits.length === 1 ? '' : 's'} written (${imported.papers.length} entries read; papers are kept as they are).\n`,
  );
  return 0;
}

function countCategories(categories: readonly { children?: unknown[] | undefined }[]): number {
  return categories.reduce((n, c) => n + 1 + countCategories((c.children as { children?: unknown[] }[] | undefined) ?? []), 0);
}

// The page worker is this program started again on another thread (import-readme-pages.ts).
if (isPageWorker()) runPageWorker();
else if (isMainModule(import.meta.url, 'import-readme')) runAsProcess(importReadmeCommand);

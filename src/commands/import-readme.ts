import { readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasErrors } from '../core/problem.js';
import { writeTreeAtomic } from '../core/write.js';
import { decodeReadme, EncodingError } from '../import/decode.js';
import { DEFAULT_IMPORT_OPTIONS, importReadme } from '../import/readme.js';
import { dataFiles } from '../import/write-data.js';
import { parseCommandLine, readOptions, UsageError } from '../cli/args.js';
import { formatText, useColor } from '../cli/format.js';
import type { Io } from '../cli/io.js';

export const USAGE = `Usage: npm run import-readme -- <README.md> --out <dir> [--templates <dir>] [--schema-dir <dir>]

Turns a README in the list's format into a data directory (categories.yaml, news.yaml,
papers/<category>/NNNN-<slug>.yaml). With --templates, also writes the README's prose as
<dir>/README.md, with markers where the generated parts go.
`;

/** The toolchain's own schema/ folder: dist/src/commands → repository root. */
const TOOL_SCHEMA_DIR = fileURLToPath(new URL('../../../schema/', import.meta.url));

export async function importReadmeCommand(argv: string[], io: Io): Promise<number> {
  const read = readOptions('import-readme', USAGE, io, () => {
    const args = parseCommandLine(argv, { out: { type: 'string' }, templates: { type: 'string' }, 'schema-dir': { type: 'string' }, help: { type: 'boolean' } }, true);
    if (args.values.help) return 'help';
    if (args.positionals.length !== 1) throw new UsageError('expected exactly one README to import');
    if (!args.values.out) throw new UsageError('--out <dir> is required');
    return args;
  });
  if ('exit' in read) return read.exit;
  const args = read.options;
  const input = resolve(io.cwd, args.positionals[0]!);
  const out = resolve(io.cwd, args.values.out!);
  const display = relative(io.cwd, input).split(sep).join('/');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(input);
  } catch (error) {
    io.stderr.write(`import-readme: cannot read ${display}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
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
  const imported = importReadme(decoded.text, display, DEFAULT_IMPORT_OPTIONS);
  const problems = [...decoded.problems, ...imported.problems];
  if (imported.value.papers.length === 0 && hasErrors(imported.problems)) {
    io.stderr.write(formatText(problems, useColor(io.stderr, io.env)));
    io.stderr.write('import-readme: nothing imported; nothing written.\n');
    return 1;
  }
  const schemaDir = resolve(io.cwd, args.values['schema-dir'] ?? TOOL_SCHEMA_DIR);
  const files = dataFiles(imported.value, relative(out, schemaDir).split(sep).join('/'));
  try {
    writeTreeAtomic(out, files);
    if (args.values.templates) {
      const templates = resolve(io.cwd, args.values.templates);
      writeTreeAtomic(templates, new Map([['README.md', imported.value.template]]));
    }
  } catch (error) {
    io.stderr.write(`import-readme: ${(error as Error).message}\n`);
    return 2;
  }
  const raw = imported.value.papers.filter((p) => 'raw' in p.entry).length;
  if (problems.length > 0) io.stderr.write(formatText(problems, useColor(io.stderr, io.env)));
  io.stdout.write(
    `Imported ${imported.value.papers.length} entries (${raw} kept verbatim) in ${countCategories(imported.value.categories)} categories and ${imported.value.news.length} news items into ${relative(io.cwd, out) || '.'}` +
      `${args.values.templates ? `; template in ${join(relative(io.cwd, resolve(io.cwd, args.values.templates)), 'README.md')}` : ''}.\n`,
  );
  return 0;
}

function countCategories(categories: readonly { children?: unknown[] | undefined }[]): number {
  return categories.reduce((n, c) => n + 1 + countCategories((c.children as { children?: unknown[] }[] | undefined) ?? []), 0);
}

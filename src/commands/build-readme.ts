import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Problem } from '../core/problem.js';
import { hasErrors } from '../core/problem.js';
import { writeFilesAtomic } from '../core/write.js';
import { DataDirError, displayPath, loadData } from '../data/load.js';
import { renderReadmes } from '../render/build.js';
import { shortDiff } from '../render/diff.js';
import { loadTemplates, TemplatesDirError } from '../render/templates.js';
import { sizeProblems } from '../render/size.js';
import { parseCommandLine, UsageError } from '../cli/args.js';
import { formatText, useColor } from '../cli/format.js';
import type { Io } from '../cli/io.js';

export const USAGE = `Usage: npm run build-readme -- [--check] [--data <dir>] [--templates <dir>] [--out <dir>]

Renders every templates/README*.md with the list in data/ into --out (default: here).
  --check   write nothing; exit 1 with a short diff if a committed README differs
`;

/** One options type for the command, defaults stated once. */
export interface BuildOptions {
  data: string;
  templates: string;
  out: string;
  check: boolean;
}

export const DEFAULT_BUILD_OPTIONS: BuildOptions = { data: 'data', templates: 'templates', out: '.', check: false };

export async function buildReadmeCommand(argv: string[], io: Io): Promise<number> {
  let options: BuildOptions;
  try {
    const { values } = parseCommandLine(argv, {
      data: { type: 'string' },
      templates: { type: 'string' },
      out: { type: 'string' },
      check: { type: 'boolean' },
      help: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    options = {
      data: values.data ?? DEFAULT_BUILD_OPTIONS.data,
      templates: values.templates ?? DEFAULT_BUILD_OPTIONS.templates,
      out: values.out ?? DEFAULT_BUILD_OPTIONS.out,
      check: values.check ?? DEFAULT_BUILD_OPTIONS.check,
    };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`build-readme: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const dataDir = resolve(io.cwd, options.data);
  const outDir = resolve(io.cwd, options.out);
  const color = useColor(io.stderr, io.env);
  let loaded;
  let templates;
  try {
    loaded = loadData(dataDir, io.cwd);
    templates = loadTemplates(resolve(io.cwd, options.templates), io.cwd);
  } catch (error) {
    if (error instanceof DataDirError || error instanceof TemplatesDirError) {
      io.stderr.write(`build-readme: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const rendered = renderReadmes(loaded.value, templates, outDir);
  const problems: Problem[] = [...loaded.problems, ...rendered.problems];
  if (hasErrors(problems)) {
    io.stderr.write(formatText(problems, color));
    io.stderr.write('build-readme: nothing written; fix the errors above first.\n');
    return 1;
  }
  const outputs = rendered.value;
  problems.push(...sizeProblems(outputs, (name) => displayPath(join(outDir, name), io.cwd)));
  if (problems.length > 0) io.stderr.write(formatText(problems, color));

  if (options.check) {
    let drifted = 0;
    for (const file of outputs) {
      const path = join(outDir, file.name);
      let committed: string | undefined;
      try {
        committed = readFileSync(path, 'utf8');
      } catch {
        committed = undefined;
      }
      if (committed === file.content) continue;
      drifted++;
      io.stdout.write(shortDiff(displayPath(path, io.cwd), committed, file.content));
    }
    const names = outputs.map((f) => displayPath(join(outDir, f.name), io.cwd)).join(', ');
    if (drifted > 0) {
      io.stderr.write(
        `build-readme --check: ${drifted} of ${outputs.length} files differ from what data/ and templates/ give (${names}). ` +
          'Edit data/ or templates/, not the README, then run npm run build-readme.\n',
      );
      return 1;
    }
    io.stdout.write(`${names}: up to date.\n`);
    return 0;
  }
  try {
    writeFilesAtomic(new Map(outputs.map((file) => [join(outDir, file.name), file.content])));
  } catch (error) {
    io.stderr.write(`build-readme: could not write: ${(error as Error).message}\n`);
    return 2;
  }
  const summary = outputs.map((f) => `${displayPath(join(outDir, f.name), io.cwd)} (${Buffer.byteLength(f.content)} bytes)`).join(', ');
  io.stdout.write(`Wrote ${summary} from ${loaded.value.papers.length} entries.\n`);
  return 0;
}

#!/usr/bin/env node
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTRIBUTING_PATH, withRulesTable } from '../github/contributing.js';
import { coreRuleListText, registryIndexText, ruleDescriptorsOf, ruleIdOfFile } from '../lint/rules-table.js';
import { shortDiff } from '../render/diff.js';
import { parseCommandLine, readOptions } from './args.js';
import type { Io } from './io.js';
import { fileFailure, isMainModule, runAsProcess, writeFilesStoppably } from './io.js';

export const USAGE = `Usage: npm run sync-rules -- [--check]

Writes what derives from the rule files src/lint/rules/*.ts (each exports its rule: id, severity, doc,
fixable, who reports it, its check): the registry src/lint/rules/index.ts (an import per file; RULE_LIST
keeps its order, a new rule goes at its end), src/core/rule-list.ts and the rule table of ${CONTRIBUTING_PATH}.
Run it in the repository after adding, removing or changing a rule file.
  --check   write nothing; exit 1 with a short diff if a file is not what the rule files give
`;

const RULES_DIR = 'src/lint/rules';
const INDEX = `${RULES_DIR}/index.ts`;
const CORE_LIST = 'src/core/rule-list.ts';

/**
 * The exports of every rule file under `root`, read from the TypeScript source as the launcher does:
 * esbuild bundles one entry importing each file (not index.ts, which may not know the file yet or may
 * still import a deleted one), and the bundle is imported from a temporary file. Errors name the file.
 */
async function loadRuleModules(root: string, files: readonly string[]): Promise<{ value?: Map<string, Record<string, unknown>>; error?: string }> {
  const { build } = await import('esbuild');
  const entry = [
    ...files.map((file, i) => `import * as m${i} from './${file}';`),
    `export const modules = [${files.map((file, i) => `[${JSON.stringify(file)}, m${i}]`).join(', ')}];`,
  ].join('\n');
  let code: string;
  try {
    const result = await build({
      stdin: { contents: entry, resolveDir: join(root, RULES_DIR), sourcefile: 'sync-rules-entry.ts', loader: 'ts' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      absWorkingDir: root,
      // As the launcher's bundles: bundled CommonJS packages call require(), which ESM lacks.
      banner: { js: "import { createRequire as __toolRequire } from 'node:module'; const require = __toolRequire(import.meta.url);" },
      // Packages stay imports, resolved from the repository's node_modules: loaded once per process, not bundled each run.
      packages: 'external',
      logLevel: 'silent',
    });
    code = result.outputFiles[0]!.text;
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors?.[0];
    if (!first) throw error;
    const where = first.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : '';
    return { error: `cannot read the rule files: ${where}${first.text}` };
  }
  // Beside the packages it imports (node_modules/.cache, as the other caches). A new name each time:
  // node keeps every module it imported by its URL, and a test runs this many times.
  const temp = join(root, 'node_modules', '.cache', `sync-rules-${randomUUID()}.mjs`);
  try {
    mkdirSync(dirname(temp), { recursive: true });
    writeFileSync(temp, code);
    const loaded = (await import(pathToFileURL(temp).href)) as { modules: [string, Record<string, unknown>][] };
    return { value: new Map(loaded.modules) };
  } catch (error) {
    // A rule file that throws as it loads says so in its own (a developer's) words; a cache folder that cannot be written, in ours.
    return { error: fileFailure('cannot write to', error, join('node_modules', '.cache'), root) ?? `loading the rule files failed: ${(error as Error).message}` };
  } finally {
    rmSync(temp, { force: true });
  }
}

export async function syncRulesCommand(argv: string[], io: Io): Promise<number> {
  const read = readOptions('sync-rules', USAGE, io, () => {
    const { values } = parseCommandLine(argv, { check: { type: 'boolean' }, help: { type: 'boolean' } });
    return values.help ? 'help' : { check: values.check ?? false };
  });
  if ('exit' in read) return read.exit;
  const root = io.cwd;
  const fail = (message: string, code = 1) => {
    io.stderr.write(`sync-rules: ${message}\n`);
    return code;
  };

  let files: string[];
  const current = new Map<string, string>();
  try {
    files = readdirSync(join(root, RULES_DIR))
      .filter((name) => name !== 'index.ts')
      .sort();
    for (const path of [INDEX, CORE_LIST, CONTRIBUTING_PATH]) current.set(path, readFileSync(join(root, path), 'utf8'));
  } catch (error) {
    return fail(`cannot read ${(error as NodeJS.ErrnoException).path ?? ''}: run it at the root of the repository.`, 2);
  }
  const badNames = files.filter((file) => ruleIdOfFile(file) === undefined);
  if (badNames.length > 0) {
    return fail(`${badNames.map((file) => `${RULES_DIR}/${file}`).join(', ')}: a rule file's name is its rule's id, lower-case words joined by hyphens (such as duplicate-url.ts), ending in .ts; nothing written.`);
  }

  const loaded = await loadRuleModules(root, files);
  if (!loaded.value) return fail(`${loaded.error ?? ''}; nothing written.`);
  const descriptors = ruleDescriptorsOf(loaded.value);
  const index = registryIndexText(current.get(INDEX)!, [...descriptors.value.keys()]);
  const errors = [...descriptors.errors, ...index.errors];
  if (errors.length > 0 || index.value === undefined) return fail(`${errors.join('\n')}\nNothing written.`);

  const rules = index.value.order.map((id) => descriptors.value.get(id)!);
  const contributing = withRulesTable(current.get(CONTRIBUTING_PATH)!, rules);
  if (contributing === undefined) return fail(`${CONTRIBUTING_PATH} has no rule table (a table whose header is "| Rule | Severity | Meaning |"); nothing written.`);
  const wanted = new Map([
    [INDEX, index.value.text],
    [CORE_LIST, coreRuleListText(rules)],
    [CONTRIBUTING_PATH, contributing],
  ]);
  const stale = [...wanted].filter(([path, text]) => current.get(path) !== text);
  const count = `${rules.length} rules`;
  if (stale.length === 0) {
    io.stdout.write(`${INDEX}, ${CORE_LIST} and ${CONTRIBUTING_PATH}'s rule table match ${RULES_DIR}/*.ts (${count}).\n`);
    return 0;
  }
  const names = stale.map(([path]) => path).join(', ');
  if (read.options.check) {
    for (const [path, text] of stale) io.stdout.write(shortDiff(path, current.get(path), text));
    // Worded as build-readme --check words drift.
    io.stderr.write(`sync-rules --check: ${names} ${stale.length === 1 ? 'differs' : 'differ'} from what ${RULES_DIR}/*.ts give; run npm run sync-rules.\n`);
    return 1;
  }
  try {
    const written = await writeFilesStoppably('sync-rules', io, new Map(stale.map(([path, text]) => [join(root, path), text])));
    if (written !== 0) return written;
  } catch (error) {
    const failed = fileFailure('could not write', error, names, io.cwd);
    if (failed === undefined) throw error;
    return fail(failed, 2);
  }
  io.stdout.write(`Updated ${names} from ${RULES_DIR}/*.ts (${count}).\n`);
  return 0;
}

if (isMainModule(import.meta.url, 'sync-rules')) runAsProcess(syncRulesCommand);

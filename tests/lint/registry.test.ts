import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JsonLinksSummary } from '../../src/core/findings-json.js';
import { RULES as CORE_RULES, rulesReportedBy as coreRulesReportedBy } from '../../src/core/rules.js';
import { syncRulesCommand } from '../../src/cli/sync-rules.js';
import type { LinkSummary } from '../../src/links/types.js';
import type { RuleDescriptor } from '../../src/lint/rule.js';
import { LINK_RULES, LIST_RULES, loadTemplateRules, NOT_SILENCEABLE, OFFLINE_RULES, ONE_FILE_RULES, RULE_IDS, RULE_LIST, RULES, rulesReportedBy, TEXT_RULES } from '../../src/lint/rules/index.js';
import { LAUNCHER, memoryIo, ROOT, tempDir, writeFiles } from '../helpers.js';

/**
 * The registry against the folder. What is expected comes from the directory listing and from each
 * rule file imported on its own, never from the registry under test: a rule file that is not
 * registered, a stale src/core/rule-list.ts or a stale CONTRIBUTING table fails here, naming the
 * file and `npm run sync-rules`, the one command that writes all three (src/cli/sync-rules.ts).
 */
const RULES_DIR = 'src/lint/rules';
const SYNC = 'npm run sync-rules';

/** The rule files of a tree: everything in the folder but the registry itself. */
function ruleFiles(root: string): string[] {
  return readdirSync(join(root, RULES_DIR))
    .filter((name) => name !== 'index.ts')
    .sort();
}

/**
 * The rule files that src/lint/rules/index.ts of `root` does not register, as messages: each file
 * needs its import line there (the line sync-rules writes), and its rule in RULE_LIST.
 */
function unregistered(root: string): string[] {
  const index = readFileSync(join(root, RULES_DIR, 'index.ts'), 'utf8');
  return ruleFiles(root).flatMap((file) => {
    const id = file.replace(/\.ts$/, '');
    const name = id.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const imported = index.includes(`import { rule as ${name} } from './${id}.js';\n`);
    const listed = new RegExp(`^export const RULE_LIST = \\[\\n(?:  .*\\n)*  ${name},\\n`, 'm').test(index);
    return imported && listed ? [] : [`${RULES_DIR}/${file} is not registered in ${RULES_DIR}/index.ts: run ${SYNC}`];
  });
}

const files = ruleFiles(ROOT);
const fileIds = files.map((file) => file.replace(/\.ts$/, ''));
/** Each rule file's descriptor, imported from the file itself. */
const fromFiles: RuleDescriptor[] = await Promise.all(
  files.map(async (file) => {
    const module = (await import(pathToFileURL(join(ROOT, RULES_DIR, file)).href)) as { rule?: RuleDescriptor };
    if (!module.rule) throw new Error(`${RULES_DIR}/${file} exports no rule`);
    return module.rule;
  }),
);
const idsWhere = (test: (rule: RuleDescriptor) => boolean) => fromFiles.filter(test).map((rule) => rule.id).sort();

describe('the rule registry (src/lint/rules/)', () => {
  it('registers every rule file of the folder, under the file\'s name, and nothing else', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(unregistered(ROOT), `rule files missing from ${RULES_DIR}/index.ts: run ${SYNC}`).toEqual([]);
    // Both sorted as ids: file names sort "url-scheme-case.ts" before "url-scheme.ts", ids the other way.
    expect([...RULE_IDS].sort(), `${RULES_DIR}/index.ts differs from the folder: run ${SYNC}`).toEqual([...fileIds].sort());
    fromFiles.forEach((rule, i) => {
      expect(rule.id, files[i]).toBe(fileIds[i]);
      expect(RULE_LIST, files[i]).toContain(rule);
    });
    expect(Object.keys(RULES)).toEqual(RULE_IDS);
  });

  it('is what src/core/rule-list.ts and CONTRIBUTING\'s rule table hold', () => {
    for (const rule of fromFiles) {
      const { id, text, list, loadList, ...data } = rule;
      void [text, list, loadList];
      expect(CORE_RULES[id], `src/core/rule-list.ts is stale for ${id}: run ${SYNC}`).toEqual(data);
    }
    expect(Object.keys(CORE_RULES), `src/core/rule-list.ts is stale: run ${SYNC}`).toEqual(RULE_IDS);
    const contributing = readFileSync(join(ROOT, '.github/CONTRIBUTING.md'), 'utf8');
    for (const rule of fromFiles) {
      expect(contributing, `.github/CONTRIBUTING.md's rule table is stale for ${rule.id}: run ${SYNC}`).toContain(`\n| \`${rule.id}\` | ${rule.severity} | ${rule.doc} |\n`);
    }
  });

  it('npm run sync-rules -- --check finds every generated file up to date', async () => {
    const io = memoryIo(ROOT);
    const code = await syncRulesCommand(['--check'], io);
    expect(io.err(), io.out()).toBe('');
    expect(io.out()).toBe(`src/lint/rules/index.ts, src/core/rule-list.ts and .github/CONTRIBUTING.md's rule table match src/lint/rules/*.ts (${files.length} rules).\n`);
    expect(code).toBe(0);
  });

  it('gives every rule a severity, a one-line doc, whether it is fixable, and who reports it', () => {
    for (const rule of fromFiles) {
      expect(['error', 'warning', 'info'], rule.id).toContain(rule.severity);
      expect(rule.doc, rule.id).toMatch(/^[A-Za-z`].*[.)]$/);
      expect(rule.doc, rule.id).not.toMatch(/\n|\|/);
      expect(typeof rule.fixable, rule.id).toBe('boolean');
      expect(rule.reportedBy.length, rule.id).toBeGreaterThan(0);
    }
    expect(RULES.whitespace).toMatchObject({ severity: 'warning', fixable: true });
    expect(RULES['arxiv-published']).toMatchObject({ severity: 'info', fixable: false });
    expect(RULES.year).toMatchObject({ severity: 'error', fixable: false });
  });

  it('derives the text pipeline, in the registry\'s order, and the list checks from the files', async () => {
    // The order of these is the pipeline's design (see TEXT_RULES); a new text rule may go anywhere among them.
    const known = ['invisible-char', 'mojibake', 'bibtex-debris', 'latex-markup', 'whitespace', 'title-style', 'arxiv-url', 'author-shape'];
    const pipeline = TEXT_RULES.map((rule) => rule.id);
    expect(pipeline.filter((id) => known.includes(id))).toEqual(known);
    expect([...pipeline].sort()).toEqual(idsWhere((rule) => rule.text !== undefined));
    expect(pipeline).toEqual(RULE_IDS.filter((id) => pipeline.includes(id)));
    expect(LIST_RULES).toHaveLength(idsWhere((rule) => rule.list !== undefined).length);
    expect(await loadTemplateRules()).toHaveLength(idsWhere((rule) => rule.loadList !== undefined).length);
    expect(idsWhere((rule) => rule.loadList !== undefined)).toEqual(expect.arrayContaining(['anchor', 'relative-link']));
  });

  it('derives what each command reports', () => {
    expect([...OFFLINE_RULES].sort()).toEqual(idsWhere((rule) => rule.reportedBy.includes('lint-list')));
    expect([...LINK_RULES].sort()).toEqual(idsWhere((rule) => rule.reportedBy.includes('lint-list --links')));
    expect(OFFLINE_RULES).toEqual(expect.arrayContaining(['yaml-syntax', 'schema', 'whitespace', 'year', 'unused-exception']));
    expect(LINK_RULES).toEqual(expect.arrayContaining(['link-dead', 'link-redirected', 'arxiv-not-found']));
    expect(LINK_RULES).not.toContain('whitespace');
    expect(rulesReportedBy('build-readme')).toEqual(expect.arrayContaining(['template', 'readme-size', 'drift']));
    for (const command of ['lint-list', 'lint-list --links', 'import-readme', 'build-readme'] as const) {
      expect([...rulesReportedBy(command)].sort(), command).toEqual(idsWhere((rule) => rule.reportedBy.includes(command)));
      expect(coreRulesReportedBy(command), command).toEqual(rulesReportedBy(command));
    }
    expect([...ONE_FILE_RULES].sort()).toEqual(idsWhere((rule) => rule.oneFile === true));
    expect([...NOT_SILENCEABLE].sort()).toEqual(idsWhere((rule) => rule.silenceable === false));
    expect([...NOT_SILENCEABLE].sort()).toEqual(['encoding', 'schema', 'stray-file', 'unknown-rule', 'unused-exception', 'url-scheme', 'yaml-syntax']);
    // No rule is reported by two of lint-list's modes.
    expect(OFFLINE_RULES.filter((id) => LINK_RULES.includes(id))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// A contributor's tree: a copy of the sources in which rule files are added, changed or removed.

/**
 * A copy of what sync-rules reads and writes (src/ and CONTRIBUTING), with the repository's packages,
 * synced first: these tests are about the command, whether or not the repository is up to date
 * (the tests above say when it is not).
 */
async function copyOfSources(): Promise<string> {
  const root = tempDir('rules-');
  cpSync(join(ROOT, 'src'), join(root, 'src'), { recursive: true });
  mkdirSync(join(root, '.github'));
  cpSync(join(ROOT, '.github', 'CONTRIBUTING.md'), join(root, '.github', 'CONTRIBUTING.md'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  expect(await sync(root)).toMatchObject({ code: 0, stderr: '' });
  return root;
}

async function sync(root: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo(root);
  const code = await syncRulesCommand(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** A new rule, as a contributor writes it: its file, nothing else. */
const PLANTED = `import type { ListRule } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/** A title that says "Planted". */
export const plantedRule: ListRule = (ctx) => {
  for (const view of ctx.papers) {
    if (!view.paper.title.includes('Planted')) continue;
    ctx.report({ rule: 'planted-rule', ...ctx.at(view.source, ['title']), message: 'The title says "Planted".' });
  }
};

export const rule = {
  id: 'planted-rule',
  severity: 'warning',
  doc: 'A title that says "Planted".',
  fixable: false,
  reportedBy: ['lint-list'],
  list: plantedRule,
} as const satisfies RuleDescriptor;
`;

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

describe('npm run sync-rules', () => {
  it('registers a new rule file: the test names it, --check fails, a run writes the three files, and lint-list runs the rule', { timeout: 120_000 }, async () => {
    const root = await copyOfSources();
    writeFiles(root, { 'src/lint/rules/planted-rule.ts': PLANTED });
    expect(unregistered(root)).toEqual(['src/lint/rules/planted-rule.ts is not registered in src/lint/rules/index.ts: run npm run sync-rules']);

    const before = new Map(['src/lint/rules/index.ts', 'src/core/rule-list.ts', '.github/CONTRIBUTING.md'].map((path) => [path, read(root, path)]));
    const check = await sync(root, ['--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toBe('sync-rules --check: src/lint/rules/index.ts, src/core/rule-list.ts, .github/CONTRIBUTING.md differ from what src/lint/rules/*.ts give; run npm run sync-rules.\n');
    expect(check.stdout).toContain("+import { rule as plantedRule } from './planted-rule.js';\n");
    for (const [path, text] of before) expect(read(root, path), path).toBe(text);

    const run = await sync(root);
    expect(run).toEqual({ code: 0, stdout: `Updated src/lint/rules/index.ts, src/core/rule-list.ts, .github/CONTRIBUTING.md from src/lint/rules/*.ts (${files.length + 1} rules).\n`, stderr: '' });
    expect(unregistered(root)).toEqual([]);
    // Each file exactly as before, with the new rule added: imported in the order of the file names,
    // at the end of RULE_LIST, of src/core/rule-list.ts and of CONTRIBUTING's table.
    const index = read(root, 'src/lint/rules/index.ts');
    const imports = [...index.matchAll(/^import \{ rule as \w+ \} from '\.\/([a-z0-9-]+)\.js';$/gm)].map((match) => match[1]!);
    expect(imports).toEqual([...fileIds, 'planted-rule'].sort());
    expect(index.replace("import { rule as plantedRule } from './planted-rule.js';\n", '')).toBe(
      before.get('src/lint/rules/index.ts')!.replace('] as const satisfies readonly RuleDescriptor[];', '  plantedRule,\n] as const satisfies readonly RuleDescriptor[];'),
    );
    expect(read(root, 'src/core/rule-list.ts')).toBe(
      before
        .get('src/core/rule-list.ts')!
        .replace(
          '} as const satisfies Record<string, RuleData>;',
          "  'planted-rule': {\n    severity: 'warning',\n    doc: 'A title that says \"Planted\".',\n    fixable: false,\n    reportedBy: ['lint-list'],\n  },\n} as const satisfies Record<string, RuleData>;",
        ),
    );
    const contributing = before.get('.github/CONTRIBUTING.md')!;
    const lastRow = [...contributing.matchAll(/^\| `[a-z0-9-]+` \| .* \|$/gm)].at(-1)!;
    const rowEnd = lastRow.index + lastRow[0].length;
    expect(read(root, '.github/CONTRIBUTING.md')).toBe(`${contributing.slice(0, rowEnd)}\n| \`planted-rule\` | warning | A title that says "Planted". |${contributing.slice(rowEnd)}`);
    expect(await sync(root, ['--check'])).toMatchObject({ code: 0, stderr: '' });

    // The launcher's next build of lint-list has the rule: nothing else was needed.
    writeFiles(root, {
      'data/categories.yaml': 'categories:\n  - id: alpha\n    name:\n      en: Alpha\n',
      'data/papers/alpha/0010-planted.yaml': 'title: "A Planted Paper"\nurl: https://example.org/1\nauthors:\n  - "Ada Lovelace"\nyear: 2024\n',
    });
    const lint = spawnSync(process.execPath, [LAUNCHER, 'lint-list', '--data', 'data', '--format', 'json'], {
      cwd: root,
      env: { ...process.env, TOOL_SOURCE_ROOT: root, NO_COLOR: '1', LINT_LIST_CACHE_DIR: join(root, 'lint-cache') },
      encoding: 'utf8',
    });
    expect(lint.stderr).toBe('');
    const findings = (JSON.parse(lint.stdout) as { findings: { rule: string; file: string; line: number }[] }).findings;
    expect(findings.map(({ rule, file, line }) => ({ rule, file, line }))).toEqual([{ rule: 'planted-rule', file: 'data/papers/alpha/0010-planted.yaml', line: 1 }]);
    expect(lint.status).toBe(0);
  });

  it('drops a removed rule file and keeps the order of the others, comments included', async () => {
    const root = await copyOfSources();
    const before = read(root, 'src/lint/rules/index.ts');
    const id = fileIds[0]!;
    const name = id.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    rmSync(join(root, RULES_DIR, `${id}.ts`));
    expect(await sync(root)).toEqual({ code: 0, stdout: `Updated src/lint/rules/index.ts, src/core/rule-list.ts, .github/CONTRIBUTING.md from src/lint/rules/*.ts (${files.length - 1} rules).\n`, stderr: '' });
    expect(read(root, 'src/lint/rules/index.ts')).toBe(before.replace(`import { rule as ${name} } from './${id}.js';\n`, '').replace(`\n  ${name},\n`, '\n'));
    expect(read(root, 'src/core/rule-list.ts')).not.toMatch(new RegExp(`^ {2}'?${id}'?: \\{`, 'm'));
    expect(read(root, '.github/CONTRIBUTING.md')).not.toContain(`| \`${id}\` |`);
  });

  it('keeps RULE_LIST in the order a contributor gives it', async () => {
    const root = await copyOfSources();
    const index = read(root, 'src/lint/rules/index.ts');
    // The last rule moved to the top of the list.
    const [, name] = /\n {2}(\w+),\n\] as const/.exec(index)!;
    const id = new RegExp(`^import \\{ rule as ${name} \\} from '\\./([a-z0-9-]+)\\.js';$`, 'm').exec(index)![1]!;
    const moved = index.replace(`\n  ${name},\n] as const`, '\n] as const').replace('export const RULE_LIST = [\n', `export const RULE_LIST = [\n  ${name},\n`);
    writeFileSync(join(root, 'src/lint/rules/index.ts'), moved);
    expect(await sync(root)).toEqual({ code: 0, stdout: `Updated src/core/rule-list.ts, .github/CONTRIBUTING.md from src/lint/rules/*.ts (${files.length} rules).\n`, stderr: '' });
    expect(read(root, 'src/lint/rules/index.ts')).toBe(moved);
    expect(read(root, '.github/CONTRIBUTING.md')).toContain(`| Rule | Severity | Meaning |\n| --- | --- | --- |\n| \`${id}\` |`);
    expect(read(root, 'src/core/rule-list.ts')).toMatch(new RegExp(`export const RULE_DATA = \\{\\n {2}'?${id}'?: \\{`));
  });

  it('refuses a stale CONTRIBUTING table under --check, and rewrites only the table', async () => {
    const root = await copyOfSources();
    const text = read(root, '.github/CONTRIBUTING.md');
    const edited = text.replace('| `year` | error | The year is missing, NA, or outside 1950 … next year. |', '| `year` | error | The year is wrong. |');
    expect(edited).not.toBe(text);
    writeFileSync(join(root, '.github/CONTRIBUTING.md'), edited);
    const check = await sync(root, ['--check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('-| `year` | error | The year is wrong. |\n+| `year` | error | The year is missing, NA, or outside 1950 … next year. |\n');
    expect(check.stderr).toBe('sync-rules --check: .github/CONTRIBUTING.md differs from what src/lint/rules/*.ts give; run npm run sync-rules.\n');
    expect((await sync(root)).code).toBe(0);
    expect(read(root, '.github/CONTRIBUTING.md')).toBe(text);
  });

  it('refuses a rule file whose id is not its name, or that exports no rule, and writes nothing', async () => {
    const root = await copyOfSources();
    const index = read(root, 'src/lint/rules/index.ts');
    writeFiles(root, {
      'src/lint/rules/planted-rule.ts': PLANTED.replace("id: 'planted-rule'", "id: 'planted'"),
      'src/lint/rules/no-rule.ts': 'export const nothing = 1;\n',
      'src/lint/rules/Bad_Name.ts': PLANTED,
    });
    expect(await sync(root)).toEqual({
      code: 1,
      stdout: '',
      stderr: "sync-rules: src/lint/rules/Bad_Name.ts: a rule file's name is its rule's id, lower-case words joined by hyphens (such as duplicate-url.ts), ending in .ts; nothing written.\n",
    });
    rmSync(join(root, 'src/lint/rules/Bad_Name.ts'));
    expect(await sync(root)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "sync-rules: src/lint/rules/no-rule.ts: exports no `rule` (export const rule = { id: 'no-rule', severity, doc, fixable, reportedBy, … }).\n" +
        'src/lint/rules/planted-rule.ts: its id is "planted", not \'planted-rule\' (a rule\'s id is its file\'s name).\nNothing written.\n',
    });
    expect(read(root, 'src/lint/rules/index.ts')).toBe(index);
  });

  it('names the file and line of a rule file that does not compile', async () => {
    const root = await copyOfSources();
    writeFiles(root, { 'src/lint/rules/planted-rule.ts': PLANTED.replace('continue;', 'continue') + 'export const = 1;\n' });
    const run = await sync(root);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^sync-rules: cannot read the rule files: src\/lint\/rules\/planted-rule\.ts:\d+:\d+: .+; nothing written\.\n$/);
  });
});

// Compile time: the link check's summary goes into the JSON output as it is (src/cli/lint-list.ts),
// so the contract names exactly its keys; tsc fails here when the two part ways.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const linksSummaryFits: SameKeys<LinkSummary, JsonLinksSummary> = true;
void linksSummaryFits;

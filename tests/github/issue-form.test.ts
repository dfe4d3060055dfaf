import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { syncIssueFormCommand } from '../../src/cli/sync-issue-form.js';
import { CategoriesFile } from '../../src/data/schema.js';
import { categoryOptions, ISSUE_FORM_PATH, syncIssueForm } from '../../src/github/issue-form.js';
import { memoryIo, ROOT, runCli, runInProcess, tempDir } from '../helpers.js';
import { IssueForm, IssueTemplateConfig, readYaml } from './shapes.js';

interface Node {
  id: string;
  name: { en: string };
  children?: Node[] | undefined;
}

/** The category tree as the test reads it, independently of src/github/issue-form.ts. */
function tree(nodes: readonly Node[], path: readonly string[] = []): string[] {
  return nodes.flatMap((n) => [`${[...path, n.name.en].join(' / ')} (${n.id})`, ...tree(n.children ?? [], [...path, n.name.en])]);
}

const categories = CategoriesFile.parse(readYaml('data/categories.yaml')).categories;
const form = IssueForm.parse(readYaml(ISSUE_FORM_PATH));

function field(id: string) {
  const found = form.body.find((item) => 'id' in item && item.id === id);
  if (!found) throw new Error(`no field "${id}"`);
  return found;
}

describe('the "Suggest a paper" issue form', () => {
  it('is a valid issue form asking for the arXiv ID or URL, the category and why it belongs, all required', () => {
    expect(form.name).toBe('Suggest a paper');
    expect(form.body.map((item) => [item.type, 'id' in item ? item.id : undefined])).toEqual([
      ['markdown', undefined],
      ['input', 'arxiv'],
      ['dropdown', 'category'],
      ['textarea', 'why'],
      ['checkboxes', 'checks'],
    ]);
    for (const id of ['arxiv', 'category', 'why']) expect((field(id) as { validations?: { required: boolean } }).validations, id).toEqual({ required: true });
    expect((field('arxiv').attributes as { label: string }).label).toBe('arXiv ID or URL');
    expect((field('why').attributes as { label: string }).label).toBe('Why it belongs');
  });

  it('offers exactly the category tree of data/categories.yaml', () => {
    const dropdown = field('category');
    if (dropdown.type !== 'dropdown') throw new Error('category is not a dropdown');
    expect(dropdown.attributes.options).toEqual(tree(categories));
    expect(dropdown.attributes.options).toContain('Architecture / Length Extrapolation (length-extrapolation)');
    expect(dropdown.attributes.options).toContain('Survey & Technical Report (survey-technical-report)');
  });

  it('comes with a config.yml that keeps blank issues and links to CONTRIBUTING', () => {
    const config = IssueTemplateConfig.parse(readYaml('.github/ISSUE_TEMPLATE/config.yml'));
    expect(config.blank_issues_enabled).toBe(true);
    expect(config.contact_links?.map((l) => l.url)).toContain(
      'https://github.com/OpenMOSS/Thus-Spake-Long-Context-LLM/blob/main/.github/CONTRIBUTING.md',
    );
  });
});

describe('categoryOptions', () => {
  it('renders parents before children, "Parent / Child (id)"', () => {
    expect(categoryOptions(categories)).toEqual(tree(categories));
    expect(
      categoryOptions([
        { id: 'a', name: { en: 'A' }, children: [{ id: 'b', name: { en: 'B', zh: '乙' }, children: [{ id: 'c', name: { en: 'C' } }] }] },
      ]),
    ).toEqual(['A (a)', 'A / B (b)', 'A / B / C (c)']);
  });
});

const FORM = `# A comment at the top survives.
name: Suggest a paper
description: x
labels: ["paper suggestion"]
body:
  - type: dropdown
    id: category
    attributes:
      label: Category # so does this one
      # and this one
      options:
        - Old (old)
        - Gone (gone)
    validations:
      required: true
`;

describe('syncIssueForm', () => {
  it('replaces the options, keeping comments and the rest of the form as written', () => {
    const { value, problems } = syncIssueForm(FORM, 'form.yml', ['A (a)', 'A / B: the sequel (b)']);
    expect(problems).toEqual([]);
    expect(value).toEqual({
      text: FORM.replace('        - Old (old)\n        - Gone (gone)\n', '        - A (a)\n        - "A / B: the sequel (b)"\n'),
      before: ['Old (old)', 'Gone (gone)'],
      changed: true,
    });
    expect(parse(value!.text).body[0].attributes.options).toEqual(['A (a)', 'A / B: the sequel (b)']);
  });

  it('leaves the text alone when the options are right', () => {
    expect(syncIssueForm(FORM, 'form.yml', ['Old (old)', 'Gone (gone)']).value).toEqual({
      text: FORM,
      before: ['Old (old)', 'Gone (gone)'],
      changed: false,
    });
  });

  it('round-trips the committed form byte for byte', () => {
    const text = readFileSync(join(ROOT, ISSUE_FORM_PATH), 'utf8');
    const other = syncIssueForm(text, ISSUE_FORM_PATH, ['x (x)']).value!;
    expect(other.changed).toBe(true);
    expect(other.text).not.toBe(text);
    expect(syncIssueForm(other.text, ISSUE_FORM_PATH, tree(categories)).value!.text).toBe(text);
  });

  it('reports a form without the category dropdown, and bad YAML, as problems', () => {
    expect(syncIssueForm('name: x\nbody:\n  - type: input\n    id: category\n', 'f.yml', []).problems).toEqual([
      { rule: 'schema', severity: 'error', file: 'f.yml', line: 3, column: 3, message: 'No dropdown with id "category" and a list of options under "body".' },
    ]);
    expect(syncIssueForm('body: [', 'f.yml', []).problems.map((p) => p.rule)).toEqual(['yaml-syntax']);
  });
});

describe('npm run sync-issue-form', () => {
  function copy(): string {
    const dir = tempDir('issue-form-');
    mkdirSync(join(dir, 'data'));
    cpSync(join(ROOT, 'data', 'categories.yaml'), join(dir, 'data', 'categories.yaml'));
    mkdirSync(join(dir, '.github', 'ISSUE_TEMPLATE'), { recursive: true });
    cpSync(join(ROOT, ISSUE_FORM_PATH), join(dir, ISSUE_FORM_PATH));
    return dir;
  }

  it('finds the committed form in sync', async () => {
    const io = memoryIo(ROOT);
    expect(await syncIssueFormCommand(['--check'], io)).toBe(0);
    // The count comes from the test's own reading of categories.yaml: adding a category must not break this.
    expect(io.out()).toBe(`.github/ISSUE_TEMPLATE/suggest-paper.yml: the category options match data/categories.yaml (${tree(categories).length} categories).\n`);
    expect(io.err()).toBe('');
  });

  // sync-issue-form as a process (through the launcher): --check, then a write; the last check in-process.
  it('--check fails with a diff after a category is added; without it, the form is rewritten', async () => {
    const dir = copy();
    const categoriesPath = join(dir, 'data', 'categories.yaml');
    writeFileSync(
      categoriesPath,
      readFileSync(categoriesPath, 'utf8').replace(
        '      - id: unanswered-question\n',
        '      - id: needle-tests\n        name:\n          en: Needle Tests\n      - id: unanswered-question\n',
      ),
    );
    const before = readFileSync(join(dir, ISSUE_FORM_PATH), 'utf8');
    const check = runCli('sync-issue-form', ['--check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('\n+        - Evaluation / Needle Tests (needle-tests)\n');
    expect(check.stderr).toBe(
      'sync-issue-form --check: the category options of .github/ISSUE_TEMPLATE/suggest-paper.yml differ from data/categories.yaml; ' +
        'run npm run sync-issue-form.\n',
    );
    expect(readFileSync(join(dir, ISSUE_FORM_PATH), 'utf8')).toBe(before);

    const write = runCli('sync-issue-form', [], { cwd: dir });
    expect(write).toEqual({
      code: 0,
      stdout: `Updated the category options of .github/ISSUE_TEMPLATE/suggest-paper.yml from data/categories.yaml (${tree(categories).length + 1} categories).\n`,
      stderr: '',
    });
    expect(readFileSync(join(dir, ISSUE_FORM_PATH), 'utf8')).toBe(
      before.replace(
        '        - Evaluation / Unanswered Question (unanswered-question)\n',
        '        - Evaluation / Needle Tests (needle-tests)\n        - Evaluation / Unanswered Question (unanswered-question)\n',
      ),
    );
    expect((await runInProcess('sync-issue-form', ['--check'], { cwd: dir })).code).toBe(0);
  });

  it('exits 1 on a broken categories.yaml, 2 on bad usage or a missing form', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'data', 'categories.yaml'), 'categories:\n  - id: Not An Id\n    name: { en: X }\n');
    const broken = memoryIo(dir);
    expect(await syncIssueFormCommand([], broken)).toBe(1);
    expect(broken.err()).toContain('data/categories.yaml:2:9  error  ');
    expect(broken.err()).toContain('sync-issue-form: nothing written; fix data/categories.yaml first.\n');

    const usage = memoryIo(dir);
    expect(await syncIssueFormCommand(['--nope'], usage)).toBe(2);
    expect(usage.err()).toMatch(/^sync-issue-form: there is no option --nope; the options are listed below\n\n/);

    const missing = memoryIo(dir);
    expect(await syncIssueFormCommand(['--form', 'nowhere.yml'], missing)).toBe(2);
    expect(missing.err()).toBe('sync-issue-form: cannot read nowhere.yml: no such file or folder\n');
  });
});

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATEGORY_LABEL, PAPER_LABEL, readIssueBody } from '../../src/add/from-issue.js';
import { fixtureList, ROOT, tempDir } from '../helpers.js';
import { fakeArxivApi, fakeSources, run, snapshot, testDeps, type FakeApi, type FakeSources } from './helpers.js';

/** An issue body as GitHub renders the "Suggest a paper" form. */
function formBody(paper: string, category: string, why = 'It keeps recall flat up to a million tokens.'): string {
  return [
    '### arXiv ID or URL',
    '',
    paper,
    '',
    '### Category',
    '',
    category,
    '',
    '### Why it belongs',
    '',
    why,
    '',
    '### Before you submit',
    '',
    '- [X] I searched the README and the open issues; the paper is not listed or suggested yet.',
  ].join('\n');
}

let arxiv: FakeApi;
let sources: FakeSources;
const deps = testDeps();
let shared: string;
let dir: string;
let issues: string;

beforeAll(async () => {
  arxiv = await fakeArxivApi(deps.arxiv.clock);
  sources = await fakeSources(deps.arxiv.clock);
  shared = fixtureList();
  dir = fixtureList();
  issues = tempDir('issues-');
});
afterAll(async () => {
  await arxiv.close();
  await sources.close();
  await deps.close();
});

let n = 0;
async function fromIssue(cwd: string, body: string, extra: string[] = []) {
  const file = join(issues, `issue-${++n}.md`);
  writeFileSync(file, body);
  return run(cwd, ['--from-issue', file, '--no-build', '--arxiv-api', arxiv.url, ...extra], deps, sources.env);
}

describe('add-paper --from-issue', () => {
  it('adds the paper of a complete form, in the category the form names', async () => {
    const before = readdirSync(join(dir, 'data', 'papers', 'memory-management'));
    const result = await fromIssue(dir, formBody('https://arxiv.org/abs/2503.01001v2', 'Architecture / Memory Management (memory-management)'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Added data\/papers\/memory-management\/\d{4}-sliding-windows-are-not-enough-recall\.yaml \(arXiv 2503\.01001\):\n/);
    const [name] = readdirSync(join(dir, 'data', 'papers', 'memory-management')).filter((f) => !before.includes(f));
    expect(parse(readFileSync(join(dir, 'data', 'papers', 'memory-management', name!), 'utf8'))).toEqual({
      title: 'Sliding Windows Are Not Enough: Recall over Million-Token Contexts',
      url: 'https://arxiv.org/abs/2503.01001',
      authors: ['Ada Lovelace'],
      venue: 'arXiv preprint arXiv:2503.01001',
      year: 2025,
      arxiv: '2503.01001',
    });
  });

  it('refuses an already listed paper, naming the existing file and line', async () => {
    const result = await fromIssue(dir, formBody('2503.01001', 'Training / Long-Context Pre-Training (long-context-pre-training)'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^add-paper: not added: arXiv 2503\.01001: already in the list: data\/papers\/memory-management\/\d{4}-sliding-windows-are-not-enough-recall\.yaml:4 has the same arXiv ID\.\n$/);
  });

  it('takes a link in any supported form, and a bare category id', async () => {
    const doi = await fromIssue(shared, formBody('https://doi.org/10.1145/3600006.3699999', 'kv-cache-optimization'), ['--dry-run']);
    expect(doi.code).toBe(0);
    expect(doi.stdout).toMatch(/^Would add data\/papers\/kv-cache-optimization\/\d{4}-paged-contexts-serving-million-token-prompts\.yaml \(DOI 10\.1145\/3600006\.3699999\):\n/);
    const forum = await fromIssue(shared, formBody('https://openreview.net/forum?id=LoVeLaCe01', 'Architecture / KV Cache Optimization (kv-cache-optimization)'), ['--dry-run']);
    expect(forum.code).toBe(0);
    expect(forum.stdout).toContain('venue: The Twelfth International Conference on Learning Representations\n');
  });

  it('"_No response_" in the paper field: refused before any request', async () => {
    const asked = arxiv.count() + sources.count();
    const result = await fromIssue(shared, formBody('_No response_', 'Architecture / Memory Management (memory-management)'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('add-paper: not added: the issue\'s "arXiv ID or URL" field is empty.\n');
    expect(arxiv.count() + sources.count()).toBe(asked);
  });

  it('"_No response_" in an optional field does not matter', async () => {
    const result = await fromIssue(shared, formBody('2503.01002', 'Architecture / KV Cache Optimization (kv-cache-optimization)', '_No response_'), ['--dry-run']);
    expect(result.code).toBe(0);
  });

  it('a category that does not exist: refused with the list, before any request', async () => {
    const asked = arxiv.count() + sources.count();
    const result = await fromIssue(shared, formBody('2503.01002', 'Architecture / Quantum Memory (quantum-memory)'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^add-paper: unknown category "quantum-memory"; the categories in data\/categories\.yaml are:\n {3}1\. survey-technical-report/);
    expect(arxiv.count() + sources.count()).toBe(asked);
  });

  it('a link no source reads: the supported forms and --bibtex', async () => {
    const result = await fromIssue(shared, formBody('https://example.org/my-paper.pdf', 'memory-management'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^add-paper: not added: the issue's paper: "https:\/\/example\.org\/my-paper\.pdf" is not a link or ID add-paper can read; give an arXiv ID or link .* use --bibtex <file>\.\n$/);
  });

  it('an issue that is not the form', async () => {
    const result = await fromIssue(shared, 'Please add my paper https://arxiv.org/abs/2503.01002 thanks');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('add-paper: not added: the issue is not a "Suggest a paper" form: it has no "### arXiv ID or URL" field.\n');
  });

  it('hostile text: backticks, $(…), newlines and 1 MB change nothing and run nothing', async () => {
    const before = snapshot(shared);
    const canary = join(issues, 'pwned');
    const hostile = [
      formBody('`touch ' + canary + '`', 'memory-management'),
      formBody('$(touch ' + canary + ')', 'memory-management'),
      formBody('2503.01002\n$(touch ' + canary + ')', 'memory-management'),
      formBody('2503.01002', 'memory-management$(touch ' + canary + ')'),
      formBody('x'.repeat(1024 * 1024), 'memory-management'),
    ];
    const asked = arxiv.count() + sources.count();
    const outcomes = [];
    for (const body of hostile) outcomes.push(await fromIssue(shared, body));
    expect(outcomes.map((o) => o.code)).toEqual([1, 1, 1, 1, 1]);
    expect(outcomes[2]!.stderr).toBe('add-paper: not added: the issue\'s "arXiv ID or URL" field is not one link or ID.\n');
    expect(outcomes[3]!.stderr).toBe('add-paper: not added: the issue\'s "Category" field is not one of the form\'s categories.\n');
    expect(outcomes[4]!.stderr).toBe('add-paper: not added: the issue\'s "arXiv ID or URL" field is not one link or ID.\n');
    expect(arxiv.count() + sources.count()).toBe(asked);
    expect(existsSync(canary)).toBe(false);
    expect(snapshot(shared)).toEqual(before);
  });

  it('a heading typed into a later field does not replace the paper or the category', () => {
    const body = formBody('2503.01002', 'memory-management', 'see below\n\n### arXiv ID or URL\n\n1706.03762\n\n### Category\n\nsurvey-technical-report');
    expect(readIssueBody(body)).toEqual({ paper: '2503.01002', category: 'memory-management' });
    expect(readIssueBody(body.replace(/\n/g, '\r\n'))).toEqual({ paper: '2503.01002', category: 'memory-management' });
  });

  it('reads the labels the issue form really has', () => {
    const form = parse(readFileSync(join(ROOT, '.github', 'ISSUE_TEMPLATE', 'suggest-paper.yml'), 'utf8')) as { body: { attributes: { label?: string } }[] };
    const labels = form.body.map((field) => field.attributes.label);
    expect(labels.slice(1, 3)).toEqual([PAPER_LABEL, CATEGORY_LABEL]);
  });

  it('a missing issue file: exit 2 in the project\'s words', async () => {
    const result = await run(shared, ['--from-issue', 'no-such-issue.md'], deps, sources.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('add-paper: not added: cannot read the issue body no-such-issue.md: no such file or folder.\n');
  });
});

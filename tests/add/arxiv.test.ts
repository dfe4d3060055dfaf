import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildReadmeCommand } from '../../src/cli/build-readme.js';
import { fixtureList, memoryIo } from '../helpers.js';
import { fakeArxivApi, run, snapshot, testDeps, typed, type FakeApi } from './helpers.js';

const MODELINE = '# yaml-language-server: $schema=../../../schema/paper.schema.json\n\n';

/** The name the next file in a folder gets: ten after the highest number, four digits. */
function nextName(dir: string, category: string, slug: string): string {
  const highest = Math.max(...readdirSync(join(dir, 'data', 'papers', category)).map((name) => Number(/^(\d+)-/.exec(name)?.[1] ?? 0)));
  return `${String(highest + 10).padStart(4, '0')}-${slug}.yaml`;
}

/** The title of the folder's last entry: the README line the new one follows. */
function lastTitle(dir: string, category: string): string {
  const folder = join(dir, 'data', 'papers', category);
  const last = readdirSync(folder).sort().at(-1)!;
  return (parse(readFileSync(join(folder, last), 'utf8')) as { title: string }).title;
}

function readme(dir: string, name = 'README.md'): string[] {
  return readFileSync(join(dir, name), 'utf8').split('\n');
}

let api: FakeApi;
const deps = testDeps();
/** One copy for the runs that must change nothing; runs that write get their own. */
let shared: string;

beforeAll(async () => {
  api = await fakeArxivApi(deps.arxiv.clock);
  shared = fixtureList();
});
afterAll(async () => {
  await api.close();
  await deps.close();
});

describe('add-paper <arXiv id>', () => {
  it('adds a single-author paper: the exact file, the README line in place, exit 0', async () => {
    const dir = fixtureList();
    // The committed README may lag behind data/ while others edit; compare with a fresh build.
    expect(await buildReadmeCommand([], memoryIo(dir))).toBe(0);
    const before = { en: readme(dir), zh: readme(dir, 'README_zh.md') };
    const name = nextName(dir, 'memory-management', 'sliding-windows-are-not-enough-recall');
    const previous = lastTitle(dir, 'memory-management');

    const result = await run(dir, ['https://arxiv.org/abs/2503.01001v2', '--category', 'memory-management', '--arxiv-api', api.url, '--build'], deps);

    const line =
      '* **[Sliding Windows Are Not Enough: Recall over Million-Token Contexts.](https://arxiv.org/abs/2503.01001)** Ada Lovelace. arXiv preprint arXiv:2503.01001, 2025';
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `^Added data/papers/memory-management/${name.replace(/\./g, '\\.')} \\(arXiv 2503\\.01001\\):\\n  ${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\nWrote README\\.md \\(\\d+ bytes\\), README_zh\\.md \\(\\d+ bytes\\), papers\\.bib \\(\\d+ bytes\\) from \\d+ entries\\.\\n` +
          'The READMEs are rebuilt for you to look at; commit only the new file: main regenerates them after the merge\\.\\n$',
      ),
    );
    expect(readFileSync(join(dir, 'data', 'papers', 'memory-management', name), 'utf8')).toBe(
      `${MODELINE}title: "Sliding Windows Are Not Enough: Recall over Million-Token Contexts"
url: https://arxiv.org/abs/2503.01001
authors:
  - Ada Lovelace
venue: arXiv preprint arXiv:2503.01001
year: 2025
arxiv: "2503.01001"
`,
    );
    // Both READMEs gain exactly that line, right after the category's last entry so far.
    for (const [lang, file] of [['en', 'README.md'], ['zh', 'README_zh.md']] as const) {
      const after = readme(dir, file);
      const at = after.indexOf(line);
      expect(at).toBeGreaterThan(0);
      expect([...after.slice(0, at), ...after.slice(at + 1)]).toEqual(before[lang]);
      expect(after[at - 1]!.startsWith(`* **[${previous}.`)).toBe(true);
    }
    expect(api.count()).toBeGreaterThan(0);
  });

  it('keeps ten authors and sets others when arXiv lists more', async () => {
    const dir = fixtureList();
    const name = nextName(dir, 'kv-cache-optimization', 'twelve-authors-pretrain-a-1m-token');
    const result = await run(dir, ['arXiv:2503.01002v1', '--category', 'kv-cache-optimization', '--arxiv-api', api.url, '--no-build'], deps);
    expect(result).toEqual({
      code: 0,
      stdout:
        `Added data/papers/kv-cache-optimization/${name} (arXiv 2503.01002):\n` +
        '  * **[Twelve Authors Pretrain a 1M-Token Context Model.](https://arxiv.org/abs/2503.01002)** Wei Zhang, Li Na, Omar Haddad, Sofia Rossi, Kenji Tanaka, Priya Raman, Lukas Müller, Chloé Martin, Diego Alvarez, Hana Kim, others. arXiv preprint arXiv:2503.01002, 2025\n' +
        'Commit only the new file: main regenerates the READMEs after the merge. To look at them first, run npm run build-readme (and leave them out of the commit).\n',
      stderr: '',
    });
    expect(readFileSync(join(dir, 'data', 'papers', 'kv-cache-optimization', name), 'utf8')).toBe(
      `${MODELINE}title: Twelve Authors Pretrain a 1M-Token Context Model
url: https://arxiv.org/abs/2503.01002
authors:
  - Wei Zhang
  - Li Na
  - Omar Haddad
  - Sofia Rossi
  - Kenji Tanaka
  - Priya Raman
  - Lukas Müller
  - Chloé Martin
  - Diego Alvarez
  - Hana Kim
others: true
venue: arXiv preprint arXiv:2503.01002
year: 2025
arxiv: "2503.01002"
`,
    );
    // --no-build: the README is untouched.
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(readFileSync(join(shared, 'README.md'), 'utf8'));
  });

  it('turns LaTeX in the title and authors into text', async () => {
    const dir = fixtureList();
    const name = nextName(dir, 'kv-cache-optimization', 'cache-schrodinger-s-kv-store-with');
    const result = await run(dir, ['/abs/2503.01003'.replace('/abs/', 'https://arxiv.org/pdf/') + '.pdf', '--category', 'kv-cache-optimization', '--arxiv-api', api.url], deps);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'data', 'papers', 'kv-cache-optimization', name), 'utf8')).toBe(
      `${MODELINE}title: "∞-Cache: Schrödinger's KV Store with O(n²) Naïve Attention and 2% Memory"
url: https://arxiv.org/abs/2503.01003
authors:
  - Björn Ångström
  - Marie Curie
venue: arXiv preprint arXiv:2503.01003
year: 2025
arxiv: "2503.01003"
`,
    );
    // By default only the data file changes: a pull request holds only data/, main regenerates the READMEs.
    expect(result.stdout.endsWith('\nCommit only the new file: main regenerates the READMEs after the merge. To look at them first, run npm run build-readme (and leave them out of the commit).\n')).toBe(true);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(readFileSync(join(shared, 'README.md'), 'utf8'));
    expect(readFileSync(join(dir, 'README_zh.md'), 'utf8')).toBe(readFileSync(join(shared, 'README_zh.md'), 'utf8'));
  });

  it('uses the journal reference as venue and the first version for the year', async () => {
    const dir = fixtureList();
    const name = nextName(dir, 'long-context-evaluation', 'retrieval-heads-revisited');
    const result = await run(dir, ['https://huggingface.co/papers/2412.01004', '--category', 'long-context-evaluation', '--arxiv-api', api.url, '--build'], deps);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'data', 'papers', 'long-context-evaluation', name), 'utf8')).toBe(
      `${MODELINE}title: Retrieval Heads Revisited
url: https://arxiv.org/abs/2412.01004
authors:
  - Grace Hopper
  - Alan Turing
venue: Transactions on Machine Learning Research, 2025
year: 2024
arxiv: "2412.01004"
`,
    );
    expect(readme(dir, 'README_zh.md')).toContain(
      '* **[Retrieval Heads Revisited.](https://arxiv.org/abs/2412.01004)** Grace Hopper, Alan Turing. Transactions on Machine Learning Research, 2025, 2024',
    );
  });

  it('accepts an old-style id', async () => {
    const result = await run(shared, ['hep-th/9901001v1', '--category', 'survey-technical-report', '--arxiv-api', api.url, '--dry-run'], deps);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`title: Schrödinger Operators <and> Strings
url: https://arxiv.org/abs/hep-th/9901001
authors:
  - José García
venue: arXiv preprint arXiv:hep-th/9901001
year: 1999
arxiv: hep-th/9901001
`);
  });

  it('--dry-run prints the YAML and the README line and changes nothing', async () => {
    const before = snapshot(shared);
    const name = nextName(shared, 'memory-management', 'sliding-windows-are-not-enough-recall');
    const result = await run(shared, ['2503.01001', '--category', 'memory-management', '--arxiv-api', api.url, '--dry-run'], deps);
    expect(result).toEqual({
      code: 0,
      stdout: `Would add data/papers/memory-management/${name} (arXiv 2503.01001):

${MODELINE}title: "Sliding Windows Are Not Enough: Recall over Million-Token Contexts"
url: https://arxiv.org/abs/2503.01001
authors:
  - Ada Lovelace
venue: arXiv preprint arXiv:2503.01001
year: 2025
arxiv: "2503.01001"

README line:
* **[Sliding Windows Are Not Enough: Recall over Million-Token Contexts.](https://arxiv.org/abs/2503.01001)** Ada Lovelace. arXiv preprint arXiv:2503.01001, 2025

Dry run: nothing written.
`,
      stderr: '',
    });
    expect(snapshot(shared)).toEqual(before);
  });

  it('--title replaces arXiv’s title', async () => {
    const result = await run(shared, ['2503.01001', '--category', 'memory-management', '--arxiv-api', api.url, '--dry-run', '--title', 'Sliding Windows Fall Short.'], deps);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\ntitle: Sliding Windows Fall Short\n');
  });
});

describe('add-paper refuses, writes nothing, exits 1', () => {
  let before: Map<string, string>;
  beforeAll(() => {
    before = snapshot(shared);
  });
  afterAll(() => {
    expect(snapshot(shared)).toEqual(before);
  });

  it('a paper already listed under its arXiv id, without asking arXiv', async () => {
    const asked = api.count();
    const result = await run(shared, ['https://arxiv.org/abs/2402.08268v3', '--category', 'memory-management', '--arxiv-api', api.url], deps);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'add-paper: not added: arXiv 2402.08268: already in the list: data/papers/survey-technical-report/0310-world-model-on-million-length-video.yaml:4 has the same arXiv ID.\n',
    });
    expect(api.count()).toBe(asked);
  });

  it('a paper already listed under its title (folded as lint folds it)', async () => {
    const result = await run(shared, ['2307.03172', '--category', 'memory-management', '--arxiv-api', api.url], deps);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'add-paper: not added: arXiv 2307.03172: already in the list: data/papers/unanswered-question/0010-lost-in-the-middle-how-language.yaml:3 has the same title.\n',
    });
  });

  it('a withdrawn paper, unless --allow-withdrawn', async () => {
    const result = await run(shared, ['2401.01234', '--category', 'memory-management', '--arxiv-api', api.url], deps);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'add-paper: not added: arXiv 2401.01234: withdrawn: its latest version (v2) is a withdrawal notice (arXiv: "This paper has been withdrawn by the authors due to an error in Section 3"); add it anyway with --allow-withdrawn.\n',
    });
    const allowed = await run(shared, ['2401.01234', '--category', 'memory-management', '--arxiv-api', api.url, '--allow-withdrawn', '--dry-run'], deps);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('\ntitle: A Study of Context Windows & Their Limits\n');
  });

  it('an id arXiv does not know', async () => {
    const result = await run(shared, ['2402.99999', '--category', 'memory-management', '--arxiv-api', api.url], deps);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `add-paper: not added: arXiv 2402.99999: arXiv has no paper under this ID (asked ${api.url}); check the ID.\n`,
    });
  });

  it('arXiv answering 429 beyond the retries', async () => {
    api.failNext(429, 4);
    const asked = api.count();
    const result = await run(shared, ['2503.01001', '--category', 'memory-management', '--arxiv-api', api.url], deps);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `add-paper: not added: arXiv 2503.01001: arXiv is rate-limiting requests (429 Too Many Requests from ${api.url}), also after retrying; wait a few minutes, then run the command again.\n`,
    });
    expect(api.count() - asked).toBe(4);
  });

  it('an arXiv API that cannot be reached', async () => {
    const closed = await fakeArxivApi();
    await closed.close();
    const result = await run(shared, ['2503.01001', '--category', 'memory-management', '--arxiv-api', closed.url], { arxiv: { ...deps.arxiv, retries: 0 } });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `add-paper: not added: arXiv 2503.01001: could not look it up: the arXiv API could not be reached: connection refused (${closed.url}).\n`,
    });
  });
});

describe('add-paper retries', () => {
  it('a 429 then success adds the paper, on virtual time', async () => {
    const dir = fixtureList();
    api.failNext(429, 1, { 'retry-after': '30' });
    const asked = api.count('/api/query');
    const result = await run(dir, ['2503.01001', '--category', 'memory-management', '--arxiv-api', api.url, '--no-build'], deps);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Added data\/papers\/memory-management\/\d{4}-sliding-windows-are-not-enough-recall\.yaml/);
    expect(api.count('/api/query') - asked).toBe(2);
    const [first, second] = api.received.filter((r) => r.path === '/api/query').slice(-2);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(30_000);
  });
});

describe('the category', () => {
  const LIST = `   1. survey-technical-report       (Survey & Technical Report)
   2. architecture                  (Architecture)
   3.   length-extrapolation        (Length Extrapolation)
   4.   kv-cache-optimization       (KV Cache Optimization)
   5.   memory-management           (Memory Management)
   6.   architecture-innovation     (Architecture Innovation)
   7. infrastructure                (Infrastructure)
   8.   training-infrastructure     (Training Infrastructure)
   9.   inference-infrastructure    (Inference Infrastructure)
  10. training                      (Training)
  11.   long-context-pre-training   (Long-Context Pre-Training)
  12.   long-context-post-training  (Long-Context Post-Training)
  13.   long-context-mllm           (Long-Context MLLM)
  14. evaluation                    (Evaluation)
  15.   long-context-evaluation     (Long-Context Evaluation)
  16.   unanswered-question         (Unanswered Question)
`;

  it('a wrong --category lists the valid ids, exit 2, before asking arXiv', async () => {
    const asked = api.count();
    const result = await run(shared, ['2503.01001', '--category', 'kv-cache', '--arxiv-api', api.url], deps);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `add-paper: unknown category "kv-cache"; the categories in data/categories.yaml are:\n${LIST}`,
    });
    expect(api.count()).toBe(asked);
  });

  it('without --category and without a terminal: fails with the list', async () => {
    const result = await run(shared, ['2503.01001', '--arxiv-api', api.url], { ...deps, stdin: typed('5\n', false) });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `add-paper: --category <id> is required when standard input is not a terminal; the categories in data/categories.yaml are:\n${LIST}`,
    });
  });

  it('without --category on a terminal: asks, again after a wrong answer, by number or id', async () => {
    const result = await run(shared, ['2503.01001', '--arxiv-api', api.url, '--dry-run'], { ...deps, stdin: typed('42\n5\n') });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `Which category? The categories in data/categories.yaml:\n${LIST}Category (number or id): ` +
        '"42" is not one of them; give a number from 1 to 16, or an id: ',
    );
    expect(result.stdout).toMatch(/^Would add data\/papers\/memory-management\//);
    const byId = await run(shared, ['2503.01001', '--arxiv-api', api.url, '--dry-run'], { ...deps, stdin: typed('long-context-mllm\n') });
    expect(byId.stdout).toMatch(/^Would add data\/papers\/long-context-mllm\//);
  });

  it('a terminal that closes without an answer adds nothing', async () => {
    const result = await run(shared, ['2503.01001', '--arxiv-api', api.url], { ...deps, stdin: typed('') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Category \(number or id\): add-paper: no category given; nothing added\.\n$/);
  });
});

describe('usage', () => {
  it('rejects what is no supported link or id, two ids, and a bad API URL with exit 2', async () => {
    const bad = await run(shared, ['not-an-id', '--category', 'memory-management']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n\nUsage: ')[0]).toBe(
      'add-paper: "not-an-id" is not a link or ID add-paper can read; give an arXiv ID or link (2402.08268, https://arxiv.org/abs/2402.08268), ' +
        'a DOI or doi.org link (10.1145/3600006.3613165), an ACL Anthology page (https://aclanthology.org/2024.acl-long.172/), ' +
        'an OpenReview forum (https://openreview.net/forum?id=<id>) or a NeurIPS proceedings page ' +
        '(https://proceedings.neurips.cc/paper_files/paper/2023/hash/<hash>-Abstract-Conference.html); ' +
        'for any other paper, write its BibTeX to a file and use --bibtex <file>',
    );
    const two = await run(shared, ['2503.01001', '2503.01002', '--category', 'memory-management']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/^add-paper: one paper at a time \(got 2: 2503\.01001 2503\.01002\); for several, use --bibtex\n/);
    const none = await run(shared, []);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^add-paper: give the link or ID of the paper to add, --bibtex <file> or --from-issue <file>\n/);
    const api = await run(shared, ['2503.01001', '--arxiv-api', 'ftp://x']);
    expect(api.stderr).toMatch(/^add-paper: the arXiv API must be an http\(s\) URL, not "ftp:\/\/x"\n/);
    const both = await run(shared, ['2503.01001', '--build', '--no-build']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^add-paper: give --build or --no-build, not both\n/);
  });

  it('takes the API URL from ARXIV_API_URL', async () => {
    const result = await run(shared, ['2503.01001', '--category', 'memory-management', '--dry-run'], deps, { ARXIV_API_URL: api.url });
    expect(result.code).toBe(0);
  });

  it('a missing data directory or templates directory is exit 2', async () => {
    const data = await run(shared, ['2503.01001', '--category', 'memory-management', '--data', 'nowhere']);
    expect(data).toEqual({ code: 2, stdout: '', stderr: 'add-paper: nowhere: no such data directory\n' });
    const templates = await run(shared, ['2503.01001', '--category', 'memory-management', '--templates', 'nowhere', '--build']);
    expect(templates.code).toBe(2);
    expect(templates.stderr).toMatch(/^add-paper: nowhere/);
  });
});

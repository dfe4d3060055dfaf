import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePaperInput } from '../../src/add/sources/input.js';
import { fixtureList } from '../helpers.js';
import { fakeArxivApi, fakeSources, run, snapshot, testDeps, type FakeApi, type FakeSources } from './helpers.js';

const MODELINE = '# yaml-language-server: $schema=../../../schema/paper.schema.json\n\n';
const NEURIPS_PAGE = 'https://proceedings.neurips.cc/paper_files/paper/2023/hash/0123456789abcdef0123456789abcdef-Abstract-Conference.html';

let sources: FakeSources;
let arxiv: FakeApi;
const deps = testDeps();
/** One copy for the runs that must change nothing, one that the adding runs share (each adds a different paper). */
let shared: string;
let dir: string;

beforeAll(async () => {
  sources = await fakeSources(deps.arxiv.clock);
  arxiv = await fakeArxivApi(deps.arxiv.clock);
  shared = fixtureList();
  dir = fixtureList();
});
afterAll(async () => {
  await sources.close();
  await arxiv.close();
  await deps.close();
});

/** The one file a run added to the category's folder. */
function added(dir: string, category: string, before: readonly string[]): string {
  const names = readdirSync(join(dir, 'data', 'papers', category)).filter((n) => !before.includes(n));
  expect(names).toHaveLength(1);
  return readFileSync(join(dir, 'data', 'papers', category, names[0]!), 'utf8');
}

async function addTo(dir: string, input: string, category = 'memory-management') {
  const before = readdirSync(join(dir, 'data', 'papers', category));
  const result = await run(dir, [input, '--category', category, '--no-build', '--arxiv-api', arxiv.url], deps, sources.env);
  return { result, text: () => added(dir, category, before) };
}

describe('add-paper takes any link a contributor has', () => {
  it('a DOI, through Crossref: title without its JATS markup, authors, proceedings, year, the doi.org link', async () => {
    const { result, text } = await addTo(dir, '10.1145/3600006.3699999');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Added data\/papers\/memory-management\/\d{4}-paged-contexts-serving-million-token-prompts\.yaml \(DOI 10\.1145\/3600006\.3699999\):\n/);
    expect(text()).toBe(
      `${MODELINE}title: "Paged Contexts: Serving Million-Token Prompts on One GPU"
url: https://doi.org/10.1145/3600006.3699999
authors:
  - Ada Lovelace
  - Charles Babbage
venue: Proceedings of the 29th Symposium on Operating Systems Principles
year: 2023
`,
    );
    expect(sources.received.at(-1)!.path).toBe('/crossref/works/10.1145%2F3600006.3699999');
  });

  it('a doi.org link is the same DOI', async () => {
    const result = await run(shared, ['https://doi.org/10.1145/3600006.3699999', '--category', 'memory-management', '--dry-run'], deps, sources.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(DOI 10.1145/3600006.3699999):\n');
  });

  it('an ACL Anthology page, through its .bib', async () => {
    const { result, text } = await addTo(dir, 'https://aclanthology.org/2024.acl-long.999.pdf');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(ACL Anthology 2024.acl-long.999):\n');
    expect(text()).toBe(
      `${MODELINE}title: "Long Context, Short Memory: Probing Retrieval Heads in LLMs"
url: https://aclanthology.org/2024.acl-long.999/
authors:
  - Ada Lovelace
  - Charles Babbage
venue: "Proceedings of the 62nd Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)"
year: 2024
`,
    );
    expect(sources.received.at(-1)!.path).toBe('/anthology/2024.acl-long.999.bib');
  });

  it('an OpenReview forum, through API v2: the venue as its BibTeX names it', async () => {
    const { result, text } = await addTo(dir, 'https://openreview.net/forum?id=LoVeLaCe01&noteId=xyz');
    expect(result.code).toBe(0);
    expect(text()).toBe(
      `${MODELINE}title: "Ring Memory: Recurrent Attention for Unbounded Contexts"
url: https://openreview.net/forum?id=LoVeLaCe01
authors:
  - Ada Lovelace
  - Charles Babbage
venue: The Twelfth International Conference on Learning Representations
year: 2024
`,
    );
    expect(sources.received.at(-1)!.path).toBe('/openreview/notes?id=LoVeLaCe01');
  });

  it('a NeurIPS proceedings page, through its BibTeX: volume joined to the venue, the abstract page as link', async () => {
    const { result, text } = await addTo(dir, NEURIPS_PAGE.replace('/hash/', '/file/').replace('-Abstract-', '-Paper-').replace('.html', '.pdf'));
    expect(result.code).toBe(0);
    expect(text()).toBe(
      `${MODELINE}title: Attention Sinks at Scale
url: ${NEURIPS_PAGE}
authors:
  - Ada Lovelace
  - Charles Babbage
venue: Advances in Neural Information Processing Systems, 36
year: 2023
`,
    );
    expect(sources.received.at(-1)!.path).toBe('/neurips/paper_files/paper/2023/file/0123456789abcdef0123456789abcdef-Bibtex-Conference.bib');
  });

  it('an arXiv paper DBLP knows as published gets that venue and year, and keeps its arXiv ID', async () => {
    const { result, text } = await addTo(dir, '2503.01005');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(text()).toBe(
      `${MODELINE}title: "Published Later: Retrieval Heads in Million-Token Models"
url: https://arxiv.org/abs/2503.01005
authors:
  - Grace Hopper
venue: International Conference on Learning Representations
year: 2026
arxiv: "2503.01005"
`,
    );
    const s2 = sources.received.filter((r) => r.path.startsWith('/s2/')).at(-1)!;
    expect(s2.method).toBe('POST');
    expect(JSON.parse(s2.body)).toEqual({ ids: ['ARXIV:2503.01005'] });
    // Later duplicates are still caught by the ID.
    const again = await run(dir, ['https://arxiv.org/pdf/2503.01005v1', '--category', 'memory-management', '--no-build', '--arxiv-api', arxiv.url], deps, sources.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^add-paper: not added: arXiv 2503\.01005: already in the list: data\/papers\/memory-management\/\d{4}-published-later-retrieval-heads-in-million\.yaml:4 has the same arXiv ID\.\n$/);
  });

  it('an arXiv paper Semantic Scholar lists only as arXiv stays a preprint', async () => {
    const result = await run(shared, ['2503.01002', '--category', 'memory-management', '--dry-run', '--arxiv-api', arxiv.url], deps, sources.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('venue: arXiv preprint arXiv:2503.01002\nyear: 2025\n');
  });

  it('a paper added from a DOI is refused the second time, naming the file and line', async () => {
    const second = await run(dir, ['https://dx.doi.org/10.1145/3600006.3699999', '--category', 'kv-cache-optimization', '--no-build'], deps, sources.env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /^add-paper: not added: DOI 10\.1145\/3600006\.3699999: already in the list: data\/papers\/memory-management\/\d{4}-paged-contexts-serving-million-token-prompts\.yaml:4 has the same URL\.\n$/,
    );
  });

  it('every source sends the descriptive User-Agent with the repository URL', () => {
    const agents = new Set(sources.received.map((r) => r.headers['user-agent']));
    expect([...agents]).toEqual(['thus-spake-list-linkcheck/1.0 (+https://github.com/OpenMOSS/Thus-Spake-Long-Context-LLM)']);
  });
});

describe('not found, withdrawn, rate-limited: refused, nothing written', () => {
  const cases: [string, string][] = [
    ['10.1145/0000000.0000000', 'DOI 10.1145/0000000.0000000: Crossref has no work under the DOI 10.1145/0000000.0000000; check it, or add the paper with --bibtex (asked {origin}/crossref/works/10.1145%2F0000000.0000000).'],
    ['https://aclanthology.org/2024.acl-long.1/', 'ACL Anthology 2024.acl-long.1: the ACL Anthology has no paper 2024.acl-long.1; check the link (asked {origin}/anthology/2024.acl-long.1.bib).'],
    ['https://openreview.net/forum?id=NoSuchNote', 'OpenReview NoSuchNote: OpenReview has no forum NoSuchNote; check the link (asked {origin}/openreview/notes?id=NoSuchNote).'],
    [
      'https://proceedings.neurips.cc/paper_files/paper/2023/hash/ffffffffffffffffffffffffffffffff-Abstract-Conference.html',
      'NeurIPS 2023 ffffffffffffffffffffffffffffffff: the NeurIPS proceedings have no paper ffffffffffffffffffffffffffffffff in 2023; check the link (asked {origin}/neurips/paper_files/paper/2023/file/ffffffffffffffffffffffffffffffff-Bibtex-Conference.bib).',
    ],
    ['https://openreview.net/forum?id=WiThDrAwN2', 'OpenReview WiThDrAwN2: withdrawn: OpenReview lists it as "ICLR 2025 Conference Withdrawn Submission".'],
  ];
  for (const [input, reason] of cases) {
    it(input, async () => {
      const before = snapshot(shared);
      const result = await run(shared, [input, '--category', 'memory-management'], deps, sources.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`add-paper: not added: ${reason.replace('{origin}', sources.origin)}\n`);
      expect(snapshot(shared)).toEqual(before);
    });
  }

  it('a 429 with Retry-After is waited out (on virtual time) and the paper found', async () => {
    sources.failNext(429, 1, { 'retry-after': '20' });
    const from = sources.received.length;
    const result = await run(shared, ['doi:10.1145/3600006.3699999', '--category', 'memory-management', '--dry-run'], deps, sources.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('title: "Paged Contexts: Serving Million-Token Prompts on One GPU"\n');
    const [first, second] = sources.received.slice(from);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(20_000);
    expect(sources.received.length - from).toBe(2);
  });

  const limited: [string, string, string][] = [
    ['10.1145/3600006.3699999', 'DOI 10.1145/3600006.3699999: Crossref', '/crossref/works/10.1145%2F3600006.3699999'],
    ['https://aclanthology.org/2024.acl-long.999/', 'ACL Anthology 2024.acl-long.999: the ACL Anthology', '/anthology/2024.acl-long.999.bib'],
    ['https://openreview.net/forum?id=LoVeLaCe01', 'OpenReview LoVeLaCe01: OpenReview', '/openreview/notes?id=LoVeLaCe01'],
    [
      'https://proceedings.neurips.cc/paper_files/paper/2023/hash/0123456789abcdef0123456789abcdef-Abstract-Conference.html',
      'NeurIPS 2023 0123456789abcdef0123456789abcdef: the NeurIPS proceedings',
      '/neurips/paper_files/paper/2023/file/0123456789abcdef0123456789abcdef-Bibtex-Conference.bib',
    ],
  ];
  for (const [input, who, path] of limited) {
    it(`429 on every try from ${path.split('/')[1]}: four requests (three retries, backing off), then a clear refusal`, async () => {
      sources.failNext(429, 4);
      const from = sources.received.length;
      const result = await run(shared, [input, '--category', 'memory-management'], deps, sources.env);
      const sent = sources.received.slice(from);
      expect(sent.map((r) => r.path)).toEqual([path, path, path, path]);
      for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(1000);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `add-paper: not added: ${who} is rate-limiting requests (429 Too Many Requests from ${sources.origin}${path}), also after retrying; wait a few minutes, then run the command again.\n`,
      );
    });
  }

  it('a source base URL that is not http(s) is bad usage', async () => {
    const result = await run(shared, ['10.1145/3600006.3699999', '--category', 'memory-management'], deps, { ...sources.env, CROSSREF_API_URL: 'file:///etc' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^add-paper: \$CROSSREF_API_URL must be an http\(s\) URL, not "file:\/\/\/etc"\n/);
  });
});

describe('the forms a link may take', () => {
  it('reads each supported form, and nothing else', () => {
    expect(parsePaperInput('10.1145/3600006.3613165')).toEqual({ kind: 'doi', doi: '10.1145/3600006.3613165' });
    expect(parsePaperInput('https://doi.org/10.48550/arXiv.2402.08268')).toEqual({ kind: 'arxiv', ref: { id: '2402.08268' } });
    expect(parsePaperInput('10.48550/arXiv.2402.08268')).toEqual({ kind: 'arxiv', ref: { id: '2402.08268' } });
    expect(parsePaperInput('https://aclanthology.org/P19-1285/')).toEqual({ kind: 'acl', id: 'P19-1285' });
    expect(parsePaperInput('https://aclanthology.org/2023.emnlp-main.232v2.pdf')).toEqual({ kind: 'acl', id: '2023.emnlp-main.232' });
    expect(parsePaperInput('https://openreview.net/pdf?id=abcDEF123_-')).toEqual({ kind: 'openreview', id: 'abcDEF123_-' });
    expect(parsePaperInput('https://papers.nips.cc/paper/2020/hash/0123456789abcdef0123456789abcdef-Abstract.html')).toEqual({
      kind: 'neurips',
      prefix: 'paper',
      year: '2020',
      hash: '0123456789abcdef0123456789abcdef',
      track: '',
    });
    for (const other of ['https://example.org/paper.pdf', '10.1145/$(id)', '10.1145/x`y`', 'https://openreview.net/forum?id=$(id)', 'https://aclanthology.org/../../etc/passwd', '']) {
      expect(parsePaperInput(other), other).toBeUndefined();
    }
  });
});

describe('how sure Semantic Scholar is', () => {
  it('a venue counts only when DBLP lists the paper somewhere other than arXiv (CoRR)', async () => {
    const { s2Paper } = await import('../../src/add/sources/semantic-scholar.js');
    const record = (dblp: string | undefined) => ({
      title: 'X',
      venue: 'International Conference on Machine Learning',
      year: 2024,
      publicationVenue: { name: 'International Conference on Machine Learning' },
      externalIds: dblp === undefined ? { ArXiv: '2401.00001' } : { ArXiv: '2401.00001', DBLP: dblp },
      publicationTypes: ['Conference'],
    });
    expect(s2Paper(record('conf/icml/X24'))?.publication).toEqual({ venue: 'International Conference on Machine Learning', year: 2024, confident: true });
    expect(s2Paper(record('journals/corr/abs-2401-00001'))?.publication?.confident).toBe(false);
    expect(s2Paper(record(undefined))?.publication?.confident).toBe(false);
    expect(s2Paper({ ...record('conf/x/Y'), venue: 'arXiv.org', publicationVenue: { name: 'arXiv.org' } })?.publication).toBeUndefined();
    expect(s2Paper(null)).toBeUndefined();
  });
});

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshMetadataCommand } from '../../src/cli/refresh-metadata.js';
import { snapshot } from '../add/helpers.js';
import { copyOfList, fixtureList, memoryIo, runStopped } from '../helpers.js';
import { arxivFeedFor, startServer, virtualClock, type TestServer } from '../links/helpers.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'refresh');
const MODELINE = '# yaml-language-server: $schema=../../../schema/paper.schema.json\n\n';

/** Entries the test adds to a copy of the list; the stand-ins know only these papers. */
const ENTRIES: Record<string, string> = {
  '9010-ringformer.yaml': `${MODELINE}# Imported from a citation export.
title: "Ringformer: Scaling llm context with ring buffers"
url: https://arxiv.org/abs/2503.02001
authors:
  - Grace Hopper
venue: arXiv preprint arXiv:2503.02001
year: 2025
`,
  '9020-published-later.yaml': `${MODELINE}title: "Published Later: Sparse Recall at Scale"
url: https://arxiv.org/abs/2503.02002
authors:
  - Grace Hopper
venue: arXiv preprint arXiv:2503.02002 # the preprint, for now
year: 2024
`,
  '9030-withdrawn.yaml': `${MODELINE}title: Withdrawn Ideas on Context Length
url: https://arxiv.org/abs/2503.02003
authors:
  - Grace Hopper
venue: arXiv preprint arXiv:2503.02003
year: 2025
`,
  '9040-memory-mosaics.yaml': `${MODELINE}title: Memory mosaics at scale
url: https://arxiv.org/abs/2503.02004
authors:
  - Grace Hopper
venue: arXiv preprint arXiv:2503.02004
year: 2025
`,
  '9050-unsure.yaml': `${MODELINE}title: Unsure Venues for Long Inputs
url: https://arxiv.org/abs/2503.02005
authors:
  - Grace Hopper
venue: arXiv preprint arXiv:2503.02005
year: 2025
`,
};

const FOLDER = join('data', 'papers', 'memory-management');
const clock = virtualClock();
const dispatcher = new Agent();
let server: TestServer;
let failArxiv = 0;
let failS2 = 0;

beforeAll(async () => {
  server = await startServer((req, res, body) => {
    if (req.url === '/api/query') {
      if (failArxiv > 0) {
        failArxiv--;
        res.writeHead(429).end();
        return;
      }
      const ids = (new URLSearchParams(body).get('id_list') ?? '').split(',').filter(Boolean);
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(arxivFeedFor(ids, [join(FIXTURES, 'arxiv')]));
      return;
    }
    if (req.url?.startsWith('/s2/paper/batch') && req.method === 'POST') {
      if (failS2 > 0) {
        failS2--;
        res.writeHead(429, { 'retry-after': '5' }).end();
        return;
      }
      const ids = (JSON.parse(body) as { ids: string[] }).ids;
      const records = ids.map((id) => {
        const file = join(FIXTURES, 's2', `${id.replace(/^ARXIV:/, '')}.json`);
        return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : null;
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(records));
      return;
    }
    res.writeHead(404).end();
  }, clock);
});
afterAll(async () => {
  await server.close();
  await dispatcher.close();
});

function listWithEntries(): string {
  const dir = copyOfList();
  for (const [name, text] of Object.entries(ENTRIES)) writeFileSync(join(dir, FOLDER, name), text);
  return dir;
}

async function refresh(dir: string, args: string[] = []) {
  const env = { NO_COLOR: '1', ARXIV_API_URL: `${server.origin}/api/query`, SEMANTIC_SCHOLAR_API_URL: `${server.origin}/s2` };
  const io = memoryIo(dir, env);
  const before = server.received.length;
  const code = await refreshMetadataCommand(args, io, { arxiv: { dispatcher, clock } });
  return { code, stdout: io.out(), stderr: io.err(), requests: server.received.length - before };
}

const read = (dir: string, name: string) => readFileSync(join(dir, FOLDER, name), 'utf8');
const file = (name: string) => `${FOLDER}/${name}`;

describe('refresh-metadata on a copy of the list, against stand-ins for arXiv and Semantic Scholar', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof refresh>>;
  let before: Map<string, string>;

  beforeAll(async () => {
    dir = listWithEntries();
    before = snapshot(join(dir, 'data'));
    first = await refresh(dir);
  });

  it('a lower-cased title comes back in the authors\' casing, the comment kept', () => {
    expect(first.code).toBe(0);
    expect(read(dir, '9010-ringformer.yaml')).toBe(ENTRIES['9010-ringformer.yaml']!.replace('"Ringformer: Scaling llm context with ring buffers"', '"RingFormer: Scaling LLM Context with Ring Buffers"'));
  });

  it('a published preprint gets its venue and year, and keeps its arXiv link', () => {
    expect(read(dir, '9020-published-later.yaml')).toBe(
      ENTRIES['9020-published-later.yaml']!
        .replace('venue: arXiv preprint arXiv:2503.02002 # the preprint, for now', 'venue: Annual Meeting of the Association for Computational Linguistics # the preprint, for now')
        .replace('year: 2024', 'year: 2025'),
    );
  });

  it('nothing else moves: weak evidence, withdrawals and other titles are listed, not applied', () => {
    const after = snapshot(join(dir, 'data'));
    const changed = [...after].filter(([path, stamp]) => before.get(path) !== stamp).map(([path]) => path);
    expect(changed.sort()).toEqual(['papers/memory-management/9010-ringformer.yaml', 'papers/memory-management/9020-published-later.yaml']);
    for (const name of ['9030-withdrawn.yaml', '9040-memory-mosaics.yaml', '9050-unsure.yaml']) expect(read(dir, name)).toBe(ENTRIES[name]);
  });

  it('prints a table of every change with its source, and what it left to a person', () => {
    expect(first.stdout).toBe(
      [
        'Changed 3 fields in 2 files.',
        '',
        '| File | Field | Was | Now | Source |',
        '| --- | --- | --- | --- | --- |',
        `| ${file('9010-ringformer.yaml')}:4 | title | Ringformer: Scaling llm context with ring buffers | RingFormer: Scaling LLM Context with Ring Buffers | arXiv 2503.02001 |`,
        `| ${file('9020-published-later.yaml')}:7 | venue | arXiv preprint arXiv:2503.02002 | Annual Meeting of the Association for Computational Linguistics | Semantic Scholar (DBLP) for arXiv 2503.02002 |`,
        `| ${file('9020-published-later.yaml')}:8 | year | 2024 | 2025 | Semantic Scholar (DBLP) for arXiv 2503.02002 |`,
        '',
        'Left to a person (3):',
        '',
        '| File | arXiv | What |',
        '| --- | --- | --- |',
        `| ${file('9030-withdrawn.yaml')}:3 | 2503.02003 | withdrawn on arXiv (v2 is a withdrawal notice); remove the entry, or keep it with a reason |`,
        `| ${file('9040-memory-mosaics.yaml')}:3 | 2503.02004 | arXiv writes the title "Memory-Mosaics at Scale" (more than case differs; not applied) |`,
        `| ${file('9050-unsure.yaml')}:7 | 2503.02005 | Semantic Scholar names the venue "Conference on Empirical Methods in Natural Language Processing" (2025) without DBLP confirming it; not applied |`,
        '',
      ].join('\n'),
    );
  });

  it('a second run changes nothing, and its cache spares every request', async () => {
    const settled = snapshot(join(dir, 'data'));
    const second = await refresh(dir);
    expect(second.code).toBe(0);
    expect(second.requests).toBe(0);
    expect(second.stdout.split('\n')[0]).toBe('Nothing to change: every arXiv entry matches what its sources say.');
    expect(snapshot(join(dir, 'data'))).toEqual(settled);
  });
});

describe('refresh-metadata --dry-run and failures', () => {
  it('--dry-run changes nothing, data or cache, and says what it would change', async () => {
    const dir = listWithEntries();
    const before = snapshot(dir);
    const result = await refresh(dir, ['--dry-run', '--no-cache']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('Would change 3 fields in 2 files.');
    expect(snapshot(dir)).toEqual(before);
    // With --out the table is written, and only that.
    const out = await refresh(dir, ['--dry-run', '--no-cache', '--out', 'table.md']);
    expect(readFileSync(join(dir, 'table.md'), 'utf8')).toBe(out.stdout);
    const afterOut = snapshot(dir);
    afterOut.delete('table.md');
    expect(afterOut).toEqual(before);
  });

  it('an arXiv API that keeps answering 429: nothing applied from it, exit 1, the reason listed', async () => {
    const dir = listWithEntries();
    failArxiv = 1000;
    try {
      const result = await refresh(dir, ['--dry-run', '--no-cache']);
      expect(result.code).toBe(1);
      expect(result.stdout).not.toContain('| title |');
      expect(result.stdout).toContain('Not asked, so not changed:\n\n* arXiv: ');
      expect(result.stdout).toContain('not verified (the arXiv API answered 429 Too Many Requests).');
    } finally {
      failArxiv = 0;
    }
  });

  it('Semantic Scholar rate-limiting: the titles still change, no venue does, exit 1 with the reason', async () => {
    const dir = listWithEntries();
    failS2 = 1000;
    try {
      const result = await refresh(dir, ['--dry-run', '--no-cache']);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('| title | Ringformer: Scaling llm context with ring buffers | RingFormer: Scaling LLM Context with Ring Buffers |');
      expect(result.stdout).not.toContain('| venue |');
      expect(result.stdout).toContain(
        `Not asked, so not changed:\n\n* Semantic Scholar is rate-limiting requests (429 Too Many Requests from ${server.origin}/s2/paper/batch?fields=title,venue,year,publicationVenue,journal,externalIds,publicationTypes), also after retrying; wait a few minutes, then run the command again.\n`,
      );
    } finally {
      failS2 = 0;
    }
  });
});

describe('refresh-metadata as a process, stopped while it writes', () => {
  it('on Ctrl-C (SIGINT) with the changed files staged: none is written, no temporary file stays; 130', async () => {
    const dir = fixtureList();
    for (const [name, text] of Object.entries(ENTRIES)) writeFileSync(join(dir, FOLDER, name), text);
    const before = snapshot(dir);
    const run = await runStopped('refresh-metadata', ['--no-cache'], {
      cwd: dir,
      signal: 'SIGINT',
      env: { ARXIV_API_URL: `${server.origin}/api/query`, SEMANTIC_SCHOLAR_API_URL: `${server.origin}/s2` },
      atPause: () => readdirSync(join(dir, FOLDER)).filter((name) => name.endsWith('.tmp')).length,
    });
    // The two files the run changes (as in the run above: "3 fields in 2 files"), staged when it paused.
    expect(run).toMatchObject({ code: 130, signal: null, paused: 2 });
    expect(run.stderr.split('\n').slice(-3)).toEqual([
      'refresh-metadata: paused with 2 files staged (LINT_LIST_TEST_PAUSE_WRITE).',
      'refresh-metadata: stopped by SIGINT; nothing written.',
      '',
    ]);
    // Byte for byte as before: no entry changed, no ".<name>.<pid>.<hex>.tmp" beside one.
    expect(snapshot(dir)).toEqual(before);
  });
});

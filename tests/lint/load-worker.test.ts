import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { LOAD_WORKER_TOOL, serveLoad, type LoadWorkerData, type ParsedFile } from '../../src/data/parallel.js';
import { MAX_DATA_FILE_BYTES } from '../../src/data/read.js';
import { loadInWorker } from '../../src/lint/load-worker.js';
import { fixtureList, runCli, tempDir } from '../helpers.js';

/**
 * Loading for lint on two threads (src/lint/load-worker.ts over src/data/parallel.ts): the worker's
 * handler hands over only what has no problem at all, never reads through a link or waits on a pipe,
 * and lint-list finds the same, byte for byte, whether a worker loaded part of the list or not.
 */

const bytes = (text: string) => Buffer.from(text);

describe('the worker handler', () => {
  it('hands over a clean paper with its text verdict and comparison keys', () => {
    const got = loadInWorker('/x/0010-a.yaml', 'papers/a/0010-a.yaml', bytes('title: "Long-Context Models: A Survey"\nurl: https://arxiv.org/abs/2402.08268\nyear: 2024\n'));
    expect(got).toEqual({
      value: { title: 'Long-Context Models: A Survey', url: 'https://arxiv.org/abs/2402.08268', year: 2024 },
      text: [],
      derived: {
        title: 'Long-Context Models: A Survey',
        titleKey: 'longcontextmodelsasurvey',
        urlKey: 'arxiv.org/abs/2402.08268',
        link: 'arxiv.org/abs/2402.08268',
        urlArxiv: { id: '2402.08268' },
        arxivId: '2402.08268',
        venueArxivIds: [],
      },
    } satisfies ParsedFile);
  });

  it('leaves the text rules to lintData for a paper they find something in, or that has exceptions', () => {
    const spaced = loadInWorker('/x/a.yaml', 'a.yaml', bytes('title: "Two  spaces"\nyear: 2024\n'));
    expect(spaced?.value).toEqual({ title: 'Two  spaces', year: 2024 });
    expect(spaced?.text).toBeUndefined();
    const excepted = loadInWorker('/x/a.yaml', 'a.yaml', bytes('title: "Fine"\nyear: 2024\nexceptions:\n  - rule: missing-url\n    reason: Printed only, never online.\n'));
    expect(excepted?.value).toEqual({ title: 'Fine', year: 2024, exceptions: [{ rule: 'missing-url', reason: 'Printed only, never online.' }] });
    expect(excepted?.text).toBeUndefined();
    // A raw entry has no keys to compare.
    expect(loadInWorker('/x/a.yaml', 'a.yaml', bytes('raw: "* **[Raw.](https://example.org/raw)** A. B. arXiv, 2024."\n'))).toEqual({
      value: { raw: '* **[Raw.](https://example.org/raw)** A. B. arXiv, 2024.' },
      text: [],
    });
  });

  it('hands over nothing for a file with any problem: syntax, duplicate keys, schema, encoding', () => {
    for (const text of ['title: "Unclosed\nyear: 2024\n', 'title: "One"\ntitle: "Two"\nyear: 2024\n', 'title: "Bad year"\nyear: soon\n', 'title: "x"\nyear: 2024\nfoo: 1\n']) {
      expect(loadInWorker('/x/a.yaml', 'a.yaml', bytes(text))).toBeUndefined();
    }
    expect(loadInWorker('/x/a.yaml', 'a.yaml', Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xe9, 0x0a]))).toBeUndefined();
  });
});

describe('the worker loop (serveLoad), run on this thread', () => {
  it('reads regular files within the cap only, never through a link or from a pipe, and hashes what it read', () => {
    const dir = tempDir('lint-load-worker-');
    const files: Record<string, string> = {
      '1-clean.yaml': 'title: "Clean"\nyear: 2024\n',
      '2-bad.yaml': 'title: "Unclosed\nyear: 2024\n',
      '3-over.yaml': `title: "Big"\nyear: 2024\n# ${'x'.repeat(MAX_DATA_FILE_BYTES)}\n`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    // As if swapped in after the folder was listed: the names say .yaml, the files are not data.
    symlinkSync(join(dir, '1-clean.yaml'), join(dir, '4-link.yaml'));
    execFileSync('mkfifo', [join(dir, '5-pipe.yaml')]);
    mkdirSync(join(dir, '6-folder.yaml'));
    const names = ['1-clean.yaml', '2-bad.yaml', '3-over.yaml', '4-link.yaml', '5-pipe.yaml', '6-folder.yaml', '7-gone.yaml'];
    const { port1, port2 } = new MessageChannel();
    const data: LoadWorkerData = {
      tool: LOAD_WORKER_TOOL,
      folders: [{ dir, names, shown: 'papers/a' }],
      flags: constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
      max: MAX_DATA_FILE_BYTES,
      batch: 4,
      port: port2,
      state: new Int32Array(new SharedArrayBuffer(5 * 4)),
      claims: new Int32Array(new SharedArrayBuffer(2 * 4)),
    };
    serveLoad(data, loadInWorker);
    const messages = [receiveMessageOnPort(port1)?.message, receiveMessageOnPort(port1)?.message] as { batch: number; sizes: Int32Array; bytes: ArrayBuffer; hashes: (string | null)[]; parsed: (ParsedFile | null)[] }[];
    port1.close();
    // From the last batch backwards; both taken, as the main thread took none.
    expect(messages.map((m) => m.batch)).toEqual([1, 0]);
    expect([...data.claims]).toEqual([2, 2]);
    const [last, first] = messages as [(typeof messages)[0], (typeof messages)[0]];
    expect([...last.sizes]).toEqual([-1, -1, -1]);
    expect(last.parsed).toEqual([null, null, null]);
    const clean = readFileSync(join(dir, '1-clean.yaml'));
    const bad = readFileSync(join(dir, '2-bad.yaml'));
    expect([...first.sizes]).toEqual([clean.length, bad.length, -1, -1]);
    expect(Buffer.from(first.bytes).equals(Buffer.concat([clean, bad]))).toBe(true);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('base64');
    expect(first.hashes).toEqual([sha(clean), sha(bad), null, null]);
    expect(first.parsed).toEqual([{ value: { title: 'Clean', year: 2024 }, text: [], derived: expect.objectContaining({ titleKey: 'clean' }) }, null, null, null]);
  });
});

/** A list with a problem of every kind lint-list reports while loading or linting, and 300 more papers. */
function plantedList(): string {
  const dir = fixtureList();
  const papers = join(dir, 'data', 'papers', 'architecture-innovation');
  const planted: Record<string, string | Buffer> = {
    '9910-latin1.yaml': Buffer.concat([Buffer.from('title: "Caf'), Buffer.from([0xe9]), Buffer.from('"\nyear: 2024\n')]),
    '9920-bad-yaml.yaml': 'title: [unclosed\nyear: 2024\n',
    '9930-dup-keys.yaml': 'title: "One"\ntitle: "Two"\nyear: 2024\n',
    '9940-schema.yaml': 'title: "Schema error"\nyear: nineteen\nfoo: bar\n',
    '9950-debris.yaml': 'title: "Debris $$$$ in a title"\nyear: 2024\nurl: https://example.com/debris\n',
    '9960-spaces.yaml': 'title: "Spaces  inside "\nyear: 2024\nurl: https://example.com/spaces\n',
    '9970-exception.yaml': 'title: "No link anywhere"\nyear: 2024\nexceptions:\n  - rule: missing-url\n    reason: Printed only, never put online.\n',
    '9980-over.yaml': `title: "Big"\nyear: 2024\n# ${'x'.repeat(MAX_DATA_FILE_BYTES)}\n`,
  };
  for (const [name, content] of Object.entries(planted)) writeFileSync(join(papers, name), content);
  symlinkSync('/etc/passwd', join(papers, '9990-link.yaml'));
  execFileSync('mkfifo', [join(papers, '9995-pipe.yaml')]);
  const many = join(dir, 'data', 'papers', 'memory-management');
  for (let i = 0; i < 300; i++) {
    // Every 50th a duplicate of the one before it (a pair across batches for some), every 70th with a text finding.
    const n = i % 50 === 49 ? i - 1 : i;
    const title = i % 70 === 69 ? `Paper ${n}  twice spaced` : `Paper number ${n}`;
    writeFileSync(join(many, `${5000 + i}-p.yaml`), `title: "${title}"\nurl: https://arxiv.org/abs/2401.${10000 + n}\nyear: 2024\narxiv: "2401.${10000 + n}"\n`);
  }
  return dir;
}

describe('lint-list with and without the load worker', () => {
  it('reports the same findings, byte for byte, in every format, cold and warm', () => {
    const dir = plantedList();
    const run = (format: string, worker: string, cache: string, stats = false) =>
      runCli('lint-list', ['--data', 'data', '--format', format], {
        cwd: dir,
        env: { LINT_LIST_CACHE_DIR: join(dir, cache), LINT_LIST_WORKER_MIN_FILES: worker, ...(stats ? { LINT_LIST_WORKER_STATS: '1' } : {}) },
      });
    let json = '';
    for (const format of ['json', 'text']) {
      const alone = run(format, 'off', `.cache-off-${format}`);
      if (format === 'json') json = alone.stdout;
      expect(alone.code).toBe(1);
      expect(alone.stderr).toBe('');
      const withWorker = run(format, '1', `.cache-on-${format}`, true);
      // The worker took part: it took at least the last batch, before the main thread began.
      expect(withWorker.stderr).toMatch(/^lint-list: loaded on two threads: [1-9]\d* batch(es)? by the worker, \d+ batch(es)? by the main thread\n$/);
      expect([withWorker.code, withWorker.stdout]).toEqual([alone.code, alone.stdout]);
      // Warm: from the caches each way filled.
      expect(run(format, '1', `.cache-on-${format}`).stdout).toBe(alone.stdout);
      expect(run(format, 'off', `.cache-on-${format}`).stdout).toBe(alone.stdout);
    }
    // What both ways found (the same bytes, above) holds every planted problem.
    const findings = (JSON.parse(json) as { findings: { rule: string; file: string }[] }).findings;
    const rules = (name: string) => findings.filter((f) => f.file.includes(name)).map((f) => f.rule);
    expect(rules('9910-latin1')).toEqual(['encoding']);
    expect(rules('9920-bad-yaml')).toEqual(['yaml-syntax']);
    expect(rules('9930-dup-keys')).toEqual(['yaml-syntax']);
    expect(rules('9940-schema')).toEqual(['year', 'schema']);
    expect(rules('9950-debris')).toEqual(['bibtex-debris']);
    expect(rules('9960-spaces')).toEqual(['title-style', 'whitespace']);
    expect(rules('9970-exception')).toEqual([]);
    expect(rules('9980-over')).toEqual(['stray-file']);
    expect(rules('9990-link')).toEqual(['stray-file']);
    expect(rules('9995-pipe')).toEqual(['stray-file']);
    expect(rules('5049-p')).toEqual(['duplicate-arxiv-id']);
    expect(rules('5069-p')).toEqual(['whitespace']);
  });
});

describe('build-readme with and without the load worker', () => {
  it('honours LINT_LIST_WORKER_MIN_FILES as lint-list does, and writes the same files', () => {
    const one = fixtureList();
    const two = fixtureList();
    const off = runCli('build-readme', [], { cwd: one, env: { LINT_LIST_CACHE_DIR: join(one, '.c'), LINT_LIST_WORKER_MIN_FILES: 'off', LINT_LIST_WORKER_STATS: '1' } });
    const on = runCli('build-readme', [], { cwd: two, env: { LINT_LIST_CACHE_DIR: join(two, '.c'), LINT_LIST_WORKER_MIN_FILES: '1', LINT_LIST_WORKER_STATS: '1' } });
    expect([off.code, off.stderr]).toEqual([0, '']);
    expect(on.code).toBe(0);
    expect(on.stderr).toMatch(/^build-readme: loaded on two threads: [1-9]\d* batch(es)? by the worker, \d+ batch(es)? by the main thread\n$/);
    expect(on.stdout).toBe(off.stdout);
    for (const file of ['README.md', 'README_zh.md', 'papers.bib']) expect(readFileSync(join(two, file)).equals(readFileSync(join(one, file))), file).toBe(true);
  });
});

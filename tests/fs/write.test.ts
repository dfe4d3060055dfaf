import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StagedFiles, TargetIsFolderError, writeCacheFile, writeFilesAtomic, writeFilesAtomicStoppable, writeTreeAtomic, writeTreeAtomicStoppable, WriteStoppedError } from '../../src/fs/write.js';
import { tempDir } from '../helpers.js';

describe('writeCacheFile', () => {
  it('writes the file and leaves no temporary file', () => {
    const dir = tempDir('cache-file-');
    expect(writeCacheFile(join(dir, 'sub', 'c.json'), '{"a":1}')).toBe(true);
    expect(readFileSync(join(dir, 'sub', 'c.json'), 'utf8')).toBe('{"a":1}');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['c.json']);
  });

  it('gives up without throwing, and without a temporary file, where a folder stands', () => {
    const dir = tempDir('cache-file-');
    mkdirSync(join(dir, 'c.json'));
    expect(writeCacheFile(join(dir, 'c.json'), 'x')).toBe(false);
    expect(readdirSync(dir)).toEqual(['c.json']);
    // A file where its folder should be.
    writeFileSync(join(dir, 'f'), '');
    expect(writeCacheFile(join(dir, 'f', 'd.json'), 'x')).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['c.json', 'f']);
  });
});

describe('StagedFiles.add', () => {
  it('gives the size and sha256 of what it wrote, in one piece or many', () => {
    const dir = tempDir('staged-');
    const stage = new StagedFiles();
    const text = `${'é'.repeat(40_000)}end\n`;
    // The sha256 of those bytes, computed outside this code (Python's hashlib).
    const expected = { bytes: 80_004, sha256: 'auGH7mewPAv8rQRqzlZ3IlKGrFE1YNVi7B2PdBq2a9o=' };
    expect(stage.add(join(dir, 'one.txt'), text)).toEqual(expected);
    expect(stage.add(join(dir, 'pieces.txt'), ['é'.repeat(40_000), 'end\n'])).toEqual(expected);
    stage.commit();
    expect(readFileSync(join(dir, 'pieces.txt'), 'utf8')).toBe(text);
  });
});

describe('StagedFiles with a relative path', () => {
  it('stages, commits and aborts a file given relative to the working directory, removing the folders it made', () => {
    const dir = tempDir('staged-relative-');
    const before = process.cwd();
    // One-letter top folder: its path has the length of ".", where walking up from the file once never stopped.
    process.chdir(dir);
    try {
      const stage = new StagedFiles();
      expect(stage.add(join('q', 'r', 'file.txt'), 'hi\n').bytes).toBe(3);
      stage.abort();
      expect(readdirSync(dir)).toEqual([]);
      const again = new StagedFiles();
      again.add(join('q', 'r', 'file.txt'), 'hi\n');
      again.commit();
      expect(readFileSync(join(dir, 'q', 'r', 'file.txt'), 'utf8')).toBe('hi\n');
    } finally {
      process.chdir(before);
    }
  });
});

describe('StagedFiles.add, text encoded in blocks', () => {
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');

  it('writes the bytes of the text joined, whatever the sizes of its pieces and wherever a character falls', () => {
    const dir = tempDir('staged-');
    const stage = new StagedFiles();
    // 1, 2, 3 and 4 bytes a character, in runs that cross every 64 KiB block and every 16 Ki-unit step
    // at a different byte; one string of 300,000 units, and the same cut into uneven pieces.
    const unit = 'a\u00e9\u4e2d\u{1f600}';
    const text = unit.repeat(60_000);
    const pieces: string[] = [];
    for (let at = 0, n = 1; at < text.length; n = (n * 7 + 3) % 70_001) pieces.push(text.slice(at, (at += n)));
    // Some pieces end between the two halves of a pair: joined, the pair is one character again.
    expect(pieces.some((p) => /[\ud800-\udbff]$/.test(p))).toBe(true);
    const expected = Buffer.from(text, 'utf8');
    expect(expected.length).toBe(600_000);
    const whole = { bytes: 600_000, sha256: sha(expected) };
    expect(stage.add(join(dir, 'one.txt'), text)).toEqual(whole);
    expect(stage.add(join(dir, 'pieces.txt'), pieces)).toEqual(whole);
    // A lone half stays what UTF-8 makes of it (U+FFFD), as a Buffer of the joined text has it.
    expect(stage.add(join(dir, 'lone.txt'), ['x\ud83d', '', 'y\ude00'])).toEqual({ bytes: 8, sha256: sha(Buffer.from('x\ufffdy\ufffd')) });
    expect(stage.add(join(dir, 'end.txt'), ['x\ud83d'])).toEqual({ bytes: 4, sha256: sha(Buffer.from('x\ufffd')) });
    stage.commit();
    expect(readFileSync(join(dir, 'one.txt')).equals(expected)).toBe(true);
    expect(readFileSync(join(dir, 'pieces.txt')).equals(expected)).toBe(true);
    expect(readFileSync(join(dir, 'lone.txt'))).toEqual(Buffer.from([0x78, 0xef, 0xbf, 0xbd, 0x79, 0xef, 0xbf, 0xbd]));
  });

  it('writes the same bytes from many small pieces (joined before encoding) as from the text, pairs split between pieces too', () => {
    const dir = tempDir('staged-');
    const stage = new StagedFiles();
    // Pieces of 1 to 5 units, so that the joined runs end at every offset, between the halves of a pair
    // too; with one long piece, which passes unjoined between two runs.
    const unit = 'ab\u00e9\u{1f600}\u4e2d\u{1f680}';
    const text = `${unit.repeat(9000)}${'z'.repeat(20_000)}${unit.repeat(9000)}`;
    const pieces: string[] = [];
    for (let at = 0, n = 1; at < text.length; n = (n % 5) + 1) pieces.push(text.slice(at, (at += at === 72_000 ? 20_000 : n)));
    expect(pieces).toContain('z'.repeat(20_000));
    expect(pieces.filter((p) => /[\ud800-\udbff]$/.test(p)).length).toBeGreaterThan(1000);
    const expected = Buffer.from(text, 'utf8');
    expect(stage.add(join(dir, 'small.txt'), pieces)).toEqual({ bytes: expected.length, sha256: sha(expected) });
    // A lone high half at the very end of many small pieces: U+FFFD, as in a Buffer of the text.
    const lone = [...'x'.repeat(9000), '\ud83d'];
    expect(stage.add(join(dir, 'lone-end.txt'), lone)).toEqual({ bytes: 9003, sha256: sha(Buffer.from(`${'x'.repeat(9000)}\ufffd`)) });
    stage.commit();
    expect(readFileSync(join(dir, 'small.txt')).equals(expected)).toBe(true);
  });
});

describe('writeTreeAtomic', () => {
  /** Every file under `dir`, relative, with its text. */
  const tree = (dir: string): Record<string, string> => {
    const out: Record<string, string> = {};
    const walk = (at: string, prefix: string) => {
      for (const entry of readdirSync(at, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(at, entry.name), `${prefix}${entry.name}/`);
        else out[`${prefix}${entry.name}`] = readFileSync(join(at, entry.name), 'utf8');
      }
    };
    walk(dir, '');
    return out;
  };
  const files = new Map([
    ['categories.yaml', 'categories: []\n'],
    ['papers/a/0010-x.yaml', 'title: X\n'],
    ['papers/b/0010-y.yaml', 'title: Y\n'],
  ]);

  it('creates the folder with every file, and nothing beside it', () => {
    const parent = tempDir('tree-');
    writeTreeAtomic(join(parent, 'data'), files);
    expect(tree(join(parent, 'data'))).toEqual({ 'categories.yaml': 'categories: []\n', 'papers/a/0010-x.yaml': 'title: X\n', 'papers/b/0010-y.yaml': 'title: Y\n' });
    expect(readdirSync(parent)).toEqual(['data']);
  });

  it('fills an empty folder that stands at the target', () => {
    const parent = tempDir('tree-');
    mkdirSync(join(parent, 'data'));
    writeTreeAtomic(join(parent, 'data'), files);
    expect(Object.keys(tree(join(parent, 'data')))).toEqual(['categories.yaml', 'papers/a/0010-x.yaml', 'papers/b/0010-y.yaml']);
    expect(readdirSync(parent)).toEqual(['data']);
  });

  it('refuses a folder that has files, and leaves it and its parent as they were', () => {
    const parent = tempDir('tree-');
    mkdirSync(join(parent, 'data'));
    writeFileSync(join(parent, 'data', 'keep.yaml'), 'mine\n');
    expect(() => writeTreeAtomic(join(parent, 'data'), files)).toThrow(`${join(parent, 'data')} exists and is not empty; choose a new directory, or remove it first`);
    expect(tree(join(parent, 'data'))).toEqual({ 'keep.yaml': 'mine\n' });
    expect(readdirSync(parent)).toEqual(['data']);
  });

  it('fails in the middle without a trace: no target, no staging folder', () => {
    const parent = tempDir('tree-');
    // The second file needs a folder where the first one is a file: writing stops after one file.
    const broken = new Map([
      ['papers/a', 'a file\n'],
      ['papers/a/0010-x.yaml', 'title: X\n'],
      ['papers/b/0010-y.yaml', 'title: Y\n'],
    ]);
    expect(() => writeTreeAtomic(join(parent, 'data'), broken)).toThrow();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('fails in the middle and leaves an empty target folder as it was', () => {
    const parent = tempDir('tree-');
    mkdirSync(join(parent, 'data'));
    expect(() => writeTreeAtomic(join(parent, 'data'), new Map([['x', '1'], ['x/y', '2']]))).toThrow();
    expect(readdirSync(parent)).toEqual(['data']);
    expect(readdirSync(join(parent, 'data'))).toEqual([]);
  });

  it('with replace, swaps a folder that has files for the new tree, and removes the old one', () => {
    const parent = tempDir('tree-');
    mkdirSync(join(parent, 'site'));
    writeFileSync(join(parent, 'site', 'old.html'), 'old\n');
    writeTreeAtomic(join(parent, 'site'), new Map([['index.html', 'new\n']]), { replace: true });
    expect(tree(join(parent, 'site'))).toEqual({ 'index.html': 'new\n' });
    expect(readdirSync(parent)).toEqual(['site']);
    // A failure keeps the old tree.
    expect(() => writeTreeAtomic(join(parent, 'site'), new Map([['x', '1'], ['x/y', '2']]), { replace: true })).toThrow();
    expect(tree(join(parent, 'site'))).toEqual({ 'index.html': 'new\n' });
    expect(readdirSync(parent)).toEqual(['site']);
  });
});

describe('writeTreeAtomicStoppable', () => {
  const many = new Map(Array.from({ length: 200 }, (_, i) => [`papers/a/${String(i).padStart(4, '0')}.yaml`, `title: T${i}\n`] as const));

  it('stopped while it stages, removes its staging folder and leaves the target as it was', async () => {
    const parent = tempDir('tree-');
    const controller = new AbortController();
    const looks: number[] = [];
    const write = writeTreeAtomicStoppable(join(parent, 'data'), many, {
      signal: controller.signal,
      onLook: (staged) => {
        looks.push(staged);
        // What stands beside the target while it stages: its staging folder, with the files so far.
        if (staged === 128) {
          const [staging] = readdirSync(parent);
          expect(staging).toMatch(/^\.data\.\d+\.[0-9a-f]{8}\.tmp$/);
          expect(readdirSync(join(parent, staging!, 'papers', 'a'))).toHaveLength(128);
          controller.abort('SIGINT');
        }
      },
    });
    await expect(write).rejects.toThrow(new WriteStoppedError('SIGINT'));
    expect(looks).toEqual([64, 128]);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('with replace, stopped at the last look before the renames, keeps the old tree', async () => {
    const parent = tempDir('tree-');
    mkdirSync(join(parent, 'site'));
    writeFileSync(join(parent, 'site', 'old.html'), 'old\n');
    const controller = new AbortController();
    const write = writeTreeAtomicStoppable(join(parent, 'site'), new Map([['index.html', 'new\n']]), {
      replace: true,
      signal: controller.signal,
      onLook: () => controller.abort('SIGTERM'),
    });
    await expect(write).rejects.toThrow('the write was stopped (SIGTERM); what it had staged was removed');
    expect(readdirSync(parent)).toEqual(['site']);
    expect(readdirSync(join(parent, 'site'))).toEqual(['old.html']);
  });

  it('not stopped, writes what writeTreeAtomic writes', async () => {
    const parent = tempDir('tree-');
    await writeTreeAtomicStoppable(join(parent, 'data'), many, { signal: new AbortController().signal });
    expect(readdirSync(parent)).toEqual(['data']);
    expect(readdirSync(join(parent, 'data', 'papers', 'a'))).toHaveLength(200);
    expect(readFileSync(join(parent, 'data', 'papers', 'a', '0199.yaml'), 'utf8')).toBe('title: T199\n');
  });
});

describe('writeFilesAtomic and writeFilesAtomicStoppable', () => {
  it('a folder where a file goes: nothing renamed, no temporary file left', () => {
    const dir = tempDir('files-');
    mkdirSync(join(dir, 'b.md'));
    expect(() => writeFilesAtomic(new Map([[join(dir, 'a.md'), 'a\n'], [join(dir, 'b.md'), 'b\n']]))).toThrow(TargetIsFolderError);
    expect(readdirSync(dir)).toEqual(['b.md']);
  });

  it('stopped at a look, removes its staged files and the folders it made for them; the old files stay', async () => {
    const dir = tempDir('files-');
    writeFileSync(join(dir, 'README.md'), 'old\n');
    const controller = new AbortController();
    const looks: number[] = [];
    const files = [
      [join(dir, 'README.md'), 'new\n'],
      [join(dir, 'pages', 'en', 'a.md'), 'a\n'],
      [join(dir, 'pages', 'en', 'b.md'), ['b', '\n']],
    ] as const;
    const write = writeFilesAtomicStoppable(files, {
      signal: controller.signal,
      every: 1,
      onLook: (staged) => {
        looks.push(staged);
        if (staged === 2) {
          expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(/^\.README\.md\.\d+\.[0-9a-f]{8}\.tmp$/), 'README.md', 'pages']);
          controller.abort('SIGINT');
        }
      },
    });
    await expect(write).rejects.toThrow(new WriteStoppedError('SIGINT'));
    expect(looks).toEqual([1, 2]);
    expect(readdirSync(dir)).toEqual(['README.md']);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('old\n');
  });

  it('looks every 64 files and once before the renames; not stopped, writes every file and says what it wrote', async () => {
    const dir = tempDir('files-');
    const looks: number[] = [];
    const files = Array.from({ length: 130 }, (_, i) => [join(dir, `${i}.yaml`), `n: ${i}\n`] as const);
    const made = await writeFilesAtomicStoppable(files, { signal: new AbortController().signal, onLook: (staged) => void looks.push(staged) });
    expect(looks).toEqual([64, 128, 130]);
    expect(readdirSync(dir)).toHaveLength(130);
    expect(readFileSync(join(dir, '129.yaml'), 'utf8')).toBe('n: 129\n');
    expect(made[129]).toEqual({ bytes: 7, sha256: createHash('sha256').update('n: 129\n').digest('base64') });
  });

  it('an already stopped signal stages nothing', async () => {
    const dir = tempDir('files-');
    const controller = new AbortController();
    controller.abort('SIGTERM');
    await expect(writeFilesAtomicStoppable([[join(dir, 'sub', 'a'), 'a']], { signal: controller.signal })).rejects.toThrow(new WriteStoppedError('SIGTERM'));
    expect(readdirSync(dir)).toEqual([]);
  });
});

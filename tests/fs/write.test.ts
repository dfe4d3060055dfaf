import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StagedFiles, writeCacheFile } from '../../src/fs/write.js';
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
});

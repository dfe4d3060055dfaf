import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

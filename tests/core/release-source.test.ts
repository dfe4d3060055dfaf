import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  lazySource,
  placeOf,
  releaseBytes,
  releasePlaces,
  releaseSource,
  SourceChangedError,
  sourceContent,
  sourceDigest,
  type Place,
  type PlaceMemo,
} from '../../src/data/source.js';
import { tempDir } from '../helpers.js';

const TEXT = 'title: Zoë\nyear: 2024\n';
// sha256 of those bytes, base64, computed outside this code (Python's hashlib).
const DIGEST = 'QfR0Z97bqF5LS5lXm9k+lr46WVS38wPLPUzZZSh3DQg=';

class Memo implements PlaceMemo {
  readonly map = new Map<string, Place>();
  get(key: string) {
    return this.map.get(key);
  }
  set(key: string, place: Place) {
    this.map.set(key, place);
  }
}

function planted(): { path: string; memo: Memo } {
  const dir = tempDir('release-source-');
  const path = join(dir, 'p.yaml');
  writeFileSync(path, TEXT);
  return { path, memo: new Memo() };
}

describe('releaseSource', () => {
  it('releasePlaces keeps the bytes (categories.yaml and news.yaml: their text is part of the readme cache key)', () => {
    const { path, memo } = planted();
    const source = lazySource('data/news.yaml', path, Buffer.from(TEXT), memo, DIGEST);
    releasePlaces(source);
    rmSync(path);
    expect(source.places).toBeUndefined();
    expect(source.text).toBe(TEXT);
  });

  it('drops the bytes and places of a source with a digest; its text is read again, the same', () => {
    const { path, memo } = planted();
    const source = lazySource('data/p.yaml', path, Buffer.from(TEXT), memo, DIGEST);
    releaseSource(source);
    expect(source.places).toBeUndefined();
    expect(sourceDigest(source)).toBe(DIGEST);
    expect(source.text).toBe(TEXT);
    expect(placeOf(source, ['year'])).toEqual({ line: 2, column: 7 });
    // The memo let go: nothing was learnt into it.
    expect(memo.map.size).toBe(0);
  });

  it('refuses bytes that changed or went since they were loaded, naming the file', () => {
    const { path } = planted();
    const changed = lazySource('data/p.yaml', path, Buffer.from(TEXT), undefined, DIGEST);
    releaseSource(changed);
    writeFileSync(path, TEXT.replace('2024', '2025'));
    expect(() => changed.text).toThrow('data/p.yaml changed on disk while it was being used; run the command again.');
    expect(() => changed.text).toThrow(SourceChangedError);
    const gone = lazySource('data/p.yaml', path, Buffer.from(TEXT), undefined, DIGEST);
    releaseSource(gone);
    rmSync(path);
    expect(() => sourceContent(gone)).toThrow('data/p.yaml changed on disk while it was being used; run the command again.');
  });

  it('keeps the bytes of a source without a digest, or whose document model was built, but not its places', () => {
    const { path, memo } = planted();
    const plain = lazySource('data/p.yaml', path, Buffer.from(TEXT), memo);
    releaseSource(plain);
    rmSync(path);
    expect(plain.places).toBeUndefined();
    expect(plain.text).toBe(TEXT);
    const modelled = lazySource('data/p.yaml', path, Buffer.from(TEXT), memo, DIGEST);
    expect(modelled.doc.toJS()).toEqual({ title: 'Zoë', year: 2024 });
    releaseSource(modelled);
    expect(modelled.places).toBeUndefined();
    expect(modelled.text).toBe(TEXT);
    expect(placeOf(modelled, ['year'])).toEqual({ line: 2, column: 7 });
    expect(memo.map.size).toBe(0);
  });

  it('releaseBytes keeps the places: a place learnt after it is kept, from the text read again', () => {
    const { path, memo } = planted();
    const source = lazySource('data/p.yaml', path, Buffer.from(TEXT), memo, DIGEST);
    releaseBytes(source);
    expect(source.places).toBe(memo);
    expect(placeOf(source, ['year'])).toEqual({ line: 2, column: 7 });
    expect([...memo.map]).toEqual([['["year"]', { line: 2, column: 7 }]]);
    writeFileSync(path, 'title: Other\nyear: 2024\n');
    // Known places need no text; the text itself is refused now.
    expect(placeOf(source, ['year'])).toEqual({ line: 2, column: 7 });
    const other = lazySource('data/p.yaml', path, Buffer.from(TEXT), memo, DIGEST);
    releaseBytes(other);
    expect(() => other.text).toThrow('data/p.yaml changed on disk while it was being used; run the command again.');
  });
});

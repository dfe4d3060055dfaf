import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDataDir } from '../../src/lint/load-for-lint.js';
import { generateList } from '../bench/gen-list.js';
import { tempDir } from '../helpers.js';

function digest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(`${path.slice(dir.length)}\n${readFileSync(path, 'utf8')}\n`);
    }
  };
  walk(dir);
  return hash.digest('hex');
}

describe('the benchmark list generator', () => {
  // 3000 files written and linted: give a busy machine room (no timing is asserted).
  it('plants a known number of duplicates, and lint reports exactly those', { timeout: 120_000 }, async () => {
    const dir = join(tempDir('gen-'), 'data');
    const list = generateList(dir, 3000);
    expect(list.planted).toEqual({ 'duplicate-arxiv-id': 3, 'arxiv-url': 3, 'duplicate-title': 3 });
    const result = await lintDataDir(dir, { cwd: dir, now: new Date('2025-06-01T00:00:00Z') });
    expect(result.value.entries).toBe(3000);
    const counts: Record<string, number> = {};
    for (const p of result.problems) counts[p.rule] = (counts[p.rule] ?? 0) + 1;
    expect(counts).toEqual(list.planted);
  });

  it('writes the same files for the same seed and size', () => {
    const a = join(tempDir('gen-a-'), 'data');
    const b = join(tempDir('gen-b-'), 'data');
    generateList(a, 500);
    generateList(b, 500);
    expect(digest(a)).toBe(digest(b));
    const c = join(tempDir('gen-c-'), 'data');
    generateList(c, 500, 7);
    expect(digest(c)).not.toBe(digest(a));
  });
});

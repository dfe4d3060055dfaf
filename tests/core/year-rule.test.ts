import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDataDir } from '../../src/lint/load-for-lint.js';
import { tempDir } from '../helpers.js';

/** A two-paper list: one of `allowed` (next year, fine), one of `late` (a year after that). */
function listWithYears(allowed: number, late: number): string {
  const dir = tempDir('year-');
  mkdirSync(join(dir, 'papers', 'alpha'), { recursive: true });
  writeFileSync(join(dir, 'categories.yaml'), 'categories:\n  - id: alpha\n    name:\n      en: Alpha\n');
  const paper = (n: number, year: number) => `title: "Paper ${n}"\nurl: https://example.org/${n}\nauthors:\n  - "Ada Lovelace"\nyear: ${year}\n`;
  writeFileSync(join(dir, 'papers', 'alpha', '0010-allowed.yaml'), paper(1, allowed));
  writeFileSync(join(dir, 'papers', 'alpha', '0020-late.yaml'), paper(2, late));
  return dir;
}

const findings = async (dir: string, now?: Date) =>
  (await lintDataDir(dir, { cwd: dir, ...(now ? { now } : {}) })).problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`);

describe('rule year: nothing is published after next year', () => {
  it('allows next year and reports the year after, with the year and the bound, at the clock it is given', async () => {
    const dir = listWithYears(2031, 2032);
    expect(await findings(dir, new Date('2030-12-31T12:00:00Z'))).toEqual([
      'papers/alpha/0020-late.yaml:5:7 year Field "year" is 2032, later than next year (2031); a typo?',
    ]);
  });

  it('reads the real clock when given none', async () => {
    const next = new Date().getFullYear() + 1;
    const dir = listWithYears(next, next + 1);
    expect(await findings(dir)).toEqual([
      `papers/alpha/0020-late.yaml:5:7 year Field "year" is ${next + 1}, later than next year (${next}); a typo?`,
    ]);
  });
});

import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/render/read-templates.js';
import { OFFLINE_RULES } from '../../src/lint/rules/index.js';
import { lintDataDir } from '../../src/lint/load-for-lint.js';
import { lintListCommand } from '../../src/cli/lint-list.js';
import { memoryIo, ROOT, tempDir } from '../helpers.js';

/**
 * tests/fixtures/lint/<rule>/{fail,pass}: a small data directory (and templates/ where the rule
 * reads them) with expected.json, the exact findings as {rule, file, line, column}. Failing
 * fixtures list every finding, so a rule that reports too much fails as surely as one that misses.
 */
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'lint');
const NOW = new Date('2025-06-01T12:00:00Z');

interface Expected {
  rule: string;
  file: string;
  line: number;
  column: number;
}

async function findingsOf(dir: string): Promise<Expected[]> {
  const templatesDir = join(dir, 'templates');
  const templates = existsSync(templatesDir) ? loadTemplates(templatesDir, dir) : undefined;
  const result = await lintDataDir(dir, { cwd: dir, templates, now: NOW });
  return result.problems.map(({ rule, file, line, column }) => ({ rule, file, line, column }));
}

const rules = readdirSync(FIXTURES).sort();

describe('lint fixtures', () => {
  it('has a failing and a passing fixture for every rule lint-list reports offline', () => {
    expect(rules).toEqual([...new Set(OFFLINE_RULES)].sort());
    for (const rule of rules) {
      expect(existsSync(join(FIXTURES, rule, 'fail', 'expected.json')), `${rule}/fail`).toBe(true);
      expect(existsSync(join(FIXTURES, rule, 'pass', 'expected.json')), `${rule}/pass`).toBe(true);
    }
  });

  for (const rule of rules) {
    for (const kind of ['fail', 'pass'] as const) {
      it(`${rule}: ${kind}`, async () => {
        const dir = join(FIXTURES, rule, kind);
        const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected[];
        if (kind === 'pass') expect(expected).toEqual([]);
        else expect(expected.filter((e) => e.rule === rule).length, 'a failing fixture must show its rule').toBeGreaterThan(0);
        expect(await findingsOf(dir)).toEqual(expected);
      });
    }
  }
});

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

describe('--fix on every failing fixture', () => {
  for (const rule of rules) {
    it(`${rule}: a second run changes nothing`, async () => {
      const dir = tempDir(`fix-${rule}-`);
      cpSync(join(FIXTURES, rule, 'fail'), dir, { recursive: true });
      const first = memoryIo(dir);
      await lintListCommand(['--data', '.', '--fix'], first);
      const afterFirst = snapshot(dir);
      const second = memoryIo(dir);
      await lintListCommand(['--data', '.', '--fix'], second);
      expect(second.out().startsWith('Nothing to fix.\n')).toBe(true);
      expect(second.out()).not.toContain('not fixed:');
      expect(snapshot(dir)).toEqual(afterFirst);
    });
  }
});

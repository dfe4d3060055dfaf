import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typedPaths } from '../../src/cli/args.js';
import { fixtureList, runCli } from '../helpers.js';

/**
 * npm runs every script in the package's root; INIT_CWD says where it was typed. A path typed on the
 * command line counts from there (`cd data && npm run lint-list -- --data .` is data/), the defaults
 * from the root as before, and nothing changes when the command was not started by npm in its root.
 */

describe('typedPaths', () => {
  const npm = (cwd: string, from: string) => ({ cwd, env: { INIT_CWD: from, npm_package_json: join(cwd, 'package.json') } });

  it('counts a typed path from INIT_CWD when npm started the command in its package root', () => {
    expect(typedPaths(npm('/repo', '/repo/data'))('.')).toBe('/repo/data');
    expect(typedPaths(npm('/repo', '/repo/data'))('../templates')).toBe('/repo/templates');
    expect(typedPaths(npm('/repo', '/repo/data'))('/elsewhere/x.bib')).toBe('/elsewhere/x.bib');
  });

  it('leaves typed paths as they are without npm, from another folder than its package root, or typed in the root', () => {
    expect(typedPaths({ cwd: '/repo', env: {} })('data')).toBe('data');
    expect(typedPaths({ cwd: '/repo', env: { INIT_CWD: '/repo/data' } })('data')).toBe('data');
    expect(typedPaths({ cwd: '/tmp/list', env: { INIT_CWD: '/repo/data', npm_package_json: '/repo/package.json' } })('data')).toBe('data');
    expect(typedPaths(npm('/repo', '/repo'))('data')).toBe('data');
    expect(typedPaths(npm('/repo', 'data'))('x')).toBe('x');
  });
});

describe('commands typed in a subfolder of the repository', () => {
  it('lint-list --data . lints the folder it was typed in; the default data/ is still the root\'s', () => {
    const dir = fixtureList();
    const fromData = { INIT_CWD: join(dir, 'data'), npm_package_json: join(dir, 'package.json'), LINT_LIST_CACHE_DIR: join(dir, '.c') };
    const typed = runCli('lint-list', ['--data', '.'], { cwd: dir, env: fromData });
    expect([typed.code, typed.stdout, typed.stderr]).toEqual([0, 'No problems.\n', '']);
    expect(runCli('lint-list', [], { cwd: dir, env: fromData }).stdout).toBe('No problems.\n');
    // The same command without npm's INIT_CWD reads "." as the root, which holds no categories.yaml.
    const plain = runCli('lint-list', ['--data', '.'], { cwd: dir, env: { LINT_LIST_CACHE_DIR: join(dir, '.c') } });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('categories.yaml');
  });

  it('build-readme --out and import-readme\'s README count from the folder typed in', () => {
    const dir = fixtureList();
    const env = { INIT_CWD: join(dir, 'templates'), npm_package_json: join(dir, 'package.json'), LINT_LIST_CACHE_DIR: join(dir, '.c') };
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    writeFileSync(join(dir, 'README.md'), 'an old README\n');
    const built = runCli('build-readme', ['--data', '../data', '--templates', '.', '--out', '..'], { cwd: dir, env });
    expect(built.code, built.stderr).toBe(0);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(readme);
    const imported = runCli('import-readme', ['../README.md', '--out', 'imported'], { cwd: dir, env });
    expect(imported.code, imported.stderr).toBe(0);
    expect(existsSync(join(dir, 'templates', 'imported', 'categories.yaml'))).toBe(true);
    expect(existsSync(join(dir, 'imported'))).toBe(false);
  });
});

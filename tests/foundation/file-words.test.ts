import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFailure } from '../../src/cli/io.js';
import { asFileError, FileError, whyFileFailed } from '../../src/fs/errors.js';
import { writeFilesAtomic, writeTreeAtomic } from '../../src/fs/write.js';
import { fixtureList, runInProcess, tempDir } from '../helpers.js';

/**
 * A file that cannot be read or written is said in the project's words, naming the file the user
 * asked for: never ENOENT/EISDIR/ENOTDIR/EACCES, never a hidden temporary name.
 */

/** An error as node:fs throws it: its code, and the system's text naming a temporary file. */
function systemError(code: string, text: string): Error {
  return Object.assign(new Error(`${code}: ${text}, open '/list/data/papers/a/.0600-x.yaml.13372.f4da85b9.tmp'`), { code });
}

describe('the plain words for a failed file operation', () => {
  it('says why in words, by the error code, and nothing for an error that is not the file system\'s', () => {
    expect(whyFileFailed(systemError('ENOENT', 'no such file or directory'))).toBe('no such file or folder');
    expect(whyFileFailed(systemError('EISDIR', 'illegal operation on a directory'))).toBe('it is a folder, not a file');
    expect(whyFileFailed(systemError('EACCES', 'permission denied'))).toBe('permission denied');
    expect(whyFileFailed(systemError('ENOTDIR', 'not a directory'))).toBe('a part of the path is not a folder');
    expect(whyFileFailed(systemError('EWHATEVER', 'something new'))).toBe('the system refused it');
    expect(whyFileFailed(new Error('a bug'))).toBeUndefined();
  });

  it('names the file asked for, shown from the working directory, never the temporary one', () => {
    const failed = asFileError('/list/data/papers/a/0600-x.yaml', systemError('EACCES', 'permission denied'));
    expect(failed).toBeInstanceOf(FileError);
    expect(fileFailure('could not write', failed, 'ignored', '/list')).toBe('could not write data/papers/a/0600-x.yaml: permission denied');
    expect(fileFailure('could not write', failed, 'ignored', '/elsewhere')).toBe('could not write /list/data/papers/a/0600-x.yaml: permission denied');
    // An error without the path it is about: the path the caller gives, as the user wrote it.
    expect(fileFailure('cannot read', systemError('ENOENT', 'no such file or directory'), 'nope.bib', '/list')).toBe('cannot read nope.bib: no such file or folder');
    expect(fileFailure('cannot read', new Error('a bug'), 'nope.bib', '/list')).toBeUndefined();
  });

  it('shows a folder named "..data" under the working directory as inside it', () => {
    const failed = asFileError('/list/..data/x.yaml', systemError('ENOENT', 'no such file or directory'));
    expect(fileFailure('cannot read', failed, 'ignored', '/list')).toBe('cannot read ..data/x.yaml: no such file or folder');
    expect(fileFailure('cannot read', asFileError('/x.yaml', systemError('ENOENT', 'no such file or directory')), 'ignored', '/list')).toBe('cannot read /x.yaml: no such file or folder');
  });

  it('schema says so when it cannot write, in a sentence and exit 2 (it was an internal error)', async () => {
    const dir = tempDir('schema-words-');
    writeFileSync(join(dir, 'file'), '');
    const run = await runInProcess('schema', ['--out', 'file/sub'], { cwd: dir });
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'schema: could not write file/sub/categories.schema.json: a part of the path is not a folder; nothing written.\n' });
    expect(readdirSync(dir)).toEqual(['file']);
  });

  it('a write that fails is said of its target file or folder, not of a temporary sibling', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plain'), 'a file, where a folder is needed\n');
    const target = join(dir, 'plain', 'out.yaml');
    expect(() => writeFilesAtomic(new Map([[target, 'x\n']]))).toThrow(new FileError(target, 'a part of the path is a file, not a folder'));
    const tree = join(dir, 'plain', 'site');
    expect(() => writeTreeAtomic(tree, new Map([['index.html', 'x']]))).toThrow(new FileError(tree, 'a part of the path is not a folder'));
    // Nothing was left behind beside them.
    expect(readdirSync(dir)).toEqual(['plain']);
  });
});

describe('commands say what went wrong with a file in their own words', () => {
  it('add-paper --bibtex: a missing file, a folder', async () => {
    const dir = fixtureList();
    const missing = await runInProcess('add-paper', ['--bibtex', 'nope.bib', '--category', 'memory-management'], { cwd: dir });
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'add-paper: cannot read nope.bib: no such file or folder\n' });
    const folder = await runInProcess('add-paper', ['--bibtex', 'data', '--category', 'memory-management'], { cwd: dir });
    expect(folder).toEqual({ code: 2, stdout: '', stderr: 'add-paper: cannot read data: it is a folder, not a file\n' });
  });

  it('import-readme: a missing README', async () => {
    const dir = tempDir();
    const run = await runInProcess('import-readme', ['nope.md', '--out', 'data'], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'import-readme: cannot read nope.md: no such file or folder\n' });
  });

  it('lint-list --links: a link-check config named but missing', async () => {
    const dir = fixtureList();
    const run = await runInProcess('lint-list', ['--config', 'nope.yaml', '--links'], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'lint-list: cannot read the link-check config nope.yaml: no such file or folder\n' });
  });

  it('build-readme and build-site: an output under a link to nothing', async () => {
    const dir = fixtureList();
    symlinkSync(join(dir, 'no-such-folder', 'deeper'), join(dir, 'dangling'));
    const readme = await runInProcess('build-readme', ['--out', 'dangling/out'], { cwd: dir });
    expect(readme).toEqual({ code: 2, stdout: '', stderr: 'build-readme: could not write dangling/out/README.md: no such file or folder; nothing written.\n' });
    const site = await runInProcess('build-site', ['--out', 'dangling'], { cwd: dir });
    expect(site).toEqual({ code: 2, stdout: '', stderr: 'build-site: could not write dangling: it is a symbolic link to something that does not exist; remove the link or give another folder\n' });
  });

  it('lint-list --changed-since: no repository, and a data folder outside it, without git\'s words', async () => {
    const dir = fixtureList();
    const bare = await runInProcess('lint-list', ['--changed-since', 'HEAD'], { cwd: dir });
    expect(bare).toEqual({ code: 2, stdout: '', stderr: `lint-list: --changed-since: ${dir} is not in a git repository, so nothing can be compared with "HEAD"\n` });

    const repo = tempDir();
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git('commit', '-q', '--allow-empty', '-m', 'start');
    cpSync(join(dir, 'templates'), join(repo, 'templates'), { recursive: true });
    mkdirSync(join(repo, 'data'));
    const outside = join(dir, 'data');
    const run = await runInProcess('lint-list', ['--changed-since', 'HEAD', '--data', outside], { cwd: repo });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `lint-list: --changed-since: ${outside} is outside the git repository ${repo}, so git cannot tell what changed in it; use a folder inside the repository\n`,
    });
  });
});

describe('a folder where a command writes its one file', () => {
  it('link-report --out <folder>: said in the shared words, exit 2, no internal error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'findings.json'), JSON.stringify({ findings: [], summary: { errors: 0, warnings: 0, infos: 0, fixable: 0, files: 0, entries: 0, silenced: 0 } }));
    mkdirSync(join(dir, 'report.md'));
    const run = await runInProcess('link-report', ['findings.json', '--out', 'report.md'], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'link-report: could not write report.md: it is a folder, not a file\n' });
  });
});

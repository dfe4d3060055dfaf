import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAUNCHER, ROOT, runCli, runInProcess, tempDir } from '../helpers.js';
import { fakeBin, runStep, runStepNamed } from './steps.js';

/**
 * Generated files are the workflow's job (issue 16): pull requests change only data/, main regenerates
 * README.md, README_zh.md and the rest. Shown on throwaway git repositories, each with a bare "origin",
 * running the workflows' own shell steps with stand-ins for npm (the built CLI) and gh.
 */

const BOT = 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>';
const MESSAGE = 'Regenerate generated files';

const stepOf = runStepNamed;
const BUILD = stepOf('.github/workflows/regenerate.yml', 'Build the generated files from data/ and templates/');
const COMMIT = stepOf('.github/workflows/regenerate.yml', 'Commit them to main (or to the regeneration pull request)');
const CHECK = stepOf('.github/workflows/ci.yml', 'The generated files build from data/; preview them, and check any the change touches');

/** npm stands in as the launcher: `npm run [--silent] <script> [-- args]` runs src/cli/<script>.ts as npm would. */
const bin = fakeBin({
  npm: [
    '[ "$1" = run ] || exit 90',
    'shift',
    'if [ "$1" = --silent ]; then shift; fi',
    'name=$1; shift',
    'if [ "${1:-}" = -- ]; then shift; fi',
    `NO_COLOR=1 exec "${process.execPath}" "${LAUNCHER}" "$name" "$@"`,
  ].join('\n'),
  gh: 'if [ "$1 $2" = "pr list" ] && [ -n "${FAKE_OPEN:-}" ]; then echo "$FAKE_OPEN"; fi',
});

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function paper(title: string, arxiv: string, author: string): string {
  return `title: ${title}\nurl: https://arxiv.org/abs/${arxiv}\nauthors:\n  - ${author}\nvenue: arXiv preprint arXiv:${arxiv}\nyear: 2025\narxiv: "${arxiv}"\n`;
}
const LINE_A = '* **[Paper A on Long Context.](https://arxiv.org/abs/2501.10001)** Ann Author. arXiv preprint arXiv:2501.10001, 2025';
const LINE_B = '* **[Paper B on Long Context.](https://arxiv.org/abs/2501.10002)** Bea Author. arXiv preprint arXiv:2501.10002, 2025';
const FIRST_ALPHA = '* **[First Alpha Paper.](https://example.org/alpha)** Ann Lee. Example Conference, 2024';
const FIRST_BETA = '* **[First Beta Paper.](https://example.org/beta)** Bo Li. Example Conference, 2024';

function clone(origin: string, prefix: string): string {
  const dir = join(tempDir(prefix), 'repo');
  git(ROOT, 'clone', '--quiet', origin, dir);
  git(dir, 'config', 'user.name', 'Contributor');
  git(dir, 'config', 'user.email', 'contributor@example.org');
  return dir;
}

/** A small list with its READMEs built and committed, pushed to a bare origin: made once per file (listRepo copies it). */
let listOrigin: string | undefined;
function firstListOrigin(): string {
  if (listOrigin) return listOrigin;
  const origin = join(tempDir('origin-'), 'origin.git');
  git(ROOT, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
  const seed = join(tempDir('seed-'), 'repo');
  mkdirSync(join(seed, 'data', 'papers', 'alpha'), { recursive: true });
  mkdirSync(join(seed, 'data', 'papers', 'beta'), { recursive: true });
  writeFileSync(
    join(seed, 'data', 'categories.yaml'),
    'categories:\n  - id: alpha\n    name:\n      en: Alpha\n      zh: 甲\n  - id: beta\n    name:\n      en: Beta\n      zh: 乙\n',
  );
  writeFileSync(join(seed, 'data', 'papers', 'alpha', '0010-first-alpha-paper.yaml'), 'title: First Alpha Paper\nurl: https://example.org/alpha\nauthors:\n  - Ann Lee\nvenue: Example Conference\nyear: 2024\n');
  writeFileSync(join(seed, 'data', 'papers', 'beta', '0010-first-beta-paper.yaml'), 'title: First Beta Paper\nurl: https://example.org/beta\nauthors:\n  - Bo Li\nvenue: Example Conference\nyear: 2024\n');
  cpSync(join(ROOT, 'templates'), join(seed, 'templates'), { recursive: true });
  cpSync(join(ROOT, '.github', 'scripts'), join(seed, '.github', 'scripts'), { recursive: true });
  // What the templates link to (relative-link): the figure and the contributor guide.
  cpSync(join(ROOT, '.github', 'CONTRIBUTING.md'), join(seed, '.github', 'CONTRIBUTING.md'));
  cpSync(join(ROOT, 'assets'), join(seed, 'assets'), { recursive: true });
  cpSync(join(ROOT, '.gitattributes'), join(seed, '.gitattributes'));
  expect(runCli('build-readme', [], { cwd: seed }).code).toBe(0);
  git(ROOT, 'init', '--quiet', '--initial-branch=main', seed);
  git(seed, 'add', '--all');
  git(seed, '-c', 'user.name=Maintainer', '-c', 'user.email=m@example.org', 'commit', '--quiet', '-m', 'Start the list');
  git(seed, 'push', '--quiet', origin, 'main');
  return (listOrigin = origin);
}

/** A fresh copy of the small list's bare origin (see firstListOrigin), and a clone of it. */
function listRepo(): { origin: string; work: string } {
  const origin = join(tempDir('origin-'), 'origin.git');
  cpSync(firstListOrigin(), origin, { recursive: true });
  return { origin, work: clone(origin, 'maintainer-') };
}

/** Adds one paper file on a new branch from main, the new way: the data file only. */
function addOnBranch(work: string, branch: string, file: string, text: string, from = 'main'): void {
  git(work, 'checkout', '--quiet', '-b', branch, from);
  writeFileSync(join(work, 'data', 'papers', 'alpha', file), text);
  git(work, 'add', '--all');
  git(work, 'commit', '--quiet', '-m', `Add ${file}`);
}

/** The regeneration job's steps after `npm ci`, in a fresh checkout of origin's main. */
function regenerate(runner: string, env: Record<string, string> = {}) {
  const build = runStep(BUILD.run!, {}, bin, runner);
  expect(build.code, build.stderr).toBe(0);
  return runStep(COMMIT.run!, { ...COMMIT.env, ...env }, bin, runner);
}

function readme(origin: string, ref: string, name: string): string {
  return git(origin, 'show', `${ref}:${name}`);
}

describe('two pull requests that each add a paper to the same category', () => {
  it('merge without a conflict, and one run of the workflow puts both papers in both READMEs, in order', () => {
    const { origin, work } = listRepo();
    // Both pick the same number: fine, the file names differ and the slug breaks the tie.
    addOnBranch(work, 'add-paper-a', '0020-paper-a-on-long-context.yaml', paper('Paper A on Long Context', '2501.10001', 'Ann Author'));
    addOnBranch(work, 'add-paper-b', '0020-paper-b-on-long-context.yaml', paper('Paper B on Long Context', '2501.10002', 'Bea Author'));
    git(work, 'checkout', '--quiet', 'main');
    git(work, 'merge', '--no-ff', '--no-edit', 'add-paper-a');
    const second = spawnSync('git', ['merge', '--no-ff', '--no-edit', 'add-paper-b'], { cwd: work, encoding: 'utf8' });
    expect(second.status, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).not.toContain('CONFLICT');
    git(work, 'push', '--quiet', 'origin', 'main');
    const merged = git(origin, 'rev-parse', 'main').trim();
    expect(readme(origin, 'main', 'README.md')).not.toContain('Paper A');

    const runner = clone(origin, 'runner-');
    const run = regenerate(runner);
    expect(run.code, run.stderr).toBe(0);
    const sha = git(origin, 'rev-parse', '--short', 'main').trim();
    expect(run.stdout).toBe(`Committed ${sha} "${MESSAGE}": README.md README_zh.md papers.bib\nPushed to main.\n`);
    expect(git(origin, 'log', '-1', '--format=%an <%ae>|%cn|%s|%P', 'main')).toBe(`${BOT}|github-actions[bot]|${MESSAGE}|${merged}\n`);
    expect(git(origin, 'show', '--name-only', '--format=', 'main')).toBe('README.md\nREADME_zh.md\npapers.bib\n');
    for (const name of ['README.md', 'README_zh.md']) {
      const lines = readme(origin, 'main', name).split('\n');
      const at = [FIRST_ALPHA, LINE_A, LINE_B, FIRST_BETA].map((line) => lines.indexOf(line));
      expect(at.every((i) => i >= 0), `${name}: ${JSON.stringify(at)}`).toBe(true);
      expect([...at].sort((x, y) => x - y), name).toEqual(at);
    }
    expect(run.log()).toBe('');

    // A second run finds nothing to do and commits nothing.
    const again = regenerate(runner);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('The generated files already match data/ and templates/; nothing to commit.\n');
    expect(git(origin, 'rev-parse', '--short', 'main').trim()).toBe(sha);
  });
});

describe('the workflow\'s commit step', () => {
  /** A list whose main has a data change that nobody regenerated yet, and a checkout of it. */
  function drifted() {
    const { origin, work } = listRepo();
    addOnBranch(work, 'add-paper-a', '0020-paper-a-on-long-context.yaml', paper('Paper A on Long Context', '2501.10001', 'Ann Author'));
    git(work, 'push', '--quiet', 'origin', 'add-paper-a:main');
    return { origin, work, runner: clone(origin, 'runner-'), before: git(origin, 'rev-parse', 'main').trim() };
  }
  const LIST = 'gh pr list --base main --head regenerate-generated-files --state open --json number,isCrossRepository --jq [.[] | select(.isCrossRepository | not)] | .[0].number // empty\n';

  it('puts its commit on the new tip when main moved on while it ran', () => {
    const { origin, work, runner } = drifted();
    addOnBranch(work, 'add-paper-b', '0030-paper-b-on-long-context.yaml', paper('Paper B on Long Context', '2501.10002', 'Bea Author'), 'add-paper-a');
    git(work, 'push', '--quiet', 'origin', 'add-paper-b:main');
    const tip = git(origin, 'rev-parse', 'main').trim();
    const run = regenerate(runner);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Committed [0-9a-f]+ "Regenerate generated files": README.md README_zh.md papers.bib\nmain moved on while this ran \(attempt 1\); rebasing onto its new tip.\nPushed to main.\n$/);
    expect(git(origin, 'log', '-1', '--format=%an <%ae>|%s|%P', 'main')).toBe(`${BOT}|${MESSAGE}|${tip}\n`);
  });

  it('with the protected-branch switch on, opens one pull request instead of pushing to main', () => {
    const { origin, runner, before } = drifted();
    const run = regenerate(runner, { VIA_PULL_REQUEST: 'true' });
    expect(run.code, run.stderr).toBe(0);
    expect(git(origin, 'rev-parse', 'main').trim()).toBe(before);
    expect(git(origin, 'log', '-1', '--format=%an <%ae>|%s|%P', 'regenerate-generated-files')).toBe(`${BOT}|${MESSAGE}|${before}\n`);
    expect(run.log()).toBe(
      LIST +
        'gh pr create --base main --head regenerate-generated-files --title Regenerate generated files --body ' +
        'Rebuilt by `npm run build-readme` from `data/` and `templates/` on `main`. Merge it as is; it changes only generated files.\n',
    );
  });

  it('with the switch on, updates the pull request that is open, and closes it once main needs nothing', () => {
    const { origin, runner, before } = drifted();
    const run = regenerate(runner, { VIA_PULL_REQUEST: 'true', FAKE_OPEN: '7' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\nUpdated pull request #7.\n$/);
    expect(run.log()).toBe(LIST);
    expect(git(origin, 'rev-parse', 'regenerate-generated-files^').trim()).toBe(before);

    const clean = clone(origin, 'runner-');
    git(clean, 'checkout', '--quiet', 'origin/regenerate-generated-files');
    const done = regenerate(clean, { VIA_PULL_REQUEST: 'true', FAKE_OPEN: '7' });
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toBe('The generated files already match data/ and templates/; nothing to commit.\nClosed pull request #7.\n');
    expect(done.log()).toBe(`${LIST}gh pr close 7 --delete-branch --comment main is up to date again; nothing left to regenerate.\n`);
  });

  it('refuses to commit a changed file that .gitattributes does not mark as generated', () => {
    const { runner, origin, before } = drifted();
    writeFileSync(join(runner, 'stray.txt'), 'not generated\n');
    const run = regenerate(runner);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('::error title=Regenerate::The build changed files that .gitattributes does not mark linguist-generated: stray.txt\n');
    expect(git(origin, 'rev-parse', 'main').trim()).toBe(before);
  });
});

describe('the pull-request check of the generated files', () => {
  function check(work: string, base: string) {
    const summary = join(tempDir('summary-'), 'summary.md');
    writeFileSync(summary, '');
    const run = runStep(CHECK.run!, { BASE: base, GITHUB_STEP_SUMMARY: summary }, bin, work);
    return { ...run, summary: readFileSync(summary, 'utf8') };
  }

  it('passes a pull request that changes only data/, and previews the README lines it adds', () => {
    const { work } = listRepo();
    const base = git(work, 'rev-parse', 'main').trim();
    addOnBranch(work, 'add-paper-a', '0020-paper-a-on-long-context.yaml', paper('Paper A on Long Context', '2501.10001', 'Ann Author'));
    const run = check(work, base);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Wrote the preview \(\d+ lines of diff\) to the job summary.\n$/);
    expect(run.summary.startsWith('## Generated files after this pull request\n\nOnce merged, main regenerates')).toBe(true);
    const changed = run.summary.split('\n').filter((line) => /^[+-](?![+-]{2} )/.test(line));
    expect(changed).toEqual([`+${LINE_A}`, `+${LINE_A}`]);
    expect(run.summary).toContain('\n--- base/README.md\n+++ head/README.md\n');
    expect(run.summary).toContain('\n--- base/README_zh.md\n+++ head/README_zh.md\n');
  });

  it('fails a pull request that edits README.md by hand, with the diff', () => {
    const { work } = listRepo();
    const base = git(work, 'rev-parse', 'main').trim();
    const file = join(work, 'README.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(FIRST_ALPHA, `${FIRST_ALPHA}\n* **[A paper added by hand.](https://arxiv.org/abs/2501.00001)** Someone. 2025`));
    git(work, 'commit', '--quiet', '-am', 'Edit the README');
    const run = check(work, base);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('This pull request changes generated files (README.md): they must be exactly what data/ and templates/ give.\n--- README.md (committed)\n+++ README.md (generated)\n');
    expect(run.stdout).toContain('\n-* **[A paper added by hand.](https://arxiv.org/abs/2501.00001)** Someone. 2025\n');
    expect(run.stdout).toContain('\n::error title=Generated files::Leave the generated files out of the pull request (git checkout origin/main -- README.md): main regenerates them after the merge.');
    expect(run.stderr).toContain('build-readme --check: 1 of 3 files differ');
    // Its preview shows no change to come: the hand edit is what main would undo.
    expect(run.summary).toContain('Merging it changes no generated file.\n');
  });

  it('passes a pull request that regenerated the READMEs correctly', async () => {
    const { work } = listRepo();
    const base = git(work, 'rev-parse', 'main').trim();
    addOnBranch(work, 'add-paper-a', '0020-paper-a-on-long-context.yaml', paper('Paper A on Long Context', '2501.10001', 'Ann Author'));
    expect((await runInProcess('build-readme', [], { cwd: work })).code).toBe(0);
    git(work, 'commit', '--quiet', '-am', 'Regenerate');
    const run = check(work, base);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('This pull request changes generated files (README.md README_zh.md papers.bib): they must be exactly what data/ and templates/ give.\nREADME.md, README_zh.md, papers.bib: up to date.\n');
  });

  it('on a push to main only builds: main is regenerated by its own workflow', () => {
    const { work } = listRepo();
    addOnBranch(work, 'add-paper-a', '0020-paper-a-on-long-context.yaml', paper('Paper A on Long Context', '2501.10001', 'Ann Author'));
    const run = check(work, '');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('The generated files build from data/ and templates/.\nNot a pull request: the Regenerate workflow commits the generated files on main.\n');
    expect(run.summary).toBe('');
  });

  it('fails when the list does not build', () => {
    const { work } = listRepo();
    const base = git(work, 'rev-parse', 'main').trim();
    addOnBranch(work, 'broken', '0020-broken.yaml', 'title: [unclosed\n');
    const run = check(work, base);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('build-readme: nothing written; fix the errors above first.\n');
    expect(run.summary).toBe('');
  });
});

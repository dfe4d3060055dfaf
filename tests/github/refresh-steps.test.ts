import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { fakeBin, runStepNamed } from './steps.js';

/** The metadata refresh's shell steps, run as GitHub runs them, with stand-ins for npm and gh (git is real, in a scratch repository). */


const step = (name: string) => runStepNamed('.github/workflows/refresh.yml', name);


function sh(cwd: string, ...args: string[]) {
  const r = spawnSync(args[0]!, args.slice(1), { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

/** A scratch repository with one data file committed, standing in for the checkout. */
function checkout(): string {
  const dir = tempDir('repo-');
  mkdirSync(join(dir, 'data', 'papers', 'memory-management'), { recursive: true });
  writeFileSync(join(dir, 'data', 'papers', 'memory-management', '0010-x.yaml'), 'title: Ringformer\nyear: 2025\n');
  sh(dir, 'git', 'init', '--quiet', '-b', 'main');
  sh(dir, 'git', '-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '.');
  sh(dir, 'git', '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'init');
  return dir;
}

function run(name: string, cwd: string, env: Record<string, string>, bin: string) {
  const s = step(name);
  const temp = tempDir('runner-temp-');
  writeFileSync(join(temp, 'step.sh'), s.run!);
  writeFileSync(join(temp, 'log'), '');
  writeFileSync(join(temp, 'output'), '');
  writeFileSync(join(temp, 'summary'), '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(temp, 'step.sh')], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...(s.env ?? {}), PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: temp, FAKE_LOG: join(temp, 'log'), GITHUB_OUTPUT: join(temp, 'output'), GITHUB_STEP_SUMMARY: join(temp, 'summary'), ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, temp, log: () => readFileSync(join(temp, 'log'), 'utf8'), output: () => readFileSync(join(temp, 'output'), 'utf8') };
}

describe('the "Refresh the metadata" step', () => {
  const npm = fakeBin({ npm: 'printf "| table |\\n" > "$6"\nexit "$FAKE_STATUS"' });
  it('passes on 0 and 1 (a source not asked), writing the table to the job summary; fails above 1', () => {
    for (const status of ['0', '1']) {
      const r = run('Refresh the metadata', checkout(), { FAKE_STATUS: status }, npm);
      expect(r.code, status).toBe(0);
      expect(r.log()).toBe(`npm run --silent refresh-metadata -- --out ${r.temp}/refresh.md\n`);
      expect(readFileSync(join(r.temp, 'summary'), 'utf8')).toBe('| table |\n');
    }
    const failed = run('Refresh the metadata', checkout(), { FAKE_STATUS: '2' }, npm);
    expect(failed.code).toBe(2);
    expect(failed.stdout).toBe('::error title=Metadata refresh::refresh-metadata exited with 2\n');
  });
});

describe('the "Keep the changes to data/" and "Push the branch…" steps, with real git', () => {
  it('a changed data file becomes a commit on metadata-refresh and a new pull request with the table', () => {
    const repo = checkout();
    writeFileSync(join(repo, 'data', 'papers', 'memory-management', '0010-x.yaml'), 'title: RingFormer\nyear: 2025\n');
    writeFileSync(join(repo, 'stray.txt'), 'not data\n');
    const none = fakeBin({});
    const kept = run('Keep the changes to data/', repo, {}, none);
    // The step reads $RUNNER_TEMP/refresh.md, written by the step before.
    expect(kept.code).toBe(1);
    writeFileSync(join(kept.temp, 'refresh.md'), '| table |\n');
    const again = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(kept.temp, 'step.sh')], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, RUNNER_TEMP: kept.temp, GITHUB_OUTPUT: join(kept.temp, 'output') },
    });
    expect(again.status).toBe(0);
    expect(readFileSync(join(kept.temp, 'output'), 'utf8')).toBe('changed=true\n');
    const patch = readFileSync(join(kept.temp, 'refresh', 'changes.patch'), 'utf8');
    expect(patch).toContain('-title: Ringformer\n+title: RingFormer\n');
    expect(patch).not.toContain('stray.txt');

    // The publish job: a fresh checkout, the artifact in $RUNNER_TEMP/refresh, git real but push stubbed.
    const target = checkout();
    const gh = fakeBin({ gh: 'case "$1 $2" in "pr list") printf "" ;; esac' });
    const gitBin = fakeBin({ git: `if [ "$1" = push ]; then exit 0; fi\nexec /usr/bin/git "$@"` });
    const temp = tempDir('runner-temp-');
    mkdirSync(join(temp, 'refresh'));
    writeFileSync(join(temp, 'refresh', 'changes.patch'), patch);
    writeFileSync(join(temp, 'refresh', 'table.md'), '| table |\n');
    const s = step('Push the branch and open or update the pull request');
    writeFileSync(join(temp, 'step.sh'), s.run!);
    writeFileSync(join(temp, 'log'), '');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(temp, 'step.sh')], {
      cwd: target,
      encoding: 'utf8',
      env: { ...process.env, ...(s.env ?? {}), GH_TOKEN: 't', GH_REPO: 'o/r', PATH: `${gh}:${gitBin}:${process.env.PATH}`, RUNNER_TEMP: temp, FAKE_LOG: join(temp, 'log') },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(sh(target, '/usr/bin/git', 'log', '--format=%s', '-1')).toBe('Metadata refresh\n');
    expect(sh(target, '/usr/bin/git', 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('metadata-refresh\n');
    expect(sh(target, '/usr/bin/git', 'show', '--name-only', '--format=', 'HEAD')).toBe('data/papers/memory-management/0010-x.yaml\n');
    const log = readFileSync(join(temp, 'log'), 'utf8').split('\n').filter((l) => l.startsWith('gh ') || l.startsWith('git push'));
    expect(log).toEqual([
      'gh auth setup-git',
      'git push --force origin HEAD:refs/heads/metadata-refresh',
      'gh pr list --state open --head metadata-refresh --json number,isCrossRepository --jq [.[] | select(.isCrossRepository | not)] | .[0].number // empty',
      `gh pr create --head metadata-refresh --title Metadata refresh --body-file ${temp}/refresh/table.md`,
    ]);
  });

  it('refuses a patch that touches anything outside data/papers/', () => {
    const repo = checkout();
    const temp = tempDir('runner-temp-');
    mkdirSync(join(temp, 'refresh'));
    writeFileSync(
      join(temp, 'refresh', 'changes.patch'),
      'diff --git a/package.json b/package.json\nnew file mode 100644\n--- /dev/null\n+++ b/package.json\n@@ -0,0 +1 @@\n+{}\n',
    );
    const s = step('Push the branch and open or update the pull request');
    writeFileSync(join(temp, 'step.sh'), s.run!);
    writeFileSync(join(temp, 'log'), '');
    const bin = fakeBin({ gh: 'exit 0' });
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(temp, 'step.sh')], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, ...(s.env ?? {}), PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: temp, FAKE_LOG: join(temp, 'log') },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('::error title=Metadata refresh::the changes touch files outside data/papers/: package.json\n');
    expect(readFileSync(join(temp, 'log'), 'utf8')).toBe('');
  });
});

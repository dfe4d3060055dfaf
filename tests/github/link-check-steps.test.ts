import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';
import { workflow } from './shapes.js';
import { fakeBin, runStep, runStepNamed } from './steps.js';

/**
 * The scheduled workflow's shell steps, run as GitHub runs them (bash -eo pipefail) with stand-ins
 * for npm and gh on PATH: GitHub Actions itself cannot run here.
 */

const wf = workflow('.github/workflows/links.yml');

const script = (name: string): string => runStepNamed('.github/workflows/links.yml', name).run;

describe('the "Check every link" step', () => {
  const bin = fakeBin({ npm: 'echo \'{"findings":[],"summary":{}}\'\nexit "$FAKE_STATUS"' });

  it('fails when the network looked unreachable (exit 3), saying so in the log and the job summary', () => {
    const temp = tempDir('runner-temp-');
    const summary = join(temp, 'summary');
    const run = runStep(script('Check every link'), { FAKE_STATUS: '3', GITHUB_STEP_SUMMARY: summary }, bin);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe(
      '::error title=Link check::The network looked unreachable from the runner: no link was judged, and the dead-link issue was left as it was. Run the workflow again later.\n',
    );
    expect(readFileSync(summary, 'utf8')).toBe(
      '# Link check\n\nThe network looked unreachable from the runner: no link was judged, and the dead-link issue was left as it was.\n',
    );
  });

  it('so nothing after it runs: the report and issue steps run only when every step before them passed', () => {
    const names = wf.jobs.links!.steps.map((s) => s.name);
    expect(names.indexOf('Check every link')).toBeLessThan(names.indexOf('Write the report'));
    expect(names.indexOf('Write the report')).toBeLessThan(names.indexOf('Open, update or close the dead-link issue'));
    for (const name of ['Write the report', 'Open, update or close the dead-link issue']) {
      expect(wf.jobs.links!.steps.find((s) => s.name === name)!.if, name).toBeUndefined();
    }
  });

  it('passes when lint-list exits 0 or 1 (1 only says that something was found), keeping its JSON', () => {
    for (const status of ['0', '1']) {
      const run = runStep(script('Check every link'), { FAKE_STATUS: status }, bin);
      expect(run.code, status).toBe(0);
      expect(run.log()).toBe('npm run --silent lint-list -- --links --format json --cache .cache/links.json\n');
      expect(readFileSync(join(run.temp, 'links.json'), 'utf8')).toBe('{"findings":[],"summary":{}}\n');
    }
  });

  it('fails when the checker itself fails', () => {
    const run = runStep(script('Check every link'), { FAKE_STATUS: '2' }, bin);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('::error title=Link check::lint-list --links exited with 2\n');
  });
});

describe('the "Write the report" step', () => {
  it('runs npm run link-report for $GITHUB_OUTPUT and appends the report to the job summary', () => {
    const temp = tempDir('runner-temp-');
    writeFileSync(
      join(temp, 'links.json'),
      JSON.stringify({
        findings: [{ rule: 'link-dead', severity: 'error', file: 'data/papers/a/0010-x.yaml', line: 2, column: 6, message: 'Dead link https://x.org/: 404 Not Found.' }],
        summary: { errors: 1, warnings: 0, infos: 0, fixable: 0, files: 1, entries: 1, silenced: 0 },
      }),
    );
    const output = join(temp, 'output');
    const summary = join(temp, 'summary');
    const run = runStep(script('Write the report'), {
      RUNNER_TEMP: temp,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      RUN_URL: 'https://github.com/o/r/actions/runs/1',
      FILE_URL: 'https://github.com/o/r/blob/abc/',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('title=Dead-link report\ndead=true\nunreachable=false\n');
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# Link check\n\n<!-- dead-link-report')).toBe(true);
    expect(text).toContain('\n**1 dead link** in 1 file.\n');
    expect(text).toBe(`# Link check\n\n${readFileSync(join(temp, 'report.md'), 'utf8')}`);
  });
});

describe('the "Open, update or close the dead-link issue" step', () => {
  const LIST =
    'gh issue list --state open --search "Dead-link report" in:title --json number,title --jq [.[] | select(.title == env.TITLE)] | first | .number // empty';
  const bin = fakeBin({ gh: 'if [ "$1 $2" = "issue list" ] && [ -n "$FAKE_OPEN" ]; then echo "$FAKE_OPEN"; fi' });

  function keep(dead: string, open: string, unreachable = 'false') {
    const run = runStep(
      script('Open, update or close the dead-link issue'),
      { TITLE: 'Dead-link report', DEAD: dead, UNREACHABLE: unreachable, FAKE_OPEN: open, RUN_URL: 'https://github.com/o/r/actions/runs/9' },
      bin,
    );
    expect(run.code, run.stderr).toBe(0);
    return { log: run.log().replaceAll(run.temp, '$RUNNER_TEMP'), stdout: run.stdout };
  }

  it('opens the issue when a link is dead and none is open', () => {
    expect(keep('true', '')).toEqual({
      log: `${LIST}\ngh issue create --title Dead-link report --body-file $RUNNER_TEMP/report.md\n`,
      stdout: '',
    });
  });

  it('updates the open issue while links are dead', () => {
    expect(keep('true', '42')).toEqual({ log: `${LIST}\ngh issue edit 42 --body-file $RUNNER_TEMP/report.md\n`, stdout: 'Updated issue #42.\n' });
  });

  it('closes it, with the final report, when all is well', () => {
    expect(keep('false', '42')).toEqual({
      log:
        `${LIST}\ngh issue edit 42 --body-file $RUNNER_TEMP/report.md\n` +
        'gh issue close 42 --reason completed --comment No dead links any more (https://github.com/o/r/actions/runs/9).\n',
      stdout: 'Closed issue #42.\n',
    });
  });

  it('leaves the issue alone, open or not, when the report comes from an unreachable network or does not say', () => {
    const stdout = 'The network looked unreachable (or the report did not say): the issue is left as it was.\n';
    for (const unreachable of ['true', '']) {
      for (const open of ['42', '']) {
        for (const dead of ['false', 'true']) expect(keep(dead, open, unreachable), `${unreachable}/${open}/${dead}`).toEqual({ log: '', stdout });
      }
    }
  });

  it('does nothing when all is well and no issue is open', () => {
    expect(keep('false', '')).toEqual({ log: `${LIST}\n`, stdout: 'No dead links, and no open report to close.\n' });
  });
});

describe('the pull-request workflow\'s "Check the links this change adds or edits" step', () => {
  const ci = workflow('.github/workflows/ci.yml');
  const step = Object.values(ci.jobs)
    .flatMap((job) => job.steps)
    .find((s) => s.name === 'Check the links this change adds or edits')!;
  const bin = fakeBin({ npm: 'exit "$FAKE_STATUS"' });
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();

  it('checks the links changed since the base commit, and fails with lint-list', () => {
    for (const status of ['0', '1']) {
      const run = runStep(step.run!, { BASE: head, FAKE_STATUS: status }, bin);
      expect(run.code).toBe(Number(status));
      expect(run.log()).toBe(`npm run lint-list -- --links-only --changed-since ${head} --cache .cache/links.json --format github\n`);
    }
  });

  it('skips, and passes, when there is no base commit (a new branch, a force-push)', () => {
    for (const base of ['', '0000000000000000000000000000000000000000']) {
      const run = runStep(step.run!, { BASE: base, FAKE_STATUS: '1' }, bin);
      expect(run.code).toBe(0);
      expect(run.log()).toBe('');
      expect(run.stdout).toBe(`No base commit to compare with ('${base}'); the weekly link check covers every link.\n`);
    }
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { fakeBin, runStepNamed } from './steps.js';

/**
 * The suggestion workflow's shell steps, run as GitHub runs them (bash -eo pipefail) in a scratch
 * checkout, with stand-ins for npm, git and gh on PATH that log their arguments.
 */


const script = (name: string): string => runStepNamed('.github/workflows/suggestion.yml', name).run;


const FILE = 'data/papers/memory-management/0380-sliding-windows-are-not-enough-recall.yaml';
const YAML = 'title: "Sliding Windows Are Not Enough: Recall over Million-Token Contexts"\nurl: https://arxiv.org/abs/2503.01001\n';
const ADDED = `Added ${FILE} (arXiv 2503.01001):\n  * **[Sliding Windows Are Not Enough.](https://arxiv.org/abs/2503.01001)** Ada Lovelace. arXiv preprint arXiv:2503.01001, 2025\n`;

function runStep(text: string, env: Record<string, string>, bin: string) {
  const cwd = tempDir('checkout-');
  const temp = tempDir('runner-temp-');
  const file = join(temp, 'step.sh');
  writeFileSync(file, text);
  const log = join(temp, 'log');
  writeFileSync(log, '');
  const output = join(temp, 'output');
  writeFileSync(output, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: temp, FAKE_LOG: log, GITHUB_OUTPUT: output, ...env },
  });
  const outputs = new Map(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, log: readFileSync(log, 'utf8'), outputs, temp, cwd };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const unb64 = (text: string | undefined) => Buffer.from(text ?? '', 'base64').toString('utf8');

function event(body: string): string {
  const path = join(tempDir('event-'), 'event.json');
  writeFileSync(path, JSON.stringify({ issue: { number: 12, body } }));
  return path;
}

describe('the "Add the paper the issue names" step', () => {
  // The stand-in npm writes what add-paper would and exits with $FAKE_STATUS.
  const npm = fakeBin({
    npm: `cp "$6" "$RUNNER_TEMP/seen-issue.md"
if [ "$FAKE_STATUS" = 0 ]; then mkdir -p data/papers/memory-management; printf '%s' "$FAKE_YAML" > "${FILE}"; printf '%s' "$FAKE_ADDED"; fi
if [ "$FAKE_STATUS" != 0 ]; then printf '%s' "$FAKE_REFUSED" >&2; fi
exit "$FAKE_STATUS"`,
  });

  it('hands the issue body over as a file and reports the new file, its content and the message', () => {
    const body = '### arXiv ID or URL\n\n2503.01001\n\n### Category\n\nmemory-management\n';
    const run = runStep(script('Add the paper the issue names'), { GITHUB_EVENT_PATH: event(body), FAKE_STATUS: '0', FAKE_YAML: YAML, FAKE_ADDED: ADDED }, npm);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.log).toBe(`npm run --silent add-paper -- --from-issue ${run.temp}/issue.md --no-build\n`);
    expect(readFileSync(join(run.temp, 'seen-issue.md'), 'utf8')).toBe(`${body}\n`);
    expect(run.outputs.get('outcome')).toBe('added');
    expect(run.outputs.get('file')).toBe(FILE);
    expect(unb64(run.outputs.get('content'))).toBe(YAML);
    expect(unb64(run.outputs.get('message'))).toBe(ADDED);
  });

  it('a refusal (exit 1 or 2) is an outcome with its reason, not a failure', () => {
    for (const status of ['1', '2']) {
      const reason = 'add-paper: not added: arXiv 2503.01001: already in the list: data/papers/memory-management/0380-x.yaml:4 has the same arXiv ID.\n';
      const run = runStep(script('Add the paper the issue names'), { GITHUB_EVENT_PATH: event('x'), FAKE_STATUS: status, FAKE_REFUSED: reason }, npm);
      expect(run.code, status).toBe(0);
      expect([...run.outputs.keys()]).toEqual(['outcome', 'message']);
      expect(run.outputs.get('outcome')).toBe('refused');
      expect(unb64(run.outputs.get('message'))).toBe(reason);
    }
  });

  it('the command failing fails the job', () => {
    const run = runStep(script('Add the paper the issue names'), { GITHUB_EVENT_PATH: event('x'), FAKE_STATUS: '70', FAKE_REFUSED: 'internal error\n' }, npm);
    expect(run.code).toBe(70);
    expect(run.stdout).toBe('internal error\n::error title=add-paper::add-paper exited with 70\n');
    expect(run.outputs.size).toBe(0);
  });

  it('hostile issue text is data: nothing in it runs, and it cannot forge an output line', () => {
    const canary = join(tempDir('canary-'), 'pwned');
    const body = `### arXiv ID or URL\n\n$(touch ${canary})\n\`touch ${canary}\`\n\n### Category\n\nx\noutcome=added\nfile=/etc/passwd\n`;
    const run = runStep(script('Add the paper the issue names'), { GITHUB_EVENT_PATH: event(body), FAKE_STATUS: '1', FAKE_REFUSED: `${body}\n` }, npm);
    expect(run.code).toBe(0);
    expect(readFileSync(join(run.temp, 'seen-issue.md'), 'utf8')).toBe(`${body}\n`);
    expect(existsSync(canary)).toBe(false);
    expect(run.outputs.get('outcome')).toBe('refused');
    expect(run.outputs.has('file')).toBe(false);
  });
});

describe('the "Push the branch and open or update the pull request" step', () => {
  const env = (extra: Record<string, string> = {}) => ({
    ISSUE: '12',
    GH_REPO: 'OpenMOSS/Thus-Spake-Long-Context-LLM',
    GH_TOKEN: 'token',
    FILE,
    CONTENT: b64(YAML),
    MESSAGE: b64(ADDED),
    ...extra,
  });

  it('with no pull request for the issue yet: branch paper/<id> with the data file alone, a new pull request that closes the issue, a comment with its link', () => {
    const bin = fakeBin({
      git: 'exit 0',
      gh: `case "$1 $2" in
  "pr list") printf '%s' "$FAKE_EXISTING" ;;
  "pr create") echo https://github.com/OpenMOSS/Thus-Spake-Long-Context-LLM/pull/99; cp "$8" "$RUNNER_TEMP/pr-seen.md" ;;
  "issue comment") cp "$5" "$RUNNER_TEMP/comment-seen.md" ;;
esac`,
    });
    const run = runStep(script('Push the branch and open or update the pull request'), env({ FAKE_EXISTING: '' }), bin);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(run.cwd, FILE), 'utf8')).toBe(YAML);
    expect(run.log.split('\n')).toEqual([
      'gh pr list --state open --limit 200 --json number,headRefName,body,isCrossRepository --jq [.[] | select((.isCrossRepository | not) and (.headRefName | startswith("paper/")) and ((.body // "") | contains(env.MARKER)))] | first | select(. != null) | "\\(.number) \\(.headRefName)"',
      'git config user.name github-actions[bot]',
      'git config user.email 41898282+github-actions[bot]@users.noreply.github.com',
      'git checkout -B paper/sliding-windows-are-not-enough-recall',
      `git add -- ${FILE}`,
      `git commit --quiet -F ${run.temp}/commit.txt`,
      'gh auth setup-git',
      'git push --force origin HEAD:refs/heads/paper/sliding-windows-are-not-enough-recall',
      `gh pr create --head paper/sliding-windows-are-not-enough-recall --title Add "Sliding Windows Are Not Enough: Recall over Million-Token Contexts" --body-file ${run.temp}/pr.md`,
      `gh issue comment 12 --body-file ${run.temp}/comment.md`,
      '',
    ]);
    expect(readFileSync(join(run.temp, 'commit.txt'), 'utf8')).toBe('Add "Sliding Windows Are Not Enough: Recall over Million-Token Contexts"\n\nSuggested in #12.\n');
    expect(readFileSync(join(run.temp, 'pr-seen.md'), 'utf8')).toBe(
      `Adds \`${FILE}\`, as suggested in #12.\n\n\`\`\`\n${ADDED}\`\`\`\n\nCloses #12\n\n<!-- paper-suggestion: #12 -->\n`,
    );
    expect(readFileSync(join(run.temp, 'comment-seen.md'), 'utf8')).toBe(
      'Thanks! The paper is in https://github.com/OpenMOSS/Thus-Spake-Long-Context-LLM/pull/99, waiting for a maintainer to merge it.\n',
    );
  });

  it('a second run for the same issue updates its pull request and branch', () => {
    const bin = fakeBin({
      git: 'exit 0',
      gh: `case "$1 $2" in
  "pr list") printf '17 paper/older-slug' ;;
  "pr view") echo https://github.com/OpenMOSS/Thus-Spake-Long-Context-LLM/pull/17 ;;
esac`,
    });
    const run = runStep(script('Push the branch and open or update the pull request'), env(), bin);
    expect(run.code).toBe(0);
    const log = run.log.split('\n');
    expect(log).toContain('git checkout -B paper/older-slug');
    expect(log).toContain('git push --force origin HEAD:refs/heads/paper/older-slug');
    expect(log).toContain(`gh pr edit 17 --title Add "Sliding Windows Are Not Enough: Recall over Million-Token Contexts" --body-file ${run.temp}/pr.md`);
    expect(log.some((line) => line.startsWith('gh pr create'))).toBe(false);
    expect(run.stdout).toContain('Updated pull request #17.\n');
  });

  it('never pushes to a branch that is not paper/…, whatever the pull request list says', () => {
    for (const branch of ['main', 'paper/../main', 'release']) {
      const bin = fakeBin({ git: 'exit 0', gh: `case "$1 $2" in "pr list") printf '17 ${branch}' ;; esac` });
      const run = runStep(script('Push the branch and open or update the pull request'), env(), bin);
      expect(run.code, branch).toBe(1);
      expect(run.stdout, branch).toBe(`::error title=Paper suggestion::refusing to push to ${branch}\n`);
      expect(run.log.split('\n').filter((line) => line.startsWith('git')), branch).toEqual([]);
    }
  });

  it('refuses to write anything outside data/papers/', () => {
    const bin = fakeBin({ git: 'exit 0', gh: 'exit 0' });
    for (const file of ['../../.github/workflows/ci.yml', 'data/papers/../../package.json', '.github/workflows/x.yaml', 'data/papers/a/b/../0010-x.yaml']) {
      const run = runStep(script('Push the branch and open or update the pull request'), env({ FILE: file }), bin);
      expect(run.code, file).toBe(1);
      expect(run.stdout, file).toBe(`::error title=Paper suggestion::refusing to write ${file}\n`);
      expect(run.log, file).toBe('');
    }
  });
});

describe('the "Say on the issue why the paper was not added" step', () => {
  it('comments the reason, with code fences neutralised, and labels the issue', () => {
    const bin = fakeBin({ gh: 'if [ "$1 $2" = "issue comment" ]; then cp "$5" "$RUNNER_TEMP/comment-seen.md"; fi' });
    const reason = 'add-paper: not added: the issue\'s paper: "```$(x)```" is not a link or ID add-paper can read.\n';
    const run = runStep(script('Say on the issue why the paper was not added'), { ISSUE: '12', GH_REPO: 'o/r', GH_TOKEN: 't', MESSAGE: b64(reason) }, bin);
    expect(run.code).toBe(0);
    expect(readFileSync(join(run.temp, 'comment-seen.md'), 'utf8')).toBe(
      'The paper was not added:\n\n```\nadd-paper: not added: the issue\'s paper: "` ` `$(x)` ` `" is not a link or ID add-paper can read.\n```\n\nEdit the issue and apply the `add-paper` label again to retry.\n',
    );
    expect(run.log).toBe(
      `gh issue comment 12 --body-file ${run.temp}/comment.md\n` +
        'gh label create not added --color d93f0b --description add-paper refused the suggestion --force\n' +
        'gh issue edit 12 --add-label not added\n',
    );
  });
});


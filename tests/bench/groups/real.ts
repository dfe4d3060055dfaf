/**
 * The real list, as CI runs it: `npm run build-readme`, `npm run lint-list` and
 * `npm run build-readme -- --check` as whole processes, and the bare `node scripts/run.mjs …` form
 * of each (what the npm script runs), so npm's own start-up shows as the difference. Beside them the
 * floor: `npm run floor` (a script running `node -e 0`) and `node -e 0`, in the same rounds, so the
 * targets compare each command with the least any `npm run` takes on the same machine at that time.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bytes, markdownTable, rssCell, seconds, wallCell } from '../lib/format.js';
import { log, measure, type Log, type Series } from '../lib/measure.js';
import type { Command } from '../lib/proc.js';
import { seriesRow, targetLines, type GroupReport, type Target } from '../lib/report.js';
import { realCopy } from '../lib/workspace.js';
import { LAUNCHER, ROOT } from '../lib/paths.js';

export const REAL_TARGET_MS = 1000;
/** Issue 13: `npm run lint-list` and `npm run build-readme` each within this many times `npm run` of `node -e 0`. */
export const FLOOR_FACTOR = 1.5;

export async function realListBench(runs: number, say: Log = log): Promise<GroupReport> {
  const copy = realCopy(say);
  const warm = { LINT_LIST_CACHE_DIR: copy.lintCache };
  const coldDir = join(copy.dir, '.lint-list-cache-cold');
  const cold = { env: { LINT_LIST_CACHE_DIR: coldDir }, before: () => rmSync(coldDir, { recursive: true, force: true }) };
  const at = (c: Omit<Command, 'cwd'>): Command => ({ cwd: copy.dir, ...c });
  const commands: Command[] = [
    at({ label: 'npm floor', shown: 'npm run floor (node -e 0)', command: 'npm', args: ['run', 'floor'] }),
    at({ label: 'node floor', shown: 'node -e 0', command: 'node', args: ['-e', '0'] }),
    at({ label: 'npm build', shown: 'npm run build-readme', command: 'npm', args: ['run', 'build-readme'] }),
    at({ label: 'node build', shown: 'node scripts/run.mjs build-readme', command: 'node', args: ['scripts/run.mjs', 'build-readme'] }),
    at({ label: 'npm lint', shown: 'npm run lint-list', command: 'npm', args: ['run', 'lint-list'], env: warm }),
    at({ label: 'node lint', shown: 'node scripts/run.mjs lint-list', command: 'node', args: ['scripts/run.mjs', 'lint-list'], env: warm }),
    at({ label: 'npm lint cold', shown: 'npm run lint-list (anchor cache emptied before each run)', command: 'npm', args: ['run', 'lint-list'], ...cold }),
    at({ label: 'node lint cold', shown: 'node scripts/run.mjs lint-list (anchor cache emptied before each run)', command: 'node', args: ['scripts/run.mjs', 'lint-list'], ...cold }),
    at({ label: 'npm check', shown: 'npm run build-readme -- --check', command: 'npm', args: ['run', 'build-readme', '--', '--check'] }),
    at({ label: 'node check', shown: 'node scripts/run.mjs build-readme --check', command: 'node', args: ['scripts/run.mjs', 'build-readme', '--check'] }),
  ];
  // The launcher bundles the commands on first use; do that before measuring, as any second run finds them.
  // Imported by path: the benchmark runs from dist/, where a relative import would miss scripts/.
  const { ensureBundle } = (await import(pathToFileURL(LAUNCHER).href)) as typeof import('../../../scripts/run.mjs');
  await ensureBundle('build-readme', ROOT);
  await ensureBundle('lint-list', ROOT);
  const measured = await measure(commands, runs, say);
  const s = (label: string) => measured.get(label)!;
  const failures: string[] = [];
  for (const label of ['npm floor', 'npm build', 'node build', 'npm check', 'node check']) {
    if (s(label).exits !== '0') failures.push(`real list: ${s(label).command.shown} exited ${s(label).exits}: ${s(label).last.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  }
  const entries = /from (\d+) entries/.exec(s('node build').last.stdout)?.[1] ?? '?';

  const overhead = (npm: Series, node: Series) => seconds(npm.wall.median - node.wall.median);
  const floor = s('npm floor').wall.median;
  const timesFloor = (series: Series) => `${(series.wall.median / floor).toFixed(2)}×`;
  const rows: [string, string, string][] = [
    ['floor: a script running `node -e 0`', 'npm floor', 'node floor'],
    ['build-readme', 'npm build', 'node build'],
    ['lint-list (offline), anchor cache kept', 'npm lint', 'node lint'],
    ['lint-list (offline), anchor cache empty (a fresh `npm ci`, as on CI)', 'npm lint cold', 'node lint cold'],
    ['build-readme --check', 'npm check', 'node check'],
  ];
  const table = markdownTable(
    ['command', 'form', 'wall: median (min–max, spread)', 'peak RSS: median (min–max)', 'exit', 'npm overhead', '× floor'],
    rows.flatMap(([what, npm, node]) => [
      [what, `\`${s(npm).command.shown.replace(/ \(.*\)$/, '')}\``, wallCell(s(npm).wall), rssCell(s(npm).rss), s(npm).exits, overhead(s(npm), s(node)), timesFloor(s(npm))],
      ['', `\`${s(node).command.shown.replace(/ \(.*\)$/, '')}\``, wallCell(s(node).wall), rssCell(s(node).rss), s(node).exits, '', ''],
    ]),
  );
  const outputs = readdirSync(copy.dir)
    .filter((n) => /^README.*\.md$/.test(n))
    .map((n) => `${n} ${bytes(statSync(join(copy.dir, n)).size)}`)
    .join(', ');

  const target = (label: string, goal: string): Target => ({
    goal,
    met: s(label).wall.median < REAL_TARGET_MS,
    measured: `${seconds(s(label).wall.median)} median of ${s(label).wall.n} (max ${seconds(s(label).wall.max)})`,
  });
  const nearFloor = (label: string, goal: string): Target => ({
    goal,
    met: s(label).wall.median <= FLOOR_FACTOR * floor,
    measured: `${timesFloor(s(label))}: ${seconds(s(label).wall.median)} against ${seconds(floor)} for \`npm run floor\` (medians of ${s(label).wall.n})`,
  });
  const targets = [
    nearFloor('npm lint', `\`npm run lint-list\` within ${FLOOR_FACTOR}× the floor (\`npm run\` of \`node -e 0\`) on the real list, anchor cache kept`),
    nearFloor('npm build', `\`npm run build-readme\` within ${FLOOR_FACTOR}× the floor on the real list`),
    target('npm build', '`npm run build-readme` under 1.0 s on the real list'),
    target('npm lint', '`npm run lint-list` under 1.0 s on the real list (anchor cache kept)'),
    target('npm lint cold', '`npm run lint-list` under 1.0 s on the real list (anchor cache empty, as on CI after `npm ci`)'),
  ];
  const markdown = [
    `${entries} entries (data/ as in the working tree). Each command ran in a throwaway copy (.cache/bench/real-list: data/, templates/, package files, READMEs, scripts/ linked; the launcher's bundles built before measuring), one warm-up then ${runs} runs, the commands taking turns in each round.`,
    'The lint-list anchor cache (LINT_LIST_CACHE_DIR) lives in the copy: "kept" rows reuse it between runs like a developer\'s second run; "empty" rows delete it before each run, as on CI where `npm ci` starts without node_modules/.cache.',
    '',
    table,
    '',
    `Output of build-readme: ${outputs}.`,
    '',
    targetLines(targets),
  ].join('\n');
  return {
    id: 'real',
    markdown,
    rows: commands.map((c) => seriesRow('real', c.shown, s(c.label))),
    targets,
    failures,
  };
}

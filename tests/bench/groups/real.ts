/**
 * The real list, as CI runs it: `npm run build-readme`, `npm run lint-list` and
 * `npm run build-readme -- --check` as whole processes, and the bare `node dist/src/cli/…` form of
 * each, so npm's own start-up shows as the difference.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bytes, markdownTable, rssCell, seconds, wallCell } from '../lib/format.js';
import { log, measure, type Log, type Series } from '../lib/measure.js';
import type { Command } from '../lib/proc.js';
import { seriesRow, targetLines, type GroupReport, type Target } from '../lib/report.js';
import { realCopy } from '../lib/workspace.js';

export const REAL_TARGET_MS = 1000;

export async function realListBench(runs: number, say: Log = log): Promise<GroupReport> {
  const copy = realCopy(say);
  const warm = { LINT_LIST_CACHE_DIR: copy.lintCache };
  const coldDir = join(copy.dir, '.lint-list-cache-cold');
  const cold = { env: { LINT_LIST_CACHE_DIR: coldDir }, before: () => rmSync(coldDir, { recursive: true, force: true }) };
  const at = (c: Omit<Command, 'cwd'>): Command => ({ cwd: copy.dir, ...c });
  const commands: Command[] = [
    at({ label: 'npm build', shown: 'npm run build-readme', command: 'npm', args: ['run', 'build-readme'] }),
    at({ label: 'node build', shown: 'node dist/src/cli/build-readme.js', command: 'node', args: ['dist/src/cli/build-readme.js'] }),
    at({ label: 'npm lint', shown: 'npm run lint-list', command: 'npm', args: ['run', 'lint-list'], env: warm }),
    at({ label: 'node lint', shown: 'node dist/src/cli/lint-list.js', command: 'node', args: ['dist/src/cli/lint-list.js'], env: warm }),
    at({ label: 'npm lint cold', shown: 'npm run lint-list (anchor cache emptied before each run)', command: 'npm', args: ['run', 'lint-list'], ...cold }),
    at({ label: 'node lint cold', shown: 'node dist/src/cli/lint-list.js (anchor cache emptied before each run)', command: 'node', args: ['dist/src/cli/lint-list.js'], ...cold }),
    at({ label: 'npm check', shown: 'npm run build-readme -- --check', command: 'npm', args: ['run', 'build-readme', '--', '--check'] }),
    at({ label: 'node check', shown: 'node dist/src/cli/build-readme.js --check', command: 'node', args: ['dist/src/cli/build-readme.js', '--check'] }),
  ];
  const measured = await measure(commands, runs, say);
  const s = (label: string) => measured.get(label)!;
  const failures: string[] = [];
  for (const label of ['npm build', 'node build', 'npm check', 'node check']) {
    if (s(label).exits !== '0') failures.push(`real list: ${s(label).command.shown} exited ${s(label).exits}: ${s(label).last.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  }
  const entries = /from (\d+) entries/.exec(s('node build').last.stdout)?.[1] ?? '?';

  const overhead = (npm: Series, node: Series) => seconds(npm.wall.median - node.wall.median);
  const rows: [string, string, string][] = [
    ['build-readme', 'npm build', 'node build'],
    ['lint-list (offline), anchor cache kept', 'npm lint', 'node lint'],
    ['lint-list (offline), anchor cache empty (a fresh `npm ci`, as on CI)', 'npm lint cold', 'node lint cold'],
    ['build-readme --check', 'npm check', 'node check'],
  ];
  const table = markdownTable(
    ['command', 'form', 'wall: median (min–max, spread)', 'peak RSS: median (min–max)', 'exit', 'npm overhead'],
    rows.flatMap(([what, npm, node]) => [
      [what, `\`${s(npm).command.shown.replace(/ \(.*\)$/, '')}\``, wallCell(s(npm).wall), rssCell(s(npm).rss), s(npm).exits, overhead(s(npm), s(node))],
      ['', `\`${s(node).command.shown.replace(/ \(.*\)$/, '')}\``, wallCell(s(node).wall), rssCell(s(node).rss), s(node).exits, ''],
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
  const targets = [
    target('npm build', '`npm run build-readme` under 1.0 s on the real list'),
    target('npm lint', '`npm run lint-list` under 1.0 s on the real list (anchor cache kept)'),
    target('npm lint cold', '`npm run lint-list` under 1.0 s on the real list (anchor cache empty, as on CI after `npm ci`)'),
  ];
  const markdown = [
    `${entries} entries (data/ as in the working tree). Each command ran in a throwaway copy (.cache/bench/real-list: data/, templates/, package files, READMEs, dist/ linked), one warm-up then ${runs} runs, the commands taking turns in each round.`,
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

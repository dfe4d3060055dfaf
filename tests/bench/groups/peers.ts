/**
 * lint-list against awesome-lint, the linter awesome lists use today, in the same run: awesome-lint
 * on the list's README.md, lint-list on the list's data/ (what each tool reads for the same list).
 * awesome-lint is installed at bench time into .cache/bench/awesome-lint (pinned version) and run
 * with node on its bin, in a temporary folder outside any git repository holding a copy of
 * README.md: its GitHub rules then stop at "must reside in a valid git repository" instead of
 * calling the GitHub API, so it reads nothing from the network.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath } from '../lib/paths.js';
import { bytes, markdownTable, rssCell, seconds, times, wallCell } from '../lib/format.js';
import { ensurePeer, peerBin } from '../lib/install-peer.js';
import { log, measure, type Log, type Series } from '../lib/measure.js';
import { runProcess, type Command } from '../lib/proc.js';
import { notMeasured, seriesRow, targetLines, type GroupReport, type Target } from '../lib/report.js';
import { ratio } from '../lib/stats.js';
import { countEntries, realCopy, sizeLabel, syntheticList } from '../lib/workspace.js';

export const AWESOME_LINT_VERSION = '2.3.0';
export const PEER_SPEEDUP_TARGET = 4;

/** "668 errors, 13 warnings" from awesome-lint's report, or its last line. */
function awesomeSummary(s: Series): string {
  const text = `${s.last.stdout}\n${s.last.stderr}`;
  const errors = /(\d+) errors?/.exec(text)?.[1];
  const warnings = /(\d+) warnings?/.exec(text)?.[1];
  if (errors || warnings) return `${errors ?? 0} errors, ${warnings ?? 0} warnings`;
  return text.trim().split('\n').pop()?.slice(0, 120) ?? '';
}

function lintSummary(s: Series): string {
  const last = s.last.stdout.trim().split('\n').pop() ?? '';
  return last.startsWith('{') ? '' : last;
}

export async function peersBench(options: { runs: number; syntheticSizes: readonly number[]; syntheticRuns: number }, say: Log = log): Promise<GroupReport> {
  say(`installing awesome-lint@${AWESOME_LINT_VERSION} into .cache/bench/awesome-lint (if not there)`);
  const installed = await ensurePeer('awesome-lint', AWESOME_LINT_VERSION);
  if (!installed.ok) return notMeasured('peers', installed.reason);
  const bin = peerBin(installed.peer);
  const copy = realCopy(say);
  const work: string[] = [];
  const failures: string[] = [];
  try {
    /** A folder outside any git repository with a copy of README.md, for awesome-lint. */
    const readmeDir = (readme: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'bench-awesome-lint-'));
      work.push(dir);
      copyFileSync(readme, join(dir, 'README.md'));
      return dir;
    };
    const awesome = (label: string, dir: string, timeoutMs: number): Command => ({
      label,
      shown: `awesome-lint README.md (${label.replace(/^awesome /, '')})`,
      command: 'node',
      args: [bin, 'README.md'],
      cwd: dir,
      env: { GIT_CEILING_DIRECTORIES: tmpdir(), CI: 'true' },
      timeoutMs,
    });

    // The real list: README.md as built by the real-list group (or as committed), its data/.
    const coldDir = join(copy.dir, '.lint-list-cache-cold-peers');
    const real: Command[] = [
      awesome('awesome real', readmeDir(join(copy.dir, 'README.md')), 5 * 60_000),
      { label: 'node lint', shown: 'node dist/src/cli/lint-list.js (real)', command: 'node', args: ['dist/src/cli/lint-list.js'], cwd: copy.dir, env: { LINT_LIST_CACHE_DIR: copy.lintCache } },
      {
        label: 'node lint cold',
        shown: 'node dist/src/cli/lint-list.js, anchor cache empty (real)',
        command: 'node',
        args: ['dist/src/cli/lint-list.js'],
        cwd: copy.dir,
        env: { LINT_LIST_CACHE_DIR: coldDir },
        before: () => rmSync(coldDir, { recursive: true, force: true }),
      },
      { label: 'npm lint', shown: 'npm run lint-list (real)', command: 'npm', args: ['run', 'lint-list'], cwd: copy.dir, env: { LINT_LIST_CACHE_DIR: copy.lintCache } },
    ];
    const r = await measure(real, options.runs, say);
    const a = r.get('awesome real')!;
    const rowsMd: string[][] = [];
    const rowsOut: string[][] = [];
    const addRows = (what: string, awesomeS: Series, ours: [string, Series][]) => {
      rowsMd.push([what, '`awesome-lint README.md`', wallCell(awesomeS.wall), rssCell(awesomeS.rss), `${awesomeS.exits} (${awesomeSummary(awesomeS)})`, '1×']);
      for (const [shown, s] of ours) {
        rowsMd.push(['', `\`${shown}\``, wallCell(s.wall), rssCell(s.rss), `${s.exits}${lintSummary(s) ? ` (${lintSummary(s)})` : ''}`, times(ratio(awesomeS.wall, s.wall))]);
      }
      rowsOut.push(seriesRow('peers', awesomeS.command.shown, awesomeS), ...ours.map(([, s]) => seriesRow('peers', `${s.command.shown} — speed-up ${times(ratio(awesomeS.wall, s.wall))}`, s)));
    };
    addRows(`real list (${countEntries(join(copy.dir, 'data'))} entries)`, a, [
      ['node dist/src/cli/lint-list.js', r.get('node lint')!],
      ['node dist/src/cli/lint-list.js, anchor cache empty', r.get('node lint cold')!],
      ['npm run lint-list', r.get('npm lint')!],
    ]);
    const speedup = (s: Series) => ratio(a.wall, s.wall);
    const targets: Target[] = [
      {
        goal: 'lint-list at least 4× faster than awesome-lint on the real list (bare node processes, anchor cache kept)',
        met: a.exits !== 'timeout' && speedup(r.get('node lint')!) >= PEER_SPEEDUP_TARGET,
        measured: `${times(speedup(r.get('node lint')!))} (${seconds(a.wall.median)} vs ${seconds(r.get('node lint')!.wall.median)})`,
      },
      {
        goal: 'lint-list at least 4× faster than awesome-lint on the real list (anchor cache empty, as on CI)',
        met: a.exits !== 'timeout' && speedup(r.get('node lint cold')!) >= PEER_SPEEDUP_TARGET,
        measured: `${times(speedup(r.get('node lint cold')!))} (${seconds(a.wall.median)} vs ${seconds(r.get('node lint cold')!.wall.median)})`,
      },
    ];

    // Generated lists: awesome-lint on the README build-readme made from them.
    const notes: string[] = [];
    for (const entries of options.syntheticSizes) {
      const list = syntheticList(entries, say, { clean: true });
      const readme = join(list.root, 'README.md');
      if (!existsSync(readme)) await runProcess({ label: 'build', shown: 'build-readme', command: 'node', args: [cliPath('build-readme')], cwd: list.root });
      if (!existsSync(readme)) {
        notes.push(`${sizeLabel(entries)}: not measured: build-readme wrote no README.md`);
        continue;
      }
      const label = sizeLabel(entries);
      const split = readdirSync(list.root, { withFileTypes: true }).filter((d) => d.isDirectory() && !['data', 'templates', '.lint-list-cache'].includes(d.name));
      if (split.length > 0) {
        // awesome-lint reads one README.md; once build-readme splits the list into pages, that file
        // is only an index, and timing awesome-lint on it would compare it with lint-list on less of the list.
        notes.push(
          `${entries.toLocaleString('en-US')} entries: not measured: build-readme split the list into pages (${split.map((d) => `${d.name}/`).join(', ')}), so README.md is only an index (${bytes(statSync(readme).size)}) and awesome-lint, which reads that one file, would not lint the same list`,
        );
        continue;
      }
      const synth: Command[] = [
        awesome(`awesome ${label}`, readmeDir(readme), 10 * 60_000),
        { label: 'lint', shown: `node dist/src/cli/lint-list.js (${label})`, command: 'node', args: [cliPath('lint-list')], cwd: list.root, env: { LINT_LIST_CACHE_DIR: list.lintCache } },
      ];
      const m = await measure(synth, options.syntheticRuns, say);
      addRows(`generated list, ${entries.toLocaleString('en-US')} entries`, m.get(`awesome ${label}`)!, [['node dist/src/cli/lint-list.js', m.get('lint')!]]);
    }

    const markdown = [
      `awesome-lint ${installed.peer.version} (installed into .cache/bench/awesome-lint at bench time, run as \`node node_modules/awesome-lint/cli.js README.md\` in a temporary folder outside git holding a copy of the list's README.md) against lint-list on the same list's data/, in the same run, taking turns in each round; ${options.runs} run${options.runs === 1 ? '' : 's'} on the real list, ${options.syntheticRuns} on generated lists, after one warm-up each.`,
      'awesome-lint exits 1 on these READMEs: it reports its own style findings (and, outside a git repository, the missing repository), which is expected; only its time matters here.',
      '',
      markdownTable(['list', 'tool', 'wall: median (min–max, spread)', 'peak RSS: median (min–max)', 'exit (findings)', 'speed-up over awesome-lint (its median ÷ this median)'], rowsMd),
      '',
      ...(notes.length > 0 ? [...notes.map((n) => `- ${n}`), ''] : []),
      targetLines(targets),
    ].join('\n');
    return { id: 'peers', markdown, rows: rowsOut, targets, failures };
  } finally {
    for (const dir of work) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Generated lists of 10,000 and 100,000 entries (tests/bench/gen-list.ts, fixed seed) with the
 * repository's templates: wall time and peak memory of build-readme, build-readme --check and the
 * offline lint-list, growth from the smaller list to the larger, the size of the generated READMEs,
 * and a check that lint found exactly the planted duplicates.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plant } from '../gen-list.js';
import { bytes, markdownTable, mib, rssCell, seconds, times, wallCell } from '../lib/format.js';
import { log, measure, type Log, type Series } from '../lib/measure.js';
import { cliPath } from '../lib/paths.js';
import type { Command } from '../lib/proc.js';
import { seriesRow, targetLines, type GroupReport, type Target } from '../lib/report.js';
import { ratio } from '../lib/stats.js';
import { sizeLabel, syntheticList, type SyntheticList } from '../lib/workspace.js';

export const LARGE_TARGET_MS = 10_000;
export const LARGE_TARGET_KB = 1024 * 1024;
export const GROWTH_TARGET = 12;
/** GitHub stops rendering a README above 512 KiB. */
export const README_LIMIT = 512 * 1024;

interface Finding {
  rule: string;
  file: string;
}

/** Pairs each finding with a planted one: exact planted file first, then the original it copies. */
export function matchPlants(root: string, dataDir: string, plants: readonly Plant[], findings: readonly Finding[]) {
  const open = new Set(plants);
  const extra: Finding[] = [];
  const abs = (file: string) => resolve(root, file);
  const pending: Finding[] = [];
  for (const f of findings) {
    const hit = [...open].find((p) => p.rule === f.rule && join(dataDir, p.file) === abs(f.file));
    if (hit) open.delete(hit);
    else pending.push(f);
  }
  for (const f of pending) {
    const hit = [...open].find((p) => p.rule === f.rule && p.original !== undefined && join(dataDir, p.original) === abs(f.file));
    if (hit) open.delete(hit);
    else extra.push(f);
  }
  return { missing: [...open], extra };
}

interface Outputs {
  files: { name: string; bytes: number }[];
  /** Folders build-readme made beside the READMEs (e.g. pages/), with their Markdown files. */
  folders: { name: string; files: number; bytes: number; largest: number }[];
  warnings: number;
}

function walk(dir: string): { files: number; bytes: number; largest: number } {
  let files = 0;
  let total = 0;
  let largest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) {
      const inner = walk(path);
      files += inner.files;
      total += inner.bytes;
      largest = Math.max(largest, inner.largest);
    } else if (name.endsWith('.md')) {
      files++;
      total += st.size;
      largest = Math.max(largest, st.size);
    }
  }
  return { files, bytes: total, largest };
}

function outputsOf(list: SyntheticList, build: Series): Outputs {
  const inputs = new Set(['data', 'templates', '.lint-list-cache']);
  const files: Outputs['files'] = [];
  const folders: Outputs['folders'] = [];
  for (const name of readdirSync(list.root).sort()) {
    if (inputs.has(name)) continue;
    const path = join(list.root, name);
    const st = statSync(path);
    if (st.isDirectory()) folders.push({ name, ...walk(path) });
    else files.push({ name, bytes: st.size });
  }
  const warnings = (build.last.stderr.match(/readme-size/g) ?? []).length;
  return { files, folders, warnings };
}

interface SizeResult {
  list: SyntheticList;
  build: Series;
  check: Series;
  lint: Series;
  outputs: Outputs;
  plantsOk: boolean;
  plantsText: string;
}

async function benchSize(entries: number, runs: number, say: Log): Promise<SizeResult> {
  // build-readme publishes only a list lint accepts: it is timed on a list without the planted duplicates.
  const list = syntheticList(entries, say);
  const clean = syntheticList(entries, say, { clean: true });
  const node = (label: string, shown: string, name: string, args: string[], on: SyntheticList = list): Command => ({
    label,
    shown: `${shown} (${sizeLabel(entries)})`,
    command: 'node',
    args: [cliPath(name), ...args],
    cwd: on.root,
    env: { LINT_LIST_CACHE_DIR: on.lintCache },
  });
  // build first: its warm-up writes the READMEs that --check compares.
  const commands = [
    node('build', 'build-readme', 'build-readme', [], clean),
    node('check', 'build-readme --check', 'build-readme', ['--check'], clean),
    node('lint', 'lint-list --format json', 'lint-list', ['--format', 'json']),
  ];
  const measured = await measure(commands, runs, say);
  const build = measured.get('build')!;
  const check = measured.get('check')!;
  const lint = measured.get('lint')!;

  let plantsOk = false;
  let plantsText: string;
  try {
    const findings = (JSON.parse(lint.last.stdout) as { findings: Finding[] }).findings;
    const { missing, extra } = matchPlants(list.root, list.dir, list.plants, findings);
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    plantsOk = missing.length === 0 && extra.length === 0;
    plantsText =
      `planted ${list.plants.length} (${Object.entries(list.planted).map(([r, n]) => `${n} ${r}`).join(', ')}); ` +
      `lint reported ${findings.length} (${Object.entries(counts).sort().map(([r, n]) => `${n} ${r}`).join(', ') || 'none'})` +
      (plantsOk
        ? ': exactly the planted ones, each on its planted file or the original it copies'
        : `: MISMATCH, ${missing.length} planted not reported${missing[0] ? ` (e.g. ${missing[0].rule} on ${missing[0].file})` : ''}, ` +
          `${extra.length} not planted${extra[0] ? ` (e.g. ${extra[0].rule} on ${relative(list.root, resolve(list.root, extra[0].file))})` : ''}`);
  } catch (error) {
    plantsText = `MISMATCH: lint-list --format json gave no readable findings (exit ${lint.exits}: ${(error as Error).message})`;
  }
  return { list, build, check, lint, outputs: outputsOf(clean, build), plantsOk, plantsText };
}

function sizeText(r: SizeResult): string {
  const files = r.outputs.files.filter((f) => f.name.endsWith('.md'));
  const readmes = files.map((f) => `${f.name} ${bytes(f.bytes)}${f.bytes > README_LIMIT ? ' (over 512 KiB: GitHub would not render it)' : ''}`).join(', ');
  const split =
    r.outputs.folders.length > 0
      ? `split into pages: yes (${r.outputs.folders.map((d) => `${d.name}/ with ${d.files} Markdown files, ${bytes(d.bytes)}, largest ${bytes(d.largest)}${d.largest > README_LIMIT ? ' — still over 512 KiB' : ''}`).join('; ')})`
      : 'split into pages: no (no pages/ or other folder written)';
  const warned = r.outputs.warnings > 0 ? `${r.outputs.warnings} readme-size warning(s) from build-readme` : 'no readme-size warning from build-readme';
  return `${readmes}; ${split}; ${warned}.`;
}

export async function syntheticBench(sizes: readonly number[], runsFor: (entries: number) => number, say: Log = log): Promise<GroupReport> {
  const results: SizeResult[] = [];
  for (const entries of sizes) results.push(await benchSize(entries, runsFor(entries), say));
  const failures: string[] = [];
  for (const r of results) {
    const label = sizeLabel(r.list.entries);
    if (!r.plantsOk) failures.push(`synthetic ${label}: ${r.plantsText}`);
    if (r.build.exits !== '0') failures.push(`synthetic ${label}: build-readme exited ${r.build.exits}: ${r.build.last.stderr.trim().split('\n').slice(-2).join(' / ')}`);
    if (r.check.exits !== '0') failures.push(`synthetic ${label}: build-readme --check exited ${r.check.exits}`);
  }

  const perSize = markdownTable(
    ['entries', 'command', 'runs', 'wall: median (min–max, spread)', 'peak RSS: median (min–max)', 'exit'],
    results.flatMap((r) =>
      [r.build, r.check, r.lint].map((s) => [
        r.list.entries.toLocaleString('en-US'),
        `\`${s.command.shown.replace(/ \([^)]*\)$/, '')}\``,
        String(s.wall.n),
        wallCell(s.wall),
        rssCell(s.rss),
        s.exits,
      ]),
    ),
  );

  const small = results[0];
  const large = results.length > 1 ? results[results.length - 1] : undefined;
  const growth =
    small && large
      ? markdownTable(
          ['command', `wall ${sizeLabel(small.list.entries)} → ${sizeLabel(large.list.entries)}`, 'growth (wall)', 'peak RSS', 'growth (RSS)'],
          (['build', 'check', 'lint'] as const).map((k) => [
            `\`${small[k].command.shown.replace(/ \([^)]*\)$/, '')}\``,
            `${seconds(small[k].wall.median)} → ${seconds(large[k].wall.median)}`,
            times(ratio(large[k].wall, small[k].wall)),
            `${mib(small[k].rss?.median ?? Number.NaN)} → ${mib(large[k].rss?.median ?? Number.NaN)}`,
            times(ratio(large[k].rss, small[k].rss)),
          ]),
        )
      : 'Growth needs two sizes.';

  const targets: Target[] = [];
  const big = results.find((r) => r.list.entries === 100_000);
  const ten = results.find((r) => r.list.entries === 10_000);
  if (big) {
    for (const [k, name] of [['build', 'build-readme'], ['lint', 'offline lint-list']] as const) {
      const s = big[k];
      targets.push({ goal: `${name} on 100,000 entries under 10 s`, met: s.exits !== 'timeout' && s.wall.median < LARGE_TARGET_MS, measured: `${seconds(s.wall.median)} median of ${s.wall.n}` });
      targets.push({
        goal: `${name} on 100,000 entries under 1 GiB peak memory`,
        met: s.rss ? s.rss.max < LARGE_TARGET_KB : undefined,
        measured: s.rss ? `${mib(s.rss.median)} median, ${mib(s.rss.max)} max` : 'not measured',
      });
      if (ten) {
        const g = ratio(s.wall, ten[k].wall);
        targets.push({ goal: `${name} grows no worse than 12× from 10k to 100k entries (wall)`, met: g <= GROWTH_TARGET, measured: `${times(g)} (${seconds(ten[k].wall.median)} → ${seconds(s.wall.median)})` });
      }
    }
  }

  const markdown = [
    `Lists made by tests/bench/gen-list.ts (seed ${small?.list.seed ?? '–'}, a duplicate pair of each kind every 1,000 entries) into .cache/bench/list-<size>/ with the repository's templates/; generated once per benchmark run.`,
    'Each command is `node dist/src/cli/<name>.js` run in that folder (build-readme writes its READMEs there), one warm-up then the runs, the three taking turns; lint-list runs with `--format json` so its findings can be checked, its anchor cache kept between runs.',
    '',
    perSize,
    '',
    '### Growth',
    '',
    growth,
    '',
    '### Generated lists',
    '',
    ...results.map((r) => `- ${r.list.entries.toLocaleString('en-US')} entries: generated in ${seconds(r.list.generateMs)}; ${r.plantsText}.`),
    '',
    '### README size',
    '',
    ...results.map((r) => `- ${r.list.entries.toLocaleString('en-US')} entries: ${sizeText(r)}`),
    '',
    targets.length > 0 ? targetLines(targets) : 'No targets judged: the 100,000-entry list was not measured.',
  ].join('\n');
  return {
    id: 'synthetic',
    markdown,
    rows: results.flatMap((r) => [r.build, r.check, r.lint].map((s) => seriesRow('synthetic', s.command.shown, s))),
    targets,
    failures,
  };
}

/**
 * Generated lists of 10,000 and 100,000 entries (tests/bench/gen-list.ts, fixed seed) with the
 * repository's templates: wall time and peak memory of build-readme, build-readme --check, the
 * offline lint-list and import-readme (of the README build-readme wrote, with its pages), growth
 * from the smaller list to the larger, the size of the generated READMEs, and checks that lint found
 * exactly the planted duplicates and that import-readme read every entry back.
 *
 * build-readme and lint-list each have two rows, as in the "Real list" group: "caches empty", the
 * commands' caches (LINT_LIST_CACHE_DIR: per-file data cache, anchor cache, build-readme's
 * readme.json and readme-lists.json) deleted before each run but build-readme's outputs left in place
 * (a first build in a fresh clone whose READMEs are committed, as on CI after `npm ci`); and "caches
 * kept", the same command later in the same round on the caches that run filled (a developer's second
 * run on an unchanged list), so a single round without warm-up measures both. --check runs after
 * the builds, on the caches kept, against the files they wrote; import-readme reads their README.
 *
 * Each command runs from the launcher's bundle (scripts/run.mjs ensureBundle), what `npm run` runs.
 * With a baseline (a git ref, e.g. main) the same commands of that commit run too, taking turns with
 * this tree's in every round, each version with its own cache folder (build-readme's readme.json is
 * one file per folder: two versions sharing it would evict each other), and a table compares the two.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plant } from '../gen-list.js';
import { bytes, markdownTable, mib, rssCell, seconds, times, wallCell } from '../lib/format.js';
import { log, measure, type Log, type Series } from '../lib/measure.js';
import { LAUNCHER, ROOT } from '../lib/paths.js';
import { runProcess, type Command } from '../lib/proc.js';
import { seriesRow, targetLines, type GroupReport, type Target } from '../lib/report.js';
import { ratio } from '../lib/stats.js';
import { cacheEmptied, cacheKept, sizeLabel, syntheticList, toTrash, type Baseline, type SyntheticList } from '../lib/workspace.js';

/** Issue 13: build-readme and the offline lint-list on 100,000 entries, each within 8 s and 600 MiB. */
export const LARGE_TARGET_MS = 8_000;
export const LARGE_TARGET_KB = 600 * 1024;
/** Issue 13: import-readme of the 100,000-entry README (and its pages) within 30 s. */
export const IMPORT_TARGET_MS = 30_000;
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
  // What the benchmark put there, and import-readme's output folders (.import-…).
  const inputs = new Set(['data', 'templates', 'assets', '.github']);
  const files: Outputs['files'] = [];
  const folders: Outputs['folders'] = [];
  for (const name of readdirSync(list.root).sort()) {
    if (inputs.has(name) || name.startsWith('.import') || name.startsWith('.lint-list-cache')) continue;
    const path = join(list.root, name);
    const st = statSync(path);
    if (st.isDirectory()) folders.push({ name, ...walk(path) });
    else files.push({ name, bytes: st.size });
  }
  const warnings = (build.last.stderr.match(/readme-size/g) ?? []).length;
  return { files, folders, warnings };
}

/** Which caches a row runs with; import-readme keeps none of its own (it runs with the caches kept). */
type Caches = 'empty' | 'kept';

/** How the rows and the target lines name the two states (the "Real list" group's words). */
export const CACHES_TEXT: Record<Caches, string> = {
  empty: 'caches empty (first run, CI after `npm ci`)',
  kept: 'caches kept (second run)',
};

/**
 * The rows measured, in the order they run in a round: each build-readme and lint-list with its caches
 * emptied, then again on the caches that run filled. --check follows the builds, so it compares with
 * files just written by the same code.
 */
const COMMANDS = [
  { key: 'buildEmpty', shown: 'build-readme', caches: 'empty' },
  { key: 'build', shown: 'build-readme', caches: 'kept' },
  { key: 'check', shown: 'build-readme --check', caches: 'kept' },
  { key: 'lintEmpty', shown: 'lint-list --format json', caches: 'empty' },
  { key: 'lint', shown: 'lint-list --format json', caches: 'kept' },
  { key: 'import', shown: 'import-readme README.md', caches: undefined },
] as const;
type Spec = (typeof COMMANDS)[number];
type Key = Spec['key'];
/** The rows of the growth table: a command's run on an unchanged list, caches kept. */
const KEPT_KEYS: readonly Key[] = ['build', 'check', 'lint', 'import'];

/** One version of the code: this working tree, or the baseline commit. */
interface Version {
  /** '' for this tree; the label suffix otherwise. */
  tag: string;
  /** How the tables name it. */
  name: string;
  root: string;
}

interface Plants {
  plantsOk: boolean;
  plantsText: string;
}

interface VersionResult {
  series: Record<Key, Series>;
  /** The plants check on lint-list's output, per row. */
  plants: Record<Caches, Plants>;
  /** Entries import-readme reported, undefined when its output said nothing readable. */
  imported: number | undefined;
}

interface SizeResult {
  list: SyntheticList;
  byVersion: Map<string, VersionResult>;
  outputs: Outputs;
  /** Whether the timed rounds followed a warm-up round. */
  warmup: boolean;
}

function plantsOf(list: SyntheticList, lint: Series): Plants {
  try {
    const findings = (JSON.parse(lint.last.stdout) as { findings: Finding[] }).findings;
    const { missing, extra } = matchPlants(list.root, list.dir, list.plants, findings);
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    const plantsOk = missing.length === 0 && extra.length === 0;
    const plantsText =
      `lint reported ${findings.length} (${Object.entries(counts).sort().map(([r, n]) => `${n} ${r}`).join(', ') || 'none'})` +
      (plantsOk
        ? ': exactly the planted ones, each on its planted file or the original it copies'
        : `: MISMATCH, ${missing.length} planted not reported${missing[0] ? ` (e.g. ${missing[0].rule} on ${missing[0].file})` : ''}, ` +
          `${extra.length} not planted${extra[0] ? ` (e.g. ${extra[0].rule} on ${relative(list.root, resolve(list.root, extra[0].file))})` : ''}`);
    return { plantsOk, plantsText };
  } catch (error) {
    return { plantsOk: false, plantsText: `MISMATCH: lint-list --format json gave no readable findings (exit ${lint.exits}: ${(error as Error).message})` };
  }
}

function plantedText(list: SyntheticList): string {
  return `planted ${list.plants.length} (${Object.entries(list.planted).map(([r, n]) => `${n} ${r}`).join(', ')})`;
}

/** The launcher's bundle of each command for a version, built before anything is timed (any second run finds it). */
async function bundles(version: Version): Promise<Record<string, string>> {
  // Imported by path: the benchmark runs from dist/, where a relative import would miss scripts/.
  const { ensureBundle } = (await import(pathToFileURL(LAUNCHER).href)) as typeof import('../../../scripts/run.mjs');
  const files: Record<string, string> = {};
  for (const name of ['build-readme', 'lint-list', 'import-readme']) files[name] = (await ensureBundle(name, version.root)).file;
  return files;
}

async function benchSize(entries: number, runs: number, versions: readonly Version[], say: Log, warmup: boolean): Promise<SizeResult> {
  // build-readme publishes only a list lint accepts: it is timed on a list without the planted duplicates.
  const list = syntheticList(entries, say);
  const clean = syntheticList(entries, say, { clean: true });
  const perVersion = new Map<string, Record<Key, Command>>();
  for (const version of versions) {
    const files = await bundles(version);
    const suffix = version.tag ? ` [${version.name}]` : '';
    // Each version its own cache folder on each list: emptying one leaves the other's alone.
    const cacheOn = (on: SyntheticList) => `${on.lintCache}${version.tag}`;
    const node = (spec: Spec, name: string, args: string[], on: SyntheticList, extra: Partial<Command> = {}): Command => ({
      label: `${spec.key}${version.tag}`,
      shown: `${spec.shown}${suffix} (${sizeLabel(entries)}${spec.caches ? `, caches ${spec.caches}` : ''})`,
      command: 'node',
      args: [files[name]!, ...args],
      cwd: on.root,
      ...(spec.caches === 'empty' ? cacheEmptied(cacheOn(on)) : cacheKept(cacheOn(on))),
      ...extra,
    });
    const importOut = join(clean.root, `.import${version.tag || '-this'}`);
    perVersion.set(version.tag, {
      // build-readme's outputs stay in place between runs: only its caches are emptied.
      buildEmpty: node(specOf('buildEmpty'), 'build-readme', [], clean),
      build: node(specOf('build'), 'build-readme', [], clean),
      check: node(specOf('check'), 'build-readme', ['--check'], clean),
      lintEmpty: node(specOf('lintEmpty'), 'lint-list', ['--format', 'json'], list),
      lint: node(specOf('lint'), 'lint-list', ['--format', 'json'], list),
      // import-readme writes a new data directory: it must not exist yet. The last run's goes to the
      // trash, not deleted: deleting 100,000 files right before makes the import pay for it (workspace.ts).
      import: node(specOf('import'), 'import-readme', ['README.md', '--out', importOut], clean, { before: () => toTrash(importOut) }),
    });
  }
  if (!warmup) {
    // Without a warm-up round nothing has written the READMEs yet: one untimed build does, so the first
    // timed "caches empty" build finds them in place like every later one (a clone with committed READMEs).
    const first = perVersion.get('')!.buildEmpty;
    say(`untimed build writing the READMEs: ${first.shown}`);
    const r = await runProcess(first);
    if (r.code !== 0) say(`the untimed build exited ${r.code ?? r.signal}: ${r.stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
  }
  // Each command of the baseline right before the same command of this tree: the pairs see the same load.
  // Both builds write the same READMEs, so each --check also checks that the other version's output is byte-identical.
  const commands = COMMANDS.flatMap((c) => versions.map((version) => perVersion.get(version.tag)![c.key]));
  const measured = await measure(commands, runs, say, { warmup });
  const byVersion = new Map<string, VersionResult>();
  for (const version of versions) {
    const series = Object.fromEntries(COMMANDS.map(({ key }) => [key, measured.get(`${key}${version.tag}`)!])) as Record<Key, Series>;
    const found = /Imported (\d+) entries/.exec(series.import.last.stdout);
    byVersion.set(version.tag, {
      series,
      plants: { empty: plantsOf(list, series.lintEmpty), kept: plantsOf(list, series.lint) },
      imported: found ? Number(found[1]) : undefined,
    });
  }
  // The readme-size warnings come from rendering: the run with its caches emptied renders everything.
  return { list, byVersion, outputs: outputsOf(clean, byVersion.get('')!.series.buildEmpty), warmup };
}

function sizeText(r: SizeResult): string {
  const files = r.outputs.files.filter((f) => f.name.endsWith('.md'));
  const readmes = files.map((f) => `${f.name} ${bytes(f.bytes)}${f.bytes > README_LIMIT ? ' (over 512 KiB: GitHub would not render it)' : ''}`).join(', ');
  const split =
    r.outputs.folders.length > 0
      ? `split into pages: yes (${r.outputs.folders.map((d) => `${d.name}/ with ${d.files} Markdown files, ${bytes(d.bytes)}, largest ${bytes(d.largest)}${d.largest > README_LIMIT ? ' — still over 512 KiB' : ''}`).join('; ')})`
      : 'split into pages: no (no pages/ or other folder written)';
  const warned = r.outputs.warnings > 0 ? `${r.outputs.warnings} readme-size warning(s) from build-readme (caches empty)` : 'no readme-size warning from build-readme (caches empty)';
  return `${readmes}; ${split}; ${warned}.`;
}

const specOf = (key: Key): Spec => COMMANDS.find((c) => c.key === key)!;
const shownOf = (key: Key) => `\`${specOf(key).shown}\``;
const cachesOf = (key: Key) => specOf(key).caches ?? '–';

export interface SyntheticOptions {
  /** A commit to time beside this tree, in the same rounds (e.g. main). */
  baseline?: Baseline | undefined;
  /**
   * Whether a list of this size gets a warm-up round (default: yes). Without one, an untimed build
   * writes the READMEs first; the "caches kept" rows still measure second runs (they follow the
   * "caches empty" runs in the same round).
   */
  warmupFor?: (entries: number) => boolean;
}

export async function syntheticBench(sizes: readonly number[], runsFor: (entries: number) => number, say: Log = log, options: SyntheticOptions = {}): Promise<GroupReport> {
  const base = options.baseline;
  const versions: Version[] = [{ tag: '', name: 'this tree', root: ROOT }];
  if (base) versions.unshift({ tag: '@base', name: base.label, root: base.root });
  const results: SizeResult[] = [];
  for (const entries of sizes) results.push(await benchSize(entries, runsFor(entries), versions, say, options.warmupFor?.(entries) ?? true));
  const failures: string[] = [];
  for (const r of results) {
    const label = sizeLabel(r.list.entries);
    for (const version of versions) {
      const v = r.byVersion.get(version.tag)!;
      const who = version.tag ? ` (${version.name})` : '';
      for (const caches of ['empty', 'kept'] as const) {
        if (!v.plants[caches].plantsOk) failures.push(`synthetic ${label}${who}: lint-list, caches ${caches}: ${plantedText(r.list)}; ${v.plants[caches].plantsText}`);
        const build = v.series[caches === 'empty' ? 'buildEmpty' : 'build'];
        if (build.exits !== '0') failures.push(`synthetic ${label}${who}: build-readme, caches ${caches}, exited ${build.exits}: ${build.last.stderr.trim().split('\n').slice(-2).join(' / ')}`);
      }
      if (v.series.check.exits !== '0') failures.push(`synthetic ${label}${who}: build-readme --check exited ${v.series.check.exits}`);
      // The baseline's import may predate reading pages: only this tree's is held to the entry count.
      if (!version.tag && v.imported !== r.list.entries) {
        failures.push(`synthetic ${label}: import-readme read ${v.imported ?? 'no'} entries back of ${r.list.entries} (exit ${v.series.import.exits}: ${v.series.import.last.stderr.trim().split('\n').slice(-1)[0] ?? ''})`);
      }
    }
  }

  const perSize = markdownTable(
    ['entries', 'command', 'caches', 'code', 'runs', 'wall: median (min–max, spread)', 'peak RSS: median (min–max)', 'exit'],
    results.flatMap((r) =>
      COMMANDS.flatMap(({ key }) =>
        versions.map((version) => {
          const s = r.byVersion.get(version.tag)!.series[key];
          return [r.list.entries.toLocaleString('en-US'), shownOf(key), cachesOf(key), version.name, String(s.wall.n), wallCell(s.wall), rssCell(s.rss), s.exits];
        }),
      ),
    ),
  );

  const comparison = base
    ? markdownTable(
        ['entries', 'command', 'caches', `wall: ${base.label} → this tree`, 'ratio (wall)', `peak RSS: ${base.label} → this tree`, 'ratio (RSS)'],
        results.flatMap((r) =>
          COMMANDS.map(({ key }) => {
            const before = r.byVersion.get('@base')!.series[key];
            const after = r.byVersion.get('')!.series[key];
            return [
              r.list.entries.toLocaleString('en-US'),
              shownOf(key),
              cachesOf(key),
              `${seconds(before.wall.median)} → ${seconds(after.wall.median)}`,
              times(ratio(after.wall, before.wall)),
              `${mib(before.rss?.median ?? Number.NaN)} → ${mib(after.rss?.median ?? Number.NaN)}`,
              times(ratio(after.rss, before.rss)),
            ];
          }),
        ),
      )
    : undefined;

  const small = results[0];
  const large = results.length > 1 ? results[results.length - 1] : undefined;
  const mine = (r: SizeResult) => r.byVersion.get('')!.series;
  const growth =
    small && large
      ? markdownTable(
          ['command', 'caches', `wall ${sizeLabel(small.list.entries)} → ${sizeLabel(large.list.entries)}`, 'growth (wall)', 'peak RSS', 'growth (RSS)'],
          KEPT_KEYS.map((k) => [
            shownOf(k),
            cachesOf(k),
            `${seconds(mine(small)[k].wall.median)} → ${seconds(mine(large)[k].wall.median)}`,
            times(ratio(mine(large)[k].wall, mine(small)[k].wall)),
            `${mib(mine(small)[k].rss?.median ?? Number.NaN)} → ${mib(mine(large)[k].rss?.median ?? Number.NaN)}`,
            times(ratio(mine(large)[k].rss, mine(small)[k].rss)),
          ]),
        )
      : 'Growth needs two sizes.';

  const targets: Target[] = [];
  const big = results.find((r) => r.list.entries === 100_000);
  const ten = results.find((r) => r.list.entries === 10_000);
  if (big) {
    const s100 = mine(big);
    for (const [k, kEmpty, name] of [['build', 'buildEmpty', 'build-readme'], ['lint', 'lintEmpty', 'offline lint-list']] as const) {
      for (const caches of ['empty', 'kept'] as const) {
        const s = s100[caches === 'empty' ? kEmpty : k];
        targets.push({
          goal: `${name} on 100,000 entries within ${LARGE_TARGET_MS / 1000} s, ${CACHES_TEXT[caches]}`,
          met: s.exits !== 'timeout' && s.wall.median <= LARGE_TARGET_MS,
          measured: `${seconds(s.wall.median)} median of ${s.wall.n}`,
        });
        targets.push({
          goal: `${name} on 100,000 entries within ${LARGE_TARGET_KB / 1024} MiB peak memory, ${CACHES_TEXT[caches]}`,
          met: s.rss ? s.rss.max <= LARGE_TARGET_KB : undefined,
          measured: s.rss ? `${mib(s.rss.median)} median, ${mib(s.rss.max)} max` : 'not measured',
        });
      }
      if (ten) {
        const g = ratio(s100[k].wall, mine(ten)[k].wall);
        targets.push({
          goal: `${name} grows no worse than ${GROWTH_TARGET}× from 10k to 100k entries (wall), ${CACHES_TEXT.kept}`,
          met: g <= GROWTH_TARGET,
          measured: `${times(g)} (${seconds(mine(ten)[k].wall.median)} → ${seconds(s100[k].wall.median)})`,
        });
      }
    }
    const imp = s100.import;
    const read = big.byVersion.get('')!.imported;
    targets.push({
      goal: `import-readme of the 100,000-entry README (and its pages) within ${IMPORT_TARGET_MS / 1000} s, every entry read back`,
      met: imp.exits !== 'timeout' && imp.wall.median <= IMPORT_TARGET_MS && read === big.list.entries,
      measured: `${seconds(imp.wall.median)} median of ${imp.wall.n}; ${read === undefined ? 'no' : read.toLocaleString('en-US')} entries imported`,
    });
  }

  const code = base
    ? `Two versions of the code ran, taking turns in every round: this working tree and ${base.label} (its sources copied by \`git archive\` into .cache/bench/), each from its own launcher bundle and with its own cache folders (.lint-list-cache@base beside .lint-list-cache: build-readme's readme.json is one file per folder, which the two versions would take from each other).`
    : 'Only this working tree ran (`--baseline <ref>` adds another commit for comparison).';
  const rounds = results
    .map((r) => `${r.list.entries.toLocaleString('en-US')} entries: ${r.byVersion.get('')!.series.build.wall.n} timed round(s)${r.warmup ? ' after a warm-up round' : ', no warm-up round (an untimed build-readme wrote the READMEs first, so the first "caches empty" build found them in place like the later ones)'}`)
    .join('; ');
  const markdown = [
    `Lists made by tests/bench/gen-list.ts (seed ${small?.list.seed ?? '–'}, a duplicate pair of each kind every 1,000 entries) into .cache/bench/list-<size>/ with the repository's templates/; generated once per benchmark run.`,
    'Each command is the launcher\'s bundle (`node .cache/bin/<name>-<fingerprint>/<name>.js`, what `npm run <name>` runs after scripts/run.mjs has built it) run in that folder, the commands taking turns in each round in the order of the table; ' +
      'build-readme writes its READMEs there (on the list without duplicates: it refuses a list with errors); lint-list runs with `--format json` so its findings can be checked; ' +
      'import-readme imports the README build-readme wrote (and the pages it links to) into a new data directory; the last run\'s is moved into a trash folder before each run. Nothing large is deleted while anything is timed: the trash (also the last run\'s lists) is emptied at the end of the benchmark (on ext4 without a journal, this machine\'s filesystem, each file created within 1–6 minutes of a large delete makes the kernel step over the recently deleted inodes: a 100,000-file import right after deleting the last output took 53–96 s with 40–46 s of system time, against 18–27 s and 4–6 s).',
    'The commands\' caches (LINT_LIST_CACHE_DIR = <list>/.lint-list-cache: per-file data cache, anchor cache, build-readme\'s readme.json and readme-lists.json) live in the list\'s folder. ' +
      '"caches empty" rows delete them before each run, as on CI where `npm ci` starts without node_modules/.cache, but leave build-readme\'s READMEs and pages in place: a first build in a fresh clone of a list whose READMEs are committed. ' +
      '"caches kept" rows run the same command later in the same round, on the caches that run filled: a developer\'s second run on an unchanged list, so even a single round without warm-up measures it. ' +
      'build-readme --check runs after both builds, on the caches kept, and compares with the files they just wrote; import-readme (no cache of its own) reads the README they wrote. Editing papers between runs costs between the two (the edited files and their categories are redone).',
    code,
    `Rounds: ${rounds}.`,
    '',
    perSize,
    '',
    ...(comparison ? [`### ${base!.label} against this tree (same run)`, '', 'Ratios are this tree over the baseline: below 1.00× is faster or smaller.', '', comparison, ''] : []),
    '### Growth (this tree, caches kept)',
    '',
    growth,
    '',
    '### Generated lists',
    '',
    ...results.flatMap((r) =>
      versions.map((version) => {
        const v = r.byVersion.get(version.tag)!;
        const lint =
          v.plants.empty.plantsText === v.plants.kept.plantsText
            ? `${v.plants.kept.plantsText} (caches empty and kept alike)`
            : `caches empty: ${v.plants.empty.plantsText}; caches kept: ${v.plants.kept.plantsText}`;
        return `- ${r.list.entries.toLocaleString('en-US')} entries${versions.length > 1 ? ` (${version.name})` : ''}: generated in ${seconds(r.list.generateMs)}; ${plantedText(r.list)}; ${lint}; import-readme read ${v.imported === undefined ? 'no' : v.imported.toLocaleString('en-US')} entries back.`;
      }),
    ),
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
    rows: results.flatMap((r) => versions.flatMap((version) => COMMANDS.map(({ key }) => { const s = r.byVersion.get(version.tag)!.series[key]; return seriesRow('synthetic', s.command.shown, s); }))),
    targets,
    failures,
  };
}

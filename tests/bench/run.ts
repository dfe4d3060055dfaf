/**
 * `npm run bench`: whole-process benchmarks of the toolchain. Not tests (npm test type-checks this
 * code and never runs it). Prints a table and rewrites tests/bench/RESULTS.md.
 *
 *   npm run bench [-- --quick] [--only real,synthetic,peers,links] [--runs N] [--sizes 10000,100000] [--links-runs N] [--before <ref>] [--baseline <git ref>]
 *
 * Groups, one module each under groups/:
 *   real       the real list: npm run build-readme / lint-list / build-site / build-readme -- --check, caches kept and
 *              empty, the bare node forms, and the same npm scripts of the --before tree (default main)
 *   synthetic  generated lists (gen-list.ts, fixed seed) of 10,000 and 100,000 entries: build-readme and lint-list with
 *              caches empty (first run) and kept (second run, same round), --check and import-readme from the launcher's
 *              bundles: time, memory, growth, README size; with --baseline <ref> the
 *              same commands of that commit (e.g. main) run in the same rounds, and a table gives the ratios
 *   peers      lint-list against awesome-lint on the same list (installed at bench time)
 *   links      lint-list --links against markdown-link-check (links.bench.ts)
 * --quick skips peers and links (the slow parts, and the ones that install packages).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { linksBench } from './groups/links.js';
import { peersBench } from './groups/peers.js';
import { realListBench } from './groups/real.js';
import { syntheticBench } from './groups/synthetic.js';
import { textTable } from './lib/format.js';
import { finishMachine, machineInfo } from './lib/machine.js';
import { log } from './lib/measure.js';
import { cliPath, RESULTS_PATH } from './lib/paths.js';
import { rssMethodText } from './lib/proc.js';
import { GROUPS, notMeasured, TABLE_HEADER, targetLines, type GroupId, type GroupReport } from './lib/report.js';
import { writeResultsFile } from './lib/results.js';
import { baselineCopy, emptyTrash } from './lib/workspace.js';

const USAGE = `Usage: npm run bench -- [--quick] [--only <group>[,<group>…]] [--runs N] [--sizes N,N] [--links-runs N] [--before <ref>] [--baseline <git ref>] [--large-runs N]
Groups: ${GROUPS.join(', ')}. --quick skips peers and links.
--baseline <git ref>: the synthetic group also times that commit's code (e.g. main), in turns with this tree's, and compares.
--large-runs N: N rounds on generated lists of 100,000 entries or more, without a warm-up round (each takes minutes).
Defaults: 5 runs on the real list (and the peers on it), 3 on each generated list, 3 rounds of links; sizes 10000,100000;
the real list's "before" rows run the tree of main (--before <ref> picks another commit).
`;

const DEFAULT_REAL_RUNS = 5;
const DEFAULT_SYNTHETIC_RUNS = 3;
const DEFAULT_LINKS_RUNS = 3;
const DEFAULT_SIZES = [10_000, 100_000];
/** --large-runs applies from this size up. */
const LARGE_SIZE = 100_000;

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not "${value}"`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string', multiple: true },
      runs: { type: 'string' },
      sizes: { type: 'string' },
      'links-runs': { type: 'string' },
      before: { type: 'string' },
      baseline: { type: 'string' },
      'large-runs': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const only = values.only?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const g of only ?? []) if (!(GROUPS as readonly string[]).includes(g)) throw new Error(`--only: unknown group "${g}" (groups: ${GROUPS.join(', ')})`);
  const runs = positive(values.runs, 'runs');
  const realRuns = runs ?? DEFAULT_REAL_RUNS;
  const syntheticRuns = runs ?? DEFAULT_SYNTHETIC_RUNS;
  const linksRuns = positive(values['links-runs'], 'links-runs') ?? runs ?? DEFAULT_LINKS_RUNS;
  const largeRuns = positive(values['large-runs'], 'large-runs');
  const sizes = values.sizes ? values.sizes.split(',').map((v) => positive(v.trim(), 'sizes')!) : DEFAULT_SIZES;

  for (const name of ['build-readme', 'lint-list']) {
    if (!existsSync(cliPath(name))) throw new Error(`${cliPath(name)} is missing: run npx tsc -p . first (npm run bench does)`);
  }

  const skipped = new Map<GroupId, string>();
  const selected = GROUPS.filter((g) => {
    if (only && !only.includes(g)) {
      skipped.set(g, `not selected (--only ${only.join(',')})`);
      return false;
    }
    if (values.quick && (g === 'peers' || g === 'links')) {
      skipped.set(g, 'skipped with --quick');
      return false;
    }
    return true;
  });

  const machine = machineInfo();
  const started = process.hrtime.bigint();
  log(`${machine.cores} cores, ${machine.node}; groups: ${selected.join(', ') || 'none'}; ${rssMethodText()}`);
  // Leftovers of an interrupted run, deleted before anything is made or timed (see toTrash).
  emptyTrash(log);
  const reports = new Map<GroupId, GroupReport>();
  const failures: string[] = [];
  const peerSizes = sizes.filter((n) => n <= 10_000).slice(0, 1);
  for (const group of selected) {
    log(`— ${group}`);
    let report: GroupReport;
    try {
      if (group === 'real') report = await realListBench(realRuns, log, values.before);
      else if (group === 'synthetic') report = await syntheticBench(sizes, (n) => (largeRuns !== undefined && n >= LARGE_SIZE ? largeRuns : syntheticRuns), log, {
          baseline: values.baseline ? baselineCopy(values.baseline, log) : undefined,
          warmupFor: (n) => largeRuns === undefined || n < LARGE_SIZE,
        });
      else if (group === 'peers') report = await peersBench({ runs: realRuns, syntheticSizes: peerSizes, syntheticRuns });
      else report = await linksBench(linksRuns);
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? String(error);
      log(`${group} failed: ${(error as Error).stack ?? message}`);
      report = notMeasured(group, `the group failed (${message})`);
      report.failures.push(`${group}: ${message}`);
    }
    reports.set(group, report);
    failures.push(...report.failures);
  }
  finishMachine(machine);
  // The lists and outputs the groups moved aside, now that nothing is timed any more.
  emptyTrash(log);

  const argv = process.argv.slice(2);
  const text = writeResultsFile(
    RESULTS_PATH,
    machine,
    {
      command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
      durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      rssMethod: rssMethodText(),
      runs: `${realRuns} on the real list, ${syntheticRuns} on each generated list${largeRuns !== undefined ? ` (${largeRuns} without a warm-up on 100,000 entries or more)` : ''}, ${linksRuns} rounds of links`,
    },
    reports,
    skipped,
  );

  const rows = [...reports.values()].flatMap((r) => r.rows);
  for (const [g, reason] of skipped) rows.push([g, `not run: ${reason}`, '', '', '', '', '', '']);
  process.stdout.write(`\n${textTable(TABLE_HEADER, rows)}\n\n`);
  const targets = [...reports.values()].flatMap((r) => r.targets);
  if (targets.length > 0) process.stdout.write(`Targets:\n${targetLines(targets)}\n\n`);
  if (failures.length > 0) process.stdout.write(`Failed checks:\n${failures.map((f) => `- ${f}`).join('\n')}\n\n`);
  process.stdout.write(`Wrote ${RESULTS_PATH} (${text.length} characters).\n`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
  },
);

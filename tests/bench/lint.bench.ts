/**
 * Benchmark of the offline `lint-list`. Not a test: it prints figures and writes them under
 * "## Lint" in tests/bench/RESULTS.md, leaving other sections alone.
 *
 *   npm run build && node dist/tests/bench/lint.bench.js [--entries 50000] [--runs 5]
 *
 * Measured: wall time of the real CLI (a fresh `node dist/src/cli/lint-list.js` process, as npm
 * runs it) on the real data/, directly and through `npm run`, then on a generated list of
 * --entries papers (tests/bench/gen-list.ts), whose planted duplicates must all be reported.
 * `npm run bench` (tests/bench/run.ts) covers this and more (groups/real.ts, groups/synthetic.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateList } from './gen-list.js';
import { cliPath, RESULTS_PATH, ROOT } from './lib/paths.js';
import { replaceSection } from './lib/results.js';
import { summarize } from './lib/stats.js';

const root = ROOT;
const cli = cliPath('lint-list');

interface Timed {
  ms: number;
  code: number | null;
  stdout: string;
}

function run(command: string, args: string[], cwd: string): Timed {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  return { ms, code: result.status, stdout: result.stdout };
}

function stats(times: number[]): { min: number; median: number } {
  return summarize(times);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function counts(stdout: string): Record<string, number> {
  const output = JSON.parse(stdout) as { findings: { rule: string }[] };
  const byRule: Record<string, number> = {};
  for (const f of output.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  return byRule;
}

function writeResults(section: string): void {
  replaceSection(RESULTS_PATH, 'Lint', section);
}

function main(): void {
  const { values } = parseArgs({ options: { entries: { type: 'string', default: '50000' }, runs: { type: 'string', default: '5' } } });
  const entries = Number(values.entries);
  const runs = Number(values.runs);
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);

  // The real list: warm the file cache once, then time fresh processes.
  run(process.execPath, [cli, '--format', 'json'], root);
  const real = Array.from({ length: runs }, () => run(process.execPath, [cli, '--format', 'json'], root));
  const realEntries = (JSON.parse(real[0]!.stdout) as { summary: { entries: number } }).summary.entries;
  const npm = Array.from({ length: Math.min(runs, 3) }, () => run('npm', ['run', '-s', 'lint-list', '--', '--format', 'json'], root));

  const dir = mkdtempSync(join(tmpdir(), 'lint-bench-'));
  try {
    const data = join(dir, 'data');
    const genStart = performance.now();
    const list = generateList(data, entries);
    const genMs = performance.now() - genStart;
    run(process.execPath, [cli, '--data', data, '--format', 'json'], dir);
    const big = Array.from({ length: Math.min(runs, 3) }, () => run(process.execPath, [cli, '--data', data, '--format', 'json'], dir));
    const found = counts(big[0]!.stdout);
    const sortedEntries = (o: Record<string, number>) => JSON.stringify(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
    const ok = sortedEntries(found) === sortedEntries(list.planted);

    const r = stats(real.map((t) => t.ms));
    const n = stats(npm.map((t) => t.ms));
    const b = stats(big.map((t) => t.ms));
    const section = [
      '## Lint',
      '',
      `\`node dist/tests/bench/lint.bench.js\` (tests/bench/lint.bench.ts), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}, ${cpus().length} cores.`,
      'Wall time of a fresh lint-list process (offline rules, anchors of templates/ included where present), min and median of the runs.',
      '',
      '| | entries | runs | min | median |',
      '|---|---|---|---|---|',
      `| real data/ — \`node dist/src/cli/lint-list.js\` | ${realEntries} | ${real.length} | ${seconds(r.min)} | ${seconds(r.median)} |`,
      `| real data/ — \`npm run lint-list\` | ${realEntries} | ${npm.length} | ${seconds(n.min)} | ${seconds(n.median)} |`,
      `| generated list (gen-list.ts) | ${entries} | ${big.length} | ${seconds(b.min)} | ${seconds(b.median)} |`,
      '',
      `Generating the ${entries}-entry list took ${seconds(genMs)}. Planted: ${JSON.stringify(list.planted)}; reported: ${JSON.stringify(found)}${ok ? ' (all, and nothing else)' : ' — MISMATCH'}.`,
      '',
    ].join('\n');
    writeResults(section);
    process.stdout.write(`${section}\n`);
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();

/**
 * `npm run mutation`, after Stryker (stryker.config.mjs): reads Stryker's JSON report, prints each
 * mutated file's score, writes them into the "Mutation score" section of tests/bench/RESULTS.md and
 * exits 1 when a file scores under the threshold. Survivors listed in stryker.equivalent.md (they
 * cannot be killed: the mutant behaves like the original) are left out of the score.
 *
 * `node dist/tests/bench/mutation.js a.json b.json` judges several reports together instead, such as
 * per-file runs (`MUTATION_REPORT=a.json npx stryker run --mutate <file>`); a later report's file wins.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, RESULTS_PATH } from './lib/paths.js';
import { readSections, replaceSection } from './lib/results.js';

export const THRESHOLD = 90;
export const REPORT_PATH = join(ROOT, '.cache', 'mutation', 'mutation.json');
export const EQUIVALENT_PATH = join(ROOT, 'stryker.equivalent.md');
export const SECTION = 'Mutation score';

/** The part of Stryker's JSON report (mutation-testing-report-schema) read here. */
interface ReportMutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}
export interface Report {
  files: Record<string, { mutants: ReportMutant[] }>;
}

/** One line of stryker.equivalent.md: `file:line:column` Mutator `replacement` — reason. */
export interface Equivalent {
  file: string;
  line: number;
  column: number;
  mutator: string;
  replacement: string;
  reason: string;
}

const EQUIVALENT_LINE = /^- `([^`]+):(\d+):(\d+)` (\w+) `(.*)` — (.+)$/;

export function parseEquivalents(text: string): { equivalents: Equivalent[]; errors: string[] } {
  const equivalents: Equivalent[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.startsWith('- ')) return;
    const match = EQUIVALENT_LINE.exec(line);
    if (!match) {
      errors.push(`stryker.equivalent.md:${index + 1}: not of the form "- \`file:line:column\` Mutator \`replacement\` — reason".`);
      return;
    }
    equivalents.push({
      file: match[1]!,
      line: Number(match[2]),
      column: Number(match[3]),
      mutator: match[4]!,
      replacement: match[5]!,
      reason: match[6]!,
    });
  });
  return { equivalents, errors };
}

export interface FileScore {
  file: string;
  killed: number;
  survived: number;
  noCoverage: number;
  timeout: number;
  equivalent: number;
  /** Compile and runtime errors, ignored mutants: not counted, as Stryker does. */
  other: number;
  /** Stryker's own score: detected / (detected + undetected), in percent. */
  raw: number;
  /** The same with the listed equivalents left out of the undetected. */
  score: number;
}

export interface Survivor {
  file: string;
  line: number;
  column: number;
  mutator: string;
  replacement: string;
  status: string;
}

function sameMutant(e: Equivalent, file: string, m: ReportMutant): boolean {
  return (
    e.file === file &&
    e.line === m.location.start.line &&
    e.column === m.location.start.column &&
    e.mutator === m.mutatorName &&
    e.replacement === (m.replacement ?? '')
  );
}

/** Several reports as one: each file as the last report that mutated it has it. */
export function mergeReports(reports: readonly Report[]): Report {
  const files: Report['files'] = {};
  for (const report of reports) Object.assign(files, report.files);
  return { files };
}

export function scoreReport(report: Report, equivalents: readonly Equivalent[]): { scores: FileScore[]; survivors: Survivor[]; unused: Equivalent[] } {
  const used = new Set<Equivalent>();
  const scores: FileScore[] = [];
  const survivors: Survivor[] = [];
  for (const file of Object.keys(report.files).sort()) {
    const s = { file, killed: 0, survived: 0, noCoverage: 0, timeout: 0, equivalent: 0, other: 0 };
    for (const m of report.files[file]!.mutants) {
      if (m.status === 'Killed') s.killed++;
      else if (m.status === 'Timeout') s.timeout++;
      else if (m.status === 'Survived' || m.status === 'NoCoverage') {
        if (m.status === 'Survived') s.survived++;
        else s.noCoverage++;
        const equivalent = equivalents.find((e) => sameMutant(e, file, m));
        if (equivalent) {
          used.add(equivalent);
          s.equivalent++;
        } else {
          const { line, column } = m.location.start;
          survivors.push({ file, line, column, mutator: m.mutatorName, replacement: m.replacement ?? '', status: m.status });
        }
      } else s.other++;
    }
    const detected = s.killed + s.timeout;
    const undetected = s.survived + s.noCoverage;
    const ratio = (part: number, whole: number) => (whole === 0 ? 100 : (part / whole) * 100);
    scores.push({ ...s, raw: ratio(detected, detected + undetected), score: ratio(detected, detected + undetected - s.equivalent) });
  }
  const files = new Set(Object.keys(report.files));
  // An entry for a file this run did not mutate says nothing; one for a mutated file that matched no survivor is stale.
  const unused = equivalents.filter((e) => files.has(e.file) && !used.has(e));
  return { scores, survivors, unused };
}

const pct = (n: number) => `${n.toFixed(1)} %`;

const SCORE_ROW = /^\| `([^`]+)` \|.* \| \**([\d.]+ %)\** \|$/;

/** Each file's score as the section last written in RESULTS.md gives it, to show beside the new one. */
export function previousScores(results: string): Map<string, string> {
  const scores = new Map<string, string>();
  for (const row of (readSections(results).get(SECTION) ?? '').split('\n')) {
    const match = SCORE_ROW.exec(row);
    if (match) scores.set(match[1]!, match[2]!);
  }
  return scores;
}

export function renderSection(
  scores: readonly FileScore[],
  date: string,
  equivalents: number,
  narrowedTo: readonly string[] = [],
  previous: ReadonlyMap<string, string> = new Map(),
  runs = 1,
): string {
  const rows = scores.map(
    (s) =>
      `| \`${s.file}\` | ${s.killed + s.timeout + s.survived + s.noCoverage} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.equivalent} | ${pct(s.raw)} | ${previous.get(s.file) ?? '—'} | ${s.score >= THRESHOLD ? '' : '**'}${pct(s.score)}${s.score >= THRESHOLD ? '' : '**'} |`,
  );
  const failing = scores.filter((s) => s.score < THRESHOLD);
  return [
    `## ${SECTION}`,
    '',
    `_Measured on ${date}._`,
    '',
    ...(narrowedTo.length > 0
      ? [`Tests narrowed by MUTATION_TESTS to ${narrowedTo.map((glob) => `\`${glob}\``).join(', ')}: each score is a lower bound of the full run's.`, '']
      : []),
    ...(runs > 1 ? [`Judged from ${runs} Stryker runs, each over a few of the files (\`--mutate\`); a file's row comes from the last run that mutated it.`, ''] : []),
    'Stryker 9.6 (vitest runner, per-test coverage, static mutants included) over the files in stryker.config.mjs; written by tests/bench/mutation.ts.',
    `Score = (killed + timeout) / (killed + timeout + survived + no coverage − equivalent); the ${equivalents} equivalent mutants are listed, with reasons, in stryker.equivalent.md. Threshold: ${THRESHOLD} % for every file. "Score before" is the score this section gave the file before this run (— when it had none).`,
    '',
    '| file | mutants | killed | timeout | survived | no coverage | equivalent | Stryker score | score before | score |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    failing.length === 0
      ? `- **met**: every mutated file scores at least ${THRESHOLD} %`
      : `- **MISSED**: ${failing.length} of ${scores.length} files score under ${THRESHOLD} % (${failing.map((s) => `\`${s.file}\``).join(', ')})`,
    '',
  ].join('\n');
}

function main(paths: readonly string[]): number {
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) {
    process.stderr.write(`No mutation report at ${missing.join(', ')}: run Stryker first (npm run mutation).\n`);
    return 2;
  }
  const report = mergeReports(paths.map((path) => JSON.parse(readFileSync(path, 'utf8')) as Report));
  const { equivalents, errors } = existsSync(EQUIVALENT_PATH) ? parseEquivalents(readFileSync(EQUIVALENT_PATH, 'utf8')) : { equivalents: [], errors: [] };
  for (const error of errors) process.stderr.write(`${error}\n`);
  const { scores, survivors, unused } = scoreReport(report, equivalents);
  const width = Math.max(...scores.map((s) => s.file.length), 4);
  process.stdout.write(`${'file'.padEnd(width)}  mutants  survivors  score\n`);
  for (const s of scores) {
    const total = s.killed + s.timeout + s.survived + s.noCoverage;
    const undetected = s.survived + s.noCoverage - s.equivalent;
    process.stdout.write(`${s.file.padEnd(width)}  ${String(total).padStart(7)}  ${String(undetected).padStart(9)}  ${pct(s.score).padStart(7)}${s.score < THRESHOLD ? '  under the threshold' : ''}\n`);
  }
  if (survivors.length > 0) {
    process.stdout.write('\nSurvivors (kill them with a test, or list them in stryker.equivalent.md with the reason):\n');
    for (const v of survivors) process.stdout.write(`- \`${v.file}:${v.line}:${v.column}\` ${v.mutator} \`${v.replacement}\` (${v.status})\n`);
  }
  for (const e of unused) process.stderr.write(`stryker.equivalent.md lists \`${e.file}:${e.line}:${e.column}\` ${e.mutator}, which no survivor matches: remove or update it.\n`);
  const narrowedTo = process.env.MUTATION_TESTS?.split(',').filter((glob) => glob !== '') ?? [];
  const previous = existsSync(RESULTS_PATH) ? previousScores(readFileSync(RESULTS_PATH, 'utf8')) : new Map<string, string>();
  replaceSection(RESULTS_PATH, SECTION, renderSection(scores, new Date().toISOString(), equivalents.length, narrowedTo, previous, paths.length));
  process.stdout.write(`\nWrote the "${SECTION}" section of ${RESULTS_PATH}.\n`);
  const failing = scores.filter((s) => s.score < THRESHOLD);
  if (failing.length > 0) {
    process.stderr.write(`${failing.length} file(s) under ${THRESHOLD} %: ${failing.map((s) => s.file).join(', ')}.\n`);
    return 1;
  }
  return errors.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const paths = process.argv.slice(2);
  process.exitCode = main(paths.length > 0 ? paths : [REPORT_PATH]);
}

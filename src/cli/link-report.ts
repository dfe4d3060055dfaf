#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCommandLine, readOptions, typedPaths, UsageError } from './args.js';
import type { Io } from './io.js';
import { fileFailure, isMainModule, runAsProcess, writeFilesStoppably } from './io.js';
import { deadLinkReport } from '../github/dead-link-report.js';
import { parseFindingsJson } from '../github/findings.js';

export const USAGE = `Usage: npm run --silent link-report -- <findings.json> --out <report.md> [--run-url <url>] [--file-url <url>]

Turns the JSON of \`npm run lint-list -- --links --format json\` into the Markdown body of the
dead-link report, written to --out. Prints three lines for $GITHUB_OUTPUT:
  title=<the issue title>
  dead=true|false      whether any link is dead (blocked and rate-limited hosts do not count)
  unreachable=true|false
                       whether the run found the network unreachable (lint-list exit 3):
                       then no link was judged, and the issue must be left alone
  --run-url <url>      link the report to the workflow run
  --file-url <url>     prefix that links each file, e.g. https://github.com/<owner>/<repo>/blob/<sha>/
Exit 0 when the report is written, dead links or not; 2 when the input cannot be read.
`;

export async function linkReportCommand(argv: string[], io: Io): Promise<number> {
  const read = readOptions('link-report', USAGE, io, () => {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        out: { type: 'string' },
        'run-url': { type: 'string' },
        'file-url': { type: 'string' },
        help: { type: 'boolean' },
      },
      true,
    );
    if (values.help) return 'help';
    if (positionals.length !== 1) throw new UsageError('expected one findings file');
    if (values.out === undefined) throw new UsageError('--out <report.md> is required');
    const typed = typedPaths(io);
    return { input: typed(positionals[0]!), out: typed(values.out), runUrl: values['run-url'], fileUrl: values['file-url'] };
  });
  if ('exit' in read) return read.exit;
  const { input, out, runUrl, fileUrl } = read.options;

  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, input), 'utf8');
  } catch (error) {
    const failed = fileFailure('cannot read', error, input, io.cwd);
    if (failed === undefined) throw error;
    io.stderr.write(`link-report: ${failed}\n`);
    return 2;
  }
  const parsed = parseFindingsJson(text);
  if (parsed.error !== undefined) {
    io.stderr.write(`link-report: ${input}: ${parsed.error}\n`);
    return 2;
  }
  const report = deadLinkReport(parsed.value, { runUrl, fileUrl });
  try {
    const written = await writeFilesStoppably('link-report', io, new Map([[resolve(io.cwd, out), report.body]]));
    if (written !== 0) return written;
  } catch (error) {
    const failed = fileFailure('could not write', error, out, io.cwd);
    if (failed === undefined) throw error;
    io.stderr.write(`link-report: ${failed}\n`);
    return 2;
  }
  const { dead, unchecked, hosts, review } = report.counts;
  io.stdout.write(`title=${report.title}\ndead=${report.hasDead}\nunreachable=${report.unreachable}\n`);
  if (report.unreachable) {
    io.stderr.write(`link-report: the network looked unreachable, no link was judged; wrote ${out}.\n`);
    return 0;
  }
  io.stderr.write(
    `link-report: ${dead} dead, ${unchecked} unchecked on ${hosts} blocked or rate-limited hosts, ${review} to review; wrote ${out}.\n`,
  );
  return 0;
}

if (isMainModule(import.meta.url, 'link-report')) runAsProcess(linkReportCommand);

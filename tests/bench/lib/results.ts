/**
 * RESULTS.md: rewritten whole by every run, in a fixed layout — Machine, Real list, Synthetic lists,
 * Peers, Links, then the sections other scripts write (kept as they are), then Targets (collected
 * from the sections). A group not run this time (--quick, --only) keeps its section from the
 * previous file, marked with the run it came from.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { bytes } from './format.js';
import type { Machine } from './machine.js';
import { GROUPS, SECTION_TITLES, type GroupId, type GroupReport } from './report.js';
import { SPREAD_DEFINITION } from './stats.js';

export interface RunInfo {
  command: string;
  durationMs: number;
  rssMethod: string;
  runs: string;
}

/** Sections of an existing RESULTS.md by title. */
export function readSections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  const parts = text.split(/^## /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    const title = (newline < 0 ? part : part.slice(0, newline)).trim();
    sections.set(title, newline < 0 ? '' : part.slice(newline + 1).trim());
  }
  return sections;
}

const TARGET_LINE = /^- \*\*(met|MISSED|not measured)\*\*: .*$/gm;

export function renderResults(machine: Machine, info: RunInfo, reports: ReadonlyMap<GroupId, GroupReport>, skipped: ReadonlyMap<GroupId, string>, previous: string | undefined): string {
  const old = previous ? readSections(previous) : new Map<string, string>();
  const measuredLine = `_Measured by the run of ${machine.date}._`;
  const out: string[] = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (tests/bench/run.ts); the next run rewrites the whole file. Not tests: nothing here fails a build.`,
    `Each figure is the median of several runs after one warm-up (${info.runs}), with min–max and ${SPREAD_DEFINITION}.`,
    `Wall time: process.hrtime around spawn → exit of a whole process, node start-up included. Peak memory: ${info.rssMethod}.`,
    '',
    '## Machine',
    '',
    `- Date: ${machine.date}`,
    `- CPU: ${machine.cores} cores, ${machine.model}`,
    `- Memory: ${bytes(machine.totalMemBytes)} total, ${bytes(machine.freeMemBytes)} free at start`,
    `- Node ${machine.node}, npm ${machine.npm}, ${machine.os}`,
    `- Load average (1 min): ${machine.loadStart.toFixed(2)} at start, ${machine.loadEnd?.toFixed(2) ?? '–'} at end (other work on the machine shows in the spread)`,
    `- Command: \`${info.command}\`, ${(info.durationMs / 60_000).toFixed(1)} min`,
    '',
  ];
  const bodies: string[] = [];
  for (const id of GROUPS) {
    const title = SECTION_TITLES[id];
    out.push(`## ${title}`, '');
    const report = reports.get(id);
    let body: string;
    if (report) body = `${measuredLine}\n\n${report.markdown}`;
    else {
      const reason = skipped.get(id) ?? 'not run';
      const kept = old.get(title);
      // A section carried over before carries its "Not re-measured" line: replaced by this run's.
      body = kept && /^_(Measured|Not re-measured) by the run of/.test(kept)
        ? `_Not re-measured by the run of ${machine.date} (${reason}); carried over:_\n${kept.replace(/^_Not re-measured[^\n]*\n/, '')}`
        : `Not measured: ${reason}.`;
    }
    bodies.push(body);
    out.push(body, '');
  }
  // Sections other scripts write (npm run mutation, the single-group benchmarks) are theirs: kept as they are.
  const owned = new Set<string>(['Machine', 'Targets', ...GROUPS.map((id) => SECTION_TITLES[id])]);
  for (const [title, body] of old) {
    if (owned.has(title)) continue;
    out.push(`## ${title}`, '', body, '');
    bodies.push(body);
  }
  const lines = bodies.flatMap((b) => b.match(TARGET_LINE) ?? []);
  const order = (line: string) => (line.startsWith('- **MISSED**') ? 0 : line.startsWith('- **not measured**') ? 1 : 2);
  out.push('## Targets', '');
  out.push(lines.length > 0 ? [...lines].sort((a, b) => order(a) - order(b)).join('\n') : 'No target was judged in this run.', '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

export function writeResultsFile(path: string, machine: Machine, info: RunInfo, reports: ReadonlyMap<GroupId, GroupReport>, skipped: ReadonlyMap<GroupId, string>): string {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const text = renderResults(machine, info, reports, skipped, previous);
  writeFileSync(path, text);
  return text;
}

/** Replace (or add) one "## <heading>" section of a RESULTS.md, leaving the others alone (the single-group scripts). */
export function replaceSection(path: string, heading: string, section: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = current.search(new RegExp(`^## ${heading}\\s*$`, 'm'));
  let next: string;
  if (start < 0) next = `${current.replace(/\n*$/, '\n\n')}${section}`;
  else {
    const rest = current.slice(start + 1);
    const end = rest.search(/^## /m);
    next = current.slice(0, start) + section + (end < 0 ? '' : `\n${rest.slice(end)}`);
  }
  writeFileSync(path, next.replace(/\n*$/, '\n'));
}

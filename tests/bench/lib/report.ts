/** What each benchmark group hands back: its RESULTS.md section, its stdout rows and its targets. */
import { percent, mib, seconds } from './format.js';
import type { Series } from './measure.js';
import type { Summary } from './stats.js';

export const GROUPS = ['real', 'synthetic', 'peers', 'links'] as const;
export type GroupId = (typeof GROUPS)[number];

/** Section titles of RESULTS.md, in their fixed order (Machine first, Targets last). */
export const SECTION_TITLES: Record<GroupId, string> = {
  real: 'Real list',
  synthetic: 'Synthetic lists',
  peers: 'Peers',
  links: 'Links',
};

export interface Target {
  /** e.g. "`npm run lint-list` under 1.0 s (real list)". */
  goal: string;
  /** true met, false missed, undefined not measured. */
  met: boolean | undefined;
  /** The figure it was judged on, e.g. "0.62 s (median of 5)". */
  measured: string;
}

export interface GroupReport {
  id: GroupId;
  /** Markdown body of the section, without its "## " heading. */
  markdown: string;
  /** Rows for the stdout table (see TABLE_HEADER). */
  rows: string[][];
  targets: Target[];
  /** Broken assertions (e.g. lint did not find exactly the planted duplicates): the bench exits 1. */
  failures: string[];
}

export const TABLE_HEADER = ['group', 'what', 'runs', 'median', 'min–max', 'spread', 'peak RSS', 'exit'];

export function tableRow(group: string, what: string, wall: Summary, rssKb: number | undefined, exits: string): string[] {
  return [
    group,
    what,
    String(wall.n),
    seconds(wall.median),
    `${seconds(wall.min)}–${seconds(wall.max)}`,
    percent(wall.spread),
    rssKb === undefined || !Number.isFinite(rssKb) ? '–' : mib(rssKb),
    exits,
  ];
}

export function seriesRow(group: string, what: string, s: Series): string[] {
  return tableRow(group, what, s.wall, s.rss?.median, s.exits);
}

export function verdict(met: boolean | undefined): string {
  return met === undefined ? 'not measured' : met ? 'met' : 'MISSED';
}

/** One Markdown list line per target; the Targets section collects these lines from every section. */
export function targetLines(targets: readonly Target[]): string {
  return targets.map((t) => `- **${verdict(t.met)}**: ${t.goal} — ${t.measured}`).join('\n');
}

export function notMeasured(id: GroupId, reason: string): GroupReport {
  return { id, markdown: `Not measured: ${reason}.`, rows: [[id, `not measured: ${reason}`, '', '', '', '', '', '']], targets: [], failures: [] };
}

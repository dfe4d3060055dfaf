import type { JsonFinding, LintJsonOutput } from '../core/findings-json.js';
import { rulesReportedBy } from '../core/rules.js';

/**
 * The weekly link check's report: one issue, kept up to date, whose body this module writes from
 * lint-list's JSON findings. Pure: the workflow does the I/O and the `gh` calls.
 */

/** The title; the workflow finds the open report by this exact title. */
export const DEAD_LINK_REPORT_TITLE = 'Dead-link report';

/** First line of the body, so that a person (or a script) can tell the report from other issues. */
export const REPORT_MARKER = '<!-- dead-link-report: written by .github/workflows/links.yml; edits are overwritten -->';

/** A link that is gone: these, and only these, open the issue. */
export const DEAD_RULES: readonly string[] = ['link-dead', 'arxiv-not-found'];

/**
 * The host did not let the check through: listed by host, apart from dead links, never counted as dead.
 * The other link rules (a redirect, a private address, an arXiv title mismatch, withdrawal or
 * publication) are worth a look, but the link works: listed for review.
 */
export const UNCHECKED_RULES: Readonly<Record<string, string>> = {
  'link-unverifiable': 'blocked',
  'link-rate-limited': 'rate-limited',
  'link-timeout': 'timed out',
};

export interface ReportOptions {
  /** The workflow run that produced the findings, linked from the body. */
  runUrl?: string | undefined;
  /** Prefix that turns a finding's file into a link, e.g. `https://github.com/o/r/blob/<sha>/`. */
  fileUrl?: string | undefined;
  /** Rows per table before the rest is cut (an issue body holds at most 65,536 characters). */
  maxRows?: number | undefined;
}

export interface DeadLinkReport {
  title: string;
  /** Markdown, for the issue body and the job summary. */
  body: string;
  hasDead: boolean;
  /**
   * The run found the network unreachable and judged no link: its report must neither open,
   * update nor close the issue (a missing dead link there means nothing).
   */
  unreachable: boolean;
  counts: { dead: number; unchecked: number; hosts: number; review: number };
}

const LINK_RULES = rulesReportedBy('lint-list --links');

/**
 * Findings of the link check, whatever else lint-list reported alongside them: the registry's link
 * rules (an offline arxiv-url or arxiv-id-mismatch finding is not one, whatever its name).
 */
export function isLinkRule(rule: string): boolean {
  return (LINK_RULES as readonly string[]).includes(rule);
}

/** GitHub refuses an issue body longer than 65,536 characters; keep clear of it. */
export const MAX_BODY_LENGTH = 60_000;

export function deadLinkReport(json: LintJsonOutput, options: ReportOptions = {}): DeadLinkReport {
  const links = [...json.findings].filter((f) => isLinkRule(f.rule)).sort(compareFindings);
  const dead = links.filter((f) => DEAD_RULES.includes(f.rule));
  const unchecked = links.filter((f) => Object.hasOwn(UNCHECKED_RULES, f.rule));
  const review = links.filter((f) => !dead.includes(f) && !unchecked.includes(f));
  const hosts = hostTable(unchecked);
  const summary = json.summary.links;
  const network = summary?.network;
  if (network?.unreachable) {
    // Nothing about the links: say why, and leave the issue as it is.
    const body =
      `${REPORT_MARKER}\n\n**The network looked unreachable**: ${network.failed} of ${plural(network.hosts, 'host')} failed at DNS or connect, ` +
      'so no link was judged. The dead-link issue is left as it was; run the link check again later.\n' +
      (options.runUrl ? `\nFrom [this run of the link check](${options.runUrl}).\n` : '');
    return { title: DEAD_LINK_REPORT_TITLE, body, hasDead: false, unreachable: true, counts: { dead: 0, unchecked: 0, hosts: 0, review: 0 } };
  }
  const checked = summary
    ? `Checked ${plural(summary.urls, 'URL')} and ${plural(summary.arxiv.ids, 'arXiv identifier')} ` +
      `(${plural(summary.references, 'link')} in data/ and templates/).`
    : undefined;
  const groups = { dead, unchecked, review, hosts, checked };
  // Fewer rows per table until the body fits in an issue.
  let maxRows = options.maxRows ?? 200;
  let body = renderBody(groups, maxRows, options);
  while (body.length > MAX_BODY_LENGTH && maxRows > 1) {
    maxRows = Math.floor(maxRows / 2);
    body = renderBody(groups, maxRows, options);
  }
  return {
    title: DEAD_LINK_REPORT_TITLE,
    body,
    hasDead: dead.length > 0,
    unreachable: false,
    counts: { dead: dead.length, unchecked: unchecked.length, hosts: hosts.length, review: review.length },
  };
}

interface Groups {
  dead: JsonFinding[];
  unchecked: JsonFinding[];
  review: JsonFinding[];
  hosts: HostRow[];
  /** What the check covered, when lint-list's summary says. */
  checked: string | undefined;
}

function renderBody({ dead, unchecked, review, hosts, checked }: Groups, maxRows: number, options: ReportOptions): string {
  const out: string[] = [REPORT_MARKER];
  const lead =
    dead.length > 0
      ? `**${plural(dead.length, 'dead link')}** in ${plural(new Set(dead.map((f) => f.file)).size, 'file')}.`
      : '**No dead links.**';
  const parts = [lead];
  if (unchecked.length > 0) {
    parts.push(
      `${plural(unchecked.length, 'link')} on ${plural(hosts.length, 'host')} could not be checked ` +
        '(blocked, rate-limited or timed out); they are listed apart and do not count as dead.',
    );
  }
  if (review.length > 0) parts.push(`${plural(review.length, 'finding')} to review.`);
  if (dead.length === 0 && unchecked.length === 0 && review.length === 0) parts.push('Every link answered.');
  out.push('', parts.join(' '));
  if (checked) out.push('', checked);
  if (options.runUrl) out.push('', `From [this run of the link check](${options.runUrl}).`);

  if (dead.length > 0) {
    out.push('', `## Dead links (${dead.length})`, '');
    out.push(...findingTable(dead, maxRows, options.fileUrl));
    out.push(
      '',
      'Correct the URL in the paper file, or remove the paper. If the link is right after all, silence the finding ' +
        'in that file with a reason: `exceptions: [{rule: <rule>, reason: "…"}]`.',
    );
  }
  if (unchecked.length > 0) {
    out.push('', `## Blocked and rate-limited hosts (${plural(unchecked.length, 'link')} on ${plural(hosts.length, 'host')})`, '');
    out.push('These hosts refused or delayed the automated check. They are not dead links; open them in a browser if in doubt.', '');
    out.push('| Host | Links | Why |', '| --- | --- | --- |');
    for (const host of hosts.slice(0, maxRows)) out.push(`| ${cell(host.host)} | ${host.count} | ${host.why.join(', ')} |`);
    out.push('', `<details><summary>The ${plural(unchecked.length, 'link')}</summary>`, '');
    out.push(...findingTable(unchecked, maxRows, options.fileUrl));
    out.push('', '</details>');
  }
  if (review.length > 0) {
    out.push('', `## To review (${review.length})`, '');
    out.push('Not dead, but worth a look: redirects, withdrawn papers, titles that differ from arXiv, published versions.', '');
    out.push(...findingTable(review, maxRows, options.fileUrl));
  }
  return `${out.join('\n')}\n`;
}

function findingTable(findings: readonly JsonFinding[], maxRows: number, fileUrl: string | undefined): string[] {
  const rows = ['| Where | Rule | Problem |', '| --- | --- | --- |'];
  for (const f of findings.slice(0, maxRows)) rows.push(`| ${where(f, fileUrl)} | \`${f.rule}\` | ${cell(f.message)} |`);
  if (findings.length > maxRows) {
    rows.push('', `…and ${findings.length - maxRows} more: run \`npm run lint-list -- --links\` to see them all.`);
  }
  return rows;
}

function where(f: JsonFinding, fileUrl: string | undefined): string {
  const label = `${f.file}:${f.line}`;
  if (!fileUrl) return `\`${label}\``;
  return `[${cell(label)}](${fileUrl}${encodeURI(f.file)}#L${f.line})`;
}

interface HostRow {
  host: string;
  count: number;
  why: string[];
}

/** Hosts that kept the check out, most links first. */
function hostTable(findings: readonly JsonFinding[]): HostRow[] {
  const byHost = new Map<string, HostRow>();
  for (const f of findings) {
    const host = hostOf(f.message);
    const row = byHost.get(host) ?? { host, count: 0, why: [] };
    row.count++;
    const why = f.rule === 'link-timeout' && f.severity === 'error' ? 'timed out twice in a row' : UNCHECKED_RULES[f.rule]!;
    if (!row.why.includes(why)) row.why.push(why);
    byHost.set(host, row);
  }
  return [...byHost.values()].sort((a, b) => b.count - a.count || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
}

/** The host of the first URL in a message (findings carry the URL in their message); the arXiv API for its own checks. */
export function hostOf(message: string): string {
  const match = /https?:\/\/[^\s"'<>`]+/.exec(message);
  if (!match) return /\barXiv\b/.test(message) ? 'arXiv API' : '(no URL in the message)';
  const url = match[0].replace(/[.,:;)\]]+$/, '');
  try {
    return new URL(url).host;
  } catch {
    return '(no URL in the message)';
  }
}

/** Text for a Markdown table cell: one line, no column breaks, no HTML. */
export function cell(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

function compareFindings(a: JsonFinding, b: JsonFinding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

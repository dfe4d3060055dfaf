/** lint-list --links's words and exit code for what the link check (src/links/run.ts) returns. */
import type { LinkSummary, NetworkReach, SummaryState } from '../links/types.js';
import { SUMMARY_STATES } from '../links/types.js';
import { plural } from './format.js';

/** lint-list's exit code when the network looked unreachable and no link was judged (0, 1 and 2 mean what they always mean). */
export const EXIT_NETWORK_UNREACHABLE = 3;

/** The one line that says why no link was judged. */
export function formatUnreachable(network: NetworkReach): string {
  const kinds = (
    [
      [network.dns, 'DNS'],
      [network.refused, 'connection refused'],
      [network.connectTimeout, 'connect timeout'],
      [network.noRoute, 'no route'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${label} ${n}`)
    .join(', ');
  return (
    `the network looks unreachable: ${network.failed} of ${plural(network.hosts, 'host')} failed at DNS or connect (${kinds}); ` +
    'no link is reported dead and the link cache is left as it was. Run the check again once the network is back.'
  );
}

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const STATE_LABEL: Record<SummaryState, string> = {
  ok: 'ok',
  redirected: 'redirected',
  unverifiable: 'unverifiable',
  'rate-limited': 'rate-limited',
  timeout: 'timeout',
  dead: 'dead',
  'private-address': 'private address',
  unreached: 'unreached',
};

/** The table printed after the findings: links checked, requests sent, per state, time. */
export function formatLinkSummary(summary: LinkSummary): string {
  const checked = summary.urls + summary.arxiv.ids;
  const rows: [string, string][] = [
    ['links checked', `${checked}  (${plural(summary.urls, 'URL')}, ${plural(summary.arxiv.ids, 'arXiv id')}; ${plural(summary.references, 'occurrence')})`],
    ['requests sent', `${summary.requests}  (${summary.arxiv.requests} to the arXiv API)`],
    ['from cache', `${summary.cached + summary.arxiv.cached}`],
  ];
  for (const state of SUMMARY_STATES) {
    // Rows that only some runs have: refused private addresses, and links a run with the network down left unjudged.
    if ((state === 'private-address' || state === 'unreached') && summary.states[state] === 0) continue;
    rows.push([STATE_LABEL[state], String(summary.states[state])]);
  }
  if (summary.arxiv.ids > 0) {
    rows.push([
      'arXiv',
      `not found ${summary.arxiv.notFound}, title mismatch ${summary.arxiv.titleMismatch}, withdrawn ${summary.arxiv.withdrawn}, published ${summary.arxiv.published}`,
    ]);
  }
  if (summary.network?.unreachable) rows.push(['network', `unreachable (${summary.network.failed} of ${plural(summary.network.hosts, 'host')} failed); no link judged`]);
  rows.push(['time', duration(summary.elapsedMs)]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const title = summary.changedSince ? `Link check (changed since ${summary.changedSince})` : 'Link check';
  return `${title}\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')}\n`;
}

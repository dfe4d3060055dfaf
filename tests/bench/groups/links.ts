/**
 * The link check, from tests/bench/links.bench.ts: lint-list --links (cold, then with its cache)
 * against markdown-link-check on the same 2,500 links served on loopback, several rounds for medians.
 */
import { markdownTable, percent, seconds, times } from '../lib/format.js';
import { log, type Log } from '../lib/measure.js';
import { tableRow, type GroupReport } from '../lib/report.js';
import { ratio, summarize, type Summary } from '../lib/stats.js';
import { LINKS_SETUP, measureLinks, type LinksRound } from '../links.bench.js';

const { HOSTS, LINKS, ARXIV, DELAY_MS } = LINKS_SETUP;

function cell(s: Summary): string {
  return s.n === 0 ? '–' : `${seconds(s.median)} (${seconds(s.min)}–${seconds(s.max)}, ${percent(s.spread)})`;
}

function mb(s: Summary): string {
  return s.n === 0 ? '–' : `${s.median.toFixed(0)} MB (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
}

/** The same figure in every round, or "a … b" when the rounds disagree. */
function same(values: number[], digits = 0): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? min.toFixed(digits) : `${min.toFixed(digits)} … ${max.toFixed(digits)}`;
}

export async function linksBench(runs: number, say: Log = log): Promise<GroupReport> {
  const measured = await measureLinks({ runs, log: (line) => say(`links: ${line}`) });
  const rounds = measured.rounds;
  const pick = (f: (r: LinksRound) => number | undefined) => rounds.map(f).filter((v): v is number => v !== undefined);
  const coldWall = summarize(pick((r) => r.cold.wallMs));
  const warmWall = summarize(pick((r) => r.warm.wallMs));
  const mlcWall = summarize(pick((r) => r.mlc?.wallMs));
  const coldRss = summarize(pick((r) => r.cold.maxRssMb));
  const warmRss = summarize(pick((r) => r.warm.maxRssMb));
  const mlcRss = summarize(pick((r) => r.mlc?.maxRssMb));
  const hasMlc = mlcWall.n > 0;
  const perLink = (f: (r: LinksRound) => number | undefined) => {
    const v = pick(f);
    return v.length > 0 ? same(v, 3) : '–';
  };
  const table = markdownTable(
    ['', 'lint-list --links, cold', 'lint-list --links, cached', `markdown-link-check ${measured.mlcVersion ?? ''}`.trim()],
    [
      ['wall: median (min–max, spread)', cell(coldWall), cell(warmWall), hasMlc ? cell(mlcWall) : `not measured: ${measured.skipped ?? 'skipped'}`],
      ['markdown-link-check ÷ lint-list (medians)', '', '', hasMlc ? `${times(ratio(mlcWall, coldWall))} cold, ${times(ratio(mlcWall, warmWall))} cached` : '–'],
      [
        'requests to the 20 hosts (2,000 links)',
        same(pick((r) => r.coldCounts.hosts)),
        same(pick((r) => r.warmCounts.hosts)),
        hasMlc ? same(pick((r) => r.mlcCounts?.hosts)) : '–',
      ],
      ['requests for the 500 arXiv ids', `${same(pick((r) => r.coldCounts.api))} to the API`, same(pick((r) => r.warmCounts.api)), hasMlc ? `${same(pick((r) => r.mlcCounts?.abs))} abs-page fetches` : '–'],
      [
        'requests per link, all 2,500',
        perLink((r) => (r.coldCounts.hosts + r.coldCounts.api) / (LINKS + ARXIV)),
        perLink((r) => (r.warmCounts.hosts + r.warmCounts.api) / (LINKS + ARXIV)),
        hasMlc ? perLink((r) => (r.mlcCounts ? (r.mlcCounts.hosts + r.mlcCounts.abs) / (LINKS + ARXIV) : undefined)) : '–',
      ],
      ['peak memory (max RSS of the checking process)', mb(coldRss), mb(warmRss), hasMlc ? mb(mlcRss) : '–'],
      ['findings', same(pick((r) => r.cold.problems)), same(pick((r) => r.warm.problems)), hasMlc ? `${same(pick((r) => (r.mlc ? r.mlc.links - r.mlc.alive : undefined)))} not alive` : '–'],
    ],
  );
  const markdown = [
    `From tests/bench/links.bench.ts, ${rounds.length} round${rounds.length === 1 ? '' : 's'}: ${LINKS} links over ${HOSTS} loopback hosts answering after ${DELAY_MS} ms, plus ${ARXIV} arXiv ids against a fake arXiv API (also ${DELAY_MS} ms; the real 3 s interval between API requests kept).`,
    'Each round: lint-list --links with no cache, again with the cache it wrote, then markdown-link-check (installed into .cache/bench/mlc at bench time) on the same links, the 500 arXiv links as abs pages on a loopback host. Each checker runs in its own process; its peak memory is its own max RSS.',
    'Wall time here is measured inside each checker process, from its start to its result (node start-up excluded), as links.bench.ts always has. Default policy: 16 requests in flight, 2 per host. markdown-link-check checks 2 links at a time (hard-coded).',
    '',
    table,
    ...(measured.skipped ? ['', `Note: ${measured.skipped}.`] : []),
  ].join('\n');
  const row = (label: string, wall: Summary, rss: Summary) => tableRow('links', label, wall, rss.n > 0 ? rss.median * 1024 : undefined, '');
  const rows = [row('lint-list --links, cold', coldWall, coldRss), row('lint-list --links, cached', warmWall, warmRss)];
  if (hasMlc) rows.push(row(`markdown-link-check — ${times(ratio(mlcWall, coldWall))} slower than cold`, mlcWall, mlcRss));
  else rows.push(['links', `markdown-link-check: not measured: ${measured.skipped ?? ''}`, '', '', '', '', '', '']);
  return { id: 'links', markdown, rows, targets: [], failures: [] };
}

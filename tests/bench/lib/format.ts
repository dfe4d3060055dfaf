/** Number formats shared by the stdout table and RESULTS.md. */
import type { Summary } from './stats.js';

export function seconds(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function mib(kb: number): string {
  if (!Number.isFinite(kb)) return '–';
  return `${Math.round(kb / 1024)} MiB`;
}

export function bytes(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(1)} GiB`;
}

export function percent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(0)} %` : '–';
}

export function times(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)}×` : '–';
}

/** "0.52 s (0.50–0.55 s, 10 %)": median, range and spread of wall times. */
export function wallCell(s: Summary | undefined): string {
  if (!s || s.n === 0) return '–';
  return `${seconds(s.median)} (${seconds(s.min)}–${seconds(s.max)}, ${percent(s.spread)})`;
}

/** Peak RSS median and range, in MiB. */
export function rssCell(s: Summary | undefined): string {
  if (!s || s.n === 0) return '–';
  return `${mib(s.median)} (${mib(s.min)}–${mib(s.max)})`;
}

/** A Markdown table; cells are escaped for pipes. */
export function markdownTable(header: string[], rows: string[][]): string {
  const esc = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${header.map(esc).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** A plain-text table aligned in columns, for stdout. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

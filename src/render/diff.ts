import { structuredPatch } from 'diff';
import { codePointName } from '../text/code-point.js';

/** At most this many changed lines are shown per file; drift is summarised, not dumped. */
export const MAX_DIFF_LINES = 40;

/** Longer lines are cut to about this many characters, around what changed in them. */
const MAX_LINE = 200;
/** Characters of a cut line shown, leaving room for its sign and two "...". */
const ROOM = MAX_LINE - 6;

/**
 * `line` (a sign, then text) cut to about MAX_LINE characters around its change, columns `from` to
 * `to`, with "..." where text was left out. A change too long for one window is shown by its start
 * and its end, the middle left out: an entry edited in its title and in its year shows both.
 */
function clip(line: string, from: number, to = from): string {
  if (line.length <= MAX_LINE) return line;
  const start = Math.max(1, Math.min(from - 80, line.length - ROOM));
  const end = Math.min(line.length, start + ROOM);
  const cut = (a: number, b: number) => line.slice(a, b);
  if (to + 10 <= end || end === line.length) return `${line[0]}${start > 1 ? '...' : ''}${cut(start, end)}${end < line.length ? '...' : ''}`;
  const half = Math.floor(ROOM / 2) - 2;
  const headStart = Math.max(1, from - 40);
  const headEnd = headStart + half;
  const tailEnd = Math.min(line.length, to + 40);
  const tailStart = Math.max(headEnd, tailEnd - half);
  const middle = tailStart > headEnd ? '...' : '';
  return `${line[0]}${headStart > 1 ? '...' : ''}${cut(headStart, headEnd)}${middle}${cut(tailStart, tailEnd)}${tailEnd < line.length ? '...' : ''}`;
}

/**
 * Characters a terminal or a CI log would act on (escape sequences, carriage returns) or that cannot
 * be seen (no-break and zero-width spaces, direction marks, Hangul fillers, a byte order mark), as <U+XXXX>: the diff
 * shows what changed, and committed text can neither recolour nor overwrite the lines around it.
 */
const HIDDEN = /[\0-\x08\x0a-\x1f\x7f-\xa0\xad\u034f\u061c\u115f\u1160\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff\uffa0\ufff9-\ufffb]/g;

function visible(line: string): string {
  return line.replace(HIDDEN, (c) => `<${codePointName(c)}>`);
}

/** Where two lines first differ (past their signs). */
function firstDifference(a: string, b: string): number {
  let i = 1;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Where, in `a`, the text it ends with in common with `b` begins (never before `from`). */
function lastDifference(a: string, b: string, from: number): number {
  let i = a.length;
  let j = b.length;
  while (i > from && j > from && a[i - 1] === b[j - 1]) {
    i--;
    j--;
  }
  return i;
}

/** A hunk's lines, each removed line and the added line in its place cut around where they differ. */
function clipHunk(lines: readonly string[]): string[] {
  const out = [...lines];
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]!.startsWith('-')) {
      out[i] = clip(lines[i]!, 1);
      i++;
      continue;
    }
    let removed = i;
    while (removed < lines.length && lines[removed]!.startsWith('-')) removed++;
    let added = removed;
    while (added < lines.length && lines[added]!.startsWith('+')) added++;
    for (let k = i; k < added; k++) {
      const partner = k < removed ? removed + (k - i) : i + (k - removed);
      const paired = k < removed ? partner < added : partner < removed;
      if (!paired) {
        out[k] = clip(lines[k]!, 1);
        continue;
      }
      const from = firstDifference(lines[k]!, lines[partner]!);
      out[k] = clip(lines[k]!, from, lastDifference(lines[k]!, lines[partner]!, from));
    }
    i = added;
  }
  return out;
}

/** A short unified diff from the committed file to what the data gives. */
export function shortDiff(name: string, committed: string | undefined, generated: string): string {
  if (committed === undefined) return `--- ${name} (missing)\n+++ ${name} (generated)\n${name} does not exist; run npm run build-readme.\n`;
  const patch = structuredPatch(`${name} (committed)`, `${name} (generated)`, committed, generated, '', '', { context: 1 });
  const out = [`--- ${name} (committed)`, `+++ ${name} (generated)`];
  let shown = 0;
  let hidden = 0;
  for (const hunk of patch.hunks) {
    const changed = hunk.lines.filter((l) => l.startsWith('+') || l.startsWith('-')).length;
    if (shown >= MAX_DIFF_LINES) {
      hidden += changed;
      continue;
    }
    out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    for (const line of clipHunk(hunk.lines)) {
      out.push(visible(line));
      if (line.startsWith('+') || line.startsWith('-')) shown++;
    }
  }
  if (hidden > 0) out.push(`... and ${hidden} more changed lines`);
  return `${out.join('\n')}\n`;
}

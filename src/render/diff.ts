import { structuredPatch } from 'diff';

/** At most this many changed lines are shown per file; drift is summarised, not dumped. */
export const MAX_DIFF_LINES = 40;

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
    for (const line of hunk.lines) {
      out.push(line.length > 200 ? `${line.slice(0, 197)}...` : line);
      if (line.startsWith('+') || line.startsWith('-')) shown++;
    }
  }
  if (hidden > 0) out.push(`... and ${hidden} more changed lines`);
  return `${out.join('\n')}\n`;
}

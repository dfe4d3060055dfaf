/**
 * Top self-time entries of a V8 CPU profile (node --cpu-prof), to point at where a missed target's
 * time goes. Not part of `npm run bench`; a helper for whoever profiles:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/src/cli/build-readme.js   (in a throwaway copy)
 *   node dist/tests/bench/profile.js /tmp/prof/<file>.cpuprofile [--top 25] [--by function|file|package]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { textTable } from './lib/format.js';
import { ROOT } from './lib/paths.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export type Grouping = 'function' | 'file' | 'package';

function where(url: string): string {
  if (!url) return '';
  let path = url;
  try {
    if (url.startsWith('file:')) path = fileURLToPath(url);
  } catch {
    // Keep the URL as it is.
  }
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

function packageOf(url: string): string {
  const path = where(url);
  if (!path) return '(native / V8)';
  if (path.startsWith('node:')) return 'node internals';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (match) return match[1]!;
  const own = /^dist\/(src\/[^/]+)/.exec(path);
  return own ? own[1]! : path;
}

/** Self time in ms per key, largest first, with the total. */
export function selfTimes(profile: CpuProfile, by: Grouping): { total: number; rows: { key: string; ms: number }[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const sums = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const name = frame.functionName || '(anonymous)';
    const key =
      by === 'function'
        ? frame.url
          ? `${name}  ${where(frame.url)}:${frame.lineNumber + 1}`
          : name
        : by === 'file'
          ? where(frame.url) || name
          : packageOf(frame.url) === '(native / V8)' && name.startsWith('(')
            ? name
            : packageOf(frame.url);
    sums.set(key, (sums.get(key) ?? 0) + ms);
  });
  return { total, rows: [...sums].map(([key, ms]) => ({ key, ms })).sort((a, b) => b.ms - a.ms) };
}

export function formatTop(profile: CpuProfile, by: Grouping, top: number): string {
  const { total, rows } = selfTimes(profile, by);
  return `${textTable(
    ['self ms', '%', by],
    rows.slice(0, top).map((r) => [r.ms.toFixed(0), ((r.ms / total) * 100).toFixed(1), r.key]),
  )}\n(total sampled ${total.toFixed(0)} ms)`;
}

if (process.argv[1] && process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, by: { type: 'string', default: 'function' } } });
  const by = values.by as Grouping;
  if (positionals.length === 0 || !['function', 'file', 'package'].includes(by)) {
    process.stderr.write('Usage: node dist/tests/bench/profile.js <file.cpuprofile> [--top 25] [--by function|file|package]\n');
    process.exit(2);
  }
  for (const file of positionals) {
    process.stdout.write(`${file}\n${formatTop(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, by, Number(values.top))}\n\n`);
  }
}

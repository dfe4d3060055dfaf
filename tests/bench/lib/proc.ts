/**
 * Runs one whole process as the shell would, timing spawn → exit with process.hrtime and taking
 * its peak memory (max RSS) with GNU time (`/usr/bin/time -f %M`) or, where that is missing, from
 * process.resourceUsage() in every node process it starts (rss-preload.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Command {
  /** Row label, unique within a group. */
  label: string;
  /** What is run, for the tables: e.g. `npm run lint-list`. */
  shown: string;
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** Run before each timed run (e.g. emptying a cache); not timed. */
  before?: () => void;
  timeoutMs?: number;
}

export interface ProcResult {
  wallMs: number;
  /** Peak resident memory in KiB (the largest process of the tree), undefined if not measured. */
  rssKb: number | undefined;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export type RssMethod = 'gnu-time' | 'preload';

let method: RssMethod | undefined;

/** GNU time when present and working, else the preload. */
export function rssMethod(): RssMethod {
  if (method) return method;
  method = 'preload';
  if (existsSync('/usr/bin/time')) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-time-'));
    try {
      const out = join(dir, 'rss');
      const probe = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, process.execPath, '-e', '0']);
      if (probe.status === 0 && Number(readFileSync(out, 'utf8').trim().split('\n').pop()) > 0) method = 'gnu-time';
    } catch {
      // Not GNU time: the preload measures instead.
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return method;
}

export function rssMethodText(): string {
  return rssMethod() === 'gnu-time'
    ? 'peak RSS by `/usr/bin/time -f %M` (the largest process of the command, npm included)'
    : 'peak RSS by `process.resourceUsage().maxRSS` in every node process of the command (NODE_OPTIONS=--import a preload; the largest counts)';
}

const PRELOAD = pathToFileURL(fileURLToPath(new URL('./rss-preload.js', import.meta.url))).href;

/** The largest number on its own line (GNU time may add "Command exited with non-zero status N"). */
function largestKb(path: string): number | undefined {
  if (!existsSync(path)) return undefined;
  const values = readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\d+$/.test(l))
    .map(Number);
  return values.length > 0 ? Math.max(...values) : undefined;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const MAX_OUTPUT = 256 * 1024 * 1024;

export async function runProcess(cmd: Command): Promise<ProcResult> {
  cmd.before?.();
  const dir = mkdtempSync(join(tmpdir(), 'bench-rss-'));
  const rssFile = join(dir, 'rss');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...cmd.env };
  let file = cmd.command;
  let args = cmd.args;
  if (rssMethod() === 'gnu-time') {
    file = '/usr/bin/time';
    args = ['-f', '%M', '-o', rssFile, cmd.command, ...cmd.args];
  } else {
    env.BENCH_RSS_FILE = rssFile;
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${PRELOAD}`.trim();
  }
  try {
    return await new Promise<ProcResult>((resolvePromise, reject) => {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      let timedOut = false;
      let wallMs = 0;
      const start = process.hrtime.bigint();
      // Its own process group, so a timeout ends npm and the node it started together.
      const child = spawn(file, args, { cwd: cmd.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const keep = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_OUTPUT) into.push(chunk);
      };
      child.stdout.on('data', keep(out));
      child.stderr.on('data', keep(err));
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, cmd.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('exit', () => {
        wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolvePromise({
          wallMs,
          rssKb: largestKb(rssFile),
          code,
          signal,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          timedOut,
        });
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

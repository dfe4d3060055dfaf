/**
 * Repeated runs of whole processes: one warm-up of each command (file cache, compile cache, the
 * anchor cache of lint-list), then `runs` rounds. Commands of a group take turns within each round,
 * so a change of load on a shared machine hits all of them alike and their ratios stay fair.
 */
import { runProcess, type Command, type ProcResult } from './proc.js';
import { summarize, type Summary } from './stats.js';

export interface Series {
  command: Command;
  warmup: ProcResult;
  results: ProcResult[];
  wall: Summary;
  rss: Summary | undefined;
  /** Distinct exit codes of the timed runs, e.g. "0" or "0, 1". */
  exits: string;
  /** Last timed run: its output is what the group checks. */
  last: ProcResult;
}

export type Log = (line: string) => void;

export const log: Log = (line) => process.stderr.write(`bench: ${line}\n`);

function exitText(r: ProcResult): string {
  if (r.timedOut) return 'timeout';
  if (r.signal) return r.signal;
  return String(r.code);
}

export function series(command: Command, warmup: ProcResult, results: ProcResult[]): Series {
  const rss = results.map((r) => r.rssKb).filter((v): v is number => v !== undefined);
  return {
    command,
    warmup,
    results,
    wall: summarize(results.map((r) => r.wallMs)),
    rss: rss.length > 0 ? summarize(rss) : undefined,
    exits: [...new Set(results.map(exitText))].join(', '),
    last: results[results.length - 1] ?? warmup,
  };
}

/** `warmup: false` skips the warm-up round (for commands that take minutes); the series' warmup is then its first run. */
export async function measure(commands: readonly Command[], runs: number, say: Log = log, options: { warmup?: boolean } = {}): Promise<Map<string, Series>> {
  const warmups = new Map<string, ProcResult>();
  const results = new Map<string, ProcResult[]>(commands.map((c) => [c.label, []]));
  for (const c of options.warmup === false ? [] : commands) {
    say(`warm-up: ${c.shown}`);
    warmups.set(c.label, await runProcess(c));
  }
  for (let round = 1; round <= runs; round++) {
    say(`round ${round}/${runs}: ${commands.map((c) => c.label).join(', ')}`);
    for (const c of commands) results.get(c.label)!.push(await runProcess(c));
  }
  return new Map(commands.map((c) => [c.label, series(c, warmups.get(c.label) ?? results.get(c.label)![0]!, results.get(c.label)!)]));
}

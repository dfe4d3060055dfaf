import type { LinkState, WaitEvent } from './types.js';

/**
 * A one-line progress bar on stderr, only when stderr is a terminal; CI logs get nothing of it.
 * Waits (retries, paused hosts) are told as lines of their own, on a terminal or not: a run that
 * sits still says what it waits for.
 */

export interface ProgressBar {
  update(done: number, total: number, states: Readonly<Record<LinkState, number>>): void;
  /** A line of its own above the bar (the bar is redrawn under it). */
  note(line: string): void;
  /** Erase the bar, so the findings print on a clean line. */
  finish(): void;
}

/** "4 s", "0.8 s", "30 s": tenths only where they matter. */
export function waitSeconds(ms: number): string {
  if (ms >= 10_000 || ms % 1000 === 0) return `${Math.round(ms / 1000)} s`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Pure: the line that says what the run waits for. */
export function formatWait(event: WaitEvent): string {
  if (event.kind === 'pause') return `waiting ${waitSeconds(event.delayMs)} for ${event.host} (${event.reason})`;
  return `retrying ${event.target} in ${waitSeconds(event.delayMs)} (${event.reason}, attempt ${event.attempt} of ${event.attempts})`;
}

const SHORT: Partial<Record<LinkState, string>> = {
  dead: 'dead',
  redirected: 'moved',
  unverifiable: 'unverif.',
  'rate-limited': '429',
  timeout: 'timeout',
  'private-address': 'private',
};

/** Pure: the bar's text for a given state of the run. */
export function renderProgress(done: number, total: number, states: Readonly<Record<LinkState, number>>, width = 24): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  const counts = Object.entries(SHORT)
    .filter(([state]) => states[state as LinkState] > 0)
    .map(([state, label]) => `${label} ${states[state as LinkState]}`)
    .join(', ');
  return `links [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${counts ? `  ${counts}` : ''}`;
}

export function createProgressBar(stream: { write(text: string): unknown; isTTY?: boolean }, enabled: boolean, now: () => number = Date.now): ProgressBar {
  if (!enabled) return { update() {}, note: (line) => void stream.write(`${line}\n`), finish() {} };
  let last = -Infinity;
  let drawn: string | undefined;
  return {
    update(done, total, states) {
      // Redraw at most ten times a second, and always at the end.
      const t = now();
      if (done < total && t - last < 100) return;
      last = t;
      drawn = renderProgress(done, total, states);
      stream.write(`\r\u001B[2K${drawn}`);
    },
    note(line) {
      stream.write(`\r\u001B[2K${line}\n${drawn ?? ''}`);
    },
    finish() {
      if (drawn !== undefined) stream.write('\r\u001B[2K');
      drawn = undefined;
    },
  };
}

import type { LinkState } from './types.js';

/** A one-line progress bar on stderr, only when stderr is a terminal; CI logs get nothing. */

export interface ProgressBar {
  update(done: number, total: number, states: Readonly<Record<LinkState, number>>): void;
  /** Erase the bar, so the findings print on a clean line. */
  finish(): void;
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
  if (!enabled) return { update() {}, finish() {} };
  let last = -Infinity;
  let drawn = false;
  return {
    update(done, total, states) {
      // Redraw at most ten times a second, and always at the end.
      const t = now();
      if (done < total && t - last < 100) return;
      last = t;
      drawn = true;
      stream.write(`\r\u001B[2K${renderProgress(done, total, states)}`);
    },
    finish() {
      if (drawn) stream.write('\r\u001B[2K');
    },
  };
}

import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from './types.js';

/** Real time. Tests pass a virtual clock instead, so no test waits for a real interval. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    if (ms > 0) await delay(ms);
  },
  random: () => Math.random(),
};

import pLimit, { type LimitFunction } from 'p-limit';
import { policyFor, type LinkPolicy } from './policy.js';
import type { Clock } from './types.js';

/**
 * Enforces the politeness policy: a global limit on requests in flight, a per-host limit, a
 * per-host minimum interval between request starts, and pauses after a 429.
 */
export interface Scheduler {
  /** Run one request to `host` (host[:port]) once the limits and the host's interval allow. */
  run<T>(host: string, hostname: string, send: () => Promise<T>): Promise<T>;
  /**
   * Hold every request to `host` until `untilMs` (after a 429, instead of hammering it). True when
   * the host was not already held: a new pause, worth telling.
   */
  pause(host: string, untilMs: number): boolean;
}

interface HostState {
  limit: LimitFunction;
  intervalMs: number;
  /** Earliest start of the next request (interval reservations). */
  nextAt: number;
  pausedUntil: number;
}

export function createScheduler(policy: LinkPolicy, clock: Clock): Scheduler {
  const global = pLimit(policy.concurrency);
  const hosts = new Map<string, HostState>();

  function stateOf(host: string, hostname: string): HostState {
    let state = hosts.get(host);
    if (!state) {
      const hp = policyFor(policy, hostname);
      state = { limit: pLimit(hp.concurrency), intervalMs: hp.intervalMs, nextAt: 0, pausedUntil: 0 };
      hosts.set(host, state);
    }
    return state;
  }

  async function gate(state: HostState): Promise<void> {
    const now = clock.now();
    const at = Math.max(now, state.nextAt, state.pausedUntil);
    // Reserve the start time before sleeping, so waiters queue behind each other instead of waking together.
    state.nextAt = at + state.intervalMs;
    if (at > now) await clock.sleep(at - now);
    // A 429 seen meanwhile pauses the host further (bounded, in case a test clock stands still).
    for (let round = 0; round < 8 && state.pausedUntil > clock.now(); round++) {
      state.nextAt = Math.max(state.nextAt, state.pausedUntil + state.intervalMs);
      await clock.sleep(state.pausedUntil - clock.now());
    }
  }

  return {
    run(host, hostname, send) {
      const state = stateOf(host, hostname);
      // Wait for the host first, then for a global slot, so an interval never holds a global slot idle.
      return state.limit(async () => {
        await gate(state);
        return global(send);
      });
    },
    pause(host, untilMs) {
      const state = hosts.get(host);
      if (!state) return false;
      const fresh = state.pausedUntil <= clock.now();
      state.pausedUntil = Math.max(state.pausedUntil, untilMs);
      return fresh;
    },
  };
}

import { PRIVATE_ADDRESS_CODE } from './address.js';
import type { Attempt } from './classify.js';
import type { NetworkReach } from './types.js';

/**
 * Tells a dead host from a dead network. Every request's outcome is tallied by host name; a host
 * "failed at the network" when nothing of it was ever reached: no HTTP answer, no socket
 * connected, every attempt ending in a DNS failure, a refused or timed-out connect, or no route.
 * When most of the hosts asked in one run failed that way, the run says the network looks
 * unreachable instead of calling their links dead.
 */

/** Fewer failed hosts than this never make a run "unreachable": two dead hosts are just two dead hosts. */
export const UNREACHABLE_MIN_HOSTS = 3;
/** More than this share of the hosts asked must have failed at the network. A real list loses a few hosts a week, not three in four. */
export const UNREACHABLE_SHARE = 0.75;

export type NetworkFailure = 'dns' | 'refused' | 'connect-timeout' | 'no-route';

const DNS_CODES = new Set(['ENOTFOUND', 'ENODATA', 'EAI_AGAIN', 'EAI_FAIL', 'ESERVFAIL']);
const NO_ROUTE_CODES = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN']);
/** Timeouts that may have struck before or after the socket connected: which one is told by the dispatcher's connect events. */
const AMBIGUOUS_TIMEOUTS = new Set(['LINKCHECK_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT']);

/** What a failed request says about the network, or undefined when the host was reached (TLS errors, resets, …). */
export function networkFailureOf(code: string): NetworkFailure | 'timeout' | undefined {
  if (DNS_CODES.has(code)) return 'dns';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect-timeout';
  if (NO_ROUTE_CODES.has(code)) return 'no-route';
  if (AMBIGUOUS_TIMEOUTS.has(code)) return 'timeout';
  return undefined;
}

interface HostState {
  /** An HTTP answer came back, a socket connected, or an error showed the host was reached. */
  reached: boolean;
  /** The first network failure seen, for the per-kind counts. */
  failure?: NetworkFailure;
}

export interface ReachTally {
  /** Record one request's outcome against the host name it went to. */
  record(hostname: string, attempt: Attempt): void;
  /** A socket to the host connected (from the dispatcher's `connect` event). */
  connected(hostname: string): void;
  result(): NetworkReach;
}

export function createReachTally(): ReachTally {
  const hosts = new Map<string, HostState>();
  const stateOf = (hostname: string) => {
    const key = hostname.toLowerCase().replace(/^\[|\]$/g, '');
    let state = hosts.get(key);
    if (!state) {
      state = { reached: false };
      hosts.set(key, state);
    }
    return state;
  };
  return {
    record(hostname, attempt) {
      // Refused before any byte left the machine: says nothing about the network.
      if (attempt.kind === 'error' && attempt.code === PRIVATE_ADDRESS_CODE) return;
      const state = stateOf(hostname);
      if (attempt.kind === 'response') {
        state.reached = true;
        return;
      }
      const failure = networkFailureOf(attempt.code);
      if (failure === undefined) state.reached = true;
      // A timeout on a socket that never connected is a timeout at connect.
      else state.failure ??= failure === 'timeout' ? 'connect-timeout' : failure;
    },
    connected(hostname) {
      stateOf(hostname).reached = true;
    },
    result() {
      return judgeReach([...hosts.values()]);
    },
  };
}

/** Pure: the counts and the verdict over the hosts of one run. */
export function judgeReach(hosts: readonly { reached: boolean; failure?: NetworkFailure | undefined }[]): NetworkReach {
  const reach: NetworkReach = { hosts: hosts.length, failed: 0, dns: 0, refused: 0, connectTimeout: 0, noRoute: 0, unreachable: false };
  for (const host of hosts) {
    if (host.reached || host.failure === undefined) continue;
    reach.failed++;
    if (host.failure === 'dns') reach.dns++;
    else if (host.failure === 'refused') reach.refused++;
    else if (host.failure === 'connect-timeout') reach.connectTimeout++;
    else reach.noRoute++;
  }
  reach.unreachable = reach.failed >= UNREACHABLE_MIN_HOSTS && reach.failed > UNREACHABLE_SHARE * reach.hosts;
  return reach;
}

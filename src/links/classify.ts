import { STATUS_CODES } from 'node:http';
import { PRIVATE_ADDRESS_CODE } from './address.js';
import type { LinkState } from './types.js';

/**
 * Pure verdicts over what one request gave: a response (status and headers) or an error code.
 * The fetch stage decides what to retry; this stage decides what a final answer means.
 */

export type Headers = Record<string, string | string[] | undefined>;

export type Attempt =
  | { kind: 'response'; status: number; headers: Headers }
  | { kind: 'error'; code: string; message: string };

export interface Verdict {
  state: LinkState;
  detail: string;
}

export function header(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function statusText(status: number): string {
  if (status === 999) return '999 (LinkedIn bot wall)';
  const text = STATUS_CODES[status];
  return text ? `${status} ${text}` : String(status);
}

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
export const PERMANENT_REDIRECTS: ReadonlySet<number> = new Set([301, 308]);

/** A challenge page is not an answer about the link: the host just won't talk to robots. */
export function isBotWall(status: number, headers: Headers): boolean {
  if (header(headers, 'cf-mitigated') === 'challenge') return true;
  return status === 401 || status === 403 || status === 999;
}

/** The meaning of a final (non-redirect) response. */
export function classifyResponse(status: number, headers: Headers): Verdict {
  if (isBotWall(status, headers)) {
    const why = header(headers, 'cf-mitigated') === 'challenge' ? 'a Cloudflare challenge' : statusText(status);
    return { state: 'unverifiable', detail: `the host blocks automated requests (${why})` };
  }
  if (status >= 200 && status < 400) return { state: 'ok', detail: statusText(status) };
  if (status === 404 || status === 410) return { state: 'dead', detail: statusText(status) };
  if (status === 429) return { state: 'rate-limited', detail: statusText(status) };
  if (status === 408) return { state: 'timeout', detail: statusText(status) };
  // Other 4xx and persistent 5xx say something is off but not that the page is gone.
  return { state: 'unverifiable', detail: `the server answered ${statusText(status)}` };
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'LINKCHECK_TIMEOUT']);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH']);

export function isTimeoutCode(code: string): boolean {
  return TIMEOUT_CODES.has(code);
}

/** The meaning of a request that got no response at all. */
export function classifyError(code: string, message: string): Verdict {
  if (code === PRIVATE_ADDRESS_CODE) return { state: 'private-address', detail: message };
  if (isTimeoutCode(code)) return { state: 'timeout', detail: 'no answer in time' };
  if (code === 'ENOTFOUND' || code === 'ENODATA') return { state: 'dead', detail: 'the host name does not resolve (DNS)' };
  if (code === 'ECONNREFUSED') return { state: 'dead', detail: 'connection refused' };
  if (DROPPED_CODES.has(code)) return { state: 'dead', detail: `connection dropped (${code})` };
  if (code === 'EAI_AGAIN') return { state: 'unverifiable', detail: 'DNS lookup failed temporarily' };
  // TLS problems (expired or mismatched certificates) and the like: worth a look, not proof of death.
  return { state: 'unverifiable', detail: `${code}: ${message}` };
}

const ERROR_REASONS: Record<string, string> = {
  ECONNRESET: 'connection reset',
  EPIPE: 'connection broken',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CLOSED: 'connection closed',
  ECONNABORTED: 'connection aborted',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ECONNREFUSED: 'connection refused',
  EAI_AGAIN: 'DNS lookup failed temporarily',
};

/** Why a retry or a wait happens, in a few words: "503", "429, Retry-After", "connection reset". */
export function retryReason(attempt: Attempt, retryAfter: boolean): string {
  if (attempt.kind === 'response') return `${attempt.status}${retryAfter ? ', Retry-After' : ''}`;
  if (isTimeoutCode(attempt.code)) return 'no answer in time';
  return ERROR_REASONS[attempt.code] ?? attempt.code;
}

/** Whether a retry might help: server errors, 408, 429, timeouts and dropped connections. */
export function isRetryable(attempt: Attempt): boolean {
  if (attempt.kind === 'response') {
    // 501 means "HEAD not implemented": no retry will change that.
    return (attempt.status >= 500 && attempt.status !== 501) || attempt.status === 408 || attempt.status === 429;
  }
  return isTimeoutCode(attempt.code) || DROPPED_CODES.has(attempt.code) || attempt.code === 'ECONNREFUSED' || attempt.code === 'EAI_AGAIN';
}

/**
 * Whether HEAD's answer may be the server mishandling HEAD, so GET deserves a try: 405/501, other
 * client and server errors (some servers 404 or 403 every HEAD), and dropped connections. Not for
 * 429 and challenges (that would hammer), timeouts (GET would wait as long) or DNS and refusals
 * (GET would repeat them).
 */
export function headNeedsGet(attempt: Attempt): boolean {
  if (attempt.kind === 'response') {
    // A Cloudflare challenge or LinkedIn's 999 answers GET the same way: asking again only hammers.
    if (attempt.status === 999 || header(attempt.headers, 'cf-mitigated') === 'challenge') return false;
    return attempt.status >= 400 && attempt.status !== 429 && attempt.status !== 408;
  }
  return DROPPED_CODES.has(attempt.code);
}

export function isSuccess(attempt: Attempt): boolean {
  return attempt.kind === 'response' && attempt.status >= 200 && attempt.status < 400;
}

/** Retry-After in milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Exponential backoff with jitter: between half and all of base·2^n, capped. */
export function backoffDelay(retry: number, baseMs: number, random: () => number, capMs = 60_000): number {
  const step = Math.min(capMs, baseMs * 2 ** retry);
  return Math.round(step / 2 + (random() * step) / 2);
}

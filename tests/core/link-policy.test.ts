import { describe, expect, it } from 'vitest';
import { PRIVATE_ADDRESS_CODE } from '../../src/links/address.js';
import {
  backoffDelay,
  classifyError,
  classifyResponse,
  header,
  headNeedsGet,
  isBotWall,
  isRetryable,
  isSuccess,
  isTimeoutCode,
  parseRetryAfter,
  PERMANENT_REDIRECTS,
  retryReason,
  REDIRECT_STATUSES,
  statusText,
  type Attempt,
  type Headers,
} from '../../src/links/classify.js';

/**
 * The link policy as one table: what a final answer means (state and detail), whether the fetch
 * stage retries it, whether a HEAD answer sends it on to GET, and whether it counts as success.
 */
const CHALLENGE: Headers = { 'cf-mitigated': 'challenge' };
const BLOCKED = 'the host blocks automated requests';

describe('link policy: a response, status × headers → state, detail, retry, HEAD→GET, success', () => {
  it.each<[number, Headers, string, string, boolean, boolean, boolean]>([
    // status, headers, state, detail, retried, HEAD falls back to GET, success
    [199, {}, 'unverifiable', 'the server answered 199', false, false, false],
    [200, {}, 'ok', '200 OK', false, false, true],
    [204, {}, 'ok', '204 No Content', false, false, true],
    [301, {}, 'ok', '301 Moved Permanently', false, false, true],
    [399, {}, 'ok', '399', false, false, true],
    [400, {}, 'unverifiable', 'the server answered 400 Bad Request', false, true, false],
    [401, {}, 'unverifiable', `${BLOCKED} (401 Unauthorized)`, false, true, false],
    [402, {}, 'unverifiable', 'the server answered 402 Payment Required', false, true, false],
    [403, {}, 'unverifiable', `${BLOCKED} (403 Forbidden)`, false, true, false],
    [403, CHALLENGE, 'unverifiable', `${BLOCKED} (a Cloudflare challenge)`, false, false, false],
    [403, { 'cf-mitigated': ['challenge'] }, 'unverifiable', `${BLOCKED} (a Cloudflare challenge)`, false, false, false],
    [403, { 'cf-mitigated': 'managed' }, 'unverifiable', `${BLOCKED} (403 Forbidden)`, false, true, false],
    [503, CHALLENGE, 'unverifiable', `${BLOCKED} (a Cloudflare challenge)`, true, false, false],
    [404, {}, 'dead', '404 Not Found', false, true, false],
    [405, {}, 'unverifiable', 'the server answered 405 Method Not Allowed', false, true, false],
    [407, {}, 'unverifiable', 'the server answered 407 Proxy Authentication Required', false, true, false],
    [408, {}, 'timeout', '408 Request Timeout', true, false, false],
    [409, {}, 'unverifiable', 'the server answered 409 Conflict', false, true, false],
    [410, {}, 'dead', '410 Gone', false, true, false],
    [411, {}, 'unverifiable', 'the server answered 411 Length Required', false, true, false],
    [428, {}, 'unverifiable', 'the server answered 428 Precondition Required', false, true, false],
    [429, {}, 'rate-limited', '429 Too Many Requests', true, false, false],
    [430, {}, 'unverifiable', 'the server answered 430', false, true, false],
    [499, {}, 'unverifiable', 'the server answered 499', false, true, false],
    [500, {}, 'unverifiable', 'the server answered 500 Internal Server Error', true, true, false],
    [501, {}, 'unverifiable', 'the server answered 501 Not Implemented', false, true, false],
    [502, {}, 'unverifiable', 'the server answered 502 Bad Gateway', true, true, false],
    [503, {}, 'unverifiable', 'the server answered 503 Service Unavailable', true, true, false],
    [999, {}, 'unverifiable', `${BLOCKED} (999 (LinkedIn bot wall))`, true, false, false],
  ])('%i %j → %s "%s", retried %s, HEAD→GET %s, success %s', (status, headers, state, detail, retried, needsGet, success) => {
    const attempt: Attempt = { kind: 'response', status, headers };
    expect(classifyResponse(status, headers)).toEqual({ state, detail });
    expect(isRetryable(attempt)).toBe(retried);
    expect(headNeedsGet(attempt)).toBe(needsGet);
    expect(isSuccess(attempt)).toBe(success);
  });
});

describe('link policy: no response, error code → state, detail, retry, HEAD→GET', () => {
  const timeouts = ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'LINKCHECK_TIMEOUT'];
  const dropped = ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH'];
  it.each<[string, string, string, boolean, boolean]>([
    // code, state, detail, retried, HEAD falls back to GET
    [PRIVATE_ADDRESS_CODE, 'private-address', 'the message as given', false, false],
    ...timeouts.map((code): [string, string, string, boolean, boolean] => [code, 'timeout', 'no answer in time', true, false]),
    ['ENOTFOUND', 'dead', 'the host name does not resolve (DNS)', false, false],
    ['ENODATA', 'dead', 'the host name does not resolve (DNS)', false, false],
    ['ECONNREFUSED', 'dead', 'connection refused', true, false],
    ...dropped.map((code): [string, string, string, boolean, boolean] => [code, 'dead', `connection dropped (${code})`, true, true]),
    ['EAI_AGAIN', 'unverifiable', 'DNS lookup failed temporarily', true, false],
    ['CERT_HAS_EXPIRED', 'unverifiable', 'CERT_HAS_EXPIRED: the message as given', false, false],
  ])('%s → %s "%s", retried %s, HEAD→GET %s', (code, state, detail, retried, needsGet) => {
    const attempt: Attempt = { kind: 'error', code, message: 'the message as given' };
    expect(classifyError(code, 'the message as given')).toEqual({ state, detail });
    expect(isRetryable(attempt)).toBe(retried);
    expect(headNeedsGet(attempt)).toBe(needsGet);
    expect(isSuccess(attempt)).toBe(false);
    expect(isTimeoutCode(code)).toBe(timeouts.includes(code));
  });
});

describe('link policy: helpers', () => {
  it('reads a header whatever the case of the name asked for, and the first of repeated values', () => {
    expect(header({ 'retry-after': '5' }, 'Retry-After')).toBe('5');
    expect(header({ 'retry-after': ['7', '9'] }, 'retry-after')).toBe('7');
    expect(header({}, 'retry-after')).toBeUndefined();
  });

  it('names a status by its code and reason phrase; an unknown status by its number', () => {
    expect(statusText(200)).toBe('200 OK');
    expect(statusText(999)).toBe('999 (LinkedIn bot wall)');
    expect(statusText(599)).toBe('599');
  });

  it('treats 401, 403, 999 and a Cloudflare challenge as a bot wall, nothing else', () => {
    expect([401, 403, 999].map((s) => isBotWall(s, {}))).toEqual([true, true, true]);
    expect([400, 402, 404, 429, 500, 998].map((s) => isBotWall(s, {}))).toEqual([false, false, false, false, false, false]);
    expect(isBotWall(200, CHALLENGE)).toBe(true);
  });

  it('follows exactly 301, 302, 303, 307 and 308, and treats only 301 and 308 as permanent', () => {
    expect([...REDIRECT_STATUSES]).toEqual([301, 302, 303, 307, 308]);
    expect([...PERMANENT_REDIRECTS]).toEqual([301, 308]);
  });

  it.each<[string | undefined, number, number | undefined]>([
    [undefined, 0, undefined],
    ['120', 0, 120_000],
    [' 120 ', 0, 120_000],
    ['0', 5_000, 0],
    // The seconds form is anchored: digits with anything around them are not seconds.
    ['120abc', 0, undefined],
    ['abc120', 0, undefined],
    ['soon', 0, undefined],
    ['Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'), 10_000],
    // A date already past means "now", never a negative wait.
    ['Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:28:10 GMT'), 0],
  ])('Retry-After %j at %i → %s ms', (value, now, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it.each<[number, number, number, number | undefined, number]>([
    // retry, base, random, cap, delay: between half and all of base·2^retry, capped
    [0, 1000, 0, undefined, 500],
    [0, 1000, 0.25, undefined, 625],
    [1, 1000, 0.5, undefined, 1500],
    [2, 1000, 1, undefined, 4000],
    [20, 1000, 1, undefined, 60_000],
    [20, 1000, 0, undefined, 30_000],
    [3, 1000, 1, 5000, 5000],
    [0, 3, 0, undefined, 2],
  ])('backoff for retry %i, base %i, random %d, cap %s → %i ms', (retry, base, random, cap, expected) => {
    expect(backoffDelay(retry, base, () => random, cap)).toBe(expected);
  });
});

describe('retryReason: why a retry or a wait happens, in a few words', () => {
  const error = (code: string): Attempt => ({ kind: 'error', code, message: 'the message as given' });
  it.each<[string, Attempt, boolean, string]>([
    ['a status', { kind: 'response', status: 503, headers: {} }, false, '503'],
    ['a status with Retry-After', { kind: 'response', status: 429, headers: {} }, true, '429, Retry-After'],
    ['a timeout', error('UND_ERR_HEADERS_TIMEOUT'), false, 'no answer in time'],
    ['a timeout, Retry-After or not', error('ETIMEDOUT'), true, 'no answer in time'],
    ['ECONNRESET', error('ECONNRESET'), false, 'connection reset'],
    ['EPIPE', error('EPIPE'), false, 'connection broken'],
    ['UND_ERR_SOCKET', error('UND_ERR_SOCKET'), false, 'connection closed'],
    ['UND_ERR_CLOSED', error('UND_ERR_CLOSED'), false, 'connection closed'],
    ['ECONNABORTED', error('ECONNABORTED'), false, 'connection aborted'],
    ['EHOSTUNREACH', error('EHOSTUNREACH'), false, 'no route to host'],
    ['ENETUNREACH', error('ENETUNREACH'), false, 'network unreachable'],
    ['ECONNREFUSED', error('ECONNREFUSED'), false, 'connection refused'],
    ['EAI_AGAIN', error('EAI_AGAIN'), false, 'DNS lookup failed temporarily'],
    ['a code it has no words for', error('EPROTO'), false, 'EPROTO'],
  ])('%s', (_case, attempt, retryAfter, reason) => {
    expect(retryReason(attempt, retryAfter)).toBe(reason);
  });
});

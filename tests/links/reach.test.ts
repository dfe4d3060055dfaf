import { describe, expect, it } from 'vitest';
import { formatUnreachable } from '../../src/cli/lint-list-links.js';
import { createProgressBar, formatWait, waitSeconds } from '../../src/links/progress.js';
import { createReachTally, judgeReach, networkFailureOf, type NetworkFailure } from '../../src/links/reach.js';
import { LINK_STATES, type LinkState } from '../../src/links/types.js';

const down = (failure: NetworkFailure) => ({ reached: false, failure });
const up = { reached: true };

describe('judging the network', () => {
  it.each([
    // [failed hosts, hosts reached, unreachable?]
    [1, 2, false], // three hosts, one dead: a dead host
    [2, 0, false], // too few hosts to say anything about the network
    [3, 0, true],
    [3, 1, false], // three of four is not more than three quarters
    [4, 1, true],
    [30, 10, false],
    [31, 9, true],
  ])('%i failed and %i reached: unreachable %s', (failed, reached, expected) => {
    const hosts = [...Array.from({ length: failed }, () => down('dns')), ...Array.from({ length: reached }, () => up)];
    expect(judgeReach(hosts).unreachable).toBe(expected);
  });

  it('counts failed hosts by kind', () => {
    expect(judgeReach([down('dns'), down('dns'), down('refused'), down('connect-timeout'), down('no-route'), up, up])).toEqual({
      hosts: 7,
      failed: 5,
      dns: 2,
      refused: 1,
      connectTimeout: 1,
      noRoute: 1,
      unreachable: false,
    });
  });

  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'refused'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connect-timeout'],
    ['ENETUNREACH', 'no-route'],
    ['EHOSTUNREACH', 'no-route'],
    ['LINKCHECK_TIMEOUT', 'timeout'],
    ['ECONNRESET', undefined],
    ['CERT_HAS_EXPIRED', undefined],
  ])('%s is %s', (code, expected) => {
    expect(networkFailureOf(code)).toBe(expected);
  });

  it('a host is reached once it answers, connects, or fails past the connect; private addresses are not counted', () => {
    const tally = createReachTally();
    const error = (code: string) => ({ kind: 'error' as const, code, message: code });
    tally.record('dns.test', error('ENOTFOUND'));
    tally.record('flaky.test', error('ECONNREFUSED'));
    tally.record('flaky.test', { kind: 'response', status: 503, headers: {} });
    tally.record('silent.test', error('LINKCHECK_TIMEOUT'));
    tally.record('slow.test', error('LINKCHECK_TIMEOUT'));
    tally.connected('SLOW.test');
    tally.record('tls.test', error('CERT_HAS_EXPIRED'));
    tally.record('private.test', error('ERR_LINKCHECK_PRIVATE_ADDRESS'));
    tally.record('[::1]', error('ECONNREFUSED'));
    tally.connected('::1');
    expect(tally.result()).toEqual({ hosts: 6, failed: 2, dns: 1, refused: 0, connectTimeout: 1, noRoute: 0, unreachable: false });
  });

  it('says what failed, by kind', () => {
    expect(formatUnreachable({ hosts: 40, failed: 38, dns: 30, refused: 0, connectTimeout: 8, noRoute: 0, unreachable: true })).toBe(
      'the network looks unreachable: 38 of 40 hosts failed at DNS or connect (DNS 30, connect timeout 8); ' +
        'no link is reported dead and the link cache is left as it was. Run the check again once the network is back.',
    );
  });
});

describe('telling waits', () => {
  it('formats retries and pauses', () => {
    expect(formatWait({ kind: 'pause', host: 'export.arxiv.org', delayMs: 30_000, reason: '429, Retry-After' })).toBe('waiting 30 s for export.arxiv.org (429, Retry-After)');
    expect(formatWait({ kind: 'retry', target: 'https://example.org/a', delayMs: 4000, reason: 'connection reset', attempt: 2, attempts: 3 })).toBe(
      'retrying https://example.org/a in 4 s (connection reset, attempt 2 of 3)',
    );
    expect([waitSeconds(750), waitSeconds(1500), waitSeconds(12_345), waitSeconds(0)]).toEqual(['0.8 s', '1.5 s', '12 s', '0 s']);
  });

  it('on a terminal, a wait line goes above the bar and the bar is drawn again', () => {
    const written: string[] = [];
    const states = Object.fromEntries(LINK_STATES.map((s) => [s, 0])) as Record<LinkState, number>;
    const bar = createProgressBar({ write: (t: string) => written.push(t), isTTY: true }, true, () => 0);
    bar.update(1, 4, states);
    bar.note('waiting 30 s for github.com (429)');
    bar.finish();
    expect(written).toEqual([
      '\r\u001B[2Klinks [######..................] 1/4',
      '\r\u001B[2Kwaiting 30 s for github.com (429)\nlinks [######..................] 1/4',
      '\r\u001B[2K',
    ]);
  });

  it('without a terminal, only the wait lines are written', () => {
    const written: string[] = [];
    const states = Object.fromEntries(LINK_STATES.map((s) => [s, 0])) as Record<LinkState, number>;
    const bar = createProgressBar({ write: (t: string) => written.push(t), isTTY: false }, false);
    bar.update(1, 4, states);
    bar.note('retrying https://a.org/ in 1 s (503, attempt 2 of 3)');
    bar.finish();
    expect(written).toEqual(['retrying https://a.org/ in 1 s (503, attempt 2 of 3)\n']);
  });
});

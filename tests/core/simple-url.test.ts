import { describe, expect, it } from 'vitest';
import { parsedUrl, simpleUrlParts } from '../../src/text/arxiv.js';
import { urlKey } from '../../src/lint/normalize.js';

/**
 * parsedUrl skips `new URL` for links of a simple form. Wherever it does, the parts must be exactly
 * what the WHATWG parser gives: checked here against Node's own URL on every mix of awkward pieces.
 */

function reference(text: string): { hostname: string; port: string; pathname: string; search: string } | undefined {
  try {
    const url = new URL(text);
    return { hostname: url.hostname, port: url.port, pathname: url.pathname, search: url.search };
  } catch {
    return undefined;
  }
}

const SCHEMES = ['https://', 'http://', 'HTTPS://', 'ftp://', 'https:/', 'https:///', ' https://', 'https:\\\\'];
const HOSTS = [
  'arxiv.org', 'www.arxiv.org', 'ARXIV.org', 'a-b.example.org', 'a--b.org', 'xn--nxasmq6b.org', 'xn--zz.org',
  '-a.org', 'a-.org', 'example.org.', '1.2.3.4', '1.2.3', '0x7f.1', 'a.0x1', 'a.1', 'a.b1', 'localhost', 'éxample.org',
  'ex%41mple.org', 'a..b', '', 'user@a.org', 'a.org:443', 'a.org:80', 'a.org:8080', 'a_b.org', '[::1]',
];
const PATHS = [
  '', '/', '//', '/abs/2404.07143', '/abs/2404.07143v2', '/pdf/2404.07143.pdf', '/abs/hep-th/9901001', '/a/./b', '/a/../b',
  '/.', '/..', '/.a', '/a.', '/%2e%2e/b', '/a%20b', '/a b', '/a\tb', '/A_b~c-d', '/a/', '/a//b', '/é', '/a?x=1', '/a#f',
  '/forum?id=abc-1_x', '?', '?a', '/a?', '/a?x=1&y=2', '/a?x y', '/a?%41', "/a?x='1'", '/a??x', '/a?x#f', '/a?x/y', '/a?x+y',
  '/a\\b', '/a|b', "/a'b", '/a(b)', '/a+b', '/a:b', '/a@b', '/a;b', '/~user', '/-', '/_', '/a\n',
];

describe('parsedUrl: the simple form', () => {
  const cases: string[] = [];
  for (const scheme of SCHEMES) for (const host of HOSTS) for (const path of PATHS) cases.push(`${scheme}${host}${path}`);

  it('gives what new URL gives, wherever it applies', () => {
    let simple = 0;
    const wrong: string[] = [];
    for (const text of cases) {
      const parts = simpleUrlParts(text);
      if (!parts) continue;
      simple++;
      if (JSON.stringify(parts) !== JSON.stringify(reference(text))) wrong.push(JSON.stringify(text));
    }
    expect(wrong).toEqual([]);
    // The shortcut is taken at all: plain hosts with plain paths, under http and https.
    expect(simple).toBeGreaterThan(100);
  });

  it('gives the same parts as new URL for every case, simple or not', () => {
    const wrong = cases.filter((text) => JSON.stringify(parsedUrl(text) && { ...pick(parsedUrl(text)!) }) !== JSON.stringify(reference(text)));
    expect(wrong).toEqual([]);
  });

  it.each([
    ['https://arxiv.org/abs/2404.07143', { hostname: 'arxiv.org', port: '', pathname: '/abs/2404.07143', search: '' }],
    ['http://www.example.org', { hostname: 'www.example.org', port: '', pathname: '/', search: '' }],
    ['https://github.com/a-b/c_d.e/', { hostname: 'github.com', port: '', pathname: '/a-b/c_d.e/', search: '' }],
    ['https://openreview.net/forum?id=pub1', { hostname: 'openreview.net', port: '', pathname: '/forum', search: '?id=pub1' }],
  ])('takes the shortcut for %s', (text, parts) => {
    expect(simpleUrlParts(text)).toEqual(parts);
  });

  it.each(['https://1.2.3', 'https://a.org/a/../b', 'https://xn--zz.org/', 'https://ARXIV.org/abs/1', 'https://a.org:443/', 'https://a.org/%41', 'https://a.org/a?', 'https://a.org/a?b c'])(
    'leaves %s to new URL',
    (text) => {
      expect(simpleUrlParts(text)).toBeUndefined();
    },
  );

  it('gives the comparison keys new URL gave', () => {
    // Literal keys, as lint compares them: host without www., no trailing slash, query kept.
    expect(urlKey('https://www.Example.org/a/')).toBe('example.org/a');
    expect(urlKey('https://www.example.org/a/')).toBe('example.org/a');
    expect(urlKey('http://example.org')).toBe('example.org');
    expect(urlKey('https://example.org/a/./b//')).toBe('example.org/a/b');
    expect(urlKey('https://example.org:8080/a?x=1#f')).toBe('example.org:8080/a?x=1');
  });
});

function pick(url: { hostname: string; port: string; pathname: string; search: string }) {
  return { hostname: url.hostname, port: url.port, pathname: url.pathname, search: url.search };
}

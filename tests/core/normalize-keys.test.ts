import { describe, expect, it } from 'vitest';
import { arxivIdsInVenue, titleKey, urlFragment, urlKey } from '../../src/lint/normalize.js';

/** The keys the duplicate rules compare: what counts as "the same" URL, title or arXiv id. */

describe('urlKey', () => {
  it.each<[string, string]>([
    ['https://www.Example.org/a/b/?q=1#frag', 'example.org/a/b?q=1'],
    ['http://example.org/a/b', 'example.org/a/b'],
    ['https://example.org:8080/x//', 'example.org:8080/x'],
    ['https://example.org/', 'example.org'],
    ['  https://example.org/\u200bx  ', 'example.org/x'],
    // Only a leading "www." goes: elsewhere in the host name it is part of the name.
    ['https://awww.example.org/', 'awww.example.org'],
    ['https://shop.www.example.org/', 'shop.www.example.org'],
    ['Not A URL ', 'not a url'],
  ])('%j → %j', (url, key) => {
    expect(urlKey(url)).toBe(key);
  });
});

describe('urlFragment', () => {
  it.each<[string, string]>([
    ['https://x.org/a#sec-2', '#sec-2'],
    ['https://x.org/a', ''],
    ['#top', '#top'],
  ])('%j → %j', (url, fragment) => {
    expect(urlFragment(url)).toBe(fragment);
  });
});

describe('titleKey', () => {
  it.each<[string, string]>([
    ['Long-Context Models', 'longcontextmodels'],
    ['long context models.', 'longcontextmodels'],
    ['Café Ünïcode 2', 'cafeunicode2'],
    ['Lo\u200bng', 'long'],
    ['A $$ B $\\$ C', 'abc'],
    // A lone "$" is no debris: it stays, and keeps "\\c" from taking the "c" after it as its letter.
    ['Fa\\c$ cade', 'faccade'],
    ['Fa\\c cade', 'facade'],
    ['...', ''],
  ])('%j → %j', (title, key) => {
    expect(titleKey(title)).toBe(key);
  });
});

describe('arxivIdsInVenue', () => {
  it.each<[string, string[]]>([
    ['arXiv preprint arXiv:2402.08268', ['2402.08268']],
    ['Workshop, http://arxiv.org/abs/2311.12351, 2024', ['2311.12351']],
    ['see https://arxiv.org/abs/2311.12351; and (https://huggingface.co/papers/2402.08268)', ['2311.12351', '2402.08268']],
    ['arXiv:2402.08268, https://arxiv.org/abs/2402.08268v2', ['2402.08268']],
    ['ICLR 2024, https://openreview.net/forum?id=x', []],
  ])('%j → %j', (venue, ids) => {
    expect(arxivIdsInVenue(venue)).toEqual(ids);
  });
});

import { describe, expect, it } from 'vitest';
import type { Category, PaperFile } from '../../src/data/schema.js';
import type { PaperView } from '../../src/lint/context.js';
import { buildViews, duplicatePairs, inListOrder } from '../../src/lint/normalize.js';
import { paperAt } from './lint-context.js';

/**
 * What the cross-entry rules compare (issue 15, src/lint/normalize.ts): the README's order, each
 * entry's keys and its first earlier namesake, and which rule judges each related pair.
 */

const CATEGORIES: Category[] = [
  { id: 'alpha', name: { en: 'Alpha' } },
  { id: 'beta', name: { en: 'Beta' }, children: [{ id: 'gamma', name: { en: 'Gamma' } }] },
  // A second "alpha" (duplicate-category's business) does not move alpha to the end.
  { id: 'alpha', name: { en: 'Alpha again' } },
  { id: 'delta', name: { en: 'Delta' } },
];

const p = (title: string, extra: Partial<Extract<PaperFile, { title: string }>> = {}): PaperFile => ({ title, year: 2024, ...extra });

describe('inListOrder', () => {
  it('puts categories in categories.yaml order, children after their parent, unknown folders last, and keeps the order within a folder', () => {
    const papers = [
      paperAt('papers/zeta/1.yaml', p('z1')),
      paperAt('papers/gamma/1.yaml', p('g1')),
      paperAt('papers/delta/1.yaml', p('d1')),
      paperAt('papers/beta/1.yaml', p('b1')),
      paperAt('papers/alpha/1.yaml', p('a1')),
      paperAt('papers/omega/1.yaml', p('o1')),
      paperAt('papers/alpha/2.yaml', p('a2')),
      paperAt('papers/zeta/2.yaml', p('z2')),
      paperAt('papers/beta/2.yaml', p('b2')),
      paperAt('papers/alpha/3.yaml', p('a3')),
    ];
    const titles = inListOrder(papers, CATEGORIES).map((paper) => (paper.entry as { title: string }).title);
    expect(titles).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'g1', 'd1', 'z1', 'o1', 'z2']);
    // The input is left as it was.
    expect(papers.map((paper) => (paper.entry as { title: string }).title)[0]).toBe('z1');
  });

  it.each<[string, string[]]>([
    ['a known folder before an unknown one', ['papers/zeta/1.yaml', 'papers/alpha/1.yaml']],
    ['the first category before a later one', ['papers/delta/1.yaml', 'papers/alpha/1.yaml']],
    ['a parent before its child', ['papers/gamma/1.yaml', 'papers/beta/1.yaml']],
  ])('%s, whichever comes first in the input', (_case, [second, first]) => {
    for (const order of [[first!, second!], [second!, first!]]) {
      const sorted = inListOrder(order.map((file) => paperAt(file, p(file))), CATEGORIES);
      expect(sorted.map((paper) => paper.source.file)).toEqual([first, second]);
    }
  });
});

/** A view's keys, with the earlier namesakes as their index. */
function keys(view: PaperView) {
  return {
    index: view.index,
    file: view.source.file,
    title: view.title,
    titleKey: view.titleKey,
    url: view.url,
    urlKey: view.urlKey,
    urlArxiv: view.urlArxiv?.id,
    arxivId: view.arxivId,
    sameArxiv: view.sameArxiv?.index,
    sameUrl: view.sameUrl?.index,
    sameLink: view.sameLink?.index,
    sameTitle: view.sameTitle?.index,
  };
}

describe('buildViews', () => {
  it('computes the keys once per structured entry, links each to its first earlier namesake, and keeps raw entries apart', () => {
    const papers = [
      paperAt('papers/alpha/1.yaml', p(' Long-Context Models ', { url: 'https://WWW.Example.org/page/#one' })),
      paperAt('papers/alpha/2.yaml', { raw: '* **[Raw](https://example.org/page)** 2024' }),
      paperAt('papers/alpha/3.yaml', p('long context models.', { url: 'http://example.org/page#two', arxiv: '2402.08268' })),
      paperAt('papers/alpha/4.yaml', p('Long Context Models', { url: 'https://example.org/page/#two', venue: 'arXiv:2311.12351' })),
      paperAt('papers/alpha/5.yaml', p('Other', { url: ' https://arxiv.org/abs/2402.08268v2\u200b ', arxiv: '2311.12351' })),
      paperAt('papers/alpha/6.yaml', p('...', { venue: 'arXiv:2311.12351 and arXiv:2402.08268' })),
      paperAt('papers/alpha/7.yaml', p('!!!', { venue: 'Workshop, https://arxiv.org/abs/2311.12351' })),
    ];
    const { papers: views, raws } = buildViews(papers);
    expect(raws).toEqual([{ loaded: papers[1], entry: papers[1]!.entry, source: papers[1]!.source }]);
    expect(views.map((view) => view.loaded)).toEqual([papers[0], papers[2], papers[3], papers[4], papers[5], papers[6]]);
    expect(views.map((view) => [view.paper, view.source])).toEqual([0, 2, 3, 4, 5, 6].map((i) => [papers[i]!.entry, papers[i]!.source]));
    expect(views.map(keys)).toEqual([
      {
        index: 0,
        file: 'papers/alpha/1.yaml',
        title: 'Long-Context Models',
        titleKey: 'longcontextmodels',
        url: 'https://WWW.Example.org/page/#one',
        urlKey: 'example.org/page',
        urlArxiv: undefined,
        arxivId: undefined,
        sameArxiv: undefined,
        sameUrl: undefined,
        sameLink: undefined,
        sameTitle: undefined,
      },
      {
        index: 1,
        file: 'papers/alpha/3.yaml',
        title: 'long context models.',
        titleKey: 'longcontextmodels',
        url: 'http://example.org/page#two',
        urlKey: 'example.org/page',
        urlArxiv: undefined,
        arxivId: '2402.08268',
        sameArxiv: undefined,
        sameUrl: 0,
        sameLink: undefined,
        sameTitle: 0,
      },
      {
        index: 2,
        file: 'papers/alpha/4.yaml',
        title: 'Long Context Models',
        titleKey: 'longcontextmodels',
        url: 'https://example.org/page/#two',
        urlKey: 'example.org/page',
        urlArxiv: undefined,
        // The one id the venue names.
        arxivId: '2311.12351',
        sameArxiv: undefined,
        // The first earlier entry, not the latest one.
        sameUrl: 0,
        sameLink: 1,
        sameTitle: 0,
      },
      {
        index: 3,
        file: 'papers/alpha/5.yaml',
        title: 'Other',
        titleKey: 'other',
        url: ' https://arxiv.org/abs/2402.08268v2\u200b ',
        urlKey: 'arxiv.org/abs/2402.08268v2',
        // The URL's id wins over the arxiv field.
        urlArxiv: '2402.08268',
        arxivId: '2402.08268',
        sameArxiv: 1,
        sameUrl: undefined,
        sameLink: undefined,
        sameTitle: undefined,
      },
      {
        index: 4,
        file: 'papers/alpha/6.yaml',
        title: '...',
        titleKey: '',
        url: undefined,
        urlKey: undefined,
        urlArxiv: undefined,
        // A venue naming two ids names none for sure.
        arxivId: undefined,
        sameArxiv: undefined,
        sameUrl: undefined,
        sameLink: undefined,
        sameTitle: undefined,
      },
      {
        index: 5,
        file: 'papers/alpha/7.yaml',
        title: '!!!',
        titleKey: '',
        url: undefined,
        urlKey: undefined,
        urlArxiv: undefined,
        arxivId: '2311.12351',
        sameArxiv: 2,
        sameUrl: undefined,
        sameLink: undefined,
        // An empty key is no title to share.
        sameTitle: undefined,
      },
    ]);
  });

  it('links every later copy to the first one, not to the copy before it', () => {
    const copy = (n: number) => paperAt(`papers/alpha/${n}.yaml`, p('Same', { url: 'https://x.org/a#m', arxiv: '2402.08268' }));
    const { papers: views } = buildViews([copy(1), copy(2), copy(3)]);
    expect(views.map((view) => [view.sameArxiv?.index, view.sameUrl?.index, view.sameLink?.index, view.sameTitle?.index])).toEqual([
      [undefined, undefined, undefined, undefined],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('trims any white space around a link before reading its arXiv id, as urlKey does', () => {
    const { papers: views } = buildViews([paperAt('papers/alpha/1.yaml', p('A', { url: '\u00a0https://arxiv.org/abs/2402.08268\u3000' }))]);
    expect([views[0]!.urlArxiv?.id, views[0]!.arxivId, views[0]!.urlKey]).toEqual(['2402.08268', '2402.08268', 'arxiv.org/abs/2402.08268']);
  });

  it('takes the arxiv field over the venue, and the venue only when the entry has neither a URL id nor the field', () => {
    const { papers: views } = buildViews([
      paperAt('papers/alpha/1.yaml', p('A', { url: 'https://example.org/a', arxiv: '2402.08268', venue: 'arXiv:2311.12351' })),
      paperAt('papers/alpha/2.yaml', p('B', { url: 'https://example.org/b', venue: 'arXiv:2311.12351' })),
      paperAt('papers/alpha/3.yaml', p('C', { url: 'https://arxiv.org/abs/2101.00001', venue: 'arXiv:2311.12351' })),
    ]);
    expect(views.map((view) => view.arxivId)).toEqual(['2402.08268', '2311.12351', '2101.00001']);
  });
});

/** The pairs as "rule earlier-title later-title". */
function pairsOf(entries: PaperFile[]): string[] {
  const { papers: views } = buildViews(entries.map((entry, i) => paperAt(`papers/alpha/${i + 1}.yaml`, entry)));
  return duplicatePairs(views).map((pair) => `${pair.rule} ${pair.earlier.index}-${pair.later.index}`);
}

describe('duplicatePairs: which rule judges a related pair', () => {
  it.each<[string, PaperFile[], string[]]>([
    ['one arXiv id under two titles and links', [p('A', { arxiv: '2402.08268', url: 'https://x.org/a' }), p('B', { url: 'https://arxiv.org/pdf/2402.08268' })], ['duplicate-arxiv-id 0-1']],
    ['one arXiv id and one title', [p('A', { arxiv: '2402.08268' }), p('A', { arxiv: '2402.08268' })], ['duplicate-arxiv-id 0-1']],
    ['one link, one title', [p('Same', { url: 'https://x.org/a' }), p('same.', { url: 'http://www.x.org/a/' })], ['duplicate-url 0-1']],
    ['one link, one title, two anchors', [p('Same', { url: 'https://x.org/a#1' }), p('Same', { url: 'https://x.org/a#2' })], ['duplicate-url 0-1']],
    ['one link under two titles', [p('One', { url: 'https://x.org/a#m' }), p('Two', { url: 'https://x.org/a/#m' })], ['url-title-conflict 0-1']],
    ['one page, two anchors, two titles: two things on one page', [p('One', { url: 'https://x.org/a#m1' }), p('Two', { url: 'https://x.org/a#m2' })], []],
    ['one title under two links', [p('Same', { url: 'https://x.org/a' }), p('Same', { url: 'https://y.org/a' })], ['duplicate-title 0-1']],
    ['one title, no links', [p('Same'), p('Same')], ['duplicate-title 0-1']],
    ['one title, one entry without a link', [p('Same', { url: 'https://x.org/a' }), p('Same')], ['duplicate-title 0-1']],
    ['two arXiv ids, one title', [p('Same', { arxiv: '2402.08268' }), p('Same', { arxiv: '2311.12351' })], ['duplicate-title 0-1']],
    ['two arXiv ids, one link, one title', [p('Same', { arxiv: '2402.08268', url: 'https://x.org/a' }), p('Same', { arxiv: '2311.12351', url: 'https://x.org/a' })], ['duplicate-url 0-1']],
    ['titles with no letters or digits', [p('...'), p('!!!')], []],
    ['one link under two titles with no letters or digits', [p('...', { url: 'https://x.org/a' }), p('!!!', { url: 'https://x.org/a' })], ['duplicate-url 0-1']],
    ['one link under a title and one with no letters or digits', [p('...', { url: 'https://x.org/a' }), p('A', { url: 'https://x.org/a' })], ['url-title-conflict 0-1']],
    ['nothing in common', [p('A', { url: 'https://x.org/a', arxiv: '2402.08268' }), p('B', { url: 'https://x.org/b', arxiv: '2311.12351' })], []],
    ['one entry listed three times: every pair once', [p('Same'), p('Same'), p('Same')], ['duplicate-title 0-1', 'duplicate-title 0-2', 'duplicate-title 1-2']],
    [
      'an entry sharing its id with one earlier entry and its link with another: pairs in list order, whichever key matched first',
      [p('A', { url: 'https://x.org/a' }), p('B', { arxiv: '2402.08268' }), p('C', { url: 'https://x.org/a', arxiv: '2402.08268' })],
      ['url-title-conflict 0-2', 'duplicate-arxiv-id 1-2'],
    ],
    ['one earlier entry sharing every key: one pair', [p('Same', { url: 'https://x.org/a', arxiv: '2402.08268' }), p('Same', { url: 'https://x.org/a', arxiv: '2402.08268' })], ['duplicate-arxiv-id 0-1']],
  ])('%s', (_case, entries, pairs) => {
    expect(pairsOf(entries)).toEqual(pairs);
  });

  it('skips raw entries', () => {
    expect(pairsOf([{ raw: 'Same' }, { raw: 'Same' }, p('Same')])).toEqual([]);
  });
});

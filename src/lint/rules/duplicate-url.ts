import { sides, where, type ListRule } from '../context.js';
import { among, countBy, times } from './duplicate-arxiv-id.js';
import type { RuleDescriptor } from '../rule.js';

/**
 * The same link twice (scheme, "www.", trailing slash and fragment aside; a DOI's doi.org, dx.doi.org
 * and ACM pages, OpenReview's forum and PDF as one). arXiv links are duplicate-arxiv-id's.
 */
export const duplicateUrl: ListRule = (ctx) => {
  const pairs = ctx.pairs.filter((pair) => pair.rule === 'duplicate-url');
  const copies = countBy(ctx.papers, (view) => view.urlKey, new Set(pairs.map((pair) => pair.later.urlKey!)));
  for (const pair of pairs) {
    const { here, other } = sides(ctx, pair);
    ctx.report({
      rule: 'duplicate-url',
      ...ctx.at(here.source, ['url']),
      message: `${here.url} is listed ${times(copies.get(here.urlKey!)!)}: here and at ${where(ctx, other.source, ['url'])}${among(copies.get(here.urlKey!)!)}; keep one entry.`,
    });
  }
};

export const rule = {
  id: 'duplicate-url',
  severity: 'error',
  doc: 'The same URL appears twice after normalisation (one DOI under doi.org or dl.acm.org, one OpenReview id under forum or pdf, count as one).',
  fixable: false,
  reportedBy: ['lint-list'],
  list: duplicateUrl,
} as const satisfies RuleDescriptor;

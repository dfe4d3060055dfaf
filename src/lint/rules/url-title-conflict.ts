import { quote } from '../fields.js';
import { sides, where, type ListRule } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/**
 * One link (not an arXiv one: one arXiv id is one paper, a duplicate-arxiv-id) under two titles: one
 * of the two entries points at the wrong page. Links that differ only in their #fragment are
 * different places on one page (a vendor's page with a section per model), so they do not conflict.
 */
export const urlTitleConflict: ListRule = (ctx) => {
  for (const pair of ctx.pairs) {
    if (pair.rule !== 'url-title-conflict') continue;
    const { here, other } = sides(ctx, pair);
    ctx.report({
      rule: 'url-title-conflict',
      ...ctx.at(here.source, ['url']),
      message: `${here.url} is also listed at ${where(ctx, other.source, ['url'])} under another title (${quote(other.title, 120)}); one of the two points at the wrong paper.`,
    });
  }
};

export const rule = {
  id: 'url-title-conflict',
  severity: 'error',
  doc: 'One URL (not an arXiv one) is listed under two different titles.',
  fixable: false,
  reportedBy: ['lint-list'],
  list: urlTitleConflict,
} as const satisfies RuleDescriptor;

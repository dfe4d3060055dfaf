import { sides, where, type ListRule } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/**
 * One paper under two links, such as a preprint and its published version. Titles are compared
 * folded (case, diacritics, punctuation, hyphens, spaces); same-link pairs are the other rules'.
 */
export const duplicateTitle: ListRule = (ctx) => {
  for (const pair of ctx.pairs) {
    if (pair.rule !== 'duplicate-title') continue;
    const { here, other } = sides(ctx, pair);
    const link = other.url ? ` with another link (${other.url})` : '';
    ctx.report({
      rule: 'duplicate-title',
      ...ctx.at(here.source, ['title']),
      message: `The same title is listed at ${where(ctx, other.source, ['title'])}${link}; keep one entry, e.g. the published version.`,
    });
  }
};

export const rule = {
  id: 'duplicate-title',
  severity: 'error',
  doc: 'The same title appears under two URLs (e.g. a preprint and its published version).',
  fixable: false,
  reportedBy: ['lint-list'],
  list: duplicateTitle,
} as const satisfies RuleDescriptor;

import { where, type ListRule } from '../context.js';

/**
 * One paper under two links, such as a preprint and its published version. Titles are compared
 * folded (case, diacritics, punctuation, hyphens, spaces); same-link pairs are the other rules'.
 */
export const duplicateTitle: ListRule = (ctx) => {
  for (const view of ctx.papers) {
    const first = view.sameTitle;
    if (!first || view.sameArxiv || view.sameUrl) continue;
    const link = first.url ? ` with another link (${first.url})` : '';
    ctx.report({
      rule: 'duplicate-title',
      ...ctx.at(view.source, ['title']),
      message: `The same title is listed at ${where(ctx, first.source, ['title'])}${link}; keep one entry, e.g. the published version.`,
    });
  }
};

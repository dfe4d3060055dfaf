import { where, type ListRule } from '../context.js';

/** The same link twice (scheme, "www.", trailing slash and fragment aside). arXiv links are duplicate-arxiv-id's. */
export const duplicateUrl: ListRule = (ctx) => {
  for (const view of ctx.papers) {
    const first = view.sameUrl;
    if (view.sameArxiv || !first || first.titleKey !== view.titleKey) continue;
    ctx.report({
      rule: 'duplicate-url',
      ...ctx.at(view.source, ['url']),
      message: `${view.url} is listed twice: here and at ${where(ctx, first.source, ['url'])}; keep one entry.`,
    });
  }
};

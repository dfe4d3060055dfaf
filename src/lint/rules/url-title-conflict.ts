import { quote } from '../fields.js';
import { where, type ListRule } from '../context.js';
import { arxivPath } from './duplicate-arxiv-id.js';

/**
 * One link (or one arXiv paper) under two titles: one of the two entries points at the wrong paper.
 * Links that differ only in their #fragment are different places on one page (a vendor's page with
 * a section per model), so they do not conflict.
 */
export const urlTitleConflict: ListRule = (ctx) => {
  for (const view of ctx.papers) {
    const first = view.sameArxiv ?? view.sameLink;
    if (!first || first.titleKey === view.titleKey) continue;
    const byArxiv = view.sameArxiv !== undefined;
    const path = byArxiv ? arxivPath(view) : ['url'];
    const what = byArxiv ? `arXiv ${view.arxivId}` : view.url!;
    ctx.report({
      rule: 'url-title-conflict',
      ...ctx.at(view.source, path),
      message: `${what} is also listed at ${where(ctx, first.source, byArxiv ? arxivPath(first) : ['url'])} under another title (${quote(first.title, 120)}); one of the two points at the wrong paper.`,
    });
  }
};

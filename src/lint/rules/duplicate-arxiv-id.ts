import { where, type ListRule, type PaperView } from '../context.js';

/** Where an entry names its arXiv id: the URL if that is an arXiv link, else the arxiv field, else the venue. */
export function arxivPath(view: PaperView): string[] {
  if (view.urlArxiv) return ['url'];
  if (view.paper.arxiv !== undefined) return ['arxiv'];
  return ['venue'];
}

/**
 * One arXiv paper listed twice, whatever the link form (/abs/, /pdf/, versions, export., Hugging Face,
 * ADS bibcodes): every form reduces to the id. Under two titles it is a url-title-conflict instead.
 */
export const duplicateArxivId: ListRule = (ctx) => {
  for (const view of ctx.papers) {
    const first = view.sameArxiv;
    if (!first || first.titleKey !== view.titleKey) continue;
    ctx.report({
      rule: 'duplicate-arxiv-id',
      ...ctx.at(view.source, arxivPath(view)),
      message: `arXiv ${view.arxivId} is listed twice: here and at ${where(ctx, first.source, arxivPath(first))}; keep one entry.`,
    });
  }
};

import type { ListRule } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/** The URL, the arxiv field and the venue must name the same arXiv paper; which one is right is for a person to say. */
export const arxivIdMismatch: ListRule = (ctx) => {
  for (const view of ctx.papers) {
    const fromUrl = view.urlArxiv?.id;
    const field = view.paper.arxiv;
    if (fromUrl !== undefined && field !== undefined && field !== fromUrl) {
      ctx.report({
        rule: 'arxiv-id-mismatch',
        ...ctx.at(view.source, ['arxiv']),
        message: `The arxiv field says ${field} but the URL points at ${fromUrl}.`,
      });
    }
    const stated = fromUrl ?? field;
    if (stated === undefined || view.paper.venue === undefined) continue;
    const named = view.venueArxivIds;
    if (named.length === 0 || named.includes(stated)) continue;
    ctx.report({
      rule: 'arxiv-id-mismatch',
      ...ctx.at(view.source, ['venue']),
      message: `The venue names arXiv ${named.join(', ')} but the ${fromUrl !== undefined ? 'URL points at' : 'arxiv field says'} ${stated}.`,
    });
  }
};

export const rule = {
  id: 'arxiv-id-mismatch',
  severity: 'error',
  doc: 'The venue, the URL or the `arxiv` field name different arXiv IDs.',
  fixable: false,
  reportedBy: ['lint-list'],
  oneFile: true,
  list: arxivIdMismatch,
} as const satisfies RuleDescriptor;

import type { ListRule } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/** Plain http: links. Not fixed: whether a site serves https is for the link check to find out. */
export const httpUrl: ListRule = (ctx) => {
  for (const view of ctx.papers) {
    // arXiv links get https with the rest of their canonical form (arxiv-url).
    if (!view.url || !/^http:/i.test(view.url) || view.urlArxiv) continue;
    ctx.report({
      rule: 'http-url',
      ...ctx.at(view.source, ['url']),
      message: `The URL uses plain http:; link with https: if the site serves it.`,
    });
  }
};

export const rule = {
  id: 'http-url',
  severity: 'warning',
  doc: 'A plain `http:` URL; prefer `https:`.',
  fixable: false,
  reportedBy: ['lint-list'],
  oneFile: true,
  list: httpUrl,
} as const satisfies RuleDescriptor;

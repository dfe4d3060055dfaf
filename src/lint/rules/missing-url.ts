import type { ListRule } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/** A paper without a link cannot be opened from the README; an exception says why it has none. */
export const missingUrl: ListRule = (ctx) => {
  for (const view of ctx.papers) {
    if (view.paper.url !== undefined) continue;
    ctx.report({
      rule: 'missing-url',
      ...ctx.at(view.source, ['title']),
      message: 'The paper has no url; add a link to it (for an arXiv paper, https://arxiv.org/abs/<id>).',
    });
  }
};

export const rule = {
  id: 'missing-url',
  severity: 'error',
  doc: 'A paper has no link.',
  fixable: false,
  reportedBy: ['lint-list', 'import-readme'],
  oneFile: true,
  list: missingUrl,
} as const satisfies RuleDescriptor;

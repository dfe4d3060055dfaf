import { arxivFromUrl, canonicalArxivUrl } from '../../text/arxiv.js';
import type { ListRule, TextCheck } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/**
 * arXiv papers are linked as https://arxiv.org/abs/<id>: no version (the list means the paper, not
 * one revision), no PDF, no mirror. Part of the url field's pipeline, so it composes with its other fixes.
 */
export const arxivUrlForm: TextCheck = {
  kinds: ['url'],
  check(text) {
    const ref = arxivFromUrl(text);
    if (!ref) return undefined;
    const canonical = canonicalArxivUrl(ref.id);
    if (text === canonical) return undefined;
    const why = ref.version ? ` (it pins version ${ref.version})` : '';
    return { message: `links arXiv ${ref.id} as ${text}${why}; the list links arXiv papers as ${canonical}.`, fixed: canonical };
  },
};

/** An arXiv-linked paper without its arxiv field: the field is what the duplicate checks and the link check read first. */
export const arxivUrl: ListRule = (ctx) => {
  for (const view of ctx.papers) {
    if (!view.urlArxiv || view.paper.arxiv !== undefined) continue;
    const id = view.urlArxiv.id;
    ctx.report({
      rule: 'arxiv-url',
      ...ctx.at(view.source, ['url']),
      message: `The URL points at arXiv ${id} but the entry has no arxiv field; add arxiv: "${id}".`,
      fix: { path: ['arxiv'], value: id },
    });
  }
};

export const rule = {
  id: 'arxiv-url',
  severity: 'warning',
  doc: 'An arXiv paper is not linked as `https://arxiv.org/abs/<id>` without version, or lacks its `arxiv` field.',
  fixable: true,
  reportedBy: ['lint-list'],
  oneFile: true,
  text: arxivUrlForm,
  list: arxivUrl,
} as const satisfies RuleDescriptor;

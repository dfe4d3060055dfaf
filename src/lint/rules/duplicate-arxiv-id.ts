import { quote } from '../fields.js';
import { sides, where, type ListRule, type PaperView } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/**
 * How many entries share each key (of those in `only`, when given): a finding is about one pair, and
 * says how many copies there are. A rule counts only the keys of its pairs: a map of every key of a
 * large list costs more than the rule.
 */
export function countBy(views: readonly PaperView[], key: (view: PaperView) => string | undefined, only?: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  if (only?.size === 0) return counts;
  for (const view of views) {
    const k = key(view);
    if (k !== undefined && (!only || only.has(k))) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

export function times(n: number): string {
  return n === 2 ? 'twice' : `${n} times`;
}

/** With three or more copies every pair is reported; this says the other ones exist too. */
export function among(n: number): string {
  return n > 2 ? `, among others` : '';
}

/** Where an entry names its arXiv id: the URL if that is an arXiv link, else the arxiv field, else the venue. */
export function arxivPath(view: PaperView): string[] {
  if (view.urlArxiv) return ['url'];
  if (view.paper.arxiv !== undefined) return ['arxiv'];
  return ['venue'];
}

/**
 * One arXiv paper listed twice, whatever the link form (/abs/, /pdf/, versions, export., Hugging Face,
 * alphaXiv, ADS bibcodes) and whatever the titles: every form reduces to the id, and an id is one paper.
 */
export const duplicateArxivId: ListRule = (ctx) => {
  const pairs = ctx.pairs.filter((pair) => pair.rule === 'duplicate-arxiv-id');
  const copies = countBy(ctx.papers, (view) => view.arxivId, new Set(pairs.map((pair) => pair.later.arxivId!)));
  for (const pair of pairs) {
    const { here, other } = sides(ctx, pair);
    const titles = here.titleKey === other.titleKey ? '' : ` under another title (${quote(other.title, 120)})`;
    const keep = titles ? 'keep one entry, under the title arXiv gives' : 'keep one entry';
    ctx.report({
      rule: 'duplicate-arxiv-id',
      ...ctx.at(here.source, arxivPath(here)),
      message: `arXiv ${here.arxivId} is listed ${times(copies.get(here.arxivId!)!)}: here and at ${where(ctx, other.source, arxivPath(other))}${titles}${among(copies.get(here.arxivId!)!)}; ${keep}.`,
    });
  }
};

export const rule = {
  id: 'duplicate-arxiv-id',
  severity: 'error',
  doc: 'The same arXiv paper appears twice, whatever the URL form and whatever the titles.',
  fixable: false,
  reportedBy: ['lint-list'],
  list: duplicateArxivId,
} as const satisfies RuleDescriptor;

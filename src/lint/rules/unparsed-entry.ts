import type { ListRule } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/** An entry the importer kept verbatim: it renders as it was, but no other rule can check it. */
export const unparsedEntry: ListRule = (ctx) => {
  for (const raw of ctx.raws) {
    const why = /,\s*NA\s*$/.test(raw.entry.raw) ? ' Its year is "NA": find the year it appeared.' : '';
    ctx.report({
      rule: 'unparsed-entry',
      ...ctx.at(raw.source, ['raw']),
      message: `The entry is still the raw text of the import; replace "raw" with title, url, authors, venue and year.${why}`,
    });
  }
};

export const rule = {
  id: 'unparsed-entry',
  severity: 'error',
  doc: 'An imported entry could not be split into fields and is kept verbatim (`raw:`); rewrite it with fields.',
  fixable: false,
  reportedBy: ['lint-list', 'import-readme'],
  oneFile: true,
  list: unparsedEntry,
} as const satisfies RuleDescriptor;

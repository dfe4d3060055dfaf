import type { ListRule } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/**
 * The schema rejects a missing year, "NA" and years before 1950 (as rule `year`); the upper bound
 * moves with the calendar, so it is checked here: nothing is published after next year.
 */
export const year: ListRule = (ctx) => {
  const latest = (ctx.options.now ?? new Date()).getFullYear() + 1;
  for (const view of ctx.papers) {
    if (view.paper.year <= latest) continue;
    ctx.report({
      rule: 'year',
      ...ctx.at(view.source, ['year']),
      message: `Field "year" is ${view.paper.year}, later than next year (${latest}); a typo?`,
    });
  }
};

export const rule = {
  id: 'year',
  severity: 'error',
  doc: 'The year is missing, NA, or outside 1950 … next year.',
  fixable: false,
  reportedBy: ['lint-list'],
  oneFile: true,
  list: year,
} as const satisfies RuleDescriptor;

import type { Category } from '../../data/schema.js';
import type { ListRule } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

export function categoryIds(categories: readonly Category[], into = new Set<string>()): Set<string> {
  for (const category of categories) {
    into.add(category.id);
    if (category.children) categoryIds(category.children, into);
  }
  return into;
}

/** A paper in a folder categories.yaml does not define: the README has no section for it, so it silently vanishes. */
export const unknownCategory: ListRule = (ctx) => {
  // Without a valid categories.yaml every folder would be unknown; its schema errors say enough.
  if (ctx.data.categories.length === 0) return;
  const known = categoryIds(ctx.data.categories);
  for (const { source, category } of [...ctx.papers.map((v) => v.loaded), ...ctx.raws.map((r) => r.loaded)]) {
    if (known.has(category)) continue;
    ctx.report({
      rule: 'unknown-category',
      ...ctx.at(source, []),
      message: `The folder papers/${category}/ is not a category in categories.yaml, so this entry is left out of the README; move it or add the category.`,
    });
  }
};

export const rule = {
  id: 'unknown-category',
  severity: 'error',
  doc: 'A paper names a category that `categories.yaml` does not define.',
  fixable: false,
  reportedBy: ['lint-list'],
  list: unknownCategory,
} as const satisfies RuleDescriptor;

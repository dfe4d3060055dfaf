import type { Category } from '../../data/schema.js';
import type { ListRule } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/** A leaf category with no papers renders as an empty heading. */
export const emptyCategory: ListRule = (ctx) => {
  const source = ctx.data.categoriesSource;
  if (!source) return;
  const counts = new Map<string, number>();
  for (const category of ctx.fileCategories) counts.set(category, (counts.get(category) ?? 0) + 1);
  const visit = (categories: readonly Category[], base: (string | number)[]) => {
    categories.forEach((category, i) => {
      const path = [...base, i];
      if (category.children && category.children.length > 0) visit(category.children, [...path, 'children']);
      else if (!counts.has(category.id)) {
        ctx.report({
          rule: 'empty-category',
          ...ctx.at(source, [...path, 'id']),
          message: `Category "${category.id}" has no papers (no files in papers/${category.id}/) and no subcategories; it renders as an empty heading.`,
        });
      }
    });
  };
  visit(ctx.data.categories, ['categories']);
};

export const rule = {
  id: 'empty-category',
  severity: 'warning',
  doc: 'A category with no papers and no subcategories.',
  fixable: false,
  reportedBy: ['lint-list'],
  list: emptyCategory,
} as const satisfies RuleDescriptor;

import type { Category } from '../../data/schema.js';
import { where, type ListRule } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/** Category ids are folder names and anchors: two with one id would share a folder and a heading. */
export const duplicateCategory: ListRule = (ctx) => {
  const source = ctx.data.categoriesSource;
  if (!source) return;
  const seen = new Map<string, (string | number)[]>();
  const visit = (categories: readonly Category[], base: (string | number)[]) => {
    categories.forEach((category, i) => {
      const path = [...base, i, 'id'];
      const first = seen.get(category.id);
      if (first) {
        ctx.report({
          rule: 'duplicate-category',
          ...ctx.at(source, path),
          message: `Category id "${category.id}" is already used at ${where(ctx, source, first)}; ids must be unique.`,
        });
      } else seen.set(category.id, path);
      if (category.children) visit(category.children, [...base, i, 'children']);
    });
  };
  visit(ctx.data.categories, ['categories']);
};

export const rule = {
  id: 'duplicate-category',
  severity: 'error',
  doc: 'Two categories share an id.',
  fixable: false,
  reportedBy: ['lint-list'],
  list: duplicateCategory,
} as const satisfies RuleDescriptor;

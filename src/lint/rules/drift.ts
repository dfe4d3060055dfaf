import type { RuleDescriptor } from '../rule.js';

/** Reported by build-readme --check (src/cli/build-readme.ts), which compares the committed READMEs with a fresh build; listed here so that the registry knows every rule. */
export const rule = {
  id: 'drift',
  severity: 'error',
  doc: 'A committed README differs from what `data/` and `templates/` give: run `npm run build-readme`.',
  fixable: false,
  reportedBy: ['build-readme'],
} as const satisfies RuleDescriptor;

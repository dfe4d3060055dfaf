import type { RuleDescriptor } from '../rule.js';

/** Reported by src/import/entry.ts and src/import/readme.ts, while the importer reads the README list; listed here so that the registry knows every rule. */
export const rule = {
  id: 'entry-format',
  severity: 'warning',
  doc: 'An imported entry departs from the list format `* **[Title.](url)** Authors. Venue, Year`.',
  fixable: false,
  reportedBy: ['import-readme'],
} as const satisfies RuleDescriptor;

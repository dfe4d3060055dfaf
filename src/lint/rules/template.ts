import type { RuleDescriptor } from '../rule.js';

/** Reported by src/render/template.ts (and the importer, src/import/), while templates are read and filled; listed here so that the registry knows every rule. */
export const rule = {
  id: 'template',
  severity: 'error',
  doc: 'A template lacks a marker, or names one that does not exist.',
  fixable: false,
  reportedBy: ['lint-list', 'build-readme', 'import-readme'],
} as const satisfies RuleDescriptor;

import type { RuleDescriptor } from '../rule.js';

/** Reported by src/data/validate.ts, from the zod schemas of src/data/schema.ts; listed here so that the registry knows every rule. */
export const rule = {
  id: 'schema',
  severity: 'error',
  doc: 'A field is missing, misspelled or of the wrong type.',
  fixable: false,
  reportedBy: ['lint-list'],
  oneFile: true,
  silenceable: false,
  whyNotSilenceable: 'a schema error stops the file from loading; fix the field and remove the exception',
} as const satisfies RuleDescriptor;

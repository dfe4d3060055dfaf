import type { RuleDescriptor } from '../rule.js';

/** Reported by src/data/load.ts (a file that is not UTF-8) and src/import/decode.ts (repaired input); listed here so that the registry knows every rule. */
export const rule = {
  id: 'encoding',
  severity: 'info',
  doc: 'A file under `data/` or `templates/` is not valid UTF-8: an error at the first bad byte (save it as UTF-8). From `import-readme`, a note that double-encoded input was repaired.',
  fixable: false,
  reportedBy: ['lint-list', 'import-readme'],
  silenceable: false,
  whyNotSilenceable: 'a file that is not UTF-8 cannot be read at all; save it as UTF-8 and remove the exception',
} as const satisfies RuleDescriptor;

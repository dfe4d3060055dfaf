import type { RuleDescriptor } from '../rule.js';

/** Reported by src/data/validate.ts, from the schema of the url field; listed here so that the registry knows every rule. */
export const rule = {
  id: 'url-scheme',
  severity: 'error',
  doc: 'A URL whose scheme is not `https:` or `http:`, in any case (`HTTPS:` is `url-scheme-case`).',
  fixable: false,
  reportedBy: ['lint-list'],
  oneFile: true,
  silenceable: false,
  whyNotSilenceable: 'a URL that is not http(s) stops the file from loading; fix the URL and remove the exception',
} as const satisfies RuleDescriptor;

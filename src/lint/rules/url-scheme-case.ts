import type { TextCheck } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

const SCHEME = /^(https?):\/\//i;

/**
 * URL schemes are case-insensitive (RFC 3986, 3.1), so "HTTPS://example.org/x" is a sound link, but
 * the list writes schemes in lowercase, as a URL's normal form does. Only http(s) is fixed here: any
 * other scheme is url-scheme's error.
 */
export const urlSchemeCase: TextCheck = {
  kinds: ['url'],
  check(text) {
    const scheme = SCHEME.exec(text)?.[1];
    if (scheme === undefined || scheme === scheme.toLowerCase()) return undefined;
    const lower = scheme.toLowerCase();
    return { message: `writes its scheme as "${scheme}:"; the list writes it in lowercase, "${lower}:".`, fixed: lower + text.slice(scheme.length) };
  },
};

export const rule = {
  id: 'url-scheme-case',
  severity: 'warning',
  doc: 'A URL whose scheme is written with capitals (`HTTPS://`): sound, as schemes ignore case, but the list writes `https://`.',
  fixable: true,
  reportedBy: ['lint-list'],
  oneFile: true,
  text: urlSchemeCase,
} as const satisfies RuleDescriptor;

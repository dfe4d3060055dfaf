import type { RuleDescriptor } from '../rule.js';

/** Reported by src/data/load.ts, while it walks data/; listed here so that the registry knows every rule. */
export const rule = {
  id: 'stray-file',
  severity: 'error',
  doc: 'Something under `data/` that is not loaded: a name not ending in lower-case `.yaml` (`.YAML`, `.yml`, `.yaml.txt`), a file directly in `papers/` or in a subfolder of a category, a hidden file such as `.DS_Store`, or anything that is not a regular file (symbolic links, folders named like papers, pipes, devices), or a file over 256 KiB, which is refused by name and never read. Notes at the top of `data/` whose names do not look like YAML are left alone.',
  fixable: false,
  reportedBy: ['lint-list'],
  silenceable: false,
  whyNotSilenceable: 'a stray file is never loaded, so no exception reaches it; rename or move the file and remove the exception',
} as const satisfies RuleDescriptor;

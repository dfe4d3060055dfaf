import type { PaperFile, RawEntry } from './schema.js';

/** An entry kept verbatim from an import (`raw:`) rather than a structured paper. */
export function isRawEntry(entry: PaperFile): entry is RawEntry {
  return 'raw' in entry;
}

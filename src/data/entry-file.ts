/** How a file of data/ is named and written: shared by import-readme and add-paper. */
import { Document } from 'yaml';
import { isRawEntry, type PaperFile } from './schema.js';
import { slugify } from '../text/slug.js';

/** Entries are numbered in steps of 10, so a paper can later go between two without renaming. */
export const ORDER_STEP = 10;
export const ORDER_WIDTH = 4;

export function entryFileName(order: number, entry: PaperFile, taken: ReadonlySet<string>): string {
  const base = isRawEntry(entry) ? slugify(entry.raw.replace(/\]\(.*$/, ''), 6) : slugify(entry.title, 6);
  const prefix = String(order).padStart(ORDER_WIDTH, '0');
  let name = `${prefix}-${base}.yaml`;
  for (let n = 2; taken.has(name); n++) name = `${prefix}-${base}-${n}.yaml`;
  return name;
}

/** YAML text with the modeline that points editors at the JSON Schema. */
export function yamlText(value: unknown, schemaPath: string): string {
  const doc = new Document(value);
  doc.commentBefore = ` yaml-language-server: $schema=${schemaPath}`;
  return doc.toString({ lineWidth: 0 });
}

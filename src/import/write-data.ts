import { posix } from 'node:path';
import { Document } from 'yaml';
import { isRawEntry, type PaperFile } from '../data/schema.js';
import { PAPERS_DIR } from '../data/load.js';
import { slugify } from '../text/slug.js';
import type { ImportedList } from './readme.js';

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

/**
 * The files of a data directory, by path relative to it (forward slashes).
 * `schemaDir` is the JSON Schema folder relative to the data directory.
 */
export function dataFiles(list: ImportedList, schemaDir: string): Map<string, string> {
  const files = new Map<string, string>();
  files.set('categories.yaml', yamlText({ categories: list.categories }, posix.join(schemaDir, 'categories.schema.json')));
  files.set('news.yaml', yamlText({ news: list.news }, posix.join(schemaDir, 'news.schema.json')));
  const counters = new Map<string, number>();
  const taken = new Set<string>();
  const paperSchema = posix.join('..', '..', schemaDir, 'paper.schema.json');
  for (const paper of list.papers) {
    const order = (counters.get(paper.category) ?? 0) + ORDER_STEP;
    counters.set(paper.category, order);
    const name = entryFileName(order, paper.entry, taken);
    taken.add(name);
    files.set(posix.join(PAPERS_DIR, paper.category, name), yamlText(paper.entry, paperSchema));
  }
  return files;
}

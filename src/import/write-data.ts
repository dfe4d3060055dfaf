import { posix } from 'node:path';
import { entryFileName, ORDER_STEP, yamlText } from '../data/entry-file.js';
import { paperYaml } from './paper-yaml.js';
import { PAPERS_DIR } from '../data/load.js';
import type { ImportedList } from './readme.js';

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
    files.set(posix.join(PAPERS_DIR, paper.category, name), paperYaml(paper.entry, paperSchema));
  }
  return files;
}

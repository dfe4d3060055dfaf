import { join, relative, sep } from 'node:path';
import type { LoadedPaper } from '../data/load.js';
import { PAPERS_DIR } from '../data/load.js';
import { orderPaperFields, type Paper } from '../data/schema.js';
import { entryFileName, yamlText } from '../data/entry-file.js';
import { nextOrder } from '../data/file-name.js';

export { nextOrder };

/** Where a new entry goes and what its file says. */
export interface Placement {
  category: string;
  /** File name in the category folder, e.g. "0690-infinite-retrieval-attention-enhanced-llms.yaml". */
  name: string;
  absPath: string;
  text: string;
}

const MODELINE = /^# yaml-language-server: \$schema=(\S+)/;

/**
 * The schema path the list's paper files already use (its own neighbours first), so a new file
 * reads like the others; for a list with no papers yet, `fallbackSchemaDir` (schema/ beside data/).
 */
export function schemaPath(papers: readonly LoadedPaper[], category: string, folder: string, fallbackSchemaDir: string): string {
  const ordered = [...papers.filter((p) => p.category === category), ...papers.filter((p) => p.category !== category)];
  for (const paper of ordered) {
    const found = MODELINE.exec(paper.source.text)?.[1];
    if (found) return found;
  }
  return relative(folder, join(fallbackSchemaDir, 'paper.schema.json')).split(sep).join('/');
}

/** The new file: numbered after `names` (the folder's files, and those added before in this run), slug from the title. */
export function placeEntry(
  paper: Paper,
  category: string,
  dataDir: string,
  names: ReadonlySet<string>,
  schema: string,
): Placement {
  const name = entryFileName(nextOrder(names), paper, names);
  const absPath = join(dataDir, PAPERS_DIR, category, name);
  return { category, name, absPath, text: yamlText(orderPaperFields(paper), schema) };
}

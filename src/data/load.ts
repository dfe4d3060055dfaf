import type { Result } from '../core/problem.js';
import { parseDataFile } from './parse.js';
import { readData, type ListData, type LoadOptions } from './read.js';

// The walk of data/ and its helpers live in read.ts (no parser), so that a cached run loads no parser.
export * from './read.js';

/**
 * Reads and validates data/: categories.yaml, news.yaml and papers/<category>/*.yaml.
 * Throws DataDirError only when the directory itself cannot be read; everything else is a problem.
 */
export function loadData(dataDir: string, cwd: string = process.cwd(), options: LoadOptions = {}): Result<ListData> {
  return readData(dataDir, cwd, parseDataFile, options);
}

import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import type { Problem } from '../core/problem.js';
import type { DataFileKind, ParseDataFile } from './read.js';
import { readFlatYaml } from './flat-yaml.js';
import { CategoriesFile, NewsFile, Paper, RawEntry, type PaperFile } from './schema.js';
import { lazySource, parseSource, type SourceFile } from './source.js';
import { validate } from './validate.js';

/*
 * Parsing and validating one data file: js-yaml and zod, loaded only when a file is not in the data
 * cache (read.ts walks data/; load.ts gives this parser to it).
 */

/** Read a YAML file fast (a flat paper file without js-yaml), or, when js-yaml refuses it, with yaml for the place of the syntax error. */
function readYaml(absPath: string, file: string, text: string): { source: SourceFile; data: unknown; problems: Problem[] } {
  const flat = readFlatYaml(text);
  if (flat !== undefined) return { source: lazySource(file, absPath, text), data: flat, problems: [] };
  try {
    return { source: lazySource(file, absPath, text), data: loadYaml(text, { schema: CORE_SCHEMA }), problems: [] };
  } catch {
    const { source, problems } = parseSource(file, absPath, text);
    return { source, data: problems.length > 0 ? undefined : source.doc.toJS(), problems };
  }
}

/**
 * One paper file. js-yaml reads it (ten times faster than building a document model, which
 * matters at 100,000 papers); the model is built only when a problem needs a position, or to
 * report a syntax error where it stands.
 */
function loadPaper(absPath: string, file: string, text: string): { source: SourceFile; value: PaperFile | undefined; problems: Problem[] } {
  const read = readYaml(absPath, file, text);
  if (read.problems.length > 0) return { source: read.source, value: undefined, problems: read.problems };
  const data = read.data;
  const isRaw = data !== null && typeof data === 'object' && 'raw' in data;
  const checked = isRaw ? validate(RawEntry, read.source, data) : validate(Paper, read.source, data);
  return { source: read.source, value: checked.value, problems: checked.problems };
}

/** The schema of each file at the top of data/. */
const TOP_FILE_SCHEMAS = { categories: CategoriesFile, news: NewsFile };

/** One data file's text into its validated value and its problems. */
export const parseDataFile: ParseDataFile = (kind: DataFileKind, absPath: string, file: string, text: string) => {
  if (kind === 'paper') return loadPaper(absPath, file, text);
  const yaml = readYaml(absPath, file, text);
  if (yaml.problems.length > 0) return { source: yaml.source, value: undefined, problems: yaml.problems };
  const checked = validate<unknown>(TOP_FILE_SCHEMAS[kind], yaml.source, yaml.data);
  return { source: yaml.source, value: checked.value, problems: checked.problems };
};

import { isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Problem, Result } from '../core/problem.js';
import type { Category } from '../data/schema.js';
import { parseSource, placeOf } from '../data/source.js';

/** The issue form for suggesting a paper, and the id of its category dropdown. */
export const ISSUE_FORM_PATH = '.github/ISSUE_TEMPLATE/suggest-paper.yml';
export const CATEGORY_FIELD_ID = 'category';

/**
 * One option per category, parents before their children, in the order of categories.yaml:
 * "Architecture / Length Extrapolation (length-extrapolation)". English names; the id says where the file goes.
 */
export function categoryOptions(categories: readonly Category[], parents: readonly string[] = []): string[] {
  const options: string[] = [];
  for (const category of categories) {
    const path = [...parents, category.name.en];
    options.push(`${path.join(' / ')} (${category.id})`);
    if (category.children) options.push(...categoryOptions(category.children, path));
  }
  return options;
}

export interface SyncedForm {
  /** The form's text with the category options replaced; the input itself when nothing changed. */
  text: string;
  /** The options the form had. */
  before: string[];
  changed: boolean;
}

/**
 * Set the options of the category dropdown in the issue form's YAML text. Edits the YAML document
 * rather than the text, so comments and the rest of the form survive; leaves the text alone when the
 * options are already right.
 */
export function syncIssueForm(text: string, file: string, options: readonly string[]): Result<SyncedForm | undefined> {
  const { source, problems } = parseSource(file, file, text);
  if (problems.length > 0) return { value: undefined, problems };
  const doc = source.doc;
  const seq = optionsNode(doc.contents);
  if (!seq) {
    const place = placeOf(source, ['body']);
    const problem: Problem = {
      rule: 'schema',
      severity: 'error',
      file,
      line: place.line,
      column: place.column,
      message: `No dropdown with id "${CATEGORY_FIELD_ID}" and a list of options under "body".`,
    };
    return { value: undefined, problems: [problem] };
  }
  const before = seq.items.map((item) => String(isScalar(item) ? item.value : item));
  const changed = before.length !== options.length || before.some((option, i) => option !== options[i]);
  if (!changed) return { value: { text, before, changed }, problems: [] };
  seq.items = options.map((option) => doc.createNode(option));
  return { value: { text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), before, changed }, problems: [] };
}

function optionsNode(contents: unknown): YAMLSeq | undefined {
  if (!isMap(contents)) return undefined;
  const body = contents.get('body');
  if (!isSeq(body)) return undefined;
  for (const item of body.items) {
    if (!isMap(item) || item.get('id') !== CATEGORY_FIELD_ID || item.get('type') !== 'dropdown') continue;
    const attributes = item.get('attributes');
    const options = isMap(attributes) ? (attributes as YAMLMap).get('options') : undefined;
    if (isSeq(options)) return options;
  }
  return undefined;
}

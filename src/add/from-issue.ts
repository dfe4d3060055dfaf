/**
 * The body of a submitted "Suggest a paper" issue, as GitHub renders the form: one "### <label>"
 * heading per field, its value below, "_No response_" for a field left empty. Only the first
 * heading of each label counts: the fields come in the form's order, so a heading typed into a
 * later free-text field cannot replace the paper or the category.
 */

/** The labels of .github/ISSUE_TEMPLATE/suggest-paper.yml (a test keeps them equal). */
export const PAPER_LABEL = 'arXiv ID or URL';
export const CATEGORY_LABEL = 'Category';

export interface IssueSuggestion {
  paper: string;
  category: string;
}

const NO_RESPONSE = '_No response_';
/** Longest field value read: a link or a category, never an essay. */
const MAX_VALUE = 2000;

function fieldValue(lines: readonly string[], label: string): string | undefined {
  const at = lines.findIndex((line) => line.trim() === `### ${label}`);
  if (at < 0) return undefined;
  const value: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (/^###\s/.test(line)) break;
    value.push(line);
  }
  const text = value.join('\n').trim();
  return text === NO_RESPONSE ? '' : text;
}

/** The category id of a dropdown answer: "Architecture / Length Extrapolation (length-extrapolation)" or a bare id. */
export function categoryIdOf(answer: string): string | undefined {
  const id = /^(?:[^\n()]*\()?([a-z0-9][a-z0-9-]{0,80})\)?$/.exec(answer.trim());
  if (!id) return undefined;
  // "(id)" needs its opening parenthesis, a bare id none.
  const bare = !answer.includes('(') && !answer.includes(')');
  return bare || answer.trim().endsWith(')') ? id[1] : undefined;
}

/** The suggestion, or what is wrong with the body, in the words of the issue's fields. */
export function readIssueBody(body: string): IssueSuggestion | { reason: string } {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const paper = fieldValue(lines, PAPER_LABEL);
  const category = fieldValue(lines, CATEGORY_LABEL);
  if (paper === undefined || category === undefined) {
    return { reason: `the issue is not a "Suggest a paper" form: it has no "### ${paper === undefined ? PAPER_LABEL : CATEGORY_LABEL}" field.` };
  }
  if (paper === '') return { reason: `the issue's "${PAPER_LABEL}" field is empty.` };
  if (category === '') return { reason: `the issue's "${CATEGORY_LABEL}" field is empty.` };
  if (paper.length > MAX_VALUE || paper.includes('\n')) return { reason: `the issue's "${PAPER_LABEL}" field is not one link or ID.` };
  const id = category.length > MAX_VALUE ? undefined : categoryIdOf(category);
  if (id === undefined) return { reason: `the issue's "${CATEGORY_LABEL}" field is not one of the form's categories.` };
  return { paper, category: id };
}

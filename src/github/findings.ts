import type * as z from 'zod';
import { LintJsonOutput } from '../core/findings-json.js';

/**
 * Read what `npm run lint-list -- --format json` printed, with the schema the formatter's type comes
 * from (src/lint/json-schema.ts): the report reads exactly what lint-list writes.
 */
export function parseFindingsJson(text: string): { value: LintJsonOutput; error?: undefined } | { value?: undefined; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // JSON.parse's own text ("Unexpected token … in JSON at position 7") is the engine's, not ours.
    return { error: 'not JSON; give it the file that npm run lint-list -- --format json writes' };
  }
  const result = LintJsonOutput.safeParse(data, { reportInput: true });
  if (result.success) return { value: result.data };
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the top level';
  return { error: `not lint-list JSON output: at ${where}: ${issueWords(issue)}` };
}

/** A zod issue in our words: zod's own ("Invalid option: expected one of …") only where the schema wrote it. */
function issueWords(issue: z.core.$ZodIssue): string {
  if ((issue.code === 'invalid_value' || issue.code === 'invalid_type') && issue.input === undefined) return 'missing';
  // A message the schema gives itself (src/core/findings-json.ts) is ours; zod's own start so.
  if (!/^(Invalid|Unrecognized|Too (big|small))/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'invalid_type':
      return `must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    default:
      return 'not what lint-list writes';
  }
}

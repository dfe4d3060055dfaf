import { LintJsonOutput } from '../core/findings-json.js';

/**
 * Read what `npm run lint-list -- --format json` printed, with the schema the formatter's type comes
 * from (src/lint/json-schema.ts): the report reads exactly what lint-list writes.
 */
export function parseFindingsJson(text: string): { value: LintJsonOutput; error?: undefined } | { value?: undefined; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
  const result = LintJsonOutput.safeParse(data);
  if (result.success) return { value: result.data };
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the top level';
  return { error: `not lint-list JSON output: at ${where}: ${issue.message}` };
}

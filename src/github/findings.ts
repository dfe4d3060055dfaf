import * as z from 'zod';

/**
 * The JSON that `npm run lint-list -- --format json` prints:
 * `{"findings":[{"rule","severity","file","line","column","message","fix"?}],"summary":{...}}`.
 * Read loosely: fields the report does not use may come and go.
 */
export const Finding = z.looseObject({
  rule: z.string().min(1),
  severity: z.enum(['error', 'warning', 'info']),
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
  fix: z.unknown().optional(),
});

export const FindingsJson = z.looseObject({
  findings: z.array(Finding),
  summary: z.record(z.string(), z.unknown()),
});

/** What `summary.links` says when lint-list ran with --links (read if present, never required). */
export const LinksSummary = z.looseObject({
  references: z.number().int().nonnegative(),
  urls: z.number().int().nonnegative(),
  arxiv: z.looseObject({ ids: z.number().int().nonnegative() }),
  /** How many hosts could be reached; `unreachable` when the network, not the links, was down. */
  network: z
    .looseObject({ hosts: z.number().int().nonnegative(), failed: z.number().int().nonnegative(), unreachable: z.boolean() })
    .optional(),
});

export type Finding = z.infer<typeof Finding>;
export type FindingsJson = z.infer<typeof FindingsJson>;

/** Parse lint-list's JSON output; on failure, say why in one line. */
export function parseFindingsJson(text: string): { value: FindingsJson; error?: undefined } | { value?: undefined; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
  const result = FindingsJson.safeParse(data);
  if (result.success) return { value: result.data };
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the top level';
  return { error: `not lint-list JSON output: at ${where}: ${issue.message}` };
}

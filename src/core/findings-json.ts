import * as z from 'zod';
import { RULE_IDS } from './rules.js';

/**
 * The one contract for `lint-list --format json` on stdout: the formatter builds a value of the type
 * inferred here, the GitHub link report parses its input with this schema, and tests parse the real
 * output with it. A change to the output is a change here first.
 */

const Position = z.number().int().min(1);
const Count = z.number().int().min(0);

export const JsonFix = z.strictObject({
  path: z.array(z.union([z.string(), z.number().int().min(0)])).min(1),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  remove: z.boolean().optional(),
});

export const JsonFinding = z.strictObject({
  // A custom message: zod's own would list every rule id.
  rule: z.enum(RULE_IDS as [string, ...string[]], { error: 'not a rule id of lint-list' }),
  severity: z.enum(['error', 'warning', 'info']),
  /** Relative to the working directory, forward slashes. */
  file: z.string().min(1).refine((file) => !file.includes('\\') && !file.startsWith('/'), 'must be relative with forward slashes'),
  line: Position,
  column: Position,
  message: z.string().min(1),
  fix: JsonFix.optional(),
});

/**
 * `summary.links` with --links: the link check's own summary (LinkSummary of src/links/types.ts, which
 * lint-list passes as it is; tests/lint/registry.test.ts holds the two to the same keys at compile time).
 */
export const JsonLinksSummary = z.strictObject({
  references: Count,
  urls: Count,
  cached: Count,
  requests: Count,
  states: z.record(z.string(), Count),
  arxiv: z.strictObject({
    ids: Count,
    cached: Count,
    requests: Count,
    notFound: Count,
    titleMismatch: Count,
    withdrawn: Count,
    published: Count,
    unverified: Count,
  }),
  elapsedMs: z.number().min(0),
  changedSince: z.string().optional(),
  network: z
    .strictObject({ hosts: Count, failed: Count, dns: Count, refused: Count, connectTimeout: Count, noRoute: Count, unreachable: z.boolean() })
    .optional(),
});

export const JsonSummary = z.strictObject({
  errors: Count,
  warnings: Count,
  infos: Count,
  /** Findings that carry a fix. */
  fixable: Count,
  /** Files with at least one finding. */
  files: Count,
  /** Paper files checked. */
  entries: Count,
  /** Findings silenced by exceptions in the data. */
  silenced: Count,
  /** With --changed-since: the findings left out because they stand on files the change did not touch. */
  changedSince: z.strictObject({ ref: z.string().min(1), untouched: Count, untouchedErrors: Count }).optional(),
  /** With --fix: fixes written. */
  fixed: Count.optional(),
  /** With --links: the link check's own summary. */
  links: JsonLinksSummary.optional(),
});

export const LintJsonOutput = z.strictObject({
  findings: z.array(JsonFinding),
  summary: JsonSummary,
});

export type JsonFinding = z.infer<typeof JsonFinding>;
export type JsonLinksSummary = z.infer<typeof JsonLinksSummary>;
export type JsonSummary = z.infer<typeof JsonSummary>;
export type LintJsonOutput = z.infer<typeof LintJsonOutput>;

/** What lint-list adds to the counts the formatter computes from the findings. */
export type JsonSummaryExtra = Omit<JsonSummary, 'errors' | 'warnings' | 'infos' | 'fixable' | 'files'>;

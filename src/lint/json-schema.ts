import * as z from 'zod';
import { RULE_IDS } from '../core/rules.js';

/**
 * The shape of `lint-list --format json` on stdout. CI scripts and bots read it; tests validate the
 * real output against this schema, so a change to the output is a change here first.
 */

const Position = z.number().int().min(1);

export const JsonFix = z.strictObject({
  path: z.array(z.union([z.string(), z.number().int().min(0)])).min(1),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  remove: z.boolean().optional(),
});

export const JsonFinding = z.strictObject({
  rule: z.enum(RULE_IDS as [string, ...string[]]),
  severity: z.enum(['error', 'warning', 'info']),
  /** Relative to the working directory, forward slashes. */
  file: z.string().min(1).refine((file) => !file.includes('\\') && !file.startsWith('/'), 'must be relative with forward slashes'),
  line: Position,
  column: Position,
  message: z.string().min(1),
  fix: JsonFix.optional(),
});

const Count = z.number().int().min(0);

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
  /** With --fix: fixes written. */
  fixed: Count.optional(),
  /** With --links: the link check's own summary. */
  links: z.looseObject({}).optional(),
});

export const LintJsonOutput = z.strictObject({
  findings: z.array(JsonFinding),
  summary: JsonSummary,
});

export type LintJsonOutput = z.infer<typeof LintJsonOutput>;

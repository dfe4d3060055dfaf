import { readFileSync } from 'node:fs';
import * as z from 'zod';
import type { Result } from '../core/problem.js';
import { parseSource } from '../data/source.js';
import { validate } from '../data/validate.js';
import { displayPath } from '../data/load.js';
import type { PolicyOverrides } from './policy.js';
import { whyFileFailed } from '../fs/errors.js';

/**
 * The link checker's optional config file (YAML or JSON), e.g.
 *
 *   concurrency: 8
 *   defaults: { concurrency: 2, intervalMs: 100, timeoutMs: 20000 }
 *   hosts:
 *     github.com: { intervalMs: 1000 }
 *     "*.example.org": { method: get }
 *   arxiv: { batchSize: 100 }
 *   cache: { okDays: 3 }
 *
 * Strict objects: a misspelled key is a `schema` error naming the file and line.
 */
export const DEFAULT_CONFIG_FILE = 'link-check.yaml';

const ms = z.number().int('must be a whole number of milliseconds').min(0, 'must not be negative');
const positiveInt = z.number().int('must be a whole number').min(1, 'must be at least 1');

const HostRow = z.strictObject({
  concurrency: positiveInt.max(16, 'must be at most 16: be polite to one host').optional(),
  intervalMs: ms.optional(),
  method: z.enum(['head', 'get']).optional(),
  timeoutMs: ms.min(100, 'must be at least 100').optional(),
});

const HostPattern = z
  .string()
  .regex(/^(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/, 'must be a host name like "github.com" or "*.example.org"');

export const LinkConfigFile = z.strictObject({
  concurrency: positiveInt.max(64, 'must be at most 64').optional(),
  retries: z.number().int('must be a whole number').min(0, 'must not be negative').max(5, 'must be at most 5').optional(),
  retryBaseMs: ms.optional(),
  maxRetryAfterMs: ms.optional(),
  budgetMs: ms.optional(),
  maxRedirects: z.number().int('must be a whole number').min(0, 'must not be negative').max(10, 'must be at most 10').optional(),
  defaults: HostRow.optional(),
  hosts: z.record(HostPattern, HostRow).optional(),
  arxiv: z
    .strictObject({
      apiUrl: z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL').optional(),
      batchSize: positiveInt.max(2000, 'must be at most 2000').optional(),
      // arXiv's terms of use: no faster than one request every 3 seconds.
      intervalMs: ms.min(3000, "must be at least 3000, as arXiv's terms of use ask").optional(),
      timeoutMs: ms.min(1000, 'must be at least 1000').optional(),
    })
    .optional(),
  cache: z
    .strictObject({
      okDays: z.number().min(0, 'must not be negative').optional(),
      arxivDays: z.number().min(0, 'must not be negative').optional(),
    })
    .optional(),
});

export type LinkConfig = z.infer<typeof LinkConfigFile>;

/**
 * Reads and validates the config file. A missing optional file (the default name) is no config;
 * a missing file named explicitly throws, as bad usage.
 */
export function loadLinkConfig(absPath: string, cwd: string, required: boolean): Result<PolicyOverrides | undefined> {
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return { value: undefined, problems: [] };
    const why = whyFileFailed(error);
    if (why === undefined) throw error;
    throw new LinkConfigError(`cannot read the link-check config ${displayPath(absPath, cwd)}: ${why}`);
  }
  const { source, problems } = parseSource(displayPath(absPath, cwd), absPath, text);
  if (problems.length > 0) return { value: undefined, problems };
  // An empty file is an empty config, not a schema error.
  if (source.doc.contents === null) return { value: {}, problems: [] };
  const checked = validate(LinkConfigFile, source);
  return { value: checked.value, problems: checked.problems };
}

export class LinkConfigError extends Error {}

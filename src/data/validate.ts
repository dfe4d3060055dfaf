import type * as z from 'zod';
import type { Problem } from '../core/problem.js';
import type { RuleId } from '../core/rules.js';
import { placeOf, placeOfKey, type SourceFile } from './source.js';

/**
 * Fields whose schema failure has a rule of its own, so it can be documented and silenced like
 * any other finding instead of hiding behind the catch-all `schema`.
 */
const FIELD_RULES: Record<string, RuleId> = {
  year: 'year',
  url: 'url-scheme',
};

/** Check `data` (by default the document's value) against `schema`; failures point into `source`. */
export function validate<T>(
  schema: z.ZodType<T>,
  source: SourceFile,
  data: unknown = source.doc.toJS({ maxAliasCount: 100 }),
): { value: T | undefined; problems: Problem[] } {
  // Without options first: zod's compiled check runs three to four times faster without a context of
  // ours (100,000 papers: about 0.8 s less). Only a failing file is checked again, keeping the values
  // the messages quote.
  const quick = schema.safeParse(data);
  if (quick.success) return { value: quick.data, problems: [] };
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { value: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => issueToProblem(issue, source));
  return { value: undefined, problems };
}

function issueToProblem(issue: z.core.$ZodIssue, source: SourceFile): Problem {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  // An unknown field is reported where it is written (the typo is on the pull request's diff), not where its mapping starts.
  const place = issue.code === 'unrecognized_keys' ? placeOfKey(source, path, issue.keys[0]!) : placeOf(source, path);
  const last = [...path].reverse().find((key) => typeof key === 'string');
  const rule: RuleId = (typeof last === 'string' && FIELD_RULES[last]) || 'schema';
  return {
    rule,
    severity: 'error',
    file: source.file,
    line: place.line,
    column: place.column,
    message: describeIssue(issue, path, source),
  };
}

function fieldName(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'The file';
  return `Field "${path.map((key) => (typeof key === 'number' ? `[${key}]` : key)).join('.').replace(/\.\[/g, '[')}"`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'empty';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  // A tagged value the yaml package reads into an object of its own (!!timestamp, !!binary).
  if (value instanceof Date) return 'a date';
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function describeIssue(issue: z.core.$ZodIssue, path: readonly (string | number)[], source: SourceFile): string {
  const field = fieldName(path);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined || issue.input === null) return path.length === 0 ? 'The file is empty.' : `${field} is missing.`;
      const unquoted = issue.expected === 'string' && (typeof issue.input === 'number' || typeof issue.input === 'boolean') ? writtenAs(source, path) : undefined;
      if (unquoted !== undefined) {
        // YAML reads 2401.10000 as the number 2401.1: the text as written, in quotes, is what to write.
        const key = path.at(-1);
        const quoted = JSON.stringify(unquoted);
        return `${field} must be text, but ${unquoted} without quotes is read as a ${typeof issue.input === 'number' ? 'number' : 'yes/no value'}; write it in quotes: ${typeof key === 'string' ? `${key}: ${quoted}` : quoted}.`;
      }
      return `${field} must be ${article(issue.expected)}, but is ${show(issue.input)}.`;
    }
    case 'unrecognized_keys':
      return `${field === 'The file' ? 'The entry' : field} has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys
        .map((key) => `"${key}"`)
        .join(', ')}; check the spelling.`;
    case 'invalid_value':
      return `${field} must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, but is ${show(issue.input)}.`;
    default: {
      const input = 'input' in issue && issue.input !== undefined ? `, but is ${show(issue.input)}` : '';
      return `${field} ${issue.message}${input}.`;
    }
  }
}

/** The plain (unquoted) text of the value at `path` as the file writes it; undefined when it is not a plain value. */
function writtenAs(source: SourceFile, path: readonly (string | number)[]): string | undefined {
  const node = source.doc.getIn(path, true) as { type?: string; range?: [number, number, number] } | undefined;
  if (!node || node.type !== 'PLAIN' || !node.range) return undefined;
  return source.text.slice(node.range[0], node.range[1]);
}

function article(type: string): string {
  // zod 4 reports a number that is not whole as an invalid type "int".
  if (type === 'int') return 'a whole number';
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

import type { RuleId } from './rules.js';

export type Severity = 'error' | 'warning' | 'info';

/** A safe, mechanical edit: set the scalar at `path` in the YAML document of `file` to `value`. */
export interface Fix {
  path: (string | number)[];
  value: string | number | boolean | null;
  /** Remove the key (or sequence item) at `path` instead of setting it. */
  remove?: boolean;
}

/** One finding. Problems are data; only the CLI prints them. */
export interface Problem {
  rule: RuleId;
  severity: Severity;
  /** Path relative to the working directory or the data directory, with forward slashes. */
  file: string;
  line: number;
  column: number;
  message: string;
  fix?: Fix;
}

/** What every stage (load, validate, check, render, import) returns. */
export interface Result<T> {
  value: T;
  problems: Problem[];
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Deterministic order: file, line, column, rule, message. */
export function compareProblems(a: Problem, b: Problem): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    severityRank[a.severity] - severityRank[b.severity] ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(compareProblems);
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

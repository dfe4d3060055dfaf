import type { Problem, Severity } from '../core/problem.js';
import { sortProblems } from '../core/problem.js';
import type { JsonFinding, JsonSummaryExtra, LintJsonOutput } from '../core/findings-json.js';

export type OutputFormat = 'text' | 'json' | 'github';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'github'];

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
  files: number;
}

export function summarize(problems: readonly Problem[]): Summary {
  return {
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    infos: problems.filter((p) => p.severity === 'info').length,
    fixable: problems.filter((p) => p.fix).length,
    files: new Set(problems.map((p) => p.file)).size,
  };
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
}

const COLORS: Record<Severity | 'dim' | 'bold', [number, number]> = {
  error: [31, 39],
  warning: [33, 39],
  info: [36, 39],
  dim: [2, 22],
  bold: [1, 22],
};

function paint(on: boolean, style: keyof typeof COLORS, text: string): string {
  if (!on) return text;
  const [open, close] = COLORS[style];
  return `\u001B[${open}m${text}\u001B[${close}m`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(summary: Summary): string {
  const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning')];
  if (summary.infos > 0) parts.push(plural(summary.infos, 'note'));
  let line = `${parts.join(', ')} in ${plural(summary.files, 'file')}`;
  if (summary.fixable > 0) line += ` (${summary.fixable} fixable with --fix)`;
  return line;
}

/** `file:line:column  severity  message  rule-id`, grouped by file, then a summary line. */
export function formatText(problems: readonly Problem[], color: boolean): string {
  const sorted = sortProblems([...problems]);
  const out: string[] = [];
  let current: string | undefined;
  for (const p of sorted) {
    if (p.file !== current) {
      if (current !== undefined) out.push('');
      out.push(paint(color, 'bold', p.file));
      current = p.file;
    }
    out.push(
      `${p.file}:${p.line}:${p.column}  ${paint(color, p.severity, p.severity)}  ${p.message}  ${paint(color, 'dim', p.rule)}`,
    );
  }
  if (sorted.length > 0) out.push('');
  out.push(sorted.length === 0 ? 'No problems.' : summaryLine(summarize(sorted)));
  return `${out.join('\n')}\n`;
}

/** `lint-list --format json`: the output's shape is src/lint/json-schema.ts, whose type this builds. */
export function formatJson(problems: readonly Problem[], extra: JsonSummaryExtra): string {
  const sorted = sortProblems([...problems]);
  const findings = sorted.map((p): JsonFinding => ({
    rule: p.rule,
    severity: p.severity,
    file: p.file,
    line: p.line,
    column: p.column,
    message: p.message,
    ...(p.fix ? { fix: p.fix } : {}),
  }));
  const output: LintJsonOutput = { findings, summary: { ...summarize(sorted), ...extra } };
  return `${JSON.stringify(output, null, 2)}\n`;
}

/** GitHub Actions workflow commands: percent-encode what the command syntax reserves. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function formatGithub(problems: readonly Problem[]): string {
  const lines = sortProblems([...problems]).map(
    (p) =>
      `::${GITHUB_LEVEL[p.severity]} file=${escapeProperty(p.file)},line=${p.line},col=${p.column},title=${escapeProperty(p.rule)}::${escapeData(p.message)}`,
  );
  lines.push(summaryLine(summarize(problems)));
  return `${lines.join('\n')}\n`;
}

import { RULE_IDS, RULES } from '../core/rules.js';

export const CONTRIBUTING_PATH = '.github/CONTRIBUTING.md';

/** What a row shows of a rule. */
export interface RuleRow {
  id: string;
  severity: string;
  doc: string;
}

const HEADER = ['| Rule | Severity | Meaning |', '| --- | --- | --- |'];

/**
 * CONTRIBUTING's rule table, derived from the registry: one row per rule, in its order, with its
 * severity and doc. (A GFM table: mdast-util-to-markdown without the GFM extension cannot write one;
 * the docs are one line each, without "|", which tests/lint/registry.test.ts checks.) The registry
 * is src/lint/rules/; github reads its generated copy in core.
 */
export function rulesTable(rules: readonly RuleRow[] = RULE_IDS.map((id) => ({ id, ...RULES[id] }))): string {
  return [...HEADER, ...rules.map((rule) => `| \`${rule.id}\` | ${rule.severity} | ${rule.doc} |`)].join('\n');
}

/** The rule table as it stands in `text` (CONTRIBUTING's), or undefined when there is none. */
export function findRulesTable(text: string): { start: number; end: number; table: string } | undefined {
  const start = text.indexOf(`${HEADER.join('\n')}\n`);
  if (start < 0) return undefined;
  const rows = /^(?:\|.*\|\n?)+/m.exec(text.slice(start));
  const table = rows![0].replace(/\n$/, '');
  return { start, end: start + table.length, table };
}

/** `text` with its rule table replaced by the registry's. */
export function withRulesTable(text: string, rules?: readonly RuleRow[]): string | undefined {
  const found = findRulesTable(text);
  return found ? `${text.slice(0, found.start)}${rulesTable(rules)}${text.slice(found.end)}` : undefined;
}

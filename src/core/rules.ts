import type { Reporter } from './rule-data.js';
import { RULE_DATA } from './rule-list.js';

/**
 * The registry of rule ids. Each rule is a file under src/lint/rules/ (id, severity, doc, fixable,
 * who reports it, its check); src/core/rule-list.ts is generated from those files, so that the
 * stages outside src/lint/, which may import only core, know every rule too.
 */
export const RULES = RULE_DATA;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(value: string): value is RuleId {
  return Object.hasOwn(RULES, value);
}

/** The rules whose findings `command` can report, in the registry's order. */
export function rulesReportedBy(command: Reporter): RuleId[] {
  return RULE_IDS.filter((id) => (RULES[id].reportedBy as readonly Reporter[]).includes(command));
}

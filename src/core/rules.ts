/**
 * The rule registry lives in src/lint/rules/ (one file per rule, gathered by its index.ts); this
 * module only re-exports it for the stages outside src/lint/.
 */
export { isRuleId, RULE_IDS, RULES, type RuleId } from '../lint/rules/index.js';

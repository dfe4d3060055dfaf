import type { FieldKind, TextRule } from './context.js';
import type { RuleId } from './rules/index.js';

/** What one text rule found in a value as written. */
export interface TextPipelineFinding {
  rule: RuleId;
  /** The rule's message, without the field's label ("has an invisible character (U+200B)."). */
  message: string;
  /** Whether the rule's fix changes the value. */
  fixes: boolean;
}

/** The rules of a list that apply to a kind of field, in order: found once per list and kind, not per field. */
const byKind = new WeakMap<readonly TextRule[], Map<FieldKind, readonly TextRule[]>>();
function rulesFor(rules: readonly TextRule[], kind: FieldKind): readonly TextRule[] {
  let kinds = byKind.get(rules);
  if (!kinds) byKind.set(rules, (kinds = new Map()));
  let applicable = kinds.get(kind);
  if (!applicable) kinds.set(kind, (applicable = rules.filter((rule) => rule.kinds.includes(kind))));
  return applicable;
}

/**
 * Run text rules over one value as a pipeline: each rule sees the value as the earlier rules' fixes
 * leave it, so all fixes agree on one final value. A rule reports only what was wrong in the value
 * as written (removing "$$$$ " leaves no leading space to complain about); `keepsFix(rule)` false
 * keeps that rule's repair out of the final value (a silenced rule). lint-list runs it on every field
 * of the data, import-readme on the fields it reads from the README.
 */
export function runTextPipeline(
  value: string,
  kind: FieldKind,
  rules: readonly TextRule[],
  keepsFix: (rule: RuleId) => boolean = () => true,
): { found: TextPipelineFinding[]; value: string } {
  let current = value;
  const found: TextPipelineFinding[] = [];
  for (const rule of rulesFor(rules, kind)) {
    const finding = rule.check(current, kind);
    if (!finding) continue;
    const fixes = finding.fixed !== undefined && finding.fixed !== current;
    if (current === value || rule.check(value, kind)) found.push({ rule: rule.id, message: finding.message, fixes });
    if (fixes && keepsFix(rule.id)) current = finding.fixed!;
  }
  return { found, value: current };
}

import type { Problem } from '../core/problem.js';
import { isRuleId, NOT_SILENCEABLE, RULES, type RuleId } from './rules/index.js';
import type { RuleDescriptor } from './rule.js';
import type { Exception } from '../data/schema.js';
import type { SourceFile } from '../data/source.js';
import { placeOf } from '../data/source.js';

/** An exception as written in a paper file, and whether it silenced anything in this run. */
export interface DeclaredException {
  source: SourceFile;
  index: number;
  rule: string;
  reason: string;
  used: boolean;
}


/** The exceptions of every paper file, by file. Plain data: the functions below read and mark it. */
export type ExceptionIndex = Map<string, DeclaredException[]>;

export function indexExceptions(files: Iterable<{ source: SourceFile; exceptions: readonly Exception[] | undefined }>): ExceptionIndex {
  const index: ExceptionIndex = new Map();
  for (const { source, exceptions } of files) {
    if (!exceptions || exceptions.length === 0) continue;
    index.set(
      source.file,
      exceptions.map((e, i) => ({ source, index: i, rule: e.rule, reason: e.reason, used: false })),
    );
  }
  return index;
}

/** Whether `file` declares an exception for `rule` (used to keep silenced fixes out of a field's final value). */
export function declaresException(index: ExceptionIndex, file: string, rule: RuleId): boolean {
  return index.get(file)?.some((e) => e.rule === rule) ?? false;
}

/** Split problems into those reported and those an exception silences; marks the exceptions used. */
export function applyExceptions(index: ExceptionIndex, problems: readonly Problem[]): { kept: Problem[]; silenced: Problem[] } {
  const kept: Problem[] = [];
  const silenced: Problem[] = [];
  for (const problem of problems) {
    const matching = NOT_SILENCEABLE.has(problem.rule) ? undefined : index.get(problem.file)?.filter((e) => e.rule === problem.rule);
    if (matching && matching.length > 0) {
      for (const e of matching) e.used = true;
      silenced.push(problem);
    } else kept.push(problem);
  }
  return { kept, silenced };
}

/**
 * Exceptions naming a rule that does not exist (or cannot be silenced), and exceptions that silenced
 * nothing or never can (a rule's whyNotSilenceable says why). Only rules that ran count: an exception
 * for a link rule is not unused in an offline run.
 */
export function exceptionProblems(index: ExceptionIndex, ranRules: ReadonlySet<RuleId>): Problem[] {
  const problems: Problem[] = [];
  for (const list of index.values()) {
    for (const e of list) {
      // Placed only for an exception reported here: a used one never needs the YAML document model.
      const at = () => ({ file: e.source.file, ...placeOf(e.source, ['exceptions', e.index, 'rule']) });
      const descriptor: RuleDescriptor | undefined = isRuleId(e.rule) ? RULES[e.rule] : undefined;
      if (descriptor?.whyNotSilenceable !== undefined) {
        // A warning, as an exception that silences nothing is: the file may be fine, and build-readme goes on.
        problems.push({
          rule: 'unused-exception',
          severity: RULES['unused-exception'].severity,
          ...at(),
          message: `Exception "${e.rule}" cannot be silenced: ${descriptor.whyNotSilenceable}.`,
        });
      } else if (descriptor === undefined || NOT_SILENCEABLE.has(descriptor.id)) {
        const why = descriptor === undefined ? 'is not a rule id; see the rule table in .github/CONTRIBUTING.md' : 'cannot be silenced by an exception';
        problems.push({ rule: 'unknown-rule', severity: RULES['unknown-rule'].severity, ...at(), message: `Exception "${e.rule}" ${why}.` });
      } else if (!e.used && ranRules.has(descriptor.id)) {
        problems.push({
          rule: 'unused-exception',
          severity: RULES['unused-exception'].severity,
          ...at(),
          message: `The exception for "${e.rule}" no longer silences anything; remove it.`,
        });
      }
    }
  }
  return problems;
}

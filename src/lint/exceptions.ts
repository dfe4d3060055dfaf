import type { Problem } from '../core/problem.js';
import { isRuleId, RULES, type RuleId } from '../core/rules.js';
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

/** Rules an exception cannot silence: the file must parse to be read, and the exception checks police themselves. */
const NOT_SILENCEABLE = new Set<string>(['yaml-syntax', 'unused-exception', 'unknown-rule']);

export class ExceptionIndex {
  private readonly byFile = new Map<string, DeclaredException[]>();

  add(source: SourceFile, exceptions: readonly Exception[] | undefined): void {
    if (!exceptions || exceptions.length === 0) return;
    this.byFile.set(
      source.file,
      exceptions.map((e, index) => ({ source, index, rule: e.rule, reason: e.reason, used: false })),
    );
  }

  /** Whether `file` declares an exception for `rule` (used to keep silenced fixes out of a field's final value). */
  declares(file: string, rule: RuleId): boolean {
    return this.byFile.get(file)?.some((e) => e.rule === rule) ?? false;
  }

  /** Split problems into those reported and those an exception silences; marks the exceptions used. */
  apply(problems: readonly Problem[]): { kept: Problem[]; silenced: Problem[] } {
    const kept: Problem[] = [];
    const silenced: Problem[] = [];
    for (const problem of problems) {
      const matching = NOT_SILENCEABLE.has(problem.rule) ? undefined : this.byFile.get(problem.file)?.filter((e) => e.rule === problem.rule);
      if (matching && matching.length > 0) {
        for (const e of matching) e.used = true;
        silenced.push(problem);
      } else kept.push(problem);
    }
    return { kept, silenced };
  }

  /**
   * Exceptions naming a rule that does not exist (or cannot be silenced), and exceptions that silenced
   * nothing. Only rules that ran count: an exception for a link rule is not unused in an offline run.
   */
  problems(ranRules: ReadonlySet<RuleId>): Problem[] {
    const problems: Problem[] = [];
    for (const list of this.byFile.values()) {
      for (const e of list) {
        const place = placeOf(e.source, ['exceptions', e.index, 'rule']);
        const at = { file: e.source.file, line: place.line, column: place.column };
        if (!isRuleId(e.rule) || NOT_SILENCEABLE.has(e.rule)) {
          const why = isRuleId(e.rule) ? 'cannot be silenced by an exception' : 'is not a rule id; see src/core/rules.ts for the list';
          problems.push({ rule: 'unknown-rule', severity: RULES['unknown-rule'].severity, ...at, message: `Exception "${e.rule}" ${why}.` });
        } else if (!e.used && ranRules.has(e.rule)) {
          problems.push({
            rule: 'unused-exception',
            severity: RULES['unused-exception'].severity,
            ...at,
            message: `The exception for "${e.rule}" no longer silences anything; remove it.`,
          });
        }
      }
    }
    return problems;
  }
}

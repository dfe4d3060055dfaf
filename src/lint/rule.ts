import type { Severity } from '../core/problem.js';
import type { ListRule, TextCheck } from './context.js';

/** The commands whose output can carry a rule's findings. */
export type Reporter = 'lint-list' | 'lint-list --links' | 'import-readme' | 'build-readme';

/**
 * What a rule says about itself. Every file under src/lint/rules/ exports one as `rule`;
 * src/lint/rules/index.ts gathers them, and every list of rules derives from that registry: the rule
 * ids, what an offline or a link run can report, the rule ids of the JSON output, CONTRIBUTING's table.
 * Rules whose findings another stage produces (loading, import, rendering, the link check) have a
 * file too, with no check in it.
 */
export interface RuleDescriptor {
  readonly id: string;
  readonly severity: Severity;
  /** One line of Markdown: the rule's row in CONTRIBUTING's table. */
  readonly doc: string;
  /** Whether `lint-list --fix` repairs (some of) its findings. */
  readonly fixable: boolean;
  readonly reportedBy: readonly Reporter[];
  /**
   * Set when a finding on a file depends on that file alone: on a file a change did not touch, it
   * was there before the change, and --changed-since needs no base to tell (src/lint/scope.ts).
   */
  readonly oneFile?: true;
  /** Set when no exception may silence it: the file must parse for its exceptions to be read, and the exception checks police themselves. */
  readonly silenceable?: false;
  /** A check of one text field, run in the pipeline of src/lint/check-list.ts. */
  readonly text?: TextCheck;
  /** A check over the whole list. */
  readonly list?: ListRule;
  /** A check over the list that needs the Markdown parser, loaded only when templates are checked. */
  readonly loadList?: () => Promise<ListRule>;
}

import type { Severity } from './problem.js';

/** The commands whose output can carry a rule's findings. */
export type Reporter = 'lint-list' | 'lint-list --links' | 'import-readme' | 'build-readme';

/** What a rule says about itself, as data (src/lint/rule.ts adds its id and its check). */
export interface RuleData {
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
  /**
   * Set when no exception can silence it: the file must parse and load for its exceptions to be read
   * (a schema error, a URL that is not http(s), a file that is not UTF-8 or not a paper file stops it),
   * and the exception checks police themselves.
   */
  readonly silenceable?: false;
  /**
   * With `silenceable: false` on a rule whose finding keeps the file from loading: why an exception for
   * it can never silence it (a file that does not load has no exceptions read, one that loads has
   * nothing of the rule to silence) and what to do, said after "cannot be silenced: ". Such an
   * exception is an unused-exception warning, not an error: the file itself may be fine.
   */
  readonly whyNotSilenceable?: string;
}

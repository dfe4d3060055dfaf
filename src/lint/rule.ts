import type { RuleData } from '../core/rule-data.js';
import type { RuleId } from '../core/rules.js';
import type { ListRule, TextCheck } from './context.js';

/**
 * What a rule says about itself. Every file under src/lint/rules/ exports one as `rule`;
 * src/lint/rules/index.ts gathers them, and every list of rules derives from that registry: the rule
 * ids, what an offline or a link run can report, the rule ids of the JSON output, CONTRIBUTING's table;
 * src/core/rule-list.ts is generated from them for the stages outside src/lint/.
 * Rules whose findings another stage produces (loading, import, rendering, the link check) have a
 * file too, with no check in it.
 */
export interface RuleDescriptor extends RuleData {
  readonly id: RuleId;
  /** A check of one text field, run in the pipeline of src/lint/check-list.ts. */
  readonly text?: TextCheck;
  /** A check over the whole list. */
  readonly list?: ListRule;
  /** A check over the list that needs the Markdown parser, loaded only when templates are checked. */
  readonly loadList?: () => Promise<ListRule>;
}

import type { ListRule, TextRule } from '../context.js';
import type { Reporter } from '../../core/rule-data.js';
import type { RuleId } from '../../core/rules.js';
import type { RuleDescriptor } from '../rule.js';
import { rule as anchor } from './anchor.js';
import { rule as arxivIdMismatch } from './arxiv-id-mismatch.js';
import { rule as arxivNotFound } from './arxiv-not-found.js';
import { rule as arxivPublished } from './arxiv-published.js';
import { rule as arxivTitleMismatch } from './arxiv-title-mismatch.js';
import { rule as arxivUrl } from './arxiv-url.js';
import { rule as arxivWithdrawn } from './arxiv-withdrawn.js';
import { rule as authorShape } from './author-shape.js';
import { rule as bibtexDebris } from './bibtex-debris.js';
import { rule as drift } from './drift.js';
import { rule as duplicateArxivId } from './duplicate-arxiv-id.js';
import { rule as duplicateCategory } from './duplicate-category.js';
import { rule as duplicateTitle } from './duplicate-title.js';
import { rule as duplicateUrl } from './duplicate-url.js';
import { rule as emptyCategory } from './empty-category.js';
import { rule as encoding } from './encoding.js';
import { rule as entryFormat } from './entry-format.js';
import { rule as httpUrl } from './http-url.js';
import { rule as invisibleChar } from './invisible-char.js';
import { rule as latexMarkup } from './latex-markup.js';
import { rule as linkDead } from './link-dead.js';
import { rule as linkRateLimited } from './link-rate-limited.js';
import { rule as linkRedirected } from './link-redirected.js';
import { rule as linkTimeout } from './link-timeout.js';
import { rule as linkUnverifiable } from './link-unverifiable.js';
import { rule as missingUrl } from './missing-url.js';
import { rule as mojibake } from './mojibake.js';
import { rule as privateAddress } from './private-address.js';
import { rule as readmeSize } from './readme-size.js';
import { rule as relativeLink } from './relative-link.js';
import { rule as schema } from './schema.js';
import { rule as strayFile } from './stray-file.js';
import { rule as template } from './template.js';
import { rule as titleStyle } from './title-style.js';
import { rule as unknownCategory } from './unknown-category.js';
import { rule as unknownRule } from './unknown-rule.js';
import { rule as unparsedEntry } from './unparsed-entry.js';
import { rule as unusedException } from './unused-exception.js';
import { rule as urlScheme } from './url-scheme.js';
import { rule as urlTitleConflict } from './url-title-conflict.js';
import { rule as whitespace } from './whitespace.js';
import { rule as yamlSyntax } from './yaml-syntax.js';
import { rule as year } from './year.js';

/**
 * THE registry: every rule the toolchain reports, one file each in this folder, in the order
 * CONTRIBUTING's table lists them. Everything else derives from it: RuleId, RULES, the text pipeline,
 * the list rules, what an offline or a link run can report, the rule ids of the JSON output, and
 * src/core/rule-list.ts, generated from it for the stages outside src/lint/.
 * Adding a rule: its file here (id, severity, doc, fixable, reportedBy, its check), one line below,
 * and its fixtures under tests/fixtures/lint/; then `npx vitest run tests/lint/registry.test.ts -u`
 * writes src/core/rule-list.ts and CONTRIBUTING's rule table (the test checks the folder against this list).
 */
export const RULE_LIST = [
  // Loading and schema; the importer
  yamlSyntax,
  schema,
  strayFile,
  unparsedEntry,
  entryFormat,
  missingUrl,
  // Identity across the list
  duplicateArxivId,
  duplicateUrl,
  urlTitleConflict,
  duplicateTitle,
  arxivIdMismatch,
  // Text hygiene, in the order of the text pipeline (see TEXT_RULES)
  invisibleChar,
  mojibake,
  bibtexDebris,
  latexMarkup,
  whitespace,
  titleStyle,
  arxivUrl,
  authorShape,
  // Values, categories, templates, exceptions
  year,
  urlScheme,
  httpUrl,
  unknownCategory,
  emptyCategory,
  duplicateCategory,
  anchor,
  relativeLink,
  unusedException,
  unknownRule,
  // The network link check (lint-list --links)
  linkDead,
  linkRedirected,
  linkUnverifiable,
  linkRateLimited,
  linkTimeout,
  privateAddress,
  arxivNotFound,
  arxivTitleMismatch,
  arxivWithdrawn,
  arxivPublished,
  // Import and rendering
  encoding,
  template,
  readmeSize,
  drift,
] as const satisfies readonly RuleDescriptor[];

export { isRuleId, RULE_IDS, type RuleId } from '../../core/rules.js';

/** Each rule's descriptor, check included, by id. */
export const RULES = Object.fromEntries(RULE_LIST.map((rule) => [rule.id, rule])) as { readonly [R in (typeof RULE_LIST)[number] as R['id']]: R };

const descriptors: readonly RuleDescriptor[] = RULE_LIST;

/** The rules whose findings `command` can report. */
export function rulesReportedBy(command: Reporter): RuleId[] {
  return descriptors.filter((rule) => rule.reportedBy.includes(command)).map((rule) => rule.id);
}

/**
 * Text rules, in pipeline order (the registry's): each sees the field as the previous ones' fixes
 * leave it. Debris goes before LaTeX ("$\$" is not the escape "\$"); whitespace after both, which may
 * leave gaps; the title's convention and the arXiv form last; author shapes (no fix) on the cleaned names.
 */
export const TEXT_RULES: readonly TextRule[] = descriptors.flatMap((rule) => (rule.text ? [{ id: rule.id, ...rule.text }] : []));

/** Rules over the whole list that need no parser. */
export const LIST_RULES: readonly ListRule[] = descriptors.flatMap((rule) => (rule.list ? [rule.list] : []));

/** Rules over the list that need the Markdown parser (in-page anchors, relative links): loaded only when templates are checked. */
export async function loadTemplateRules(): Promise<ListRule[]> {
  return Promise.all(descriptors.flatMap((rule) => (rule.loadList ? [rule.loadList()] : [])));
}

/** Rules whose finding on a file depends on that file alone (see RuleDescriptor.oneFile). */
export const ONE_FILE_RULES: ReadonlySet<RuleId> = new Set(descriptors.filter((rule) => rule.oneFile).map((rule) => rule.id));

/** Rules no exception silences. */
export const NOT_SILENCEABLE: ReadonlySet<string> = new Set(descriptors.filter((rule) => rule.silenceable === false).map((rule) => rule.id));

/** Every rule an offline run can report, loading and schema included: what unused exceptions are judged against. */
export const OFFLINE_RULES: readonly RuleId[] = rulesReportedBy('lint-list');

/** The rules of the network link check (lint-list --links). */
export const LINK_RULES: readonly RuleId[] = rulesReportedBy('lint-list --links');

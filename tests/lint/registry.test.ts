import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JsonLinksSummary } from '../../src/core/findings-json.js';
import { RULES as CORE_RULES } from '../../src/core/rules.js';
import { CONTRIBUTING_PATH, withRulesTable } from '../../src/github/contributing.js';
import type { LinkSummary } from '../../src/links/types.js';
import { coreRuleListText } from '../../src/lint/rules-table.js';
import type { RuleDescriptor } from '../../src/lint/rule.js';
import { LINK_RULES, LIST_RULES, loadTemplateRules, NOT_SILENCEABLE, OFFLINE_RULES, ONE_FILE_RULES, RULE_IDS, RULE_LIST, RULES, rulesReportedBy, TEXT_RULES } from '../../src/lint/rules/index.js';
import { ROOT } from '../helpers.js';

const RULES_DIR = join(ROOT, 'src/lint/rules');
/** Every rule file: the folder holds nothing else but the registry itself. */
const files = readdirSync(RULES_DIR)
  .filter((name) => name !== 'index.ts')
  .sort();

async function descriptorOf(file: string): Promise<RuleDescriptor> {
  const module = (await import(pathToFileURL(join(RULES_DIR, file)).href)) as { rule?: RuleDescriptor };
  if (!module.rule) throw new Error(`src/lint/rules/${file} exports no rule`);
  return module.rule;
}

describe('the rule registry (src/lint/rules/)', () => {
  it('registers every file of the folder, under the file\'s name, and nothing else', async () => {
    expect(files.every((name) => name.endsWith('.ts'))).toBe(true);
    const registered = RULE_LIST.map((rule) => `${rule.id}.ts`).sort();
    expect(registered).toEqual(files);
    for (const file of files) expect(RULE_LIST, file).toContain(await descriptorOf(file));
  });

  it('holds exactly these rules, in the order CONTRIBUTING lists them', () => {
    expect(RULE_IDS).toEqual([
      'yaml-syntax', 'schema', 'stray-file', 'unparsed-entry', 'entry-format', 'missing-url',
      'duplicate-arxiv-id', 'duplicate-url', 'url-title-conflict', 'duplicate-title', 'arxiv-id-mismatch',
      'invisible-char', 'mojibake', 'bibtex-debris', 'latex-markup', 'whitespace', 'title-style', 'arxiv-url', 'author-shape',
      'year', 'url-scheme', 'http-url', 'unknown-category', 'empty-category', 'duplicate-category', 'anchor', 'relative-link',
      'unused-exception', 'unknown-rule',
      'link-dead', 'link-redirected', 'link-unverifiable', 'link-rate-limited', 'link-timeout', 'private-address',
      'arxiv-not-found', 'arxiv-title-mismatch', 'arxiv-withdrawn', 'arxiv-published',
      'encoding', 'template', 'readme-size', 'drift',
    ]);
    expect(Object.keys(RULES)).toEqual(RULE_IDS);
  });

  it('is what src/core/rule-list.ts and CONTRIBUTING\'s rule table hold (generated: -u writes them)', async () => {
    await expect(coreRuleListText(RULE_LIST)).toMatchFileSnapshot('../../src/core/rule-list.ts');
    // CONTRIBUTING's rule table too (tests/github/contributing.test.ts checks it against core).
    const contributing = readFileSync(join(ROOT, CONTRIBUTING_PATH), 'utf8');
    await expect(withRulesTable(contributing, RULE_LIST)).toMatchFileSnapshot(`../../${CONTRIBUTING_PATH}`);
    expect(Object.keys(CORE_RULES)).toEqual(RULE_IDS);
    for (const rule of RULE_LIST as readonly RuleDescriptor[]) {
      const { id, text, list, loadList, ...data } = rule;
      void [text, list, loadList];
      expect(CORE_RULES[id], id).toEqual(data);
    }
  });

  it('gives every rule a severity, a one-line doc, whether it is fixable, and who reports it', () => {
    for (const rule of RULE_LIST as readonly RuleDescriptor[]) {
      expect(['error', 'warning', 'info'], rule.id).toContain(rule.severity);
      expect(rule.doc, rule.id).toMatch(/^[A-Za-z`].*[.)]$/);
      expect(rule.doc, rule.id).not.toMatch(/\n|\|/);
      expect(typeof rule.fixable, rule.id).toBe('boolean');
      expect(rule.reportedBy.length, rule.id).toBeGreaterThan(0);
    }
    expect(RULES.whitespace.severity).toBe('warning');
    expect(RULES['arxiv-published'].severity).toBe('info');
    expect(RULE_LIST.filter((rule) => rule.fixable).map((rule) => rule.id)).toEqual([
      'invisible-char', 'mojibake', 'bibtex-debris', 'latex-markup', 'whitespace', 'title-style', 'arxiv-url', 'link-redirected',
    ]);
  });

  it('derives the text pipeline, in its order, and the list checks from the files', async () => {
    expect(TEXT_RULES.map((rule) => rule.id)).toEqual([
      'invisible-char', 'mojibake', 'bibtex-debris', 'latex-markup', 'whitespace', 'title-style', 'arxiv-url', 'author-shape',
    ]);
    expect(LIST_RULES).toHaveLength(13);
    expect(await loadTemplateRules()).toHaveLength(2);
  });

  it('derives what each command reports', () => {
    expect([...OFFLINE_RULES].sort()).toEqual([
      'anchor', 'arxiv-id-mismatch', 'arxiv-url', 'author-shape', 'bibtex-debris', 'duplicate-arxiv-id', 'duplicate-category',
      'duplicate-title', 'duplicate-url', 'empty-category', 'encoding', 'http-url', 'invisible-char', 'latex-markup', 'missing-url',
      'mojibake', 'relative-link', 'schema', 'stray-file', 'template', 'title-style', 'unknown-category', 'unknown-rule',
      'unparsed-entry', 'unused-exception', 'url-scheme', 'url-title-conflict', 'whitespace', 'yaml-syntax', 'year',
    ]);
    expect(LINK_RULES).toEqual([
      'link-dead', 'link-redirected', 'link-unverifiable', 'link-rate-limited', 'link-timeout', 'private-address',
      'arxiv-not-found', 'arxiv-title-mismatch', 'arxiv-withdrawn', 'arxiv-published',
    ]);
    expect(rulesReportedBy('build-readme')).toEqual(['template', 'readme-size', 'drift']);
    expect(rulesReportedBy('import-readme')).toEqual([
      'unparsed-entry', 'entry-format', 'missing-url', 'invisible-char', 'mojibake', 'bibtex-debris', 'whitespace', 'title-style', 'encoding', 'template',
    ]);
    expect([...ONE_FILE_RULES]).toEqual([
      'yaml-syntax', 'schema', 'unparsed-entry', 'missing-url', 'arxiv-id-mismatch', 'invisible-char', 'mojibake', 'bibtex-debris',
      'latex-markup', 'whitespace', 'title-style', 'arxiv-url', 'author-shape', 'year', 'url-scheme', 'http-url',
    ]);
    expect([...NOT_SILENCEABLE]).toEqual(['yaml-syntax', 'unused-exception', 'unknown-rule']);
    // Every rule is reported by some command, and no rule by two of lint-list's modes.
    expect(RULE_IDS.filter((id) => !OFFLINE_RULES.includes(id) && !LINK_RULES.includes(id))).toEqual(['entry-format', 'readme-size', 'drift']);
  });
});

// Compile time: the link check's summary goes into the JSON output as it is (src/cli/lint-list.ts),
// so the contract names exactly its keys; tsc fails here when the two part ways.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const linksSummaryFits: SameKeys<LinkSummary, JsonLinksSummary> = true;
void linksSummaryFits;

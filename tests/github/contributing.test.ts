import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findRulesTable, rulesTable } from '../../src/github/contributing.js';
import { NOT_SILENCEABLE, RULES, RULE_IDS } from '../../src/lint/rules/index.js';
import { Paper } from '../../src/data/schema.js';
import { ROOT } from '../helpers.js';
import { markdownNpmCommands } from './shapes.js';

const CONTRIBUTING = '.github/CONTRIBUTING.md';
const text = readFileSync(join(ROOT, CONTRIBUTING), 'utf8');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The rows of the rules table: | `rule-id` | severity | meaning |. */
function ruleRows(): [string, string][] {
  return [...text.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning|info) \| .+ \|$/gm)].map((m) => [m[1]!, m[2]!]);
}

describe('.github/CONTRIBUTING.md', () => {
  it('has the rule table derived from the registry (src/lint/rules/), row for row', () => {
    expect(findRulesTable(text)?.table, 'CONTRIBUTING.md\'s rule table differs from src/lint/rules/: run npm run sync-rules').toBe(rulesTable());
  });

  it('explains every rule of the registry, with its severity, and no rule that does not exist', () => {
    const rows = ruleRows();
    const documented = rows.map(([id]) => id);
    const missing = RULE_IDS.filter((id) => !documented.includes(id));
    expect(missing, 'rules missing from the table in CONTRIBUTING.md').toEqual([]);
    expect(documented.filter((id) => !(RULE_IDS as string[]).includes(id)), 'rows for rules that do not exist').toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
    for (const [id, severity] of rows) expect(severity, id).toBe(RULES[id as keyof typeof RULES].severity);
  });

  it('names the rules no exception silences, as the registry has them', () => {
    const sentence = /Every rule can be silenced this way except ([^;]+);/.exec(text)![1]!;
    expect([...sentence.matchAll(/`([a-z-]+)`/g)].map((m) => m[1])).toEqual([...NOT_SILENCEABLE]);
  });

  it('says how to silence a rule for one paper, with a reason', () => {
    expect(text).toContain('exceptions: [{rule: link-unverifiable, reason: "');
    const block = /```yaml\n(exceptions:\n[\s\S]*?)```/.exec(text);
    const parsed = parse(block![1]!) as { exceptions: { rule: string; reason: string }[] };
    expect(Paper.shape.exceptions.parse(parsed.exceptions)).toEqual(parsed.exceptions);
    expect(RULE_IDS).toContain(parsed.exceptions[0]!.rule);
  });

  it('shows a paper file that the schema accepts, and the file naming', () => {
    const example = /^ {3}```yaml\n( {3}# yaml-language-server[\s\S]*?)^ {3}```$/m.exec(text)![1]!.replace(/^ {3}/gm, '');
    expect(Paper.safeParse(parse(example)).success).toBe(true);
    expect(text).toContain('`data/papers/<category>/<NNNN>-<slug>.yaml`');
    expect(text).toContain('in steps of 10');
  });

  it('explains why there is one file per paper', () => {
    expect(text).toContain('### Why one file per paper');
    expect(text).toContain('so they never conflict');
    expect(text).toContain('Two pull requests may even pick the same number in a folder');
  });

  it('says that a pull request changes only data/, and that main regenerates the generated files', () => {
    expect(text).toContain('**do not commit the generated files**');
    expect(text).toContain('commit **only the new file**');
    expect(text).toContain('[`.github/workflows/regenerate.yml`](workflows/regenerate.yml)');
    expect(text).toContain('set `VIA_PULL_REQUEST: "true"`');
  });

  it('names add-paper as the easy way, with every kind of link it reads', () => {
    expect(text).toContain('`npm run add-paper -- <link> --category <id>`');
    for (const form of ['arXiv ID', 'DOI', 'ACL Anthology', 'OpenReview', 'NeurIPS']) expect(text).toContain(form);
  });

  it('names only npm scripts that exist', () => {
    const named = [...new Set([...text.matchAll(/npm run ([a-z][a-z:-]*)/g)].map((m) => m[1]!))];
    expect(named.filter((name) => !(name in scripts))).toEqual([]);
    for (const name of ['add-paper', 'build-site', 'refresh-metadata', 'mutation', 'sync-issue-form']) expect(named).toContain(name);
  });

  it('lists the local checks, each a real npm script', () => {
    const commands = markdownNpmCommands(text);
    expect(commands).toEqual(['npm ci', 'npm test', 'npm run lint-list', 'npm run build-readme']);
    for (const command of [...commands, ...text.matchAll(/`(npm run [a-z-]+)/g)].map((c) => (typeof c === 'string' ? c : c[1]!))) {
      const script = /^npm run ([a-z-]+)/.exec(command)?.[1];
      if (script) expect(Object.keys(scripts), command).toContain(script);
    }
  });

  it('links only to files that exist', () => {
    const prose = text.replace(/^ *```[\s\S]*?^ *```$/gm, '').replace(/`[^`\n]*`/g, '');
    const links = [...prose.matchAll(/\]\(((?!https?:|#)[^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(existsSync(join(ROOT, dirname(CONTRIBUTING), link)), link).toBe(true);
  });
});

describe('.github/PULL_REQUEST_TEMPLATE.md', () => {
  it('has the reviewer\'s checklist', () => {
    const template = readFileSync(join(ROOT, '.github/PULL_REQUEST_TEMPLATE.md'), 'utf8');
    const items = [...template.matchAll(/^- \[ \] (.+)$/gm)].map((m) => m[1]!);
    expect(items.length).toBe(7);
    for (const needle of ['data/papers/<category>/<NNNN>-<slug>.yaml', 'duplicate-*', 'npm run build-readme', 'are not committed', 'npm run lint-list', 'exceptions:', 'npm run sync-issue-form']) {
      expect(items.some((item) => item.includes(needle)), needle).toBe(true);
    }
  });
});

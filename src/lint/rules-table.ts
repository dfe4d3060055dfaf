import type { RuleDescriptor } from './rule.js';

/** A TypeScript string literal in the house style. */
function literal(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * src/core/rule-list.ts, the rule table as data, generated from the rule files: the stages outside
 * src/lint/ (loading, import, rendering, the link check, the GitHub reports) may import only core,
 * so core holds a copy that no one edits. tests/lint/registry.test.ts compares it with this text
 * and writes it with `npx vitest run tests/lint/registry.test.ts -u`.
 */
export function coreRuleListText(rules: readonly RuleDescriptor[]): string {
  const rows = rules.map((rule) => {
    const fields = [
      `severity: ${literal(rule.severity)}`,
      `doc: ${literal(rule.doc)}`,
      `fixable: ${rule.fixable}`,
      `reportedBy: [${rule.reportedBy.map(literal).join(', ')}]`,
      ...(rule.oneFile ? ['oneFile: true'] : []),
      ...(rule.silenceable === false ? ['silenceable: false'] : []),
    ];
    const key = /^[a-z]+$/.test(rule.id) ? rule.id : literal(rule.id);
    return `  ${key}: {\n${fields.map((field) => `    ${field},\n`).join('')}  },\n`;
  });
  return (
    '// Generated from src/lint/rules/*.ts (one file per rule) by tests/lint/registry.test.ts: do not edit.\n' +
    '// After changing a rule file: npx vitest run tests/lint/registry.test.ts -u (writes this file and CONTRIBUTING\'s table)\n' +
    "import type { RuleData } from './rule-data.js';\n\n" +
    '/** Every rule the toolchain reports, in the registry\'s order: severity, doc, fixable, who reports it. */\n' +
    `export const RULE_DATA = {\n${rows.join('')}} as const satisfies Record<string, RuleData>;\n`
  );
}

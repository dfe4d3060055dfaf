import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { anchorProblems } from '../../src/lint/anchors.js';
import { relativeRefs } from '../../src/lint/relative-refs.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { DEFAULT_RENDER_OPTIONS, renderReadmes } from '../../src/render/build.js';
import { templateTree } from '../../src/render/fill-template.js';
import { loadTemplates } from '../../src/render/read-templates.js';
import { fixtureList } from '../helpers.js';

/**
 * A template is parsed once per process (render/fill-template.ts templateTree) and its tree shared by
 * the anchor rule, the relative-link rule and the render: none of them may change it.
 */

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('the shared template trees', () => {
  it('are parsed once per text, and no reader changes them', () => {
    const dir = fixtureList();
    const data = loadData(join(dir, 'data'), dir).value;
    const templates = loadTemplates(join(dir, 'templates'), dir);
    expect(templates.length).toBe(2);
    const both = (pages: 'always' | 'never') => renderReadmes(data, templates, dir, { ...DEFAULT_RENDER_OPTIONS, pages, limit: 12_500 });
    const before = { never: both('never'), always: both('always'), anchors: anchorProblems(data, templates), refs: relativeRefs(templates) };

    for (const template of templates) {
      const tree = templateTree(template);
      // The same tree for the same text, whichever object carries it.
      expect(templateTree({ text: template.text })).toBe(tree);
      // Frozen, any write to it throws (modules are strict).
      deepFreeze(tree);
    }
    const after = { never: both('never'), always: both('always'), anchors: anchorProblems(data, templates), refs: relativeRefs(templates) };
    expect(after).toEqual(before);
    expect(before.always.value.length).toBeGreaterThan(before.never.value.length);
    for (const template of templates) expect(templateTree(template)).toEqual(parseMarkdown(template.text));
  });
});

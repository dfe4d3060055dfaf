import { join } from 'node:path';
import type { Problem } from '../../src/core/problem.js';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { templateFindingsAhead, templateFindingsCached, templateProblems, type TemplateFindingsAhead } from '../../src/lint/anchor-cache.js';
import { inputsOf } from '../../src/lint/template-worker.js';
import { loadTemplates } from '../../src/render/read-templates.js';
import { ROOT } from '../helpers.js';

/**
 * The templates' findings worked out on a worker thread while the list loads (src/lint/template-worker.ts):
 * used only when worked out from the categories.yaml and news.yaml the main thread loaded, and a
 * worker that cannot start leaves the work to the main thread. (Through the launcher's bundle, where
 * the worker runs, tests/lint/cli.test.ts and load-worker.test.ts check lint-list's output.)
 */

const dir = join(ROOT, 'tests', 'fixtures', 'lint', 'anchor', 'fail');
const where = (problems: readonly { rule: string; file: string; line: number; column: number }[]) => problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`);
/** In the order the check finds them (lintData sorts them later). */
const EXPECTED = ['templates/README.md:3:37 anchor', 'templates/README.md:13:45 anchor', 'news.yaml:6:11 anchor', 'templates/README_zh.md:3:4 anchor'];

function list() {
  return { data: loadData(dir, dir).value, templates: loadTemplates(join(dir, 'templates'), dir) };
}

describe('template findings beside the load', () => {
  it('without a worker that can start (here, the sources are not bundled), the main thread finds them', async () => {
    const { data, templates } = list();
    const ahead = await templateFindingsAhead(dir, templates, dir, false, 0);
    expect(ahead).toBeDefined();
    // Not started: no answer.
    expect(await ahead!.answer).toBeUndefined();
    ahead!.start(data, 1);
    expect(await ahead!.answer).toBeUndefined();
    expect(where(await templateProblems(data, templates, dir, false, ahead))).toEqual(EXPECTED);
    expect(where(await templateProblems(data, templates, dir, false))).toEqual(EXPECTED);
  });

  it('takes an answer worked out from the loaded texts, and ignores one worked out from others', async () => {
    const { data, templates } = list();
    const planted: Problem = { rule: 'anchor', severity: 'error', file: 'templates/README.md', line: 1, column: 1, message: 'From the worker.' };
    let closed = 0;
    const answer = (inputs: string[]): TemplateFindingsAhead => ({
      start: () => undefined,
      answer: Promise.resolve({ found: { anchors: [planted], relativeRefs: [] }, inputs }),
      close: () => closed++,
    });
    expect(where((await templateFindingsCached(data, templates, dir, false, answer(inputsOf(data)))).anchors)).toEqual(['templates/README.md:1:1 anchor']);
    const stale = inputsOf(data).map((text, i) => (i === 0 ? `${text}\n# edited meanwhile` : text));
    expect(where((await templateFindingsCached(data, templates, dir, false, answer(stale))).anchors)).toEqual(EXPECTED);
    expect(closed).toBe(2);
  });

  it('starts nothing without templates', async () => {
    expect(await templateFindingsAhead(dir, undefined, dir, false)).toBeUndefined();
    expect(await templateFindingsAhead(dir, [], dir, false)).toBeUndefined();
  });
});

import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureList, runInProcess } from '../helpers.js';

/** The first paper file of the fixture list, relative to the list. */
function firstPaper(dir: string): string {
  const category = readdirSync(join(dir, 'data', 'papers')).sort()[0]!;
  const file = readdirSync(join(dir, 'data', 'papers', category)).sort()[0]!;
  return `data/papers/${category}/${file}`;
}

describe('an exception for a rule whose finding stops the file from loading', () => {
  it('says it can never silence it, not that it "no longer" does, in a warning that blocks nothing', async () => {
    const dir = fixtureList();
    const paper = firstPaper(dir);
    appendFileSync(
      join(dir, paper),
      'exceptions:\n  - rule: url-scheme\n    reason: "The link is an ftp: one on purpose."\n  - rule: schema\n    reason: "The field is spelt our way on purpose."\n',
    );
    const run = await runInProcess('lint-list', [], { cwd: dir });
    const lines = run.stdout.split('\n').filter((line) => line.startsWith(`${paper}:`));
    expect(lines.map((line) => line.replace(/^[^:]+:\d+:\d+ {2}/, ''))).toEqual([
      'warning  Exception "url-scheme" cannot be silenced: a URL that is not http(s) stops the file from loading; fix the URL and remove the exception.  unused-exception',
      'warning  Exception "schema" cannot be silenced: a schema error stops the file from loading; fix the field and remove the exception.  unused-exception',
    ]);
    expect(run.code).toBe(0);
    // The file is otherwise fine: the README is built.
    expect((await runInProcess('build-readme', [], { cwd: dir })).code).toBe(0);
  });
});

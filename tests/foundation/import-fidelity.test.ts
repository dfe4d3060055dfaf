import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeReadme } from '../../src/import/decode.js';
import { importReadme } from '../../src/import/readme.js';
import { loadData } from '../../src/data/load.js';
import { renderReadmes } from '../../src/render/build.js';
import { loadTemplates } from '../../src/render/read-templates.js';
import { runCli, runInProcess, SEED, tempDir, type Run } from '../helpers.js';

const seedText = decodeReadme(readFileSync(SEED), 'seed').text;
const seedLines = seedText.split('\n');
const imported = importReadme(seedText, 'seed');

describe('importing the seed', () => {
  it('finds every entry, category and news item', () => {
    expect(imported.value.papers).toHaveLength(643);
    expect(imported.value.news).toHaveLength(9);
    expect(imported.value.categories.map((c) => c.id)).toEqual([
      'survey-technical-report',
      'architecture',
      'infrastructure',
      'training',
      'evaluation',
    ]);
    expect(imported.value.categories[1]!.children!.map((c) => c.name.en)).toEqual([
      'Length Extrapolation',
      'KV Cache Optimization',
      'Memory Management',
      'Architecture Innovation',
    ]);
    // Only the entry whose year is "NA" could not be split into fields.
    const raw = imported.value.papers.filter((p) => 'raw' in p.entry);
    expect(raw.map((p) => p.line)).toEqual([622]);
    // 13 seed titles end in "?." or "!.": the list writes "?" and "!" without a closing period, so those lines
    // differ from the list's own writing (entry-format); 3 written without the period are well-formed now.
    expect(imported.value.wellFormed).toHaveLength(595);
  });

  it('reports the seed\'s defects with their lines', () => {
    const byRule = (rule: string) => imported.problems.filter((p) => p.rule === rule).map((p) => p.line);
    expect(byRule('missing-url')).toEqual([289]);
    expect(byRule('invisible-char')).toEqual([421, 435, 442, 445, 466, 572, 578, 846]);
    expect(byRule('bibtex-debris')).toEqual([558]);
    expect(byRule('unparsed-entry')).toEqual([622]);
    // Text hygiene through lint-list's own rules, with their messages: "Title. " and "Title.." in the README.
    expect(byRule('whitespace')).toEqual([]);
    expect(byRule('title-style')).toEqual([217, 231, 358, 414, 493, 598, 720, 721, 784, 785]);
    const message = (line: number) => imported.problems.filter((p) => p.line === line && p.rule !== 'entry-format').map((p) => `${p.severity} ${p.message} ${p.rule}`);
    expect(message(217)).toEqual(['warning Field "title" ends with whitespace. title-style']);
    expect(message(231)).toEqual(['warning Field "title" ends with a period; titles are stored without it, the README adds the closing period. title-style']);
    expect(message(421)).toEqual(['error The entry has 2 invisible characters (U+200B). invisible-char']);
    expect(message(558)).toEqual(['error Field "title" holds leftovers of a BibTeX export ("$$$$"). bibtex-debris']);
  });

  /** The seed imported once, as a process (through the launcher): the tests below read what it wrote. */
  let out: string;
  let imp: Run;
  beforeAll(() => {
    out = tempDir();
    imp = runCli('import-readme', [SEED, '--out', join(out, 'data'), '--templates', join(out, 'templates')]);
  });

  /** What the imported data loads with, and the README the renderer makes of it: computed once, read by two tests. */
  let rendering: { problems: unknown[]; readme: string } | undefined;
  function renderedImport(): { problems: unknown[]; readme: string } {
    if (rendering) return rendering;
    const data = loadData(join(out, 'data'), out);
    const files = renderReadmes(data.value, loadTemplates(join(out, 'templates'), out), out).value;
    return (rendering = { problems: data.problems, readme: files.find((f) => f.name === 'README.md')!.content });
  }

  it('renders every entry line of the seed back exactly (well-formed and verbatim ones)', async () => {
    // The seed's errors make the exit code 1; the import is written in full all the same, and stderr ends saying so.
    expect(imp.code).toBe(1);
    expect(imp.stdout).toMatch(/^Imported 643 entries \(1 kept verbatim\) in 16 categories and 9 news items into /);
    expect(imp.stderr.split('\n').slice(-3)).toEqual([
      '11 errors, 46 warnings, 1 note in 1 file',
      'import-readme: the README has 11 errors (above); everything was imported and written all the same. Fix them in the written data files (lint-list shows what remains).',
      '',
    ]);
    expect(existsSync(join(out, 'data', 'news.yaml'))).toBe(true);
    expect(existsSync(join(out, 'templates', 'README.md'))).toBe(true);
    // The imported seed still has lint errors (LaTeX, duplicates): build-readme refuses it and writes nothing…
    const build = await runInProcess('build-readme', ['--data', join(out, 'data'), '--templates', join(out, 'templates'), '--out', out]);
    expect(build.stderr.split('\n').at(-2)).toBe('build-readme: nothing written; fix the errors above first.');
    expect(build.code).toBe(1);
    expect(existsSync(join(out, 'README.md'))).toBe(false);
    // …so the renderer itself is what is compared with the seed.
    expect(renderedImport().problems).toEqual([]);
    const rendered = renderedImport().readme.split('\n');
    const renderedEntries = rendered.filter((line) => line.startsWith('* **') || line.startsWith('* '));
    const expected = [...imported.value.wellFormed, 622].sort((a, b) => a - b).map((n) => seedLines[n - 1]!);
    // Each well-formed line appears exactly, and in the seed's order.
    let cursor = 0;
    for (const line of expected) {
      const found = renderedEntries.indexOf(line, cursor);
      expect(found, line).toBeGreaterThanOrEqual(cursor);
      cursor = found + 1;
    }
    // The News and TOC lists are not entries; the paper list holds all 643.
    expect(rendered.filter((l) => l.startsWith('* **'))).toHaveLength(643);
  });

  it('reads back the news of a README build-readme wrote, whose dates are written "\\[YYYY.MM.DD]"', () => {
    const readme = renderedImport().readme;
    // The serialiser escapes the date's opening bracket: this is the form to read back.
    expect(readme).toContain('\n* \\[2025.03.27] 🎉🔥🎉 We make a talk in wisemodel');
    const again = importReadme(readme, 'README.md');
    expect(again.problems.filter((p) => p.message.startsWith('News item'))).toEqual([]);
    expect(again.value.news.map((n) => n.date)).toEqual(imported.value.news.map((n) => n.date));
    expect(again.value.news.map((n) => n.date)).toEqual([
      '2025-03-27', '2025-03-23', '2025-03-13', '2025-03-12', '2025-02-27', '2025-02-26', '2025-02-25', '2025-02-24', '2025-01-29',
    ]);
    expect(again.value.news[0]!.text.en).toBe(imported.value.news[0]!.text.en);
  });

  it('writes nothing when one of its two directories cannot be written', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'keep.md'), 'mine\n');
    const run = await runInProcess('import-readme', [SEED, '--out', join(out, 'data'), '--templates', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`import-readme: ${out} exists and is not empty; choose a new directory, or remove it first; nothing written.\n`);
    expect(readdirSync(out)).toEqual(['keep.md']);
  });
});

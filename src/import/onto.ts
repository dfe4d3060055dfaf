import { basename } from 'node:path';
import type { Problem, Result } from '../core/problem.js';
import type { ListData } from '../data/load.js';
import type { Category } from '../data/schema.js';
import type { ImportedList } from './readme.js';

/**
 * A README in another language is a translation of a list that already exists: its headings name
 * categories that have ids, its news items are dated items that have English text. Importing it
 * "onto" that list maps each heading to its category id and each news item to its date, and adds
 * the README's words under its language; it never invents ids or stores them as English.
 */

/** The language of a README: README_zh.md, README_zh.seed.md → zh; mostly Han headings under another name → zh; else en. */
export function readmeLanguage(file: string, imported: ImportedList): string {
  const named = /^README_([a-z]{2,3}(?:-[A-Za-z0-9]+)?)[._]/.exec(basename(file));
  if (named) return named[1]!;
  const headings = flatten(imported.categories).map((c) => c.name.en);
  // Most headings, not one: an English list may well have a category named in Chinese.
  const han = headings.filter((h) => /\p{Script=Han}/u.test(h)).length;
  return headings.length > 0 && han * 2 > headings.length ? 'zh' : 'en';
}

function flatten(categories: readonly Category[]): Category[] {
  return categories.flatMap((c) => [c, ...flatten(c.children ?? [])]);
}

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase();

/** A change to one YAML file of the data directory: set the string at `path`. */
export interface OntoEdit {
  file: 'categories.yaml' | 'news.yaml';
  path: (string | number)[];
  value: string;
}

export interface OntoResult {
  edits: OntoEdit[];
  /** Heading → category id, in README order. */
  mapped: { heading: string; id: string }[];
  news: number;
}

/** The line of a heading in the README, for problems (the imported tree keeps no positions). */
function headingLine(text: string, heading: string): number {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => /^#{1,6}\s/.test(line) && line.replace(/^#{1,6}\s+/, '').trim() === heading);
  return index < 0 ? 1 : index + 1;
}

/**
 * Map the imported README onto `data`: a heading matches the category, under the same parent, whose
 * name in `lang` or in English is the heading; failing that, the one at the same place when both
 * have as many siblings (a translation keeps the order) and it has no name in `lang` yet. A heading
 * that matches nothing is an error.
 */
export function mapOnto(imported: ImportedList, readmeText: string, file: string, data: ListData, dataDisplay: string, lang: string): Result<OntoResult> {
  const problems: Problem[] = [];
  const edits: OntoEdit[] = [];
  const mapped: { heading: string; id: string }[] = [];
  const dataFile = (name: string) => `${dataDisplay}/${name}`;

  const walk = (headings: readonly Category[], existing: readonly Category[], path: (string | number)[], parentName: string | undefined) => {
    headings.forEach((heading, index) => {
      const name = heading.name.en;
      let at = existing.findIndex((c) => fold(c.name[lang] ?? '') === fold(name) || fold(c.name.en) === fold(name));
      // By place only where the list has no name in this language yet: an existing name is never overwritten by a guess.
      if (at < 0 && headings.length === existing.length && existing[index]!.name[lang] === undefined) at = index;
      if (at < 0) {
        const under = parentName === undefined ? 'at the top level' : `under "${parentName}"`;
        problems.push({
          rule: 'template',
          severity: 'error',
          file,
          line: headingLine(readmeText, name),
          column: 1,
          message: `The heading "${name}" matches no category ${under} of ${dataFile('categories.yaml')} (by its ${lang} or English name, or by its place).`,
        });
        return;
      }
      const category = existing[at]!;
      const here = [...path, at];
      mapped.push({ heading: name, id: category.id });
      if (category.name[lang] !== name) edits.push({ file: 'categories.yaml', path: [...here, 'name', lang], value: name });
      walk(heading.children ?? [], category.children ?? [], [...here, 'children'], category.name.en);
    });
  };
  walk(imported.categories, data.categories, ['categories'], undefined);

  let news = 0;
  for (const item of imported.news) {
    const at = data.news.findIndex((n) => n.date === item.date);
    if (at < 0) {
      problems.push({
        rule: 'template',
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message: `The news item of ${item.date} is not in ${dataFile('news.yaml')}; add it there with its English text first.`,
      });
      continue;
    }
    news++;
    // The importer reads every README's text as `en`; here it is the README's language.
    if (data.news[at]!.text[lang] !== item.text.en) edits.push({ file: 'news.yaml', path: ['news', at, 'text', lang], value: item.text.en });
  }
  return { value: { edits, mapped, news }, problems };
}

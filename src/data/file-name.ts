/**
 * How a paper file is named: "<number>-<slug>.yaml", the number four digits or more (0590, 10000) and the
 * slug lower-case ASCII words joined by hyphens (text/slug.ts), as add-paper and import-readme write
 * it (entry-file.ts entryFileName). The loader reads any "*.yaml" (read.ts isPaperFileName) and sorts
 * by the number; the file-name rule reports a name not of this form.
 * Free of the parsers (zod, yaml): lint-list's rules load it at start.
 */
import type { PaperFile } from './schema.js';
import { isRawEntry } from './raw-entry.js';
import { slugify } from '../text/slug.js';

/** Entries are numbered in steps of 10, so a paper can later go between two without renaming. */
export const ORDER_STEP = 10;
export const ORDER_WIDTH = 4;

const NUMBER = /^(\d+)-/;
// At least four digits: a list padded wider (000010, as a folder of 10,000 papers and more may be) still lists in order.
const STYLE = new RegExp(`^\\d{${ORDER_WIDTH},}-[a-z0-9]+(?:-[a-z0-9]+)*\\.yaml$`);

/** The number a file name starts with ("0590-x.yaml": 590), undefined when it starts with none. */
export function entryFileNumber(name: string): number | undefined {
  const match = NUMBER.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Whether a paper file's name has the list's form: "0590-some-title.yaml". */
export function isWellNamedEntryFile(name: string): boolean {
  return STYLE.test(name);
}

/** The number after the highest one in the folder: the list's order is the file numbers', new papers go last. */
export function nextOrder(names: Iterable<string>): number {
  let highest = 0;
  for (const name of names) highest = Math.max(highest, entryFileNumber(name) ?? 0);
  return highest + ORDER_STEP;
}

/** The name add-paper and import-readme give an entry numbered `order`: its title's first six words, "-2" and on when taken. */
export function entryFileName(order: number, entry: PaperFile, taken: ReadonlySet<string>): string {
  const base = isRawEntry(entry) ? slugify(entry.raw.replace(/\]\(.*$/, ''), 6) : slugify(entry.title, 6);
  const prefix = String(order).padStart(ORDER_WIDTH, '0');
  let name = `${prefix}-${base}.yaml`;
  for (let n = 2; taken.has(name); n++) name = `${prefix}-${base}-${n}.yaml`;
  return name;
}

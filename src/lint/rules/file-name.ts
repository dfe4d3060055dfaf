import { posix } from 'node:path';
import type { PaperFile } from '../../data/schema.js';
import type { SourceFile } from '../../data/source.js';
import { entryFileName, entryFileNumber, isWellNamedEntryFile, nextOrder, ORDER_STEP, ORDER_WIDTH } from '../../data/file-name.js';
import type { ListRule } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

const PARTS = /^(\d+)-(.*)\.yaml$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What is wrong with a name that isWellNamedEntryFile refused, in words. */
function whatIsWrong(name: string): string {
  const parts = PARTS.exec(name);
  if (!parts) return 'it starts with no number, so the paper sorts after every numbered one of its folder';
  const wrong: string[] = [];
  if (!isWellNamedEntryFile(`${parts[1]}-x.yaml`)) wrong.push(`its number "${parts[1]}" has fewer than ${ORDER_WIDTH} digits`);
  if (!SLUG.test(parts[2]!)) wrong.push('the words after the number are not lower-case letters and digits joined by single hyphens');
  return wrong.join(' and ');
}

/**
 * A paper file whose name is not "<number>-<slug>.yaml" as add-paper and import-readme write it
 * (data/file-name.ts). The loader reads it all the same (any "*.yaml"); the name only orders the
 * folder and is there for people, so this is a warning that says the name to give it.
 */
export const fileName: ListRule = (ctx) => {
  // Every run checks every name (100,000 at the bench's size): nothing is made for a list whose names are all right.
  const misnamed: { source: SourceFile; entry: PaperFile }[] = [];
  for (const view of ctx.papers) if (!isWellNamedEntryFile(posix.basename(view.source.file))) misnamed.push({ source: view.source, entry: view.paper });
  for (const raw of ctx.raws) if (!isWellNamedEntryFile(posix.basename(raw.source.file))) misnamed.push({ source: raw.source, entry: raw.entry });
  if (misnamed.length === 0) return;
  const files = [...ctx.papers, ...ctx.raws];
  // Per folder, built once: the names taken (a misnamed file's own name never equals a suggestion, which
  // is well named, so it needs no removing) and the number after the highest, both growing with each
  // suggestion so that no two files are told the same name or an unnumbered one a number just given.
  const folders = new Map<string, { taken: Set<string>; next: number }>();
  for (const { source } of files) {
    const folder = posix.dirname(source.file);
    let names = folders.get(folder);
    if (!names) folders.set(folder, (names = { taken: new Set(), next: 0 }));
    names.taken.add(posix.basename(source.file));
  }
  for (const names of folders.values()) names.next = nextOrder(names.taken);
  for (const { source, entry } of misnamed) {
    const name = posix.basename(source.file);
    const folder = folders.get(posix.dirname(source.file))!;
    const order = entryFileNumber(name) ?? folder.next;
    const suggested = entryFileName(order, entry, folder.taken);
    folder.taken.add(suggested);
    folder.next = Math.max(folder.next, order + ORDER_STEP);
    ctx.report({
      rule: 'file-name',
      file: source.file,
      line: 1,
      column: 1,
      message: `File name "${name}" is not "<number>-<words>.yaml" as the list names papers (${whatIsWrong(name)}); rename it "${suggested}", the name add-paper would give it.`,
    });
  }
};

export const rule = {
  id: 'file-name',
  severity: 'warning',
  doc: 'A paper file not named `<NNNN>-<slug>.yaml` (four digits or more, then the title in lower-case words joined by hyphens), such as `My Paper.yaml`, `590-short.yaml` or `0590-CAPS_Name.yaml`; the message gives the name add-paper would give it.',
  fixable: false,
  reportedBy: ['lint-list'],
  oneFile: true,
  list: fileName,
} as const satisfies RuleDescriptor;

import type { ListItem, Node } from 'mdast';
import { parseMarkdown } from '../markdown/parse.js';

/**
 * Where a page may be cut: a line that opens an entry as build-readme writes it. A bullet with content
 * ends whatever paragraph, list item or block quote is open (it interrupts a paragraph; none of them
 * continues on a line without indent), and "[" after "* **" means it is no thematic break.
 */
const CUT = '\n* **[';

/**
 * What could carry an entry line into another block or tie blocks together: a fence or an HTML block
 * opened outside any list item (they run on over unindented lines), or a link reference definition
 * (its label resolves anywhere in the file). A one-line HTML comment, as build-readme heads its pages
 * with, closes on its own line.
 */
const UNCUTTABLE = /^ {0,3}(?:`{3,}|~{3,}|<(?!!--.*-->))|\]:/m;

/**
 * About this many characters per piece (some twenty entries): parsing a whole page of 400 kB at once
 * takes the parser nearly twice as long, its events and tokens all living to the end.
 */
const PIECE = 4096;

const LINE_ENDING = /\r\n?|\n/g;

/**
 * The list items of a page, in order, with positions in the whole text: exactly those of
 * parseMarkdown(text), whose lists hold them. A large page is parsed a piece at a time, cut only
 * before entry lines where nothing can differ from parsing it whole (see CUT and UNCUTTABLE); the
 * lists are then not what a whole parse gives (one per piece, their spread unset), the items are.
 */
export function* pageListItems(text: string): Generator<ListItem> {
  if (text.length <= PIECE || UNCUTTABLE.test(text)) {
    yield* itemsOf(text, 0, 0);
    return;
  }
  let start = 0;
  let line = 0;
  while (start < text.length) {
    const cut = text.indexOf(CUT, start + PIECE);
    const end = cut < 0 ? text.length : cut + 1;
    const piece = text.slice(start, end);
    yield* itemsOf(piece, start, line);
    line += piece.match(LINE_ENDING)?.length ?? 0;
    start = end;
  }
}

function itemsOf(piece: string, offset: number, line: number): ListItem[] {
  const items: ListItem[] = [];
  for (const node of parseMarkdown(piece).children) {
    if (node.type !== 'list') continue;
    for (const item of node.children) {
      if (offset > 0 || line > 0) shift(item, offset, line);
      items.push(item);
    }
  }
  return items;
}

/** Positions of a piece's nodes moved to where the piece stands (it starts a line, so columns stay). */
function shift(node: Node, offset: number, line: number): void {
  const position = node.position;
  if (position) {
    node.position = {
      start: { line: position.start.line + line, column: position.start.column, offset: position.start.offset! + offset },
      end: { line: position.end.line + line, column: position.end.column, offset: position.end.offset! + offset },
    };
  }
  if ('children' in node) for (const child of node.children as Node[]) shift(child, offset, line);
}

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
 * Characters that may start or end an inline construct, or change a line, in remark-parse's CommonMark
 * (escapes, code, emphasis, links and images, autolinks and HTML, character references), and line
 * breaks and other controls: a text without them is one text node holding exactly its characters.
 */
const SPECIAL = '\\\\`*_\\[\\]<>!&\\x00-\\x1f\\x7f';
const TEXT = `[^\\s${SPECIAL}](?:[^${SPECIAL}]*[^\\s${SPECIAL}])?`;
/**
 * An entry line as build-readme writes it, "* **[Title.](url)** Authors. Venue, Year", whose title and
 * tail hold none of those characters (nor space at their edges) and whose URL holds no space, parenthesis
 * or escape: parsed, it is a list item of one paragraph of strong(link(text)) and text, each node's text
 * exactly the line's characters. Anything else on the line fails the match and is parsed.
 */
const ENTRY_LINE = new RegExp(`\\* \\*\\*\\[(${TEXT})\\]\\(([^\\s()${SPECIAL}]+)\\)\\*\\* (${TEXT})(?=\\n|$)`, 'y');
/** Longest title taken without the parser (a link reference label is at most 999 characters). */
const TITLE_MAX = 999;

/**
 * The list items of a page, in order, with positions in the whole text: exactly those of
 * parseMarkdown(text), whose lists hold them. Most lines of a page build-readme wrote are entries in its
 * own form (ENTRY_LINE) followed by another item or the end of the page: such a line is one list item
 * whatever stands around it (a line opening a bullet item with content at column 1 starts a new item; no
 * paragraph reaches it, and the next item's bullet ends it) unless a block opened outside any list runs
 * over it or a reference definition sits on the page (UNCUTTABLE), so its item is built here, node for
 * node as the parser builds it. The lines between are parsed, a piece at a time, cut only before entry
 * lines where nothing can differ from parsing them whole (see CUT and UNCUTTABLE); the lists are then not
 * what a whole parse gives (one per piece, their spread unset), the items are.
 */
export function* pageListItems(text: string): Generator<ListItem> {
  if (UNCUTTABLE.test(text)) {
    yield* itemsOf(text, 0, 0);
    return;
  }
  // The text from `pending` (line `line`, 0-based) on is still to be parsed.
  let pending = 0;
  let line = 0;
  for (let at = 0; at < text.length; ) {
    const newline = text.indexOf('\n', at);
    const next = newline < 0 ? text.length : newline + 1;
    const item = text.startsWith('* **[', at) && endsItem(text, next) ? entryItem(text, at) : undefined;
    if (item) {
      if (pending < at) {
        const region = text.slice(pending, at);
        yield* parsedItems(region, pending, line);
        line += region.match(LINE_ENDING)?.length ?? 0;
      }
      placeItem(item, at, line + 1);
      yield item;
      line++;
      pending = next;
    }
    at = next;
  }
  if (pending < text.length) yield* parsedItems(text.slice(pending), pending, line);
}

/** Whether the line at `next` ends an item above it: the end of the text, or a bullet item with content at column 1. */
function endsItem(text: string, next: number): boolean {
  if (next >= text.length) return true;
  return text.charCodeAt(next) === 42 /* * */ && text.charCodeAt(next + 1) === 32 && next + 2 < text.length && !/\s/.test(text[next + 2]!);
}

/** The list item of an entry line in build-readme's form at `at`, positions relative to the line (placeItem moves them). */
function entryItem(text: string, at: number): ListItem | undefined {
  ENTRY_LINE.lastIndex = at;
  const match = ENTRY_LINE.exec(text);
  if (!match || match[1]!.length > TITLE_MAX) return undefined;
  const [whole, title, url, tail] = match as unknown as [string, string, string, string];
  // Columns (from 1) on the line: "* **[" is 5 characters, "](" 2, ")**" 3.
  const linkEnd = 5 + title.length + 2 + url.length + 1;
  const span = (start: number, end: number) => ({ start: { line: 0, column: start + 1, offset: start }, end: { line: 0, column: end + 1, offset: end } });
  return {
    type: 'listItem',
    spread: false,
    checked: null,
    children: [
      {
        type: 'paragraph',
        children: [
          {
            type: 'strong',
            children: [{ type: 'link', title: null, url, children: [{ type: 'text', value: title, position: span(5, 5 + title.length) }], position: span(4, linkEnd) }],
            position: span(2, linkEnd + 2),
          },
          { type: 'text', value: ` ${tail}`, position: span(linkEnd + 2, whole.length) },
        ],
        position: span(2, whole.length),
      },
    ],
    position: span(0, whole.length),
  };
}

/** A built item's positions set on line `line` (from 1) of the text, its offsets from the line's start `at`. */
function placeItem(node: Node, at: number, line: number): void {
  const position = node.position!;
  for (const point of [position.start, position.end]) {
    point.line = line;
    point.offset! += at;
  }
  if ('children' in node) for (const child of node.children as Node[]) placeItem(child, at, line);
}

/** The items of a part of the page (from `offset`, line `line` 0-based), parsed a piece at a time. */
function* parsedItems(text: string, offset: number, line: number): Generator<ListItem> {
  if (text.length <= PIECE) {
    yield* itemsOf(text, offset, line);
    return;
  }
  let start = 0;
  while (start < text.length) {
    const cut = text.indexOf(CUT, start + PIECE);
    const end = cut < 0 ? text.length : cut + 1;
    const piece = text.slice(start, end);
    yield* itemsOf(piece, offset + start, line);
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

import type { ListItem, Paragraph, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Problem } from '../core/problem.js';
import { orderPaperFields, type Paper, type PaperFile } from '../data/schema.js';
import type { FieldKind } from '../lint/context.js';
import { fieldLabel } from '../lint/fields.js';
import { RULES, TEXT_RULES, type RuleId } from '../lint/rules/index.js';
import { runTextPipeline } from '../lint/text-pipeline.js';
import { arxivFromUrl, arxivIdsInText } from '../text/arxiv.js';
import { INVISIBLE } from '../text/invisible.js';
import { CLOSING_PERIOD, endsSentence, entryItem, plainEntryLine } from '../render/entry.js';
import { serialize } from '../render/markdown.js';
import { parseMarkdown } from '../markdown/parse.js';

export interface ParsedEntry {
  entry: PaperFile;
  problems: Problem[];
  /** The entry's Markdown as it stood, without the bullet. */
  source: string;
}

/**
 * lint-list's text rules that the importer runs on the title it reads (the same checks, messages,
 * severities and fixes): those that judge the edges of a README title, where its closing period and
 * stray spaces stand, and the stray spaces around an author's name (splitting "Zhao,  Feng" at ", "
 * leaves " Feng"). The importer keeps the rest of the text as written, so that a well-formed entry
 * renders back to its own line; everything else is lint-list's to report on the written data.
 * Invisible characters and BibTeX debris before the title are found on the entry's Markdown with
 * their rules' checks too (withoutInvisible, parseEntry).
 */
const EDGE_RULES = TEXT_RULES.filter((rule) => rule.id === 'whitespace' || rule.id === 'title-style');

interface Context {
  file: string;
  text: string;
  problems: Problem[];
}

type At = { position?: { start: { line: number; column: number } } | undefined };

/** A problem at `node`, with its rule's severity from the registry, as lint-list gives it. */
function report(ctx: Context, node: At, rule: RuleId, message: string): void {
  ctx.problems.push({
    rule,
    severity: RULES[rule].severity,
    file: ctx.file,
    line: node.position?.start.line ?? 1,
    column: node.position?.start.column ?? 1,
    message,
  });
}

/** The place of `offset` in the README, counted from a node's start before it (lines within one entry). */
function placeAfter(text: string, node: At, offset: number): At {
  const start = node.position?.start as { line: number; column: number; offset?: number } | undefined;
  if (start?.offset === undefined) return node;
  let { line, column } = start;
  for (let at = start.offset; at < offset; at++) {
    if (text[at] === '\n') (line++, (column = 1));
    else column++;
  }
  return { position: { start: { line, column } } };
}

/** Words that end an author list's initials ("Joseph E. Gonzalez"): not the end of the author list. */
function endsWithInitial(text: string): boolean {
  return /(?:^|[\s,])\p{Lu}$/u.test(text);
}

/**
 * Split "Authors. Venue" at the first ". " that does not follow an initial.
 * Returns undefined when there is no such boundary.
 */
function splitAuthorsVenue(text: string): { authors: string; venue: string } | undefined {
  let from = 0;
  for (;;) {
    const index = text.indexOf('. ', from);
    if (index < 0) return undefined;
    const authors = text.slice(0, index);
    if (!endsWithInitial(authors)) return { authors, venue: text.slice(index + 2) };
    from = index + 2;
  }
}

/** A field's value through lint-list's text rules: their findings reported at `node`, their fixes applied. */
function hygiene(ctx: Context, node: At | (() => At), path: (string | number)[], kind: FieldKind, value: string): string {
  const result = runTextPipeline(value, kind, EDGE_RULES);
  if (result.found.length === 0) return result.value;
  const label = fieldLabel(path);
  // A place that costs a scan to find is found only for a value with findings.
  const at = typeof node === 'function' ? node() : node;
  for (const f of result.found) report(ctx, at, f.rule, `${label} ${f.message}`);
  return result.value;
}

function raw(ctx: Context, item: ListItem, source: string, why: string): ParsedEntry {
  report(ctx, item, 'unparsed-entry', `Entry kept verbatim: ${why}. Fix it in its data file.`);
  return { entry: { raw: source }, problems: ctx.problems, source };
}

/** Move positions of a re-parsed snippet to where the snippet stands in the README. */
function shift(nodes: PhrasingContent[], base: { line: number; column: number }): void {
  for (const node of nodes) {
    const pos = node.position;
    if (pos) {
      for (const point of [pos.start, pos.end]) {
        if (point.line === 1) point.column += base.column - 1;
        point.line += base.line - 1;
      }
    }
    if ('children' in node) shift(node.children as PhrasingContent[], base);
  }
}

/**
 * Invisible characters change how Markdown parses ("\u200B**" is not a strong opener), so they are
 * removed from the entry's source and the rest is parsed again.
 */
function withoutInvisible(ctx: Context, source: string, paragraph: Paragraph): PhrasingContent[] {
  const rule = RULES['invisible-char'];
  const found = rule.text.check(source, 'raw');
  if (!found?.fixed) return paragraph.children;
  // Reported where the first one stands.
  const first = source.search(INVISIBLE);
  const start = paragraph.position!.start;
  report(ctx, { position: { start: { line: start.line, column: start.column + first } } }, rule.id, `The entry ${found.message}`);
  const reparsed = parseMarkdown(found.fixed).children[0];
  if (!reparsed || reparsed.type !== 'paragraph') return [];
  shift(reparsed.children, start);
  return reparsed.children;
}

/**
 * One list item of the paper list into fields. Well-formed items give a paper whose rendering is
 * the item's line exactly; items that need a guess are parsed and reported; items that cannot be
 * parsed are kept verbatim as raw entries.
 */
export function parseEntry(item: ListItem, text: string, file: string): ParsedEntry {
  const ctx: Context = { file, text, problems: [] };
  const paragraph = item.children[0];
  const start = paragraph?.position?.start.offset;
  const end = item.position?.end.offset;
  const source = start !== undefined && end !== undefined ? text.slice(start, end).trimEnd() : toString(item);
  if (item.children.length !== 1 || !paragraph || paragraph.type !== 'paragraph') {
    return raw(ctx, item, source, 'it is not a single paragraph');
  }
  let nodes = withoutInvisible(ctx, source, paragraph);
  // Offsets into ctx.text hold only for nodes parsed from it, not for a re-parsed snippet.
  const fromText = nodes === paragraph.children;

  // "**$$$$**" before the title: debris of a BibTeX export.
  const first = nodes[0];
  if (first && first.type === 'strong' && /^[\s$]+$/.test(toString(first))) {
    // Debris of the title as the BibTeX export wrote it: bibtex-debris says what it is, as lint-list would.
    const debris = RULES['bibtex-debris'];
    const found = debris.text.check(toString(first), 'title');
    if (found) report(ctx, first, debris.id, `${fieldLabel(['title'])} ${found.message}`);
    else report(ctx, first, 'entry-format', `Stray bold text "${toString(first)}" before the title removed.`);
    nodes = nodes.slice(1);
  }

  const head = nodes[0];
  if (!head) return raw(ctx, item, source, 'it is empty');
  let titleNode: PhrasingContent;
  let url: string | undefined;
  let strayPeriod = false;
  const strongLink = head.type === 'strong' && head.children[0]?.type === 'link' ? head.children[0] : undefined;
  const strongRest = head.type === 'strong' ? toString({ type: 'paragraph', children: head.children.slice(1) }) : '';
  if (strongLink && /^[*\s]*\.?[*\s]*$/.test(strongRest)) {
    // "**[Title](url)****.**" parses as one strong holding the link and "****.".
    if (strongRest !== '') {
      report(ctx, head, 'entry-format', 'Stray "**" or a closing period outside the link after the title; the list writes **[Title.](url)**.');
      strayPeriod = strongRest.includes('.');
    }
    titleNode = strongLink;
    url = strongLink.url;
  } else if (head.type === 'link') {
    report(ctx, head, 'entry-format', 'The title is not bold; the list writes **[Title.](url)**.');
    titleNode = head;
    url = head.url;
  } else if (head.type === 'strong' && head.children.every((child) => child.type === 'text')) {
    report(ctx, head, 'missing-url', 'The entry has no link.');
    titleNode = head;
  } else {
    return raw(ctx, item, source, 'it does not start with a bold, linked title');
  }
  if ('children' in titleNode && !titleNode.children.every((child) => child.type === 'text')) {
    report(ctx, titleNode, 'entry-format', 'The title holds Markdown formatting; it was read as plain text.');
  }
  let rest = nodes.slice(1);

  // "**[Title](url)****.**": the closing period outside the link.
  let outsidePeriod = strayPeriod;
  const second = rest[0];
  if (second && second.type === 'strong' && toString(second).trim() === CLOSING_PERIOD) {
    report(ctx, second, 'entry-format', 'The closing period stands outside the link; the list writes **[Title.](url)**.');
    outsidePeriod = true;
    rest = rest.slice(1);
  }
  if (rest.some((node) => node.type !== 'text')) return raw(ctx, item, source, 'the text after the title holds formatting or links');
  let tail = rest.map((node) => toString(node)).join('');
  // Judged on the source: an author written "\*Ann\* Lee" (escaped, as build-readme writes "*Ann* Lee")
  // reads as "*Ann* Lee" too, but its asterisks are the author's, not an editor's leftovers.
  const restStart = fromText ? rest[0]?.position?.start.offset : undefined;
  const tailSource = restStart !== undefined && end !== undefined ? ctx.text.slice(restStart, end) : tail;
  const stray = /^[\s*]*\*[\s*]*/.exec(tailSource);
  if (stray) {
    // "**[Title](url)**** **Authors": emphasis markers left over from an editor.
    report(ctx, head, 'entry-format', 'Stray "**" between the title and the authors removed.');
    tail = ` ${tail.slice(stray[0].length)}`;
  }

  // The README writes the closing period, the data does not; the rest is the title's, for
  // lint-list's text rules to judge ("Title. " leaves a trailing space, "Title.." a period).
  const written = toString(titleNode);
  const bare = written.trimEnd();
  let title = written;
  // An ellipsis "..." is the title's own: the README adds nothing after it (displayTitle).
  if (bare.endsWith(CLOSING_PERIOD) && !bare.endsWith('...')) title = bare.slice(0, -CLOSING_PERIOD.length) + written.slice(bare.length);
  // "Fall Short?" needs no closing period: the README writes none after "?" or "!".
  else if (!outsidePeriod && !endsSentence(bare)) report(ctx, titleNode, 'entry-format', 'The title has no closing period; the list adds one.');
  title = hygiene(ctx, titleNode, ['title'], 'title', title);
  if (title === '') return raw(ctx, item, source, 'the title is empty');

  const body = tail.trim();
  if (tail !== '' && !tail.startsWith(' ')) report(ctx, head, 'entry-format', 'No space between the title and the authors.');
  const yearMatch = /(?:^|(,?)\s+)(\d{4}|NA)$/.exec(body);
  if (!yearMatch) return raw(ctx, item, source, 'it does not end with a year');
  if (yearMatch[2] === 'NA') return raw(ctx, item, source, 'its year is "NA"');
  const year = Number(yearMatch[2]);
  const before = body.slice(0, yearMatch.index);
  const paper: Paper = { title, year };
  if (url !== undefined) paper.url = url;
  if (before !== '') {
    let authorsText: string;
    if (yearMatch[1] === ',') {
      const split = splitAuthorsVenue(before);
      if (!split) return raw(ctx, item, source, 'the authors cannot be told from the venue');
      authorsText = split.authors;
      paper.venue = split.venue;
    } else {
      if (!before.endsWith('.')) return raw(ctx, item, source, 'the authors do not end with a period');
      authorsText = before.slice(0, -1);
    }
    const names = authorsText.split(', ');
    if (names.some((name) => name.trim() === '')) return raw(ctx, item, source, 'an author name is empty');
    // "others" closes the list; stray spaces around it are the self-check's to report (entry-format).
    if (names[names.length - 1]!.trim() === 'others') {
      names.pop();
      paper.others = true;
    }
    // A name with stray spaces ("Zhao,  Feng" reads as " Feng") is stored repaired and reported where
    // it stands, by the whitespace rule lint-list would report it with afterwards. A name written
    // with escapes is not found as read, and is reported where the authors start.
    const authorsAt = rest[0] ?? head;
    let from = restStart ?? -1;
    // Searched up to the entry's end only: a name not found as read must not send the search through
    // the rest of the README (a page of thousands of entries, once per such name).
    const upToEnd = end === undefined ? undefined : ctx.text.slice(0, end);
    const authors = names.map((name, i) => {
      const found = from < 0 || upToEnd === undefined ? -1 : upToEnd.indexOf(i === 0 ? name : `, ${name}`, from);
      const at = found < 0 ? -1 : found + (i === 0 ? 0 : 2);
      if (at >= 0) from = at + name.length;
      return hygiene(ctx, () => (at >= 0 ? placeAfter(ctx.text, authorsAt, at) : authorsAt), ['authors', i], 'author', name);
    });
    if (authors.length > 0) paper.authors = authors;
  }
  const fromUrl = url ? arxivFromUrl(url) : undefined;
  const fromVenue = paper.venue ? arxivIdsInText(paper.venue) : [];
  const arxiv = fromUrl?.id ?? (fromVenue.length === 1 ? fromVenue[0] : undefined);
  if (arxiv) paper.arxiv = arxiv;

  // Self-check: a well-formed entry renders back to its own line (one already reported is not rendered).
  if (ctx.problems.length === 0) {
    // plainEntryLine is the serialiser's line where it can say it (tests/render/markdown.test.ts holds
    // it to the library): at 100,000 entries the serialiser was most of an import's time.
    const rendered = (
      plainEntryLine(paper) ??
      serialize({ type: 'root', children: [{ type: 'list', ordered: false, spread: false, children: [entryItem(paper)] }] }).trimEnd()
    ).replace(/^\* /, '');
    if (rendered !== source) {
      let at = 0;
      while (at < source.length && source[at] === rendered[at]) at++;
      const place = { position: { start: { line: paragraph.position!.start.line, column: paragraph.position!.start.column + at } } };
      report(ctx, place, 'entry-format', `The entry's Markdown differs from the list's own writing from here on ("${source.slice(at, at + 12)}…" becomes "${rendered.slice(at, at + 12)}…").`);
    }
  }
  return { entry: orderPaperFields(paper), problems: ctx.problems, source };
}

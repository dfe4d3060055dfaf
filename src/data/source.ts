import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import type { Problem } from '../core/problem.js';
import { readRegularFile } from '../fs/read.js';
import { nestedTooDeeplyMessage, quoteInsideMessage, unclosedBracketMessage, unclosedQuoteMessage, yamlErrorMessage } from './yaml-messages.js';

/** A parsed YAML file that can say where any value in it stands. */
export interface SourceFile {
  /** Display path: relative to the working directory, forward slashes. */
  file: string;
  /** Absolute path on disk. */
  absPath: string;
  text: string;
  /** The document model, for positions and in-place edits; built on first use for lazy sources. */
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** Places already found in this text (kept by the data cache), so a repeated question needs no model. */
  readonly places?: PlaceMemo | undefined;
}

/** Places by path (JSON of the path), for one text. */
export interface PlaceMemo {
  get(key: string): Place | undefined;
  set(key: string, place: Place): void;
}

/**
 * The yaml package, loaded on first use: commands read data with js-yaml and need yaml's document
 * model only to say where a problem stands or to edit a file, which most runs never do.
 */
let yamlModule: typeof import('yaml') | undefined;
export function yaml(): typeof import('yaml') {
  // In a bundle (scripts/run.mjs) yaml is external: `require` loads it from node_modules on first use,
  // so a run that never asks for a place (a cached lint) never compiles it. Elsewhere (tsc's output,
  // vitest) modules have no `require`, so one is made.
  return (yamlModule ??= (typeof require === 'function' ? require('yaml') : createRequire(import.meta.url)('yaml')) as typeof import('yaml'));
}

function parseWithLines(text: string): { doc: Document.Parsed; lines: LineCounter } {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  // logLevel 'error': the package's warnings (a key that is a list, stringified) would go to stderr in
  // its words; what matters of such a file is reported as findings (an unknown field).
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  return { doc, lines };
}

/**
 * A source whose document model is built only when something asks where a value stands.
 * Papers are read with a fast loader; the model costs ten times more and is rarely needed.
 * The text may be given as the file's bytes (a cached file), decoded once when first read.
 */
export function lazySource(file: string, absPath: string, text: string | Buffer, places?: PlaceMemo, digest?: string): SourceFile {
  return new LazySource(file, absPath, text, places, digest);
}

/** A source's content for hashing: the bytes a lazy source still holds, else its text (the same bytes as UTF-8). */
export function sourceContent(source: SourceFile): string | Buffer {
  return source instanceof LazySource ? source.content : source.text;
}

/**
 * The sha256 (base64) of a source's bytes: the one the loader found for the data cache when it did,
 * else worked out now. A key over 100,000 papers then hashes their digests, not their 50 MB again.
 */
export function sourceDigest(source: SourceFile): string {
  return (source instanceof LazySource ? source.digest : undefined) ?? hash('sha256', sourceContent(source), 'base64');
}

/**
 * Let go of a loaded source's bytes (35 MB at 100,000 papers): a publisher's lint reads a paper's
 * text only to place a finding, which a clean list has none of. Only a source whose digest is known
 * lets go: its text, if asked for after all, is read again and must be the same bytes. A source
 * whose document model was built keeps everything.
 */
export function releaseBytes(source: SourceFile): void {
  if (source instanceof LazySource) source.release(false);
}

/**
 * releaseBytes, and the data cache's places too, whatever the source (through them the whole cache,
 * 100,000 records, stayed reachable): for a publisher once the list is linted, when nothing asks
 * where a value stands any more.
 */
export function releaseSource(source: SourceFile): void {
  if (source instanceof LazySource) source.release(true);
}

/** Only the data cache's places: for a source whose text is still read (categories.yaml, news.yaml). */
export function releasePlaces(source: SourceFile): void {
  if (source instanceof LazySource) source.places = undefined;
}

/**
 * A released file read again was no longer the bytes loaded (edited, replaced or removed while the
 * command ran): the command stops, names the file and says to run it again.
 */
export class SourceChangedError extends Error {}

/*
 * A class, not an object literal with getters: at 100,000 papers, a literal's per-object closures
 * and accessors (about 850 bytes a file) were a sixth of the heap.
 */
class LazySource implements SourceFile {
  private parsed: { doc: Document.Parsed; lines: LineCounter } | undefined;
  constructor(
    readonly file: string,
    readonly absPath: string,
    /** undefined once released: read again from absPath, checked against the digest. */
    private stored: string | Buffer | undefined,
    public places: PlaceMemo | undefined,
    /** The sha256 (base64) of the file's bytes, when the loader has it. */
    readonly digest: string | undefined,
  ) {}

  /** The file's content as held: its bytes until something asked for the text (a hash needs no decoding). */
  get content(): string | Buffer {
    return this.stored ?? this.readAgain();
  }

  get text(): string {
    const content = this.content;
    if (typeof content === 'string') return content;
    // Bytes that decoded as strict UTF-8 before: the same text (a byte order mark included).
    return (this.stored = content.toString('utf8'));
  }

  /** See releaseBytes and releaseSource. */
  release(places: boolean): void {
    // Places are only a shortcut: the model, or the text read again, gives them as well.
    if (places) this.places = undefined;
    if (this.digest === undefined || this.parsed !== undefined) return;
    this.stored = undefined;
  }

  /** The bytes of a released source, read again: only if they are still the ones loaded. */
  private readAgain(): Buffer {
    const bytes = readRegularFile(this.absPath);
    if (bytes === undefined || hash('sha256', bytes, 'base64') !== this.digest) {
      throw new SourceChangedError(`${this.file} changed on disk while it was being used; run the command again.`);
    }
    return (this.stored = bytes);
  }

  private model(): { doc: Document.Parsed; lines: LineCounter } {
    return (this.parsed ??= parseWithLines(this.text));
  }

  get doc(): Document.Parsed {
    return this.model().doc;
  }

  get lines(): LineCounter {
    return this.model().lines;
  }
}

export interface Place {
  line: number;
  column: number;
}

export function parseSource(file: string, absPath: string, text: string): { source: SourceFile; problems: Problem[] } {
  const { doc, lines } = parseWithLines(text);
  const source: SourceFile = { file, absPath, text, doc, lines };
  const errors = [...doc.errors, ...doc.warnings];
  // A document nested too deeply to read is not walked again: the walk would overflow as the read did.
  const walkable = !errors.some((error) => error.code === 'RESOURCE_EXHAUSTION');
  const open = walkable && errors.some((error) => error.code === 'MISSING_CHAR') ? unclosedQuotes(doc, text) : undefined;
  const flows = walkable && errors.some((error) => error.code === 'MISSING_CHAR' || error.code === 'BAD_INDENT') ? unclosedFlows(doc, text) : [];
  const quoted = walkable && errors.some((error) => error.code === 'UNEXPECTED_TOKEN') ? quotedEnds(doc) : undefined;
  const problems: Problem[] = [];
  const at = (offset: number, message: string) => {
    const pos = lines.linePos(offset);
    problems.push({ rule: 'yaml-syntax', severity: 'error', file, line: pos.line, column: pos.col, message });
  };
  // Nested too deeply, yaml may stop at many places (as deep as its stack went each time): said once, at the first.
  const deep = errors.find((error) => error.code === 'RESOURCE_EXHAUSTION' && !/alias/i.test(error.message));
  if (deep) {
    at(deep.pos[0], nestedTooDeeplyMessage());
    return { source, problems };
  }
  for (const error of errors) {
    const quote = open?.get(error.pos[0]);
    if (quote) {
      // Said once, at the quote: the other errors where the file ends follow from the value running there.
      if (quote.told) continue;
      quote.told = true;
      at(quote.start, unclosedQuoteMessage(quote.mark));
      continue;
    }
    // A [ or { never closed: yaml reports the line after it (or the end of the file); said once, where it opens.
    const flow = error.code === 'MISSING_CHAR' || error.code === 'BAD_INDENT' ? flows.findLast((f) => f.start < error.pos[0]) : undefined;
    if (flow) {
      if (flow.told) continue;
      flow.told = true;
      at(flow.start, unclosedBracketMessage(flow.mark));
      continue;
    }
    // A quote inside a quoted value ends the value there: the rest of it is "something after the value".
    const mark = error.code === 'UNEXPECTED_TOKEN' ? quoted?.get(error.pos[0]) : undefined;
    if (mark && text.slice(error.pos[0], lineEnd(text, error.pos[0])).includes(mark)) {
      at(error.pos[0] - 1, quoteInsideMessage(mark));
      continue;
    }
    at(error.pos[0], yamlErrorMessage(error.code));
  }
  if (problems.length === 0) problems.push(...unresolvedAliases(source));
  return { source, problems };
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** [ … ] and { … } values whose closing bracket is missing, in the order they open. */
function unclosedFlows(doc: Document.Parsed, text: string): { start: number; mark: '[' | '{'; told: boolean }[] {
  const { visit } = yaml();
  const open: { start: number; mark: '[' | '{'; told: boolean }[] = [];
  visit(doc, {
    Collection(_key, node) {
      if (!node.flow || !node.range) return;
      const [start, end] = node.range;
      const mark = text[start];
      if (mark !== '[' && mark !== '{') return;
      if (!text.slice(start, end).trimEnd().endsWith(mark === '[' ? ']' : '}')) open.push({ start, mark, told: false });
    },
  });
  return open.sort((a, b) => a.start - b.start);
}

/** Quoted values by the offset where their closing quote ends them, with their quote mark. */
function quotedEnds(doc: Document.Parsed): Map<number, '"' | "'"> {
  const { visit } = yaml();
  const ends = new Map<number, '"' | "'">();
  visit(doc, {
    Scalar(_key, node) {
      const mark = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : undefined;
      if (mark && node.range) ends.set(node.range[1], mark);
    },
  });
  return ends;
}

/**
 * Quoted values with no closing quote, by the offset where they end: yaml reports the missing quote
 * there, at the end of the file the value ran into, while the mistake is where the quote opens.
 */
function unclosedQuotes(doc: Document.Parsed, text: string): Map<number, { start: number; mark: '"' | "'"; told: boolean }> {
  const { visit } = yaml();
  const open = new Map<number, { start: number; mark: '"' | "'"; told: boolean }>();
  visit(doc, {
    Scalar(_key, node) {
      const mark = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : undefined;
      if (!mark || !node.range) return;
      const [start, end] = node.range;
      // As yaml judges it: the value's source is the quote alone, or does not end with one.
      if (end - start === 1 || text[end - 1] !== mark) open.set(end, { start, mark, told: false });
    },
  });
  return open;
}

/**
 * yaml parses an alias to an anchor set nowhere before it without a word, then throws when asked for
 * the value: each such alias is a yaml-syntax problem where it stands. One pass in document order, as
 * yaml resolves them (the last anchor of that name before the alias).
 */
function unresolvedAliases(source: SourceFile): Problem[] {
  const { visit, isAlias } = yaml();
  const anchors = new Set<string>();
  const problems: Problem[] = [];
  visit(source.doc, {
    Node(_key, node) {
      if (!isAlias(node)) {
        if (node.anchor) anchors.add(node.anchor);
        return;
      }
      if (anchors.has(node.source)) return;
      const place = placeOfNode(source, node);
      problems.push({
        rule: 'yaml-syntax',
        severity: 'error',
        file: source.file,
        ...place,
        message: `The alias "*${node.source}" names no anchor set before it; write the value out, or set "&${node.source}" on a value above it.`,
      });
    },
  });
  return problems;
}

/**
 * Where the value at `path` stands. For a missing key, the place of the nearest existing parent,
 * so that "missing field" problems still point at the entry.
 */
export function placeOf(source: SourceFile, path: readonly PropertyKey[]): Place {
  const memo = source.places;
  if (!memo) return findPlace(source, path);
  const key = JSON.stringify(path);
  const known = memo.get(key);
  if (known) return { ...known };
  const place = findPlace(source, path);
  memo.set(key, { ...place });
  return place;
}

function findPlace(source: SourceFile, path: readonly PropertyKey[]): Place {
  const { isMap, isSeq, isNode } = yaml();
  let node: unknown = source.doc.contents;
  let best = node;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === key);
      if (!pair) break;
      node = pair.value;
      best = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (node === undefined) break;
      best = node;
    } else {
      break;
    }
  }
  return placeOfNode(source, best as Node | null | undefined);
}

export function placeOfNode(source: SourceFile, node: Node | null | undefined): Place {
  const { isNode } = yaml();
  const offset = node && isNode(node) && node.range ? node.range[0] : 0;
  const pos = source.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Where the key `key` of the mapping at `path` is written; the mapping's place when it has no such key. */
export function placeOfKey(source: SourceFile, path: readonly PropertyKey[], key: string): Place {
  const { isMap, isNode } = yaml();
  const parent = path.length === 0 ? source.doc.contents : source.doc.getIn(path, true);
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === key);
    if (pair && isNode(pair.key)) return placeOfNode(source, pair.key);
  }
  return placeOf(source, path);
}

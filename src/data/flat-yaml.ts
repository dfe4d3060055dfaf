/*
 * A paper file in the flat shape the list's own writers give it (add-paper and import-readme, through
 * data/entry-file.ts yamlText and import/paper-yaml.ts), read without js-yaml: comment lines, then `key: scalar` lines and
 * `key:` lines followed by `- item` lines. At 100,000 papers js-yaml's general reader was the largest
 * single cost of a first run (1.8 s of 10 s).
 *
 * This reader only ever says yes when it is sure: anything it does not read exactly as js-yaml's core
 * schema would (a tag, an anchor, a flow collection, a nested map, a multi-line or escaped string, a
 * number other than a plain decimal integer, null, a repeated key, a tab, a carriage return, a control
 * character…) makes it return undefined, and js-yaml reads the file as before, syntax errors included.
 * tests/core/flat-yaml.test.ts compares both on texts built to hit each of these edges.
 */

/** Characters after which js-yaml's reading is not this reader's: tabs, CR, controls, C1, BOM, non-characters, line and paragraph separators (lone surrogates: isWellFormed, five times faster than a lookaround here). */
const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
/** String.prototype.isWellFormed (ES2024, in Node 20; the project's lib is ES2023). */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();
/** A key as the writers write it: a plain word that no other core-schema type reads. */
const KEY = /^[a-z][A-Za-z0-9]*$/;
/** A plain scalar's first character that makes it an indicator, a sign, dot or tilde (numbers, null). */
const PLAIN_FIRST = /^[-?:,[\]{}#&*!|>'"%@`+.~ ]/;
/** A digit first and no space: maybe a number of some form (0x1f, 1e3, 1_000, 12:30); a space rules all of them out. */
const MAYBE_NUMBER = /^[0-9][^ ]*$/;
/** Inside a plain scalar: a ": " or " #" ends it, a trailing ":" or space is not part of it. */
const PLAIN_BREAK = /: | #|[: ]$/;
/** Plain words the core schema reads as booleans or null. */
const PLAIN_WORDS: ReadonlyMap<string, boolean | null> = new Map<string, boolean | null>([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
  ['null', null],
  ['Null', null],
  ['NULL', null],
]);
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;

/** One scalar as js-yaml's core schema reads it, or undefined when this reader is not sure. */
function scalar(text: string): unknown {
  if (text === '') return undefined;
  const first = text.charCodeAt(0);
  if (first === 0x22 /* " */) {
    if (text.length < 2 || text.charCodeAt(text.length - 1) !== 0x22) return undefined;
    const inner = text.slice(1, -1);
    if (!inner.includes('\\')) return inner.includes('"') ? undefined : inner;
    // Only the two escapes the writers use; any other (\n, \u00e9, \x…) is js-yaml's to read.
    let out = '';
    for (let i = 0; i < inner.length; i++) {
      const c = inner[i];
      if (c === '"') return undefined;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const next = inner[++i];
      if (next !== '"' && next !== '\\') return undefined;
      out += next;
    }
    return out;
  }
  if (first === 0x27 /* ' */) {
    if (text.length < 2 || text.charCodeAt(text.length - 1) !== 0x27) return undefined;
    const inner = text.slice(1, -1);
    return inner.includes("'") ? undefined : inner;
  }
  if (DECIMAL.test(text)) return Number(text);
  if (PLAIN_FIRST.test(text) || MAYBE_NUMBER.test(text) || PLAIN_BREAK.test(text)) return undefined;
  const word = PLAIN_WORDS.get(text);
  return word === undefined ? text : word === null ? undefined : word;
}

/** The file's value when it is a flat map this reader reads exactly as js-yaml would, else undefined. */
export function readFlatYaml(text: string): Record<string, unknown> | undefined {
  if (UNUSUAL.test(text) || !isWellFormed(text)) return undefined;
  const out: Record<string, unknown> = {};
  // The list being filled, its key (set by `key:` before its first item) and its items' indent.
  let list: string[] | undefined;
  let listKey: string | undefined;
  let indent = -1;
  let any = false;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    const c = line.charCodeAt(0);
    if (c === 0x20 /* space */ || c === 0x2d /* - */) {
      // An item of the list a `key:` line opened: every item at the same indent, "- " then a scalar.
      if (listKey === undefined) return undefined;
      let at = 0;
      while (line.charCodeAt(at) === 0x20) at++;
      if (line.charCodeAt(at) !== 0x2d || line.charCodeAt(at + 1) !== 0x20) return undefined;
      if (indent === -1) indent = at;
      else if (at !== indent) return undefined;
      const item = scalar(line.slice(at + 2));
      if (typeof item !== 'string') return undefined;
      (list ??= []).push(item);
      continue;
    }
    // A list ends at the first line that is not one of its items; `key:` with no item is null: js-yaml's.
    if (listKey !== undefined) {
      if (list === undefined) return undefined;
      out[listKey] = list;
      list = undefined;
      listKey = undefined;
      indent = -1;
    }
    if (line === '') continue;
    if (c === 0x23 /* # */) {
      if (any) return undefined; // a comment between entries: rare, and js-yaml's to read
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const key = line.slice(0, colon);
    if (!KEY.test(key) || PLAIN_WORDS.has(key) || Object.hasOwn(out, key)) return undefined;
    any = true;
    if (colon === line.length - 1) {
      listKey = key;
      continue;
    }
    if (line.charCodeAt(colon + 1) !== 0x20) return undefined;
    const value = scalar(line.slice(colon + 2));
    if (value === undefined) return undefined;
    out[key] = value;
  }
  if (listKey !== undefined) {
    if (list === undefined) return undefined;
    out[listKey] = list;
  }
  return any ? out : undefined;
}

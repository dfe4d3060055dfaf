import { Document } from 'yaml';
import { yamlText } from '../data/entry-file.js';
import type { PaperFile } from '../data/schema.js';

/*
 * A paper's file as yamlText writes it (the `yaml` package's Document, lineWidth 0), without building
 * a Document for each of 100,000 papers: a paper is a flat map of strings, integers, booleans and
 * lists of strings, and for those the package's output is fixed by a few of its rules, applied here
 * as it applies them (yaml 2.x, stringify/stringifyString.js). Anything else (a raw entry, a string
 * with a line break or a control character, a number that is not an integer, an empty list, a key
 * that is not a plain word) goes to yamlText itself. tests/import/paper-yaml.test.ts compares both
 * on strings chosen to hit each rule.
 */

/** Where the package leaves plain style for quotes (its plainString's test, for single-line values). */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** Characters that send a string to yamlText: line breaks, controls, lone surrogates (the package escapes them). */
const UNUSUAL = /[\x00-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** A document marker at the start ("---", "...", "%") makes the package indent or quote. */
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/;
const PLAIN_KEY = /^[a-z][a-zA-Z]*$/;

/** The core schema's tags other than str: a plain string one of them would read is quoted. */
let otherTags: { test?: RegExp }[] | undefined;
function readsAsOtherType(value: string): boolean {
  otherTags ??= (new Document().schema.tags as { default?: unknown; tag: string; test?: RegExp }[]).filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str');
  return otherTags.some((tag) => tag.test?.test(value) === true);
}

/** A string scalar as the package writes it, or undefined: let the package write the file. */
function scalar(value: string): string | undefined {
  if (UNUSUAL.test(value) || DOCUMENT_MARKER.test(value)) return undefined;
  if (value !== '' && !NOT_PLAIN.test(value) && !readsAsOtherType(value)) return value;
  // quotedString: single quotes only for a value holding " but no '; double quotes are JSON's (no escapes but \" and \\ here).
  if (value.includes('"') && !value.includes("'")) return `'${value}'`;
  return JSON.stringify(value);
}

const headers = new Map<string, string>();
/** The modeline comment and blank line yamlText puts before the map, taken from yamlText once per schema path. */
function header(schemaPath: string): string {
  let text = headers.get(schemaPath);
  if (text === undefined) {
    const probe = yamlText({ a: 1 }, schemaPath);
    text = probe.endsWith('\na: 1\n') ? probe.slice(0, -'a: 1\n'.length) : '';
    headers.set(schemaPath, text);
  }
  return text;
}

/** yamlText(entry, schemaPath), byte for byte. */
export function paperYaml(entry: PaperFile, schemaPath: string): string {
  const head = header(schemaPath);
  if (head === '' || 'raw' in entry) return yamlText(entry, schemaPath);
  let out = head;
  for (const [key, value] of Object.entries(entry)) {
    if (!PLAIN_KEY.test(key) || readsAsOtherType(key)) return yamlText(entry, schemaPath);
    let written: string | undefined;
    if (typeof value === 'string') written = scalar(value);
    else if (typeof value === 'boolean') written = String(value);
    else if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) written = String(value);
    else if (Array.isArray(value) && value.length > 0) {
      written = '';
      for (const item of value as unknown[]) {
        const line = typeof item === 'string' ? scalar(item) : undefined;
        if (line === undefined) return yamlText(entry, schemaPath);
        written += `\n  - ${line}`;
      }
      out += `${key}:${written}\n`;
      continue;
    }
    if (written === undefined) return yamlText(entry, schemaPath);
    out += `${key}: ${written}\n`;
  }
  return out === head ? yamlText(entry, schemaPath) : out;
}

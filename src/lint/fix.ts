import { isDeepStrictEqual } from 'node:util';
import { Composer, CST, isMap, isScalar, isSeq, parseDocument, Parser, stringify, type Document, type Node, type Scalar } from 'yaml';
import type { Fix } from '../core/problem.js';
import { PAPER_FIELD_ORDER } from '../data/schema.js';

/**
 * Fixes are applied to the YAML source, not by re-dumping the document: the concrete syntax tree is
 * edited in place (yaml's CST.setScalarValue), so comments, key order, quoting and spacing of
 * everything else stay byte for byte. The result is parsed again and must equal the original data
 * with exactly the fixes applied, or nothing is changed.
 */

export interface FixOutcome {
  text: string;
  applied: Fix[];
  /** Fixes left out, with why: conflicting values for one path, or a path that is not a scalar. */
  skipped: { fix: Fix; reason: string }[];
}

type Path = readonly (string | number)[];

function pathKey(path: Path): string {
  return JSON.stringify(path);
}

/** Whether `value` reads back as the same string when written plain (unquoted). */
function plainIsSafe(value: string): boolean {
  return value !== '' && stringify(value, { lineWidth: 0 }) === `${value}\n`;
}

function scalarSource(value: Fix['value']): { text: string; type: Scalar.Type } {
  if (typeof value !== 'string') return { text: String(value), type: 'PLAIN' };
  return { text: value, type: plainIsSafe(value) ? 'PLAIN' : 'QUOTE_DOUBLE' };
}

function setIn(data: unknown, path: Path, fix: Fix): unknown {
  if (path.length === 0) return fix.value;
  const [head, ...rest] = path;
  if (Array.isArray(data)) {
    const copy = [...data];
    if (rest.length === 0 && fix.remove) copy.splice(head as number, 1);
    else copy[head as number] = setIn(copy[head as number], rest, fix);
    return copy;
  }
  const copy = { ...(data as Record<string, unknown>) };
  if (rest.length === 0 && fix.remove) delete copy[head as string];
  else copy[head as string] = setIn(copy[head as string], rest, fix);
  return copy;
}

/** The data the document should hold once the fixes are applied (removals last, highest index first). */
function expectedData(data: unknown, fixes: readonly Fix[]): unknown {
  const sets = fixes.filter((f) => !f.remove);
  const removals = fixes.filter((f) => f.remove).sort((a, b) => compareForRemoval(a.path, b.path));
  let out = data;
  for (const fix of [...sets, ...removals]) out = setIn(out, fix.path, fix);
  return out;
}

function compareForRemoval(a: Path, b: Path): number {
  const ia = a[a.length - 1];
  const ib = b[b.length - 1];
  return typeof ia === 'number' && typeof ib === 'number' ? ib - ia : 0;
}

/** Set an existing scalar, keeping its quoting when the new value allows it. */
function setScalar(node: Scalar, value: Fix['value'], afterKey: boolean): void {
  const token = node.srcToken!;
  const { text, type } = scalarSource(value);
  const keep = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  CST.setScalarValue(token, text, { afterKey, type: keep && typeof value === 'string' ? node.type : type });
}

/** Add `key: value` to a block mapping, after the key that precedes it in the paper field order. */
function addPair(map: Node, key: string, value: Fix['value']): string | undefined {
  const token = (map as { srcToken?: CST.Token }).srcToken;
  if (!token || token.type !== 'block-map' || !isMap(map)) return 'not a block mapping';
  const order = PAPER_FIELD_ORDER as readonly string[];
  const rank = order.indexOf(key);
  let at = token.items.length;
  if (rank >= 0) {
    const after = token.items.findIndex((item) => {
      const name = item.key && 'source' in item.key ? item.key.source : undefined;
      const r = name === undefined ? -1 : order.indexOf(name);
      return r > rank;
    });
    if (after >= 0) at = after;
  }
  const previous = at > 0 ? token.items[at - 1] : undefined;
  if (previous && !endsWithNewline(previous)) return 'the line before has no line break';
  const indent = token.indent;
  const { text, type } = scalarSource(value);
  const item: CST.BlockMap['items'][number] = {
    start: indent > 0 ? [{ type: 'space', offset: 0, indent: 0, source: ' '.repeat(indent) }] : [],
    key: { type: 'scalar', offset: 0, indent, source: key },
    sep: [
      { type: 'map-value-ind', offset: 0, indent, source: ':' },
      { type: 'space', offset: 0, indent, source: ' ' },
    ],
    value: CST.createScalarToken(text, { indent: indent + 2, type, end: [{ type: 'newline', offset: 0, indent, source: '\n' }] }),
  };
  token.items.splice(at, 0, item);
  return undefined;
}

function endsWithNewline(item: CST.BlockMap['items'][number]): boolean {
  return /\n$/.test(CST.stringify({ type: 'block-map', offset: 0, indent: 0, items: [item] } as CST.BlockMap));
}

/** Remove a key or a sequence item from its block collection. */
function removeAt(parent: Node, last: string | number): string | undefined {
  const token = (parent as { srcToken?: CST.Token }).srcToken;
  if (isMap(parent) && token?.type === 'block-map') {
    const index = parent.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === last);
    if (index < 0) return 'no such key';
    token.items.splice(index, 1);
    return undefined;
  }
  if (isSeq(parent) && token?.type === 'block-seq' && typeof last === 'number') {
    if (last >= token.items.length) return 'no such item';
    token.items.splice(last, 1);
    return undefined;
  }
  return 'not in a block collection';
}

/** A line feed not after a carriage return (test: HAS_BARE_LF, without the g flag's state between calls). */
const BARE_LF = /(?<!\r)\n/g;
const HAS_BARE_LF = /(?<!\r)\n/;

/**
 * Apply fixes to one YAML file's text. Pure: text in, text out. Several fixes for one path must
 * agree on the value; a sequence emptied by removals loses its key too, so no empty list is left.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): FixOutcome {
  const skipped: FixOutcome['skipped'] = [];
  const byPath = new Map<string, Fix>();
  const conflicting = new Set<string>();
  for (const fix of fixes) {
    const key = pathKey(fix.path);
    const other = byPath.get(key);
    if (other && (other.value !== fix.value || Boolean(other.remove) !== Boolean(fix.remove))) conflicting.add(key);
    else if (!other) byPath.set(key, fix);
  }
  for (const fix of fixes) {
    if (conflicting.has(pathKey(fix.path))) skipped.push({ fix, reason: 'another fix sets the same field to a different value' });
  }
  let chosen = [...byPath.entries()].filter(([key]) => !conflicting.has(key)).map(([, fix]) => fix);
  if (chosen.length === 0) return { text, applied: [], skipped };

  const tokens = [...new Parser().parse(text)];
  const docs = [...new Composer({ keepSourceTokens: true, logLevel: 'error' }).compose(tokens)] as Document.Parsed[];
  const doc = docs[0];
  if (!doc || docs.length !== 1 || doc.errors.length > 0) {
    return { text, applied: [], skipped: [...skipped, ...chosen.map((fix) => ({ fix, reason: 'the file does not parse as one YAML document' }))] };
  }
  chosen = emptiedSequencesToKeys(doc, chosen);

  const applied: Fix[] = [];
  // Removals from the end first, so indexes of the items still to remove stay valid.
  const ordered = [...chosen.filter((f) => !f.remove), ...chosen.filter((f) => f.remove).sort((a, b) => compareForRemoval(a.path, b.path))];
  for (const fix of ordered) {
    const parentPath = fix.path.slice(0, -1);
    const last = fix.path[fix.path.length - 1];
    const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
    let reason: string | undefined;
    if (last === undefined || !parent) reason = 'no such field';
    else if (fix.remove) reason = removeAt(parent as Node, last);
    else {
      const node = doc.getIn(fix.path, true);
      if (isScalar(node) && node.srcToken) setScalar(node, fix.value, isMap(parent));
      else if (node === undefined && typeof last === 'string') reason = addPair(parent as Node, last, fix.value);
      else reason = 'the field is not a single value';
    }
    if (reason) skipped.push({ fix, reason });
    else applied.push(fix);
  }
  if (applied.length === 0) return { text, applied, skipped };

  let output = tokens.map((token) => CST.stringify(token)).join('');
  // The package writes what it adds with \n: a file whose every line ends in \r\n keeps that.
  if (text.includes('\r\n') && !HAS_BARE_LF.test(text)) output = output.replace(BARE_LF, '\r\n');
  // Safety net: the edited text must hold the original data with exactly these fixes, and nothing else.
  const reparsed = parseDocument(output, { uniqueKeys: true, logLevel: 'error' });
  const expected = expectedData(doc.toJS(), applied);
  if (reparsed.errors.length > 0 || !isDeepStrictEqual(reparsed.toJS(), expected)) {
    return { text, applied: [], skipped: [...skipped, ...applied.map((fix) => ({ fix, reason: 'the edited file would not read back as intended' }))] };
  }
  return { text: output, applied, skipped };
}

/** Removing every item of a sequence removes its key instead: `exceptions:` with nothing under it is invalid. */
function emptiedSequencesToKeys(doc: Document.Parsed, fixes: Fix[]): Fix[] {
  const removalsBySeq = new Map<string, Fix[]>();
  for (const fix of fixes) {
    if (!fix.remove || typeof fix.path[fix.path.length - 1] !== 'number') continue;
    const key = pathKey(fix.path.slice(0, -1));
    removalsBySeq.set(key, [...(removalsBySeq.get(key) ?? []), fix]);
  }
  let out = fixes;
  for (const [key, removals] of removalsBySeq) {
    const seqPath = JSON.parse(key) as (string | number)[];
    const seq = doc.getIn(seqPath, true);
    if (!isSeq(seq) || new Set(removals.map((f) => f.path[f.path.length - 1])).size < seq.items.length) continue;
    out = [...out.filter((f) => !removals.includes(f)), { path: seqPath, value: null, remove: true }];
  }
  return out;
}

/** One field --fix changed, for the report. */
export interface Change {
  file: string;
  line: number;
  path: (string | number)[];
  before: unknown;
  after: Fix['value'] | undefined;
  rules: string[];
}

export interface FixPlan {
  /** New text by absolute path, for the files that change. */
  files: Map<string, string>;
  changes: Change[];
  skipped: { file: string; fix: Fix; reason: string }[];
}

interface FixableSource {
  file: string;
  absPath: string;
  text: string;
  doc: Document.Parsed;
  lines: { linePos(offset: number): { line: number; col: number } };
}

/** Whether `path` is `outer` or lies under it: a removed list answers for the items asked to be removed. */
function covers(outer: Path, path: Path): boolean {
  return outer.length <= path.length && outer.every((key, i) => key === path[i]);
}

/** Group the problems' fixes by file and apply them; pure, so the command decides whether to write. */
export function planFixes(problems: readonly { rule: string; file: string; fix?: Fix | undefined }[], sources: ReadonlyMap<string, FixableSource>): FixPlan {
  const plan: FixPlan = { files: new Map(), changes: [], skipped: [] };
  const byFile = new Map<string, { fix: Fix; rule: string }[]>();
  for (const problem of problems) {
    if (!problem.fix) continue;
    byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), { fix: problem.fix, rule: problem.rule }]);
  }
  for (const [file, entries] of byFile) {
    const source = sources.get(file);
    if (!source) {
      for (const { fix } of entries) plan.skipped.push({ file, fix, reason: 'the file is not a data file' });
      continue;
    }
    const outcome = applyFixes(source.text, entries.map((e) => e.fix));
    for (const { fix, reason } of outcome.skipped) plan.skipped.push({ file, fix, reason });
    if (outcome.applied.length === 0 || outcome.text === source.text) continue;
    plan.files.set(source.absPath, outcome.text);
    for (const fix of outcome.applied) {
      const node = source.doc.getIn(fix.path, true) as Node | undefined;
      const anchorNode = node ?? (source.doc.getIn(fix.path.slice(0, -1), true) as Node | undefined);
      const offset = anchorNode?.range?.[0] ?? 0;
      plan.changes.push({
        file,
        line: source.lines.linePos(offset).line,
        path: [...fix.path],
        before: node && isScalar(node) ? node.value : node === undefined ? undefined : '(a list or mapping)',
        after: fix.remove ? undefined : fix.value,
        rules: [...new Set(entries.filter((e) => covers(fix.path, e.fix.path)).map((e) => e.rule))],
      });
    }
  }
  plan.changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return plan;
}

import type { Root, Text } from 'mdast';
import { defaultHandlers, toMarkdown, type Handle, type Options, type State, type Unsafe } from 'mdast-util-to-markdown';

/**
 * The serialiser's own text handler, asked to try only the unsafe patterns whose character occurs in
 * the text or next to it. `safe` tests every pattern (about 50 regular expressions) on every text node,
 * and a pattern can only ever mark a position holding its own character, so the ones left out could
 * not have matched: the output is the same, byte for byte (tests/render/markdown.test.ts compares it
 * with the plain serialiser's), for a third of a 100,000-entry build's time.
 */
/**
 * The last list of patterns seen and its index by character. The serialiser copies its list of
 * unsafe patterns on every call, so a cache keyed by the array would miss on each (about 2 s of a
 * 100,000-entry import, which serialises entry by entry); the patterns in it are the same objects.
 */
let last: { patterns: readonly Unsafe[]; index: Map<string, number[]> } | undefined;

function samePatterns(a: readonly Unsafe[], b: readonly Unsafe[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function indexOf(patterns: readonly Unsafe[]): Map<string, number[]> {
  if (last && samePatterns(last.patterns, patterns)) return last.index;
  const index = new Map<string, number[]>();
  patterns.forEach((pattern, i) => {
    const at = index.get(pattern.character);
    if (at) at.push(i);
    else index.set(pattern.character, [i]);
  });
  last = { patterns: [...patterns], index };
  return index;
}

/** The patterns (in their order) whose character occurs in `value`. */
export function patternsFor(patterns: Unsafe[], value: string): Unsafe[] {
  const picked: number[] = [];
  for (const [character, at] of indexOf(patterns)) if (value.includes(character)) picked.push(...at);
  if (picked.length === patterns.length) return patterns;
  return picked.sort((a, b) => a - b).map((i) => patterns[i]!);
}

const text: Handle = (node: Text, parent, state: State, info) => {
  const all = state.unsafe;
  state.unsafe = patternsFor(all, `${info.before}${node.value}${info.after}`);
  try {
    return defaultHandlers.text(node, parent, state, info);
  } finally {
    state.unsafe = all;
  }
};

/** One set of serialiser options for every generated file, so output never depends on the caller. */
export const MARKDOWN_OPTIONS: Options = {
  bullet: '*',
  bulletOther: '-',
  emphasis: '*',
  strong: '*',
  fence: '`',
  fences: true,
  listItemIndent: 'one',
  rule: '-',
  incrementListMarker: true,
  handlers: { text },
};

export function serialize(tree: Root): string {
  return toMarkdown(tree, MARKDOWN_OPTIONS);
}

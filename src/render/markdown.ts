import type { Root } from 'mdast';
import { toMarkdown, type Options } from 'mdast-util-to-markdown';

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
};

export function serialize(tree: Root): string {
  return toMarkdown(tree, MARKDOWN_OPTIONS);
}

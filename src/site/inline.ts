import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../markdown/parse.js';

/** Only links to the web become links on the page; anything else ("javascript:") stays text. */
const SAFE_URL = /^(?:https?:|mailto:|#|\.{0,2}\/)/i;

/** Inline Markdown (news, raw entries) as hast: links, emphasis and code; anything else as its text. */
export function inlineMarkdown(markdown: string): ElementContent[] {
  const tree = parseMarkdown(markdown);
  return tree.children.flatMap((node: RootContent) => (node.type === 'paragraph' ? node.children.flatMap(phrasing) : [{ type: 'text' as const, value: toString(node) }]));
}

function phrasing(node: PhrasingContent): ElementContent[] {
  switch (node.type) {
    case 'text':
      return [{ type: 'text', value: node.value }];
    case 'link':
      return SAFE_URL.test(node.url) ? [h('a', { href: node.url }, node.children.flatMap(phrasing))] : node.children.flatMap(phrasing);
    case 'strong':
      return [h('strong', node.children.flatMap(phrasing))];
    case 'emphasis':
      return [h('em', node.children.flatMap(phrasing))];
    case 'inlineCode':
      return [h('code', node.value)];
    case 'break':
      return [h('br')];
    default:
      return [{ type: 'text', value: toString(node) }];
  }
}

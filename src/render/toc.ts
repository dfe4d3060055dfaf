import GithubSlugger from 'github-slugger';
import type { Heading, List, ListItem, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';

export interface HeadingInfo {
  depth: number;
  text: string;
  /** The anchor GitHub gives this heading, duplicates numbered as GitHub does. */
  slug: string;
}

/** Every heading of the tree in document order, with GitHub's anchors. */
export function headingsOf(tree: Root): HeadingInfo[] {
  const slugger = new GithubSlugger();
  const headings: HeadingInfo[] = [];
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    const text = toString(node as Heading);
    headings.push({ depth: node.depth, text, slug: slugger.slug(text) });
  }
  return headings;
}

/** A nested list of links mirroring the heading tree. */
export function tocList(headings: readonly HeadingInfo[]): List {
  const root: List = { type: 'list', ordered: false, spread: false, children: [] };
  // Stack of (depth, list that receives items at that depth).
  const stack: { depth: number; list: List }[] = [{ depth: headings[0]?.depth ?? 1, list: root }];
  for (const heading of headings) {
    while (stack.length > 1 && heading.depth < stack[stack.length - 1]!.depth) stack.pop();
    let top = stack[stack.length - 1]!;
    if (heading.depth > top.depth) {
      const parentItem = top.list.children[top.list.children.length - 1];
      if (parentItem) {
        const nested: List = { type: 'list', ordered: false, spread: false, children: [] };
        parentItem.children.push(nested);
        top = { depth: heading.depth, list: nested };
        stack.push(top);
      }
    }
    const item: ListItem = {
      type: 'listItem',
      spread: false,
      children: [
        {
          type: 'paragraph',
          children: [{ type: 'link', url: `#${heading.slug}`, children: [{ type: 'text', value: heading.text }] }],
        },
      ],
    };
    top.list.children.push(item);
  }
  return root;
}

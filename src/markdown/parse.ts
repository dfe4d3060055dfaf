import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse);

/** Markdown to mdast, with positions (used for line numbers in templates and imports). */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

import { describe, expect, it } from 'vitest';
import type { Paragraph, Root } from 'mdast';
import { entryItem } from '../../src/render/entry.js';
import { serialize } from '../../src/render/markdown.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { headingsOf, tocList } from '../../src/render/toc.js';

function line(entry: Parameters<typeof entryItem>[0]): string {
  return serialize({ type: 'root', children: [{ type: 'list', spread: false, children: [entryItem(entry)] }] }).trimEnd();
}

describe('entry rendering', () => {
  it('writes the list format', () => {
    expect(line({ title: 'GPT-4 Technical Report', url: 'https://arxiv.org/abs/2303.08774', authors: ['OpenAI'], venue: 'arXiv preprint arXiv:2303.08774', year: 2023 })).toBe(
      '* **[GPT-4 Technical Report.](https://arxiv.org/abs/2303.08774)** OpenAI. arXiv preprint arXiv:2303.08774, 2023',
    );
    expect(line({ title: 'Index1.9B Technical Report', url: 'https://github.com/bilibili/Index-1.9B', year: 2024 })).toBe(
      '* **[Index1.9B Technical Report.](https://github.com/bilibili/Index-1.9B)** 2024',
    );
    expect(line({ title: 'T', url: 'https://x.org', authors: ['A B', 'C D'], others: true, year: 2020 })).toBe('* **[T.](https://x.org)** A B, C D, others. 2020');
    expect(line({ title: 'No link', authors: ['A'], venue: 'V', year: 2024 })).toBe('* **No link.** A. V, 2024');
    expect(line({ raw: '**[Kept.](https://x.org)** as it was, NA' })).toBe('* **[Kept.](https://x.org)** as it was, NA');
  });

  it('renders markup characters in titles and authors as literal text', () => {
    const title = 'A *star* _under_ [brackets] <b>html</b> `tick` \\ & co';
    const out = line({ title, url: 'https://x.org/a_b', authors: ['*Eve*', '<script>'], year: 2023 });
    expect(out).toBe(
      '* **[A \\*star\\* \\_under\\_ \\[brackets\\] \\<b>html\\</b> \\`tick\\` \\ & co.](https://x.org/a_b)** \\*Eve\\*, \\<script>. 2023',
    );
    // Parsing the output back gives the same text and no emphasis, code or HTML.
    const tree = parseMarkdown(out) as Root;
    const paragraph = (tree.children[0] as { children: { children: Paragraph[] }[] }).children[0]!.children[0]!;
    const types = JSON.stringify(paragraph, (key, value) => (key === 'position' ? undefined : value));
    expect(types).not.toMatch(/"type":"(emphasis|inlineCode|html)"/);
    expect(types).toContain(JSON.stringify(`${title}.`));
  });
});

describe('table of contents', () => {
  it('uses GitHub anchors, numbers duplicates and nests like the headings', () => {
    const tree = parseMarkdown('# Title\n\n## Survey & Technical Report\n\n### 长度外推\n\n## News\n\n## News\n');
    const headings = headingsOf(tree);
    expect(headings.map((h) => h.slug)).toEqual(['title', 'survey--technical-report', '长度外推', 'news', 'news-1']);
    expect(serialize({ type: 'root', children: [tocList(headings)] })).toBe(
      '* [Title](#title)\n  * [Survey & Technical Report](#survey--technical-report)\n    * [长度外推](#长度外推)\n  * [News](#news)\n  * [News](#news-1)\n',
    );
  });
});

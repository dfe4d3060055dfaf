import type { ListItem, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { pageListItems } from '../../src/import/pieces.js';
import { parseMarkdown } from '../../src/markdown/parse.js';

/** What a whole parse of the page gives: the items of its lists, in order (the reference). */
function wholeParse(text: string): ListItem[] {
  return (parseMarkdown(text) as Root).children.flatMap((node) => (node.type === 'list' ? node.children : []));
}

/** Positions as plain data, so that toEqual compares them too. */
const plain = (items: ListItem[]) => JSON.parse(JSON.stringify(items)) as unknown;

function entry(n: number, title = `Paper number ${n} on long context.`, url = `https://arxiv.org/abs/2401.${String(n).padStart(5, '0')}`, tail = 'Ann Lee, Bo Chen. arXiv preprint, 2024'): string {
  return `* **[${title}](${url})** ${tail}`;
}

const HEAD = ['<!-- This file is generated. -->', '', '# Memory', '', 'Back to [README.md](../../README.md)', ''];

/** Entry lines build-readme would not write, or whose neighbours change how they parse. */
const ODD = [
  entry(1, 'Bang! A title.'),
  entry(2, 'Fish &amp; chips.'),
  entry(3, 'A *starred* title.'),
  entry(4, 'snake_case title.'),
  entry(5, 'Code `x` title.'),
  entry(6, 'Tag <b>bold</b> title.'),
  entry(7, 'Back\\slash title.'),
  entry(8, 'Bracket [x] title.'),
  entry(9, 'Parens (x) title.', 'https://x.org/a_(b)'),
  entry(10, 'Amp url.', 'https://x.org/?a=1&amp;b=2'),
  entry(11, 'Empty url.', ''),
  entry(12) + '   ',
  entry(13, 'T.', 'u', ' two spaces. 2020'),
  entry(14, 'Tab\there.'),
  entry(15, 'Astral 😀 title.', 'https://x.org/😀', 'Zoë Kočiský, 李雷. 会议, 2020'),
  entry(16, ' Leading space.'),
  entry(17, 'Trailing space. '),
  entry(18, 'Nbsp\u00a0title.', 'https://x.org/a\u00a0b'),
  '* **[No tail.](u)**',
  '* **[No space.](u)**Ann. 2020',
  entry(19),
  'a lazy continuation line',
  entry(20),
  '',
  '  an indented paragraph continuing item 20',
  entry(21),
  '',
  entry(22),
  '* * *',
  entry(23),
  '- **[Dash bullet.](u)** Ann. 2020',
  entry(24),
  '1. **[Numbered.](u)** Ann. 2020',
  entry(25),
  '  * **[Nested.](u)** Ann. 2020',
  entry(26),
  '*  **[Two spaces after the bullet.](u)** Ann. 2020',
  entry(27),
  '## A heading',
  entry(28),
  '> a quote',
  entry(29),
  entry(30, 'Nul\0here.'),
  entry(31, 'Lone\rreturn.'),
  entry(32, 'Dollar $x$ and ~tilde~ and "quotes" and \'single\' and # hash.'),
  entry(33, `${'Long title '.repeat(100)}.`),
  entry(34),
];

describe('pageListItems', () => {
  it('builds an entry line in build-readme\'s form as the parser does, positions included (literal)', () => {
    const text = `${HEAD.join('\n')}\n${entry(7, 'A B.', 'https://x.org/a', 'Ann Lee, Bo. V, 2020')}\n`;
    const at = text.indexOf('* **[');
    const point = (column: number) => ({ line: 7, column, offset: at + column - 1 });
    expect(plain([...pageListItems(text)])).toEqual([
      {
        type: 'listItem',
        spread: false,
        checked: null,
        children: [
          {
            type: 'paragraph',
            children: [
              {
                type: 'strong',
                children: [
                  {
                    type: 'link',
                    title: null,
                    url: 'https://x.org/a',
                    children: [{ type: 'text', value: 'A B.', position: { start: point(6), end: point(10) } }],
                    position: { start: point(5), end: point(28) },
                  },
                ],
                position: { start: point(3), end: point(30) },
              },
              { type: 'text', value: ' Ann Lee, Bo. V, 2020', position: { start: point(30), end: point(51) } },
            ],
            position: { start: point(3), end: point(51) },
          },
        ],
        position: { start: point(1), end: point(51) },
      },
    ]);
  });

  it('gives the items of a whole parse, node for node, around lines it must leave to the parser', () => {
    const text = `${[...HEAD, ...ODD].join('\n')}\n`;
    const whole = wholeParse(text);
    expect(whole.length).toBeGreaterThan(35);
    expect(plain([...pageListItems(text)])).toEqual(plain(whole));
  });

  it('gives the items of a whole parse on a long page (parsed in pieces between the lines it builds), with or without a final line break, with Windows line endings', () => {
    const lines = [...HEAD];
    for (let n = 0; n < 300; n++) lines.push(n % 50 === 7 ? ODD[(n / 50) % ODD.length | 0]! : entry(100 + n));
    lines.push(...ODD);
    for (let n = 0; n < 200; n++) lines.push(entry(500 + n));
    for (const text of [`${lines.join('\n')}\n`, lines.join('\n'), `${lines.join('\r\n')}\r\n`, `${lines.slice(0, 100).join('\r\n')}\n${lines.slice(100).join('\n')}`]) {
      expect(text.length).toBeGreaterThan(20_000);
      const whole = wholeParse(text);
      expect(whole.length).toBeGreaterThan(500);
      expect(plain([...pageListItems(text)])).toEqual(plain(whole));
    }
  });

  it('gives the items of a whole parse when an entry line ends the page or stands alone', () => {
    for (const text of [entry(1), `${entry(1)}\n`, `${entry(1)}\n${entry(2)}`, `${entry(1)}\n\n  more\n`, `${entry(1)}\nmore`, `${entry(1)}\n*\n`, `${entry(1)}\n* \n`, `${entry(1)}\n*\tx\n`]) {
      expect(plain([...pageListItems(text)]), JSON.stringify(text)).toEqual(plain(wholeParse(text)));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { CLOSING_PERIOD, displayTitle, endsSentence, entryItem, entryTail } from '../../src/render/entry.js';

/** One README entry as an mdast list item (issue 15, src/render/entry.ts). */

describe('the closing period', () => {
  it('is a period', () => {
    expect(CLOSING_PERIOD).toBe('.');
  });

  it.each<[string, boolean, string]>([
    ['Lost in the Middle', false, 'Lost in the Middle.'],
    ['Do Long-Context Models Fall Short?', true, 'Do Long-Context Models Fall Short?'],
    ['Attention Is All You Need!', true, 'Attention Is All You Need!'],
    ['Et al.', true, 'Et al.'],
    ['Qwen2.5 Technical Report', false, 'Qwen2.5 Technical Report.'],
    ['Why? A Study', false, 'Why? A Study.'],
    ['Wow! Models', false, 'Wow! Models.'],
    ['Quoted "Title?"', true, 'Quoted "Title?"'],
    ['Say "Hello."', true, 'Say "Hello."'],
    ["It's 'Over!'", true, "It's 'Over!'"],
    ['And So…', true, 'And So…'],
    ['And So...', true, 'And So...'],
    ['Long Context (Revisited.)', true, 'Long Context (Revisited.)'],
    ['长上下文。', true, '长上下文。'],
    ['A "Quoted" Word', false, 'A "Quoted" Word.'],
    ['Ends With (Brackets)', false, 'Ends With (Brackets).'],
    ['Range 1…', true, 'Range 1…'],
  ])('%j: ends a sentence %s, shown as %j', (title, ends, shown) => {
    expect(endsSentence(title)).toBe(ends);
    expect(displayTitle(title)).toBe(shown);
  });
});

describe('entryTail', () => {
  it.each<[string, Parameters<typeof entryTail>[0], string]>([
    ['authors, venue, year', { title: 'T', authors: ['Ada Lovelace', 'Charles Babbage'], venue: 'ICLR', year: 2024 }, 'Ada Lovelace, Charles Babbage. ICLR, 2024'],
    ['authors and others', { title: 'T', authors: ['Ada Lovelace'], others: true, year: 2024 }, 'Ada Lovelace, others. 2024'],
    // "others" with no author before it names no one: shown as an entry with no authors.
    ['others alone', { title: 'T', others: true, year: 2024 }, '2024'],
    ['others alone, with a venue', { title: 'T', authors: [], others: true, venue: 'ICLR', year: 2024 }, 'ICLR, 2024'],
    ['one author, no venue', { title: 'T', authors: ['Ada Lovelace'], year: 2023 }, 'Ada Lovelace. 2023'],
    ['no authors', { title: 'T', venue: 'arXiv preprint arXiv:2402.08268', year: 2024 }, 'arXiv preprint arXiv:2402.08268, 2024'],
    ['an empty author list', { title: 'T', authors: [], year: 2024 }, '2024'],
    ['the year alone', { title: 'T', year: 2024 }, '2024'],
  ])('%s', (_case, paper, tail) => {
    expect(entryTail(paper)).toBe(tail);
  });
});

describe('entryItem', () => {
  it('links the bold title and puts the tail after it', () => {
    expect(entryItem({ title: 'Lost in the Middle', url: 'https://arxiv.org/abs/2307.03172', authors: ['Nelson F. Liu'], others: true, year: 2023 })).toEqual({
      type: 'listItem',
      spread: false,
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'strong', children: [{ type: 'link', url: 'https://arxiv.org/abs/2307.03172', children: [{ type: 'text', value: 'Lost in the Middle.' }] }] },
            { type: 'text', value: ' Nelson F. Liu, others. 2023' },
          ],
        },
      ],
    });
  });

  it('leaves a title without a link unlinked', () => {
    expect(entryItem({ title: 'Fall Short?', venue: 'ACL', year: 2024 })).toEqual({
      type: 'listItem',
      spread: false,
      children: [{ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: 'Fall Short?' }] }, { type: 'text', value: ' ACL, 2024' }] }],
    });
  });

  it('keeps a raw entry verbatim as html', () => {
    expect(entryItem({ raw: '**[Odd](https://example.org)** *as imported*' })).toEqual({
      type: 'listItem',
      spread: false,
      children: [{ type: 'paragraph', children: [{ type: 'html', value: '**[Odd](https://example.org)** *as imported*' }] }],
    });
  });
});

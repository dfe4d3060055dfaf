import { describe, expect, it } from 'vitest';
import { flatCopy } from '../../src/text/flat.js';
import { detach } from '../../src/data/read.js';

// What the copy is made of (one flat string) is for the garbage collector and shows only in the
// benchmark's memory; what these tests hold is that the characters never change.
describe('flatCopy', () => {
  it('gives back the same characters, at and around the length where V8 starts to slice', () => {
    const text = 'Ring Attention with Blockwise Transformers for Near-Infinite Context';
    for (const length of [0, 1, 12, 13, 14, text.length]) expect(flatCopy(text.slice(0, length))).toBe(text.slice(0, length));
  });

  it('keeps a surrogate pair at the start and a lone surrogate where it was', () => {
    expect(flatCopy('\u{1F600} long context, long enough')).toBe('\u{1F600} long context, long enough');
    expect(flatCopy('\uD83D and a lone high surrogate')).toBe('\uD83D and a lone high surrogate');
    expect(flatCopy('長文脈の大規模言語モデルに関する調査と展望')).toBe('長文脈の大規模言語モデルに関する調査と展望');
  });

  it('copies the tree a replace and a template literal make', () => {
    const folded = 'Long-Context: A Survey of Long Context Language Models'.toLowerCase().replace(/[^a-z0-9]+/g, '');
    expect(flatCopy(folded)).toBe('longcontextasurveyoflongcontextlanguagemodels');
    const host = 'arxiv.org';
    expect(flatCopy(`${host}${''}/abs/2402.08268${'?x=1'}`)).toBe('arxiv.org/abs/2402.08268?x=1');
  });
});

describe('detach', () => {
  it('keeps every value of a paper, strings in arrays included, and the object itself', () => {
    const text = 'title: "LongRoPE: Extending LLM Context Window Beyond 2 Million Tokens"\nauthors: Yiran Ding, Li Lyna Zhang';
    const value = { title: text.slice(8, 70), year: 2024, authors: [text.slice(81, 91), text.slice(93)], others: true, venue: undefined };
    const same = detach(value);
    expect(same).toBe(value);
    expect(same).toEqual({ title: 'LongRoPE: Extending LLM Context Window Beyond 2 Million Tokens', year: 2024, authors: ['Yiran Ding', 'Li Lyna Zhang'], others: true, venue: undefined });
  });
});

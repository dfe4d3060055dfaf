import { describe, expect, it } from 'vitest';
import { authorShape, rule } from '../../src/lint/rules/author-shape.js';

/** Rule author-shape (issue 15): which author items cannot be one name, and what each message says. */

const MERGED = 'holds " - ": two authors merged into one, probably a list item indented one space too far; give each author its own "- " line.';
const ET_AL = 'holds "et al.": list the authors, or set "others: true" for the rest.';
const AND = 'holds " and ": two authors in one item; give each its own line.';
const SEMICOLON = 'holds ";": several authors in one item; give each its own line.';
const COMMA = 'holds a comma: write one name per item, given name first ("Ada Lovelace", not "Lovelace, Ada").';

describe('author-shape', () => {
  it('looks at author items only', () => {
    expect(rule.id).toBe('author-shape');
    expect(rule.text).toBe(authorShape);
    expect(authorShape.kinds).toEqual(['author']);
  });

  it.each<[string, string | undefined]>([
    ['Xiaoran Liu - Ruixiao Li', MERGED],
    ['Jean-Baptiste Alayrac', undefined],
    ['Ada- Lovelace', undefined],
    ['Ada -Lovelace', undefined],
    ['Ada Lovelace et al.', ET_AL],
    ['Ada Lovelace et al', ET_AL],
    ['Ada Lovelace ET AL.', ET_AL],
    ['Ada Lovelace et al. Charles Babbage', ET_AL],
    ['Ada Lovelace et al.\tCharles Babbage', ET_AL],
    ['Adaet al.', undefined],
    ['Ada et alia', undefined],
    ['Ada et al.x', undefined],
    ['Ada Lovelace and Charles Babbage', AND],
    ['Ada Lovelaceand Charles', undefined],
    ['Ada andCharles', undefined],
    ['Alexander Anderson', undefined],
    ['Ada Lovelace; Charles Babbage', SEMICOLON],
    ['Lovelace, Ada', COMMA],
    // The first shape that fits is the one reported.
    ['A - B and C; D, E', MERGED],
    ['A and B et al.', ET_AL],
    ['A; B and C', AND],
    ['A, B; C', SEMICOLON],
    [':', 'is the single character ":", not a name; remove it or complete the name.'],
    ['  :  ', 'is the single character ":", not a name; remove it or complete the name.'],
    ['\u{1F600}', 'is the single character "\u{1F600}", not a name; remove it or complete the name.'],
    [',', 'is the single character ",", not a name; remove it or complete the name.'],
    ['Xu', undefined],
    ['OpenAI', undefined],
  ])('%j', (text, message) => {
    expect(authorShape.check(text, 'author')).toEqual(message === undefined ? undefined : { message });
  });
});

import { describe, expect, it } from 'vitest';
import { shortDiff } from '../../src/render/diff.js';

describe('build-readme --check diff', () => {
  it('cuts a long changed line around where it changed, so the change is shown', () => {
    const head = 'a'.repeat(300);
    const tail = 'z'.repeat(200);
    const committed = `intro\n${head}OLD${tail}\nend\n`;
    const generated = `intro\n${head}NEW${tail}\nend\n`;
    // The line differs at column 300 (301 with its sign): 80 characters before it, then to 194 in all.
    const shown = `${'a'.repeat(80)}OLD${'z'.repeat(111)}`;
    expect(shortDiff('README.md', committed, generated)).toBe(
      [
        '--- README.md (committed)',
        '+++ README.md (generated)',
        '@@ -1,3 +1,3 @@',
        ' intro',
        `-...${shown}...`,
        `+...${shown.replace('OLD', 'NEW')}...`,
        ' end',
        '',
      ].join('\n'),
    );
  });

  it('shows both ends of a change too long for one cut, as an entry edited in its title and in its year', () => {
    const body = 'a'.repeat(300);
    // Columns 1 and 302 differ: the first 95 characters, "...", then the last 95, 194 in all.
    expect(shortDiff('README.md', `O${body}1\n`, `N${body}2\n`)).toBe(
      [
        '--- README.md (committed)',
        '+++ README.md (generated)',
        '@@ -1,1 +1,1 @@',
        `-O${'a'.repeat(94)}...${'a'.repeat(94)}1`,
        `+N${'a'.repeat(94)}...${'a'.repeat(94)}2`,
        '',
      ].join('\n'),
    );
  });

  it('keeps short lines whole and cuts an added long line at its end', () => {
    const long = 'b'.repeat(250);
    expect(shortDiff('README.md', 'x\n', `x\n${long}\n`)).toBe(['--- README.md (committed)', '+++ README.md (generated)', '@@ -1,1 +1,2 @@', ' x', `+${'b'.repeat(194)}...`, ''].join('\n'));
  });
});

describe('build-readme --check diff, text a terminal would act on', () => {
  it('shows escape sequences, carriage returns and invisible spaces as <U+XXXX>', () => {
    const out = shortDiff('README.md', 'a\n', 'a\u001b[31mRED\rb\u00a0c\u200bd\ufeff\n');
    expect(out).toBe(['--- README.md (committed)', '+++ README.md (generated)', '@@ -1,1 +1,1 @@', '-a', '+a<U+001B>[31mRED<U+000D>b<U+00A0>c<U+200B>d<U+FEFF>', ''].join('\n'));
    expect(out).not.toMatch(/[\u001b\r]/);
  });
});

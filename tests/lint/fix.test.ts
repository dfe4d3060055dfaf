import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/lint/fix.js';

const BACKSLASH = '\\';
const GRAVE = '`';

/** A paper file as people write them: comments, quoting styles, a folded scalar, odd spacing. */
const PAPER = [
  '# yaml-language-server: $schema=../../../schema/paper.schema.json',
  '# A comment before the title.',
  '',
  `title: "Rivi{${BACKSLASH}${BACKSLASH}${GRAVE}e}re's  Paper." # keep this comment`,
  'url: https://arxiv.org/pdf/2402.08268v2   # and this one',
  'authors:',
  '  # the first author',
  `  - Morgane Rivi{${BACKSLASH}${GRAVE}e}re`,
  "  - 'Ada  Lovelace'   # single quotes",
  '  - Plain Name',
  'venue: >-',
  '  Folded venue',
  '  text',
  'year: 2024',
  'exceptions:',
  '  - rule: http-url',
  '    reason: Something long enough.',
  '  - rule: title-style',
  '    reason: Another long enough reason.',
  '',
].join('\n');

describe('applyFixes', () => {
  it('edits only the fixed scalars, keeping comments, order, quoting and spacing of everything else', () => {
    const out = applyFixes(PAPER, [
      { path: ['title'], value: "Rivière's Paper" },
      { path: ['url'], value: 'https://arxiv.org/abs/2402.08268' },
      { path: ['authors', 0], value: 'Morgane Rivière' },
      { path: ['authors', 1], value: 'Ada Lovelace' },
      { path: ['venue'], value: 'Folded venue text' },
    ]);
    expect(out.skipped).toEqual([]);
    expect(out.applied).toHaveLength(5);
    expect(out.text).toBe(
      [
        '# yaml-language-server: $schema=../../../schema/paper.schema.json',
        '# A comment before the title.',
        '',
        `title: "Rivière's Paper" # keep this comment`,
        'url: https://arxiv.org/abs/2402.08268   # and this one',
        'authors:',
        '  # the first author',
        '  - Morgane Rivière',
        "  - 'Ada Lovelace'   # single quotes",
        '  - Plain Name',
        'venue: Folded venue text',
        'year: 2024',
        'exceptions:',
        '  - rule: http-url',
        '    reason: Something long enough.',
        '  - rule: title-style',
        '    reason: Another long enough reason.',
        '',
      ].join('\n'),
    );
  });

  it('quotes a plain value when the new text would not read back as the same string', () => {
    const out = applyFixes('title: Plain\nyear: 2024\n', [{ path: ['title'], value: 'Hydro: Surrogate-Based #1' }]);
    expect(out.text).toBe('title: "Hydro: Surrogate-Based #1"\nyear: 2024\n');
    const number = applyFixes('title: Plain\nyear: 2024\n', [{ path: ['title'], value: '2024' }]);
    expect(number.text).toBe('title: "2024"\nyear: 2024\n');
  });

  it('adds a missing key where the field order puts it, quoted so an id stays a string', () => {
    const out = applyFixes(PAPER, [{ path: ['arxiv'], value: '2402.08268' }]);
    expect(out.text).toContain('year: 2024\narxiv: "2402.08268"\nexceptions:\n');
    const atEnd = applyFixes('title: A\n# trailing comment\nyear: 2024\n', [{ path: ['arxiv'], value: '2402.08268' }]);
    expect(atEnd.text).toBe('title: A\n# trailing comment\nyear: 2024\narxiv: "2402.08268"\n');
  });

  it('keeps a file\'s \\r\\n line ends on the lines it adds, and a file with \\n as it is', () => {
    const crlf = applyFixes('title: A\r\nyear: 2024\r\n', [{ path: ['arxiv'], value: '2402.08268' }]);
    expect(crlf.text).toBe('title: A\r\nyear: 2024\r\narxiv: "2402.08268"\r\n');
    const lf = applyFixes('title: A\nyear: 2024\n', [{ path: ['arxiv'], value: '2402.08268' }]);
    expect(lf.text).toBe('title: A\nyear: 2024\narxiv: "2402.08268"\n');
  });

  it('removes sequence items, and the key with the last of them', () => {
    const one = applyFixes(PAPER, [{ path: ['exceptions', 1], value: null, remove: true }]);
    expect(one.text.endsWith('exceptions:\n  - rule: http-url\n    reason: Something long enough.\n')).toBe(true);
    const all = applyFixes(PAPER, [
      { path: ['exceptions', 0], value: null, remove: true },
      { path: ['exceptions', 1], value: null, remove: true },
    ]);
    expect(all.text.endsWith('venue: >-\n  Folded venue\n  text\nyear: 2024\n')).toBe(true);
    expect(all.applied).toEqual([{ path: ['exceptions'], value: null, remove: true }]);
  });

  it('applies agreeing duplicates once and skips fixes that disagree on one field', () => {
    const out = applyFixes('title: A  B\nyear: 2024\n', [
      { path: ['title'], value: 'A B' },
      { path: ['title'], value: 'A B' },
    ]);
    expect(out.text).toBe('title: A B\nyear: 2024\n');
    const conflict = applyFixes('title: A  B\nyear: 2024\n', [
      { path: ['title'], value: 'A B' },
      { path: ['title'], value: 'C' },
    ]);
    expect(conflict.text).toBe('title: A  B\nyear: 2024\n');
    expect(conflict.skipped.map((s) => s.reason)).toEqual([
      'another fix sets the same field to a different value',
      'another fix sets the same field to a different value',
    ]);
  });

  it('changes nothing in a file that does not parse, or at a path that is not a value', () => {
    const broken = 'title: "open\nyear: 2024\n';
    expect(applyFixes(broken, [{ path: ['title'], value: 'x' }]).text).toBe(broken);
    const list = applyFixes(PAPER, [{ path: ['authors'], value: 'x' }]);
    expect(list.text).toBe(PAPER);
    expect(list.skipped[0]!.reason).toBe('the field is not a single value');
  });
});

import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8, utf8FailureMessage } from '../../src/text/utf8.js';

/**
 * Strict UTF-8 (issue 15, src/text/utf8.ts): every boundary of the well-formed byte sequences
 * (Unicode table 3-7), and where the first bad byte stands.
 */

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('which byte sequences are UTF-8', () => {
  it.each<[string, number[]]>([
    ['ASCII, NUL and DEL', [0x00, 0x41, 0x7f]],
    ['C2 80: the lowest two-byte sequence', [0xc2, 0x80]],
    ['DF BF: the highest two-byte sequence', [0xdf, 0xbf]],
    ['C3 A9 then ASCII', [0xc3, 0xa9, 0x61]],
    ['E0 A0 80: the lowest three-byte sequence', [0xe0, 0xa0, 0x80]],
    ['E0 BF BF', [0xe0, 0xbf, 0xbf]],
    ['E1 80 80', [0xe1, 0x80, 0x80]],
    ['EC BF BF', [0xec, 0xbf, 0xbf]],
    ['ED 80 80', [0xed, 0x80, 0x80]],
    ['ED 9F BF: the last before the surrogates', [0xed, 0x9f, 0xbf]],
    ['EE 80 80: the first after the surrogates', [0xee, 0x80, 0x80]],
    ['EF BF BF', [0xef, 0xbf, 0xbf]],
    ['F0 90 80 80: the lowest four-byte sequence', [0xf0, 0x90, 0x80, 0x80]],
    ['F0 BF BF BF', [0xf0, 0xbf, 0xbf, 0xbf]],
    ['F1 80 80 80', [0xf1, 0x80, 0x80, 0x80]],
    ['F3 BF BF BF', [0xf3, 0xbf, 0xbf, 0xbf]],
    ['F4 80 80 80', [0xf4, 0x80, 0x80, 0x80]],
    ['F4 8F BF BF: U+10FFFF', [0xf4, 0x8f, 0xbf, 0xbf]],
  ])('%s is valid', (_case, values) => {
    expect(firstInvalidUtf8(bytes(...values))).toBe(undefined);
    expect(decodeUtf8(bytes(...values))).toEqual({ text: Buffer.from(values).toString('utf8') });
  });

  it.each<[string, number[], number]>([
    ['a lone continuation byte 80', [0x41, 0x80], 1],
    ['BF', [0xbf], 0],
    ['80 80 80 80: no lead byte takes continuation bytes after it', [0x80, 0x80, 0x80, 0x80], 0],
    ['C1 80 80 80: nor does an overlong one', [0x41, 0xc1, 0x80, 0x80, 0x80], 1],
    ['C0 80: overlong', [0xc0, 0x80], 0],
    ['C1 BF: overlong', [0xc1, 0xbf], 0],
    ['C2 7F: no continuation', [0xc2, 0x7f], 0],
    ['C2 C0: no continuation', [0xc2, 0xc0], 0],
    ['DF at the end', [0x41, 0xdf], 1],
    ['E0 9F BF: overlong', [0xe0, 0x9f, 0xbf], 0],
    ['E0 C0 80', [0xe0, 0xc0, 0x80], 0],
    ['E1 7F 80', [0xe1, 0x7f, 0x80], 0],
    ['E1 C0 80', [0xe1, 0xc0, 0x80], 0],
    ['E1 80 7F: a bad third byte', [0xe1, 0x80, 0x7f], 0],
    ['E1 80 C0: a bad third byte', [0xe1, 0x80, 0xc0], 0],
    ['E1 80 cut off', [0xe1, 0x80], 0],
    ['ED A0 80: a surrogate', [0xed, 0xa0, 0x80], 0],
    ['ED 7F 80', [0xed, 0x7f, 0x80], 0],
    ['EF C0 80', [0xef, 0xc0, 0x80], 0],
    ['F0 8F BF BF: overlong', [0xf0, 0x8f, 0xbf, 0xbf], 0],
    ['F0 C0 80 80', [0xf0, 0xc0, 0x80, 0x80], 0],
    ['F0 90 80 7F: a bad fourth byte', [0xf0, 0x90, 0x80, 0x7f], 0],
    ['F0 90 80 C0: a bad fourth byte', [0xf0, 0x90, 0x80, 0xc0], 0],
    ['F0 90 80 cut off', [0xf0, 0x90, 0x80], 0],
    ['F1 7F 80 80', [0xf1, 0x7f, 0x80, 0x80], 0],
    ['F3 C0 80 80', [0xf3, 0xc0, 0x80, 0x80], 0],
    ['F4 90 80 80: beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['F4 7F 80 80', [0xf4, 0x7f, 0x80, 0x80], 0],
    ['F5 80 80 80', [0xf5, 0x80, 0x80, 0x80], 0],
    ['FF', [0xff], 0],
  ])('%s is not, from byte %i', (_case, values, offset) => {
    const failure = { offset, byte: values[offset]!, line: 1, column: offset + 1 };
    expect(firstInvalidUtf8(bytes(...values))).toEqual(failure);
    expect(decodeUtf8(bytes(...values))).toEqual({ failure });
  });
});

describe('where the first bad byte stands', () => {
  const at = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => Buffer.from(part as string)));

  it.each<[string, Buffer, { offset: number; byte: number; line: number; column: number }]>([
    ['on line 3, after a blank line', at('x\n\nRen', [0xe9], ' Descartes'), { offset: 6, byte: 0xe9, line: 3, column: 4 }],
    ['after an accent: columns count characters, not bytes', at('é', [0xe9]), { offset: 2, byte: 0xe9, line: 1, column: 2 }],
    ['after an emoji: columns count UTF-16 units, as YAML positions do', at('😀', [0xf5]), { offset: 4, byte: 0xf5, line: 1, column: 3 }],
    ['right after a newline', at('ab\n', [0x80]), { offset: 3, byte: 0x80, line: 2, column: 1 }],
    ['after a carriage return, which ends no line', at('ab\r', [0x80]), { offset: 3, byte: 0x80, line: 1, column: 4 }],
    ['the first of two', at('a', [0xe9], '\n', [0xff]), { offset: 1, byte: 0xe9, line: 1, column: 2 }],
  ])('%s', (_case, input, failure) => {
    expect(firstInvalidUtf8(input)).toEqual(failure);
    expect(decodeUtf8(input)).toEqual({ failure });
  });

  it('keeps a byte order mark in the text, for invisible-char to report', () => {
    expect(decodeUtf8(at('\uFEFFtitle: x\n'))).toEqual({ text: '\uFEFFtitle: x\n' });
    expect(decodeUtf8(new Uint8Array())).toEqual({ text: '' });
  });
});

describe('utf8FailureMessage', () => {
  it.each<[number, string]>([
    [0xe9, 'E9'],
    [0xab, 'AB'],
    [0x05, '05'],
  ])('names byte %i as 0x%s', (byte, hex) => {
    expect(utf8FailureMessage({ offset: 0, byte, line: 1, column: 1 })).toBe(
      `Byte 0x${hex} is not valid UTF-8 (the file was probably saved as Latin-1 or Windows-1252); save it as UTF-8.`,
    );
  });
});

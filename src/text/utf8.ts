/**
 * Strict UTF-8: a file is either valid UTF-8 or refused at the first bad byte, never decoded with
 * replacement characters (a Latin-1 "é" would otherwise reach the README as U+FFFD).
 */

// ignoreBOM keeps a byte order mark in the text, as readFileSync(…, 'utf8') did: invisible-char reports it.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface Utf8Failure {
  /** Byte offset of the first byte that does not belong to a valid UTF-8 sequence. */
  offset: number;
  byte: number;
  /** 1-based line, and column in characters of the valid text before the byte. */
  line: number;
  column: number;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the bytes there are not one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  let length: number;
  let min: number;
  let max = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) [length, min] = [2, 0x80];
  else if (b0 === 0xe0) [length, min] = [3, 0xa0];
  else if (b0 === 0xed) [length, min, max] = [3, 0x80, 0x9f]; // no surrogates
  else if (b0 >= 0xe1 && b0 <= 0xef) [length, min] = [3, 0x80];
  else if (b0 === 0xf0) [length, min] = [4, 0x90];
  else if (b0 >= 0xf1 && b0 <= 0xf3) [length, min] = [4, 0x80];
  else if (b0 === 0xf4) [length, min, max] = [4, 0x80, 0x8f];
  else return 0;
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k];
    if (b === undefined) return 0;
    if (k === 1 ? b < min || b > max : b < 0x80 || b > 0xbf) return 0;
  }
  return length;
}

/** Where `bytes` stop being UTF-8; undefined when they are valid throughout. */
export function firstInvalidUtf8(bytes: Uint8Array): Utf8Failure | undefined {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      const column = strict.decode(bytes.subarray(lineStart, i)).length + 1;
      return { offset: i, byte: bytes[i]!, line, column };
    }
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    i += length;
  }
  return undefined;
}

/** The text of `bytes`, or where they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { failure: Utf8Failure } {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    // The decoder says only that it failed; the scan, which accepts exactly the sequences the decoder
    // accepts (tests/core/utf8.test.ts holds both to every boundary), says where.
    return { failure: firstInvalidUtf8(bytes)! };
  }
}

/** "Byte 0xE9 is not UTF-8 …": the message both data and templates use. */
export function utf8FailureMessage(failure: Utf8Failure): string {
  const hex = failure.byte.toString(16).toUpperCase().padStart(2, '0');
  return `Byte 0x${hex} is not valid UTF-8 (the file was probably saved as Latin-1 or Windows-1252); save it as UTF-8.`;
}

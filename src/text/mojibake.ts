import { codePointName } from './code-point.js';
/**
 * Text that is UTF-8 bytes decoded in a single-byte charset ("mojibake"), and its repair.
 * The seed arrived as UTF-8 read as Mac Roman: "阅读" became "ÈòÖËØª". Re-encoding such text
 * to that charset gives back the original UTF-8 bytes. Genuine text almost never survives
 * that round trip as valid UTF-8, which is what makes the repair certain.
 */

export type Charset = 'macintosh' | 'windows-1252';

export const CHARSET_NAMES: Record<Charset, string> = {
  macintosh: 'Mac Roman',
  'windows-1252': 'Windows-1252',
};

const encoders = new Map<Charset, Map<string, number>>();

function encoderFor(charset: Charset): Map<string, number> {
  let table = encoders.get(charset);
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(charset);
    for (let byte = 0x80; byte < 0x100; byte++) {
      const char = decoder.decode(Uint8Array.of(byte));
      // windows-1252 leaves five bytes undefined; they decode to C1 controls and cannot be told apart.
      if (char !== '\uFFFD' && !table.has(char)) table.set(char, byte);
    }
    encoders.set(charset, table);
  }
  return table;
}

/** Whether `char` is one of the characters a byte of `charset` decodes to: mojibake is made of these only. */
export function inCharset(char: string, charset: Charset): boolean {
  return encoderFor(charset).has(char);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface Repair {
  text: string;
  charset: Charset;
}

/** Where re-encoding fails: the first character that the charset cannot hold, or the first bad UTF-8 run. */
export interface RepairFailure {
  charset: Charset;
  /** Offset (UTF-16) in the input near which the repair breaks. */
  offset: number;
  reason: string;
}

/**
 * Re-encode `text` in `charset` and decode it as UTF-8. Returns undefined when nothing would change
 * (pure ASCII), a failure when the text cannot be the result of that mistake.
 */
export function repairAs(text: string, charset: Charset): Repair | RepairFailure | undefined {
  const table = encoderFor(charset);
  const bytes: number[] = [];
  let changed = false;
  // Offsets in the input of each byte, to point at the place where decoding fails.
  const offsets: number[] = [];
  let offset = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      bytes.push(code);
      offsets.push(offset);
    } else {
      const byte = table.get(char);
      if (byte === undefined) {
        return { charset, offset, reason: `"${char}" (${codePointName(char)}) is not a ${CHARSET_NAMES[charset]} character` };
      }
      bytes.push(byte);
      offsets.push(offset);
      changed = true;
    }
    offset += char.length;
  }
  if (!changed) return undefined;
  const array = Uint8Array.from(bytes);
  try {
    return { text: strictUtf8.decode(array), charset };
  } catch {
    return { charset, offset: offsets[firstInvalidUtf8(array)] ?? 0, reason: 'the bytes it stands for are not valid UTF-8' };
  }
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return i;
}

function isFailure(result: Repair | RepairFailure | undefined): result is RepairFailure {
  return result !== undefined && 'reason' in result;
}

/** How many bytes a UTF-8 sequence starting with `byte` has (0: not a lead byte). */
function sequenceLength(byte: number): number {
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

const NON_ASCII_RUN = /[^\x00-\x7F]+/g;

/**
 * How many runs in `text` look like one UTF-8 sequence read in `charset`: a lead byte's character
 * followed by exactly the right number of continuation bytes' characters. Ordinary accented text
 * ("Tomáš", "Rivière") has none; the seed has hundreds.
 */
export function countSignatures(text: string, charset: Charset): number {
  const table = encoderFor(charset);
  let count = 0;
  // Every character of the table is non-ASCII, so a signature lies within one run of them: a long,
  // mostly ASCII file is not split into an array of all its characters.
  for (const [run] of text.matchAll(NON_ASCII_RUN)) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) {
      const lead = table.get(chars[i]!);
      if (lead === undefined) continue;
      const length = sequenceLength(lead);
      if (length === 0) continue;
      let ok = true;
      for (let k = 1; k < length && ok; k++) {
        const next = chars[i + k];
        const byte = next === undefined ? undefined : table.get(next);
        ok = byte !== undefined && (byte & 0xc0) === 0x80;
      }
      if (ok) {
        count++;
        i += length - 1;
      }
    }
  }
  return count;
}

/** Characters a real text seldom holds: combining marks, controls, private use. Lower is more plausible. */
function implausibility(text: string): number {
  const odd = text.match(/[\p{M}\p{Co}\u0080-\u009F]/gu);
  return odd ? odd.length : 0;
}

export type MojibakeVerdict =
  | { kind: 'clean' }
  | { kind: 'repaired'; repair: Repair }
  | { kind: 'damaged'; failure: RepairFailure };

const CHARSETS: Charset[] = ['macintosh', 'windows-1252'];
const TWO_NON_ASCII = /[^\x00-\x7F]{2}/;

/**
 * Decide about a text. Repaired when it shows a charset's signature and re-encoding in that charset
 * gives valid UTF-8 (the most plausible result when two charsets qualify); damaged when it shows a
 * signature but no repair works; clean otherwise.
 */
export function diagnose(text: string): MojibakeVerdict {
  // A signature is a lead byte's character and at least one continuation byte's, side by side, and
  // every byte of either charset decodes to a non-ASCII character: without two of those in a row
  // ("José", "Müller"), no charset can show one.
  if (!TWO_NON_ASCII.test(text)) return { kind: 'clean' };
  const suspects = CHARSETS.map((charset) => ({ charset, count: countSignatures(text, charset) }))
    .filter((s) => s.count > 0)
    .sort((a, b) => b.count - a.count);
  if (suspects.length === 0) return { kind: 'clean' };
  let best: Repair | undefined;
  let firstFailure: RepairFailure | undefined;
  for (const { charset } of suspects) {
    const result = repairAs(text, charset);
    if (result === undefined) return { kind: 'clean' };
    if (isFailure(result)) {
      firstFailure ??= result;
      continue;
    }
    if (!best || implausibility(result.text) < implausibility(best.text)) best = result;
  }
  if (best) return { kind: 'repaired', repair: best };
  return { kind: 'damaged', failure: firstFailure! };
}

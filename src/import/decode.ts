import type { Problem } from '../core/problem.js';
import { CHARSET_NAMES, countSignatures, diagnose, inCharset, type Charset } from '../text/mojibake.js';
import { firstInvalidUtf8 } from '../text/utf8.js';

export class EncodingError extends Error {}

export interface Decoded {
  text: string;
  problems: Problem[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Line and column (1-based) of offsets in `text`, from one index of its line starts. */
function locator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

const CHARSETS: readonly Charset[] = ['macintosh', 'windows-1252'];
/** A run of non-ASCII characters: a double-encoded character is always one (its bytes are all >= 0x80). */
const NON_ASCII_RUN = /[^\x00-\x7F]+/g;

/** A run split where it turns from characters a single-byte charset has to others ("中") and back. */
function pieces(run: string): string[] {
  const out: string[] = [];
  let current = '';
  let kind: boolean | undefined;
  for (const char of run) {
    const mojibakeLike = CHARSETS.some((charset) => inCharset(char, charset));
    if (kind !== undefined && mojibakeLike !== kind) {
      out.push(current);
      current = '';
    }
    kind = mojibakeLike;
    current += char;
  }
  if (current !== '') out.push(current);
  return out;
}

/**
 * A UTF-8 file with some double-encoded entries (one pasted from a mis-decoded page): each run of
 * non-ASCII characters that shows a charset's signature is repaired on its own when that gives valid
 * UTF-8, else left as it is; either way flagged as mojibake with its line, for a person to check.
 */
function repairRuns(text: string, file: string): Decoded {
  const problems: Problem[] = [];
  const lineColumn = locator(text);
  const repairRun = (run: string, offset: number): string => {
    if (!CHARSETS.some((charset) => countSignatures(run, charset) > 0)) return run;
    const verdict = diagnose(run);
    if (verdict.kind === 'clean') return run;
    const { line, column } = lineColumn(offset);
    if (verdict.kind === 'repaired') {
      const fixed = verdict.repair.text.normalize('NFC');
      problems.push({
        rule: 'mojibake',
        severity: 'warning',
        file,
        line,
        column,
        message: `"${run}" reads as UTF-8 decoded as ${CHARSET_NAMES[verdict.repair.charset]}; imported as "${fixed}" (the rest of the file is sound UTF-8).`,
      });
      return fixed;
    }
    problems.push({
      rule: 'mojibake',
      severity: 'error',
      file,
      line,
      column,
      message: `"${run}" looks like UTF-8 decoded in the wrong character set but cannot be repaired (${verdict.failure.reason}); imported as it is: retype it.`,
    });
    return run;
  };
  const repaired = text.replace(NON_ASCII_RUN, (whole: string, start: number) => {
    let offset = start;
    return pieces(whole)
      .map((run) => {
        const at = offset;
        offset += run.length;
        return repairRun(run, at);
      })
      .join('');
  });
  return { text: repaired, problems };
}

/**
 * Bytes to text; refuses bytes that are not UTF-8. Whether the file is double-encoded (UTF-8 read as
 * Mac Roman or Windows-1252) is decided from the whole file: when all its non-ASCII text repairs as
 * one, the file is repaired and one finding says so; otherwise the file is UTF-8 and only its
 * mojibake runs are repaired or flagged, each with its line.
 */
export function decodeReadme(bytes: Uint8Array, file: string): Decoded {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    // The same place the loader names for data files: line and column of the first bad byte.
    const failure = firstInvalidUtf8(bytes);
    const at = failure ? `:${failure.line}:${failure.column}` : '';
    throw new EncodingError(`${file}${at}: not valid UTF-8; save it as UTF-8 and import again`);
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const verdict = diagnose(text);
  if (verdict.kind === 'clean') return { text, problems: [] };
  if (verdict.kind === 'damaged') return repairRuns(text, file);
  return {
    text: verdict.repair.text,
    problems: [
      {
        rule: 'encoding',
        severity: 'info',
        file,
        line: 1,
        column: 1,
        message: `The file was double-encoded (UTF-8 read as ${CHARSET_NAMES[verdict.repair.charset]}); repaired before import.`,
      },
    ],
  };
}

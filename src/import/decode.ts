import type { Problem } from '../core/problem.js';
import { CHARSET_NAMES, diagnose } from '../text/mojibake.js';
import { firstInvalidUtf8 } from '../text/utf8.js';

export class EncodingError extends Error {}

export interface Decoded {
  text: string;
  problems: Problem[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Bytes to text. Repairs double-encoded UTF-8 (UTF-8 read as Mac Roman or Windows-1252) and says so;
 * refuses text that is not UTF-8, and mojibake that no charset explains.
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
  if (verdict.kind === 'damaged') {
    const { line, column } = lineColumn(text, verdict.failure.offset);
    throw new EncodingError(
      `${file}:${line}:${column}: the file looks double-encoded (UTF-8 read as ${CHARSET_NAMES[verdict.failure.charset]}) ` +
        `but cannot be repaired here: ${verdict.failure.reason}. Fix the encoding by hand and import again`,
    );
  }
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

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeReadme, EncodingError } from '../../src/import/decode.js';
import { diagnose } from '../../src/text/mojibake.js';
import { runCli, SEED, tempDir } from '../helpers.js';

/** UTF-8 bytes read as Mac Roman: how the seed arrived. */
function asMacRoman(text: string): string {
  return new TextDecoder('macintosh').decode(new TextEncoder().encode(text));
}

describe('mojibake', () => {
  it('repairs UTF-8 read as Mac Roman or Windows-1252', () => {
    expect(asMacRoman('阅读')).toBe('ÈòÖËØª');
    expect(diagnose('ÈòÖËØª[中文]').kind).toBe('damaged');
    expect(diagnose('ÈòÖËØª')).toEqual({ kind: 'repaired', repair: { text: '阅读', charset: 'macintosh' } });
    expect(diagnose('Ã©tÃ© au cafÃ©')).toEqual({ kind: 'repaired', repair: { text: 'été au café', charset: 'windows-1252' } });
  });

  it('leaves ordinary accented and Chinese text alone', () => {
    for (const text of ['Tomáš Kočiský', 'Morgane Rivière', 'Ondřej Dušek', '长上下文大语言模型如是说', 'café ☕ 🎉']) {
      expect(diagnose(text), text).toEqual({ kind: 'clean' });
    }
  });

  it('repairs the whole seed and says so', () => {
    const decoded = decodeReadme(readFileSync(SEED), 'seed.md');
    expect(decoded.text.split('\n')[10]).toBe('阅读[中文](./README_zh.md)版本');
    expect(decoded.problems).toEqual([
      { rule: 'encoding', severity: 'info', file: 'seed.md', line: 1, column: 1, message: 'The file was double-encoded (UTF-8 read as Mac Roman); repaired before import.' },
    ]);
  });

  it('refuses mojibake that cannot be repaired, naming the line', () => {
    const text = `# List\n\nfine line\n${asMacRoman('阅读')} and a genuine 中文 word\n`;
    expect(() => decodeReadme(new TextEncoder().encode(text), 'x.md')).toThrow(EncodingError);
    expect(() => decodeReadme(new TextEncoder().encode(text), 'x.md')).toThrow(
      'x.md:4:22: the file looks double-encoded (UTF-8 read as Mac Roman) but cannot be repaired here: "中" (U+4E2D) is not a Mac Roman character. Fix the encoding by hand and import again',
    );
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() => decodeReadme(Uint8Array.of(0x23, 0x20, 0xff, 0xfe), 'bin.md')).toThrow('bin.md:1:3: not valid UTF-8; save it as UTF-8 and import again');
  });

  it('import-readme refuses a damaged file with exit 1 and writes nothing', () => {
    const dir = tempDir();
    const input = join(dir, 'README.md');
    writeFileSync(input, `# List\n\n## Paper List\n\n### A\n* **[T.](https://x.org)** ${asMacRoman('阅读')} 中. 2024\n`);
    const run = runCli('import-readme', [input, '--out', join(dir, 'data')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^import-readme: .*README\.md:6:\d+: the file looks double-encoded \(UTF-8 read as Mac Roman\) but cannot be repaired here/);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});

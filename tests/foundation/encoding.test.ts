import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeReadme } from '../../src/import/decode.js';
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

  it('repairs only the mojibake of a UTF-8 file, naming its line: the rest is genuine', () => {
    const text = `# List\n\nfine line\n${asMacRoman('阅读')} and a genuine 中文 word\n`;
    expect(decodeReadme(new TextEncoder().encode(text), 'x.md')).toEqual({
      text: '# List\n\nfine line\n阅读 and a genuine 中文 word\n',
      problems: [
        {
          rule: 'mojibake',
          severity: 'warning',
          file: 'x.md',
          line: 4,
          column: 1,
          message: '"ÈòÖËØª" reads as UTF-8 decoded as Mac Roman; imported as "阅读" (the rest of the file is sound UTF-8).',
        },
      ],
    });
  });

  it('flags mojibake it cannot repair, with its line, and keeps the text as it is', () => {
    // The last byte of 读 is lost: ÈòÖ stands for 阅, ËØ for two thirds of a character.
    const text = `# 长上下文\n\nok\nx ${asMacRoman('阅读').slice(0, 5)} y\n`;
    expect(decodeReadme(new TextEncoder().encode(text), 'x.md')).toEqual({
      text,
      problems: [
        {
          rule: 'mojibake',
          severity: 'error',
          file: 'x.md',
          line: 4,
          column: 3,
          message: '"ÈòÖËØ" looks like UTF-8 decoded in the wrong character set but cannot be repaired (the bytes it stands for are not valid UTF-8); imported as it is: retype it.',
        },
      ],
    });
  });

  it('repairs mojibake written right next to genuine text, leaving that text alone', () => {
    const text = `# 长上下文\n\nx ${asMacRoman('阅读')}中文 y\n`;
    expect(decodeReadme(new TextEncoder().encode(text), 'x.md')).toEqual({
      text: '# 长上下文\n\nx 阅读中文 y\n',
      problems: [
        {
          rule: 'mojibake',
          severity: 'warning',
          file: 'x.md',
          line: 3,
          column: 3,
          message: '"ÈòÖËØª" reads as UTF-8 decoded as Mac Roman; imported as "阅读" (the rest of the file is sound UTF-8).',
        },
      ],
    });
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() => decodeReadme(Uint8Array.of(0x23, 0x20, 0xff, 0xfe), 'bin.md')).toThrow('bin.md:1:3: not valid UTF-8; save it as UTF-8 and import again');
  });

  it('import-readme imports a UTF-8 README with one Latin-1 mojibake entry, repairing that entry', () => {
    const dir = tempDir();
    const input = join(dir, 'README.md');
    const windows1252 = new TextDecoder('windows-1252').decode(new TextEncoder().encode('José'));
    expect(windows1252).toBe('JosÃ©');
    writeFileSync(
      input,
      '# 长上下文大语言模型如是说\n\n## Paper List\n\n### A\n' +
        '* **[Ring Attention.](https://x.org/a)** Hao Liu, Matei Zaharia. 2023\n' +
        `* **[Long Context.](https://x.org/b)** ${windows1252} Pérez, Li Wei. 2024\n`,
    );
    const run = runCli('import-readme', ['README.md', '--out', 'data'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'README.md:7:43  warning  "Ã©" reads as UTF-8 decoded as Windows-1252; imported as "é" (the rest of the file is sound UTF-8).  mojibake',
    );
    const written = readFileSync(join(dir, 'data', 'papers', 'a', '0020-long-context.yaml'), 'utf8');
    expect(written).toContain('  - José Pérez\n');
    expect(written).not.toContain('Ã');
  });
});

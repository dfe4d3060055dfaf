import { describe, expect, it } from 'vitest';
import { latexToUnicode, remainingLatex } from '../../src/lint/latex.js';
import { arxivIdsInVenue, titleKey, urlKey } from '../../src/lint/normalize.js';
import { TEXT_RULES } from '../../src/lint/rules/index.js';
import { quote } from '../../src/lint/fields.js';

describe('LaTeX to Unicode', () => {
  it.each([
    ["{\\'e}", 'é'],
    ['{\\"u}', 'ü'],
    ['\\v{c}', 'č'],
    ['{\\l}', 'ł'],
    ['{\\L}', 'Ł'],
    ['{\\c{c}}', 'ç'],
    ['{\\~n}', 'ñ'],
    ['\\&', '&'],
    ['2\\%', '2%'],
    ["\\'{\\i}", 'í'],
    ['Stra{\\ss}e', 'Straße'],
    ['Du{\\v{s}}ek', 'Dušek'],
    ['\\v c', 'č'],
    ["{\\'I}{\\~n}igo", 'Íñigo'],
    ['{BERT}: Pre-training', 'BERT: Pre-training'],
    ['\\emph{Long} context', 'Long context'],
    ['{\\em Long} context', 'Long context'],
  ])('%s → %s', (input, output) => {
    const converted = latexToUnicode(input);
    expect(converted).toBe(output);
    // NFC: "é" is one code point, not "e" and a combining accent.
    expect(converted).toBe(converted.normalize('NFC'));
    expect(remainingLatex(converted)).toBeUndefined();
  });

  it('leaves what has no plain form, and says what is left', () => {
    expect(latexToUnicode('$\\infty$-former')).toBe('$\\infty$-former');
    expect(remainingLatex('$\\infty$-former')).toBe('\\infty');
    expect(remainingLatex('Proc. of $\\backslash$')).toBe('\\backslash');
    // "\vc" is not "\v c": a letter accent needs braces or a space.
    expect(latexToUnicode('\\vcenter')).toBe('\\vcenter');
    expect(latexToUnicode('plain text')).toBe('plain text');
  });
});

describe('comparison keys', () => {
  it('folds titles: case, diacritics, punctuation, hyphens, spacing and markup', () => {
    const key = titleKey('Long-Context Attention: A Survey');
    expect(titleKey('long context  attention — a survey.')).toBe(key);
    expect(titleKey('LongContext Attention, a SURVEY')).toBe(key);
    expect(titleKey('Ré-ranking')).toBe(titleKey("R{\\'e}-ranking"));
    expect(titleKey('Zero-offload$\\$: Democratizing')).toBe(titleKey('Zero-offload: Democratizing'));
    expect(titleKey('Long\u200bContext')).toBe(titleKey('Long Context'));
    expect(titleKey('Long-Context Attention: A Survey II')).not.toBe(key);
    expect(titleKey('长上下文')).toBe('长上下文');
  });

  it('folds URLs: scheme, www., trailing slash and fragment, but not path case or query', () => {
    const key = urlKey('https://example.org/a/b');
    expect(urlKey('http://www.example.org/a/b/')).toBe(key);
    expect(urlKey('https://EXAMPLE.org/a/b#section')).toBe(key);
    expect(urlKey('https://example.org/a/B')).not.toBe(key);
    expect(urlKey('https://example.org/a/b?id=2')).not.toBe(key);
  });

  it('folds one DOI under doi.org, dx.doi.org and ACM pages, in any case, and one OpenReview id under forum and pdf', () => {
    const doi = 'doi.org/10.18653/v1/2023.acl-long.1';
    expect(urlKey('https://doi.org/10.18653/v1/2023.ACL-long.1')).toBe(doi);
    expect(urlKey('http://dx.doi.org/10.18653/v1/2023.acl-long.1')).toBe(doi);
    expect(urlKey('https://doi.org/10.18653%2Fv1%2F2023.acl-long.1')).toBe(doi);
    const acm = 'doi.org/10.1145/3620665.3640366';
    for (const form of ['', 'abs/', 'pdf/', 'epdf/', 'full/', 'fullHtml/']) {
      expect(urlKey(`https://dl.acm.org/doi/${form}10.1145/3620665.3640366`)).toBe(acm);
    }
    expect(urlKey('https://dl.acm.org/doi/10.1145/3620665.3640366?casa_token=abc')).toBe(acm);
    expect(urlKey('https://dl.acm.org/doi/proceedings/10.1145/3620665')).toBe('dl.acm.org/doi/proceedings/10.1145/3620665');
    expect(urlKey('https://doi.org/')).toBe('doi.org');
    const forum = 'openreview.net/forum?id=AbC-12';
    expect(urlKey('https://openreview.net/forum?id=AbC-12')).toBe(forum);
    expect(urlKey('https://openreview.net/pdf?id=AbC-12')).toBe(forum);
    expect(urlKey('https://openreview.net/forum?id=AbC-12&referrer=x')).toBe(forum);
    expect(urlKey('https://openreview.net/forum?id=AbC-12&noteId=AbC-12')).toBe(forum);
    expect(urlKey('https://openreview.net/forum?id=abc-12')).not.toBe(forum);
    expect(urlKey('https://openreview.net/forum?id=AbC-12&noteId=reply1')).toBe('openreview.net/forum?id=AbC-12&noteId=reply1');
    expect(urlKey('https://openreview.net/attachment?id=AbC-12&name=supplementary_material')).toBe(
      'openreview.net/attachment?id=AbC-12&name=supplementary_material',
    );
  });

  it('finds the arXiv ids a venue names', () => {
    expect(arxivIdsInVenue('arXiv preprint arXiv:2402.08268')).toEqual(['2402.08268']);
    expect(arxivIdsInVenue('arXiv e-prints 2024arXiv240208268L')).toEqual(['2402.08268']);
    expect(arxivIdsInVenue('URL https://arxiv.org/abs/2406.16852v2')).toEqual(['2406.16852']);
    expect(arxivIdsInVenue('NeurIPS 2024')).toEqual([]);
  });
});

describe('the text pipeline', () => {
  it('leaves every repaired value alone on a second pass', () => {
    const samples = [
      "  Morgane Rivi{\\`e}re\u200b  ",
      'Zero-offload$\\$: Democratizing $\\$billion-scale$\\$ model training. ',
      '$$$$ Some  Conference',
      'Morgane RiviÃ¨re',
      'Compression to 2\\% for Vision \\& Language.',
    ];
    for (const sample of samples) {
      for (const kind of ['title', 'author', 'venue'] as const) {
        let text = sample;
        for (const rule of TEXT_RULES) if (rule.kinds.includes(kind)) text = rule.check(text, kind)?.fixed ?? text;
        const again = TEXT_RULES.filter((rule) => rule.kinds.includes(kind)).map((rule) => rule.check(text, kind)).filter(Boolean);
        expect(again, `${kind}: ${JSON.stringify(sample)} → ${JSON.stringify(text)}`).toEqual([]);
      }
    }
  });
});

describe('invisible-char', () => {
  const rule = TEXT_RULES.find((r) => r.id === 'invisible-char')!;
  const england = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}';

  it.each([
    ['Trojan \u2066isolate\u2069', 'has 2 invisible characters (U+2066, U+2069).', 'Trojan isolate'],
    ['a\u202Eb\u061Cc', 'has 2 invisible characters (U+202E, U+061C).', 'abc'],
    ['Line\u2028break\u2029here', 'has 2 invisible characters (U+2028, U+2029).', 'Line break here'],
    ['Ada\u3164Lovelace', 'has an invisible character (U+3164).', 'Ada Lovelace'],
    ['\u3164\uFFA0x', 'has 2 invisible characters (U+3164, U+FFA0).', '  x'],
    ['Hidden\u{E0041}\u{E0042}', 'has 2 invisible characters (U+E0041, U+E0042).', 'Hidden'],
    ['Flag \u{E0067}\u{E0062}\u{E007F}', 'has 3 invisible characters (U+E0067, U+E0062, U+E007F).', 'Flag '],
    ['\u{1F3F4}\u{E0067}\u{E0062}', 'has 2 invisible characters (U+E0067, U+E0062).', '\u{1F3F4}'],
    ['\u{1F3F4}\u{E007F}', 'has an invisible character (U+E007F).', '\u{1F3F4}'],
    [`${england}\u{E0001}`, 'has an invisible character (U+E0001).', england],
    ['a\u206Ab\u2060c', 'has 2 invisible characters (U+206A, U+2060).', 'abc'],
  ])('%j', (text, message, fixed) => {
    expect(rule.check(text, 'title')).toEqual({ message, fixed });
  });

  it('leaves subdivision flags, emoji joined by a zero-width joiner, braille blanks and variation selectors alone', () => {
    for (const text of [`English ${england} papers`, england + england, '👩\u200D💻', '\u{1F3F4}\u200D\u2620\uFE0F', 'a\u2800b', '\u845B\u{E0100}']) {
      expect(rule.check(text, 'title'), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('leaves the fillers and joiners that are parts of real scripts alone (Mongolian, Hebrew points, old Hangul)', () => {
    for (const text of ['\u1828\u180E\u1820', '\u05D1\u05B7\u034F\u05B4', '\u1100\u1160', '\u115F\u1161', '\u1100\u1160\u11A8']) {
      expect(rule.check(text, 'title'), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('quotes invisible characters as escapes in messages', () => {
    expect(quote('a\u2066b\u{E0041}\nc 👩\u200D💻')).toBe('"a\\u2066b\\u{E0041}\\u000Ac 👩\u200D💻"');
  });
});

describe('bibtex-debris on page ranges', () => {
  const rule = TEXT_RULES.find((r) => r.id === 'bibtex-debris')!;

  it('reports a "--" page range in a venue and writes the en dash', () => {
    expect(rule.check('Advances in Neural Information Processing Systems, 36, 49146--49168', 'venue')).toEqual({
      message: 'holds leftovers of a BibTeX export ("49146--49168" for a page range, which reads "49146–49168").',
      fixed: 'Advances in Neural Information Processing Systems, 36, 49146–49168',
    });
    expect(rule.check('J. Mach. Learn. Res., 1--67 and 2397--2430', 'venue')?.fixed).toBe('J. Mach. Learn. Res., 1–67 and 2397–2430');
  });

  it('leaves en dashes, "--" between words, titles and the cut arXiv id to their own handling', () => {
    expect(rule.check('Journal of Examples, 12, 2397–2430', 'venue')).toBeUndefined();
    expect(rule.check('Proceedings--Companion Volume', 'venue')).toBeUndefined();
    expect(rule.check('O1 Replication Journey--Part 2', 'title')).toBeUndefined();
    expect(rule.check('arXiv e-prints, arXiv--2402', 'venue')?.fixed).toBeUndefined();
  });
});

/**
 * The cheap tests in front of whitespace, author-shape, bibtex-debris, mojibake and the venue's arXiv
 * ids skip most fields: each case below is the smallest text that reaches one branch behind them,
 * so a pre-test that skipped too much fails here.
 */
describe('what the rules find behind their quick tests', () => {
  const check = (id: string, text: string, kind: string) => {
    const rule = TEXT_RULES.find((r) => r.id === id)!;
    return rule.check(text, kind as never)?.message;
  };

  it.each([
    [' a', 'author', 'has leading whitespace.'],
    ['a ', 'author', 'has trailing whitespace.'],
    ['a  b', 'author', 'has doubled whitespace.'],
    ['a\tb', 'author', 'has a tab or line break between words.'],
    ['a\nb', 'venue', 'has a tab or line break between words.'],
    ['a\u00a0\u00a0b', 'venue', 'has doubled whitespace.'],
    ['a ', 'title', undefined],
    ['a b', 'author', undefined],
  ])('whitespace: %j (%s)', (text, kind, message) => {
    expect(check('whitespace', text, kind)).toBe(message);
  });

  it.each([
    ['A - B', 'holds " - "'],
    ['A ET AL.', 'holds "et al."'],
    ['A et al', 'holds "et al."'],
    ['A and B', 'holds " and "'],
    ['A;B', 'holds ";"'],
    ['Lovelace, Ada', 'holds a comma'],
    ['é', 'is the single character "é"'],
    ['😀', 'is the single character "😀"'],
    [' x ', 'is the single character "x"'],
  ])('author-shape: %j', (text, start) => {
    expect(check('author-shape', text, 'author')).toMatch(new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it.each(['Ada Lovelace', 'A AND B', 'Andrea Anderson', 'Jean-Luc Picard', 'Ng', 'é é', 'Setal Ali'])('author-shape: %j is a name', (text) => {
    expect(check('author-shape', text, 'author')).toBeUndefined();
  });

  it.each([
    ['A $$ b', 'author', 'holds leftovers of a BibTeX export ("$$").'],
    ['Title.(2023)', 'title', 'holds leftovers of a BibTeX export (".(2023)").'],
    ['Proc. 1--67', 'venue', 'holds leftovers of a BibTeX export ("1--67" for a page range, which reads "1–67").'],
    ['arXiv e-prints, arXiv--2402', 'venue', 'holds leftovers of a BibTeX export ("arXiv--2402"); write where the paper appeared (for an arXiv preprint: arXiv preprint arXiv:<id>).'],
    ['URL https://x.org', 'venue', 'holds leftovers of a BibTeX export ("URL https://x.org"); write where the paper appeared (for an arXiv preprint: arXiv preprint arXiv:<id>).'],
    ['Title (2023)', 'author', undefined],
    ['1--67', 'title', undefined],
  ])('bibtex-debris: %j (%s)', (text, kind, message) => {
    expect(check('bibtex-debris', text, kind)).toBe(message);
  });

  it('mojibake: a two-character signature is enough, one non-ASCII character alone is clean', () => {
    expect(check('mojibake', 'Ã©', 'author')).toBe('reads as UTF-8 decoded as Windows-1252: "Ã©" should read "é".');
    expect(check('mojibake', 'José Müller', 'author')).toBeUndefined();
  });

  it('finds the arXiv id of a venue by its link alone, and in capitals', () => {
    expect(arxivIdsInVenue('See https://ARXIV.ORG/abs/2402.08268')).toEqual(['2402.08268']);
    expect(arxivIdsInVenue('See https://huggingface.co/papers/2402.08268')).toEqual(['2402.08268']);
    expect(arxivIdsInVenue('ARXIV:2402.08268')).toEqual(['2402.08268']);
    expect(arxivIdsInVenue('NeurIPS 2024')).toEqual([]);
  });
});

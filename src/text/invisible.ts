/**
 * Characters that change nothing a reader sees but break search, sorting and duplicate checks, or
 * change what the reader sees around them:
 * - zero-width space/joiners, word joiner and the other invisible operators and deprecated format
 *   characters (U+2060–U+206F), BOM, soft hyphen and C0/C1 controls;
 * - direction marks (U+200E, U+200F, U+061C), embeddings and overrides (U+202A–U+202E) and the
 *   isolates (U+2066–U+2069): the "Trojan Source" characters, which reorder the text around them;
 * - line and paragraph separators (U+2028, U+2029): a line break no one-line field may hold;
 * - the standalone Hangul fillers (U+3164, U+FFA0): they stand for "no letter" and show as a blank
 *   or as nothing, the usual way to fake an empty name;
 * - tag characters (U+E0000–U+E007F), which show as nothing and can smuggle hidden text.
 * Two emoji forms are not reported: a zero-width joiner between two emoji (the first perhaps with its
 * emoji selector or skin tone): 👩‍💻 is one picture, 👩💻 two; and tags after a black flag U+1F3F4 ending
 * in CANCEL TAG U+E007F, the subdivision flags (🏴󠁧󠁢󠁥󠁮󠁧󠁿 England).
 * Not reported: U+2800 BRAILLE PATTERN BLANK is a real braille cell (visible width, meaningful in
 * braille text), and variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF) choose a glyph's form.
 * Nor four that are parts of real scripts, which removing or spacing would break: the Mongolian vowel
 * separator U+180E, the combining grapheme joiner U+034F (orders Hebrew points, among others), and the
 * choseong and jungseong fillers U+115F, U+1160 inside conjoining old-Hangul syllables (ᄀ\u1160).
 */
export const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u200B\u200C\u200E\u200F\u2028-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\u{E0000}-\u{E001F}]|(?<!\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D|\u200D(?!\p{Extended_Pictographic})|(?<!\u{1F3F4}[\u{E0020}-\u{E007E}]*)[\u{E0020}-\u{E007E}]|[\u{E0020}-\u{E007E}](?![\u{E0020}-\u{E007E}]*\u{E007F})|(?<!\u{1F3F4}[\u{E0020}-\u{E007E}]+)\u{E007F}/gu;

/**
 * What shows as a gap where a font shows it at all: a line or paragraph separator, a Hangul filler.
 * Removing one could join two words, so a fix turns it into a space (the whitespace rule then folds
 * a doubled one); everything else INVISIBLE finds shows as nothing and is removed.
 */
const GAP = /[\u2028\u2029\u3164\uFFA0]/;

export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}

export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, (char) => (GAP.test(char) ? ' ' : ''));
}

/** The text with every invisible character spelled as an escape (\u200B, \u{E0041}), for messages. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (char) => {
    const code = char.codePointAt(0)!;
    const hex = code.toString(16).toUpperCase();
    return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
  });
}

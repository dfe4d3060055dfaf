/**
 * Characters that change nothing a reader sees but break search, sorting and duplicate checks:
 * zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks, and C0/C1 controls. A
 * zero-width joiner between two emoji (the first perhaps with its emoji selector or skin tone) is
 * not one of them: 👩‍💻 is one picture, 👩💻 two.
 */
export const INVISIBLE =
  /[\u200B\u200C\u200E\u200F\u2060-\u2064\uFEFF\u00AD\u202A-\u202E\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|(?<!\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}

export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

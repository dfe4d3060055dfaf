/**
 * LaTeX markup that BibTeX exports leave in names and titles ("Rivi{\`e}re", "Du{\v{s}}ek",
 * "2\%"), and its conversion to Unicode. Only markup with one meaning is converted; anything else
 * (math such as "$\infty$", unknown commands) is left for a person.
 */

/** Accent commands and the combining mark each puts on its letter. */
const COMBINING: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  k: '\u0328',
  r: '\u030A',
  d: '\u0323',
  b: '\u0331',
};

/** Letters LaTeX writes as commands: {\l} is ł, {\ss} is ß. */
const LETTERS: Record<string, string> = {
  l: 'ł',
  L: 'Ł',
  o: 'ø',
  O: 'Ø',
  ss: 'ß',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  i: 'ı',
  j: 'ȷ',
};

// The accented base: a letter, or dotless \i / \j (\'{\i} is í).
const BASE = String.raw`\\[ij](?![A-Za-z])|[A-Za-z]`;
/** \'e, \'{e}, \' e — symbol accents take the next letter with or without braces. */
const SYMBOL_ACCENT = new RegExp(String.raw`\\(['\`^"~=.])\s*(?:\{\s*(${BASE})\s*\}|(${BASE}))`, 'g');
/** \v{c}, \v c — letter accents need braces or a space, or they would be another command (\vc). */
const LETTER_ACCENT = new RegExp(String.raw`\\([uvHckrdb])(?:\s*\{\s*(${BASE})\s*\}|\s+(${BASE}))`, 'g');
const LETTER_COMMAND = /\\(ss|ae|AE|oe|OE|aa|AA|l|L|o|O|i|j)(?![A-Za-z])(?:\{\}|[ \t]+(?=[A-Za-z]))?/g;
const ESCAPE = /\\([&%$#_{}])/g;
const TEXT_COMMAND = /\\(?:emph|textit|textbf|textrm|textsc|texttt|textsf|textnormal|textup|mbox|mathrm|mathit|mathbf)\s*\{([^{}\\]*)\}/g;
const SWITCH_GROUP = /\{\\(?:em|bf|it|sc|rm|tt|sf|sl|upshape)\s+([^{}\\]*)\}/g;
/** BibTeX protects case with braces: "{BERT}"; once the commands inside are gone, braces are markup too. */
const BRACE_GROUP = /\{([^{}\\]*)\}/g;
/** What is left after conversion that is still markup: a command, an escape, or a brace. */
const REMAINING = /\\[A-Za-z]+|\\[^A-Za-z\s]|[{}]/;

function accent(base: string, mark: string): string {
  const letter = base === '\\i' ? 'i' : base === '\\j' ? 'j' : base;
  return `${letter}${mark}`;
}

function convertOnce(text: string): string {
  return text
    .replace(SYMBOL_ACCENT, (_m, cmd: string, braced?: string, bare?: string) => accent((braced ?? bare)!, COMBINING[cmd]!))
    .replace(LETTER_ACCENT, (_m, cmd: string, braced?: string, bare?: string) => accent((braced ?? bare)!, COMBINING[cmd]!))
    .replace(LETTER_COMMAND, (_m, name: string) => LETTERS[name]!)
    .replace(TEXT_COMMAND, '$1')
    .replace(SWITCH_GROUP, '$1')
    .replace(ESCAPE, '$1')
    .replace(BRACE_GROUP, '$1');
}

/** Quick test before the regexes: nearly every field has no backslash and no brace. */
export function mayHaveLatex(text: string): boolean {
  return text.includes('\\') || text.includes('{') || text.includes('}');
}

/** The text with every convertible piece of markup replaced by Unicode, NFC-normalised. */
export function latexToUnicode(text: string): string {
  if (!mayHaveLatex(text)) return text;
  let current = text;
  // Nested markup ("{\v{c}}") unwraps one level per pass.
  for (let pass = 0; pass < 8; pass++) {
    const next = convertOnce(current);
    if (next === current) break;
    current = next;
  }
  return current === text ? text : current.normalize('NFC');
}

/** Markup that conversion leaves behind: math, unknown commands, unbalanced braces. */
export function remainingLatex(text: string): string | undefined {
  if (!mayHaveLatex(text)) return undefined;
  return REMAINING.exec(text)?.[0];
}

/** A character's code point as messages write it: "U+200B", "U+1F680". */
export function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The distinct code points of `chars`, in the order first met: "U+200B, U+FEFF". */
export function codePointNames(chars: readonly string[]): string {
  return [...new Set(chars.map(codePointName))].join(', ');
}

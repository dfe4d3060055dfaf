/**
 * Title comparison for the arXiv identity check. arXiv titles carry LaTeX ("$\infty$Bench",
 * "Schr\"odinger"), the list carries Unicode and its own punctuation, so both sides are folded:
 * LaTeX to text, accents off, case off, and everything but letters and digits dropped.
 */

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', vartheta: 'θ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π',
  rho: 'ρ', sigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ',
  Psi: 'Ψ', Omega: 'Ω',
};

const SPECIAL_LETTERS: Record<string, string> = {
  ss: 'ss', o: 'o', O: 'O', ae: 'ae', AE: 'AE', oe: 'oe', OE: 'OE', aa: 'a', AA: 'A', l: 'l', L: 'L', i: 'i', j: 'j',
};

/** LaTeX markup to plain text: accents to their letter, Greek to Unicode, other commands dropped, their arguments kept. */
export function latexToText(text: string): string {
  return text
    .replace(/\\[`'^"~=.]\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))/g, (_m, a?: string, b?: string) => a ?? b ?? '')
    .replace(/\\[uvHcdbtkr](?:\s*\{\s*([A-Za-z])\s*\}|\s+([A-Za-z]))/g, (_m, a?: string, b?: string) => a ?? b ?? '')
    .replace(/\\([A-Za-z]+)\b\s*/g, (_m, name: string) => GREEK[name] ?? SPECIAL_LETTERS[name] ?? ' ')
    .replace(/\\(.)/g, '$1')
    .replace(/[{}$]/g, '');
}

export function foldTitle(title: string): string {
  return latexToText(title)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function sameTitle(a: string, b: string): boolean {
  return foldTitle(a) === foldTitle(b);
}

function words(title: string): Set<string> {
  const folded = latexToText(title).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return new Set(folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0));
}

/** Share of words in common (Jaccard): tells a renamed paper (high) from a wrong link (low). */
export function titleSimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 && wb.size === 0) return 1;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / (wa.size + wb.size - common);
}

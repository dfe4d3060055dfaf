import { latexToUnicode } from '../lint/latex.js';
import { foldWhitespace } from '../links/atom.js';
import { removeInvisible } from '../text/invisible.js';

/**
 * Text from arXiv or BibTeX as the list writes it: Unicode, no markup, single spaces. The LaTeX
 * conversion is lint's own (latex-markup), so what comes out here is what lint accepts; inline
 * math, which lint leaves to a person, gets the few symbols titles really use.
 */

const SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ',
  sigma: 'σ', tau: 'τ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  infty: '∞', times: '×', cdot: '·', pm: '±', approx: '≈', sim: '∼', le: '≤', leq: '≤', ge: '≥', geq: '≥',
  neq: '≠', to: '→', rightarrow: '→', leftarrow: '←', leftrightarrow: '↔', Rightarrow: '⇒', ell: 'ℓ',
  log: 'log', sqrt: '√', ldots: '…', dots: '…', cdots: '⋯', circ: '∘', star: '⋆', ast: '∗', checkmark: '✓',
};

const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻', n: 'ⁿ', i: 'ⁱ' };
const SUBSCRIPT: Record<string, string> = { '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '+': '₊', '-': '₋' };

const MATH = /\$([^$]+)\$/g;
const WRAPPER = /\\(?:text|textrm|textbf|textit|texttt|mathrm|mathbf|mathit|mathsf|mathtt|operatorname|boldsymbol|mbox)\s*\{([^{}]*)\}/g;
const COMMAND = /\\([A-Za-z]+)(?![A-Za-z])\s*/g;
const SCRIPT = /([\^_])(?:\{([^{}]*)\}|([0-9A-Za-z+-]))/g;

function script(marks: Record<string, string>, text: string): string | undefined {
  const out = [...text].map((c) => marks[c]);
  return out.every((c) => c !== undefined) ? out.join('') : undefined;
}

/** One $…$ span as text, or undefined when it holds markup with no plain form (then it stays for lint to report). */
function mathSpan(tex: string): string | undefined {
  let text = tex.replace(WRAPPER, '$1').replace(/\\[,;:! ]/g, ' ');
  let unknown = false;
  text = text.replace(COMMAND, (_m, name: string) => {
    const symbol = SYMBOLS[name];
    if (symbol === undefined) unknown = true;
    return symbol ?? _m;
  });
  text = text.replace(SCRIPT, (m, kind: string, braced?: string, bare?: string) => {
    const converted = script(kind === '^' ? SUPERSCRIPT : SUBSCRIPT, (braced ?? bare)!);
    if (converted === undefined) unknown = true;
    return converted ?? m;
  });
  text = text.replace(/[{}]/g, '');
  return unknown ? undefined : text.trim();
}

/** Inline math made text where every piece has a plain form: "$\infty$Bench" → "∞Bench", "$O(n^2)$" → "O(n²)". */
export function mathToText(text: string): string {
  return text.replace(MATH, (span, tex: string) => mathSpan(tex) ?? span);
}

/** Any field: invisible characters out, LaTeX to Unicode, whitespace and line breaks folded. */
export function cleanText(text: string): string {
  return foldWhitespace(latexToUnicode(mathToText(removeInvisible(text)))).normalize('NFC');
}

/**
 * A title as the data stores it: cleaned, and without the closing period, which the README adds
 * (lint's title-style rule). An ellipsis ("…..") is left alone, as lint leaves it.
 */
export function listTitle(text: string): string {
  const clean = cleanText(text);
  return clean.endsWith('.') && !clean.endsWith('..') ? clean.slice(0, -1).trimEnd() : clean;
}

import type { RuleId } from '../../core/rules.js';
import type { ListRule, TextRule } from '../context.js';
import { arxivIdMismatch } from './arxiv-id-mismatch.js';
import { arxivUrl, arxivUrlForm } from './arxiv-url.js';
import { authorShape } from './author-shape.js';
import { bibtexDebris } from './bibtex-debris.js';
import { duplicateArxivId } from './duplicate-arxiv-id.js';
import { duplicateCategory } from './duplicate-category.js';
import { duplicateTitle } from './duplicate-title.js';
import { duplicateUrl } from './duplicate-url.js';
import { emptyCategory } from './empty-category.js';
import { httpUrl } from './http-url.js';
import { invisibleChar } from './invisible-char.js';
import { latexMarkup } from './latex-markup.js';
import { missingUrl } from './missing-url.js';
import { mojibake } from './mojibake.js';
import { titleStyle } from './title-style.js';
import { unknownCategory } from './unknown-category.js';
import { unparsedEntry } from './unparsed-entry.js';
import { urlTitleConflict } from './url-title-conflict.js';
import { whitespace } from './whitespace.js';
import { year } from './year.js';

/**
 * Text rules, in pipeline order: each sees the field as the previous ones' fixes leave it.
 * Debris goes before LaTeX ("$\$" is not the escape "\$"); whitespace after both, which may leave
 * gaps; the title's convention and the arXiv form last; author shapes (no fix) on the cleaned names.
 */
export const TEXT_RULES: readonly TextRule[] = [invisibleChar, mojibake, bibtexDebris, latexMarkup, whitespace, titleStyle, arxivUrlForm, authorShape];

/** Rules over the whole list. The anchor rule is separate: see loadAnchorRule. */
export const LIST_RULES: readonly ListRule[] = [
  unparsedEntry,
  missingUrl,
  year,
  httpUrl,
  arxivUrl,
  arxivIdMismatch,
  duplicateArxivId,
  duplicateUrl,
  urlTitleConflict,
  duplicateTitle,
  unknownCategory,
  emptyCategory,
  duplicateCategory,
];

/** The anchor rule needs the Markdown parser; it loads only when templates are checked. */
export async function loadAnchorRule(): Promise<ListRule> {
  return (await import('./anchor.js')).anchor;
}

/** The relative-link rule needs the Markdown parser too; it loads only when templates are checked. */
export async function loadRelativeLinkRule(): Promise<ListRule> {
  return (await import('./relative-link.js')).relativeLink;
}

/** Every rule an offline run can report, loading and schema included: what unused exceptions are judged against. */
export const OFFLINE_RULES: readonly RuleId[] = [
  'yaml-syntax',
  'schema',
  'stray-file',
  'encoding',
  'year',
  'url-scheme',
  ...TEXT_RULES.map((rule) => rule.id),
  'unparsed-entry',
  'missing-url',
  'http-url',
  'arxiv-url',
  'arxiv-id-mismatch',
  'duplicate-arxiv-id',
  'duplicate-url',
  'url-title-conflict',
  'duplicate-title',
  'unknown-category',
  'empty-category',
  'duplicate-category',
  'anchor',
  'relative-link',
  'template',
  'unused-exception',
  'unknown-rule',
];

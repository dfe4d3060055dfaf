import type { Fix, Severity } from '../core/problem.js';
import type { RuleId } from './rules/index.js';
import type { ListData, LoadedPaper } from '../data/load.js';
import type { Paper, RawEntry } from '../data/schema.js';
import type { SourceFile } from '../data/source.js';
import type { Template } from '../render/fill-template.js';
import type { ArxivRef } from '../text/arxiv.js';
import type { DuplicatePair } from './normalize.js';

/** What a check needs to say where a problem is. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** A problem before the linter fills in the default severity of its rule. */
export interface RuleFinding extends Location {
  rule: RuleId;
  message: string;
  severity?: Severity;
  fix?: Fix;
}

/** A structured paper with the values the cross-entry rules compare, computed once. */
export interface PaperView {
  loaded: LoadedPaper;
  paper: Paper;
  source: SourceFile;
  /** Index in list order (categories.yaml's order of categories, then file number): the README's order. */
  index: number;
  /** The title as the hygiene fixes would leave it. */
  title: string;
  /** The title folded for comparison: no case, diacritics, punctuation, hyphens or spaces. */
  titleKey: string;
  url: string | undefined;
  /** The URL normalised for comparison: scheme, "www.", trailing slash and fragment folded, and a DOI or OpenReview page folded to one key per work (normalize.ts urlKey). */
  urlKey: string | undefined;
  /** The arXiv paper the URL points at, whatever its form. */
  urlArxiv: ArxivRef | undefined;
  /** The arXiv paper the entry is: from the URL, else the arxiv field, else the one id its venue names. */
  arxivId: string | undefined;
  /** The arXiv ids the venue names (arxivIdsInVenue). */
  venueArxivIds: readonly string[];
  /** The first earlier entry that is the same arXiv paper, the same URL, or has the same title. */
  sameArxiv: PaperView | undefined;
  sameUrl: PaperView | undefined;
  /**
   * The first earlier entry with the same URL fragment included: one vendor page may hold several
   * models under #anchors, which is one page but not one link.
   */
  sameLink: PaperView | undefined;
  sameTitle: PaperView | undefined;
}

export interface RawView {
  loaded: LoadedPaper;
  entry: RawEntry;
  source: SourceFile;
}

export interface LintOptions {
  /** Templates to check in-page links against; the anchor rule runs only when given. */
  templates?: readonly Template[] | undefined;
  /** Where the generated READMEs land, which the templates' relative links resolve from (default: the templates folder's parent). */
  root?: string | undefined;
  /** "Now", for the upper bound on years; tests pin it. */
  now?: Date | undefined;
  /**
   * With --changed-since: whether a file is one the change touched. A pair finding then lands on
   * the changed one of its two entries, so the annotation is on the pull request's diff.
   */
  changed?: ((source: SourceFile) => boolean) | undefined;
}

/** What every list rule gets: the loaded list, its normalised views, and a way to report. */
export interface RuleContext {
  readonly data: ListData;
  readonly papers: readonly PaperView[];
  readonly raws: readonly RawView[];
  /** Every pair of entries that are the same paper by arXiv id, URL or title, each under one rule. */
  readonly pairs: readonly DuplicatePair[];
  /** The category (folder) of every paper file, including files that failed to load. */
  readonly fileCategories: readonly string[];
  readonly options: LintOptions;
  report(finding: RuleFinding): void;
  /**
   * Where the value at `path` in `source` stands. Found when first read, and `...ctx.at()` in a
   * reported finding defers it: the linter places only the findings that no exception silences.
   */
  at(source: SourceFile, path: readonly (string | number)[]): Location;
}

/** A rule over the whole list: reads the context, reports findings. */
export type ListRule = (ctx: RuleContext) => void;

/** Which string fields a text rule looks at. */
export type FieldKind = 'title' | 'author' | 'venue' | 'url' | 'raw' | 'reason' | 'category-name' | 'news-text';

export interface TextFinding {
  message: string;
  /** The field's value with this defect repaired, when the repair is certain. */
  fixed?: string;
}

/**
 * A check of one string field. Text checks run as a pipeline per field, in registry order, each on
 * the output of the previous one's fix, so all fixes of one field agree on its final value; a rule
 * reports only what was already wrong in the field as written (see checkField in check-list.ts).
 */
export interface TextCheck {
  kinds: readonly FieldKind[];
  check(text: string, kind: FieldKind): TextFinding | undefined;
}

/** A text check with the id of the rule it belongs to: what the pipeline runs. */
export interface TextRule extends TextCheck {
  id: RuleId;
}

/** "papers/x/0010-a.yaml:4": the other place a cross-entry finding names. */
export function where(ctx: RuleContext, source: SourceFile, path: readonly (string | number)[]): string {
  const place = ctx.at(source, path);
  return `${place.file}:${place.line}`;
}

/**
 * Which entry of a pair a finding goes on, and which it names: the later one in list order, unless
 * only the earlier one's file changed (--changed-since), since the change is what made the pair.
 * An exception for the pair's rule on either entry wins, so that the pair stays silenced wherever
 * the exception was written.
 */
export function sides(ctx: RuleContext, pair: DuplicatePair): { here: PaperView; other: PaperView } {
  const later = { here: pair.later, other: pair.earlier };
  const earlier = { here: pair.earlier, other: pair.later };
  const excepts = (view: PaperView) => view.paper.exceptions?.some((e) => e.rule === pair.rule) ?? false;
  if (excepts(pair.later)) return later;
  if (excepts(pair.earlier)) return earlier;
  const changed = ctx.options.changed;
  if (changed && !changed(pair.later.source) && changed(pair.earlier.source)) return earlier;
  return later;
}

import type { Problem, Result } from '../core/problem.js';
import { sortProblems } from '../core/problem.js';
import type { DataCache } from '../data/cache.js';
import type { ListData } from '../data/load.js';
import type { Exception } from '../data/schema.js';
import { placeOf, type Place, type SourceFile } from '../data/source.js';
import type { Location, RuleFinding, LintOptions, RuleContext, TextRule } from './context.js';
import { applyExceptions, declaresException, exceptionProblems, indexExceptions, type ExceptionIndex } from './exceptions.js';
import { categoryFields, fieldLabel, newsFields, paperFields, type TextField } from './fields.js';
import { buildViews, duplicatePairs, inListOrder } from './normalize.js';
import { LIST_RULES, loadTemplateRules, OFFLINE_RULES, RULES, TEXT_RULES, type RuleId } from './rules/index.js';
import { runTextPipeline } from './text-pipeline.js';

/** A paper file that did not load (syntax or schema errors): its exceptions still apply, its folder is not empty. */
export interface UnloadedFile {
  file: string;
  category: string;
  source?: SourceFile | undefined;
  exceptions?: Exception[] | undefined;
}

export interface LintDataOptions extends LintOptions {
  /** Problems found while loading (syntax, schema, encoding, stray files): reported, never silenced. */
  loadProblems?: readonly Problem[] | undefined;
  unloaded?: readonly UnloadedFile[] | undefined;
  /** Findings of other checks (the link check), treated like the rest. */
  extraProblems?: readonly Problem[] | undefined;
  /** The rules those checks ran, so that their exceptions are not reported as unused. */
  extraRules?: readonly RuleId[] | undefined;
  /**
   * Where the text rules' findings on each paper file are kept between runs: they depend only on the
   * file's bytes (and its own exceptions), which the cache's key covers.
   */
  cache?: DataCache | undefined;
}

export interface LintReport {
  /** Paper files checked (loaded ones). */
  entries: number;
  /** Problems an exception silenced. */
  silenced: number;
}

/*
 * Where a finding stands is found only for a finding that is kept: placing one walks the file's YAML
 * document model, which loads the yaml package and parses the file, and a finding an exception
 * silences never shows its place. ctx.at gives the file and, under this symbol, a way to find the
 * place; a rule's `...ctx.at(source, path)` copies both (line and column are non-enumerable getters,
 * for a rule that reads them, so a spread does not find them). The linter places what it keeps after
 * the exceptions, on its own plain problems: nothing it returns holds a getter or this symbol.
 */
const PLACE = Symbol('place');

interface Deferred {
  [PLACE]?: () => Place;
}

/** The place of the value at `path`, found on first use (see PLACE). */
function deferredAt(source: SourceFile, path: readonly (string | number)[]): Location {
  let place: Place | undefined;
  const find = () => (place ??= placeOf(source, path));
  const at: Deferred & { file: string } = { file: source.file, [PLACE]: find };
  return Object.defineProperties(at, {
    line: { get: () => find().line },
    column: { get: () => find().column },
  }) as Deferred & Location;
}

/** Problems still to be placed, with the way to place them. */
type Unplaced = Map<Problem, () => Place>;

function toProblem(finding: RuleFinding & Deferred, unplaced: Unplaced): Problem {
  const find = finding.line === undefined ? finding[PLACE] : undefined;
  const problem: Problem = {
    rule: finding.rule,
    severity: finding.severity ?? RULES[finding.rule].severity,
    file: finding.file,
    // Filled in by place() when the problem is kept.
    line: find ? 0 : finding.line,
    column: find ? 0 : finding.column,
    message: finding.message,
  };
  if (finding.fix) problem.fix = finding.fix;
  if (find) unplaced.set(problem, find);
  return problem;
}

/** Give deferred problems their line and column. */
function place(problems: readonly Problem[], unplaced: Unplaced): void {
  for (const problem of problems) {
    const find = unplaced.get(problem);
    if (!find) continue;
    const { line, column } = find();
    problem.line = line;
    problem.column = column;
    unplaced.delete(problem);
  }
}

/** The text rules over one field (see runTextPipeline); every fixable finding carries the field's final value. */
function checkField(field: TextField, rules: readonly TextRule[], exceptions: ExceptionIndex, report: (f: RuleFinding) => void): void {
  const { found, value: current } = runTextPipeline(field.value, field.kind, rules, (rule) => !declaresException(exceptions, field.source.file, rule));
  if (found.length === 0) return;
  const at = deferredAt(field.source, field.path);
  const label = fieldLabel(field.path);
  for (const f of found) {
    report({
      rule: f.rule,
      ...at,
      message: `${label} ${f.message}`,
      ...(f.fixes && current !== field.value ? { fix: { path: field.path, value: current } } : {}),
    });
  }
}

/**
 * Lint a loaded list: text rules per field, then the rules over the whole list, then exceptions.
 * Prints nothing and writes nothing; problems come back sorted.
 */
export async function lintData(data: ListData, options: LintDataOptions = {}): Promise<Result<LintReport>> {
  const found: Problem[] = [];
  const unplaced: Unplaced = new Map();
  const report = (finding: RuleFinding) => found.push(toProblem(finding, unplaced));

  const exceptions = indexExceptions([
    ...data.papers.map((paper) => ({ source: paper.source, exceptions: paper.entry.exceptions })),
    ...(options.unloaded ?? []).flatMap((file) => (file.source ? [{ source: file.source, exceptions: file.exceptions }] : [])),
  ]);

  const fields: TextField[] = [];
  if (data.categoriesSource) fields.push(...categoryFields(data.categoriesSource, data.categories));
  if (data.newsSource) fields.push(...newsFields(data.newsSource, data.news));
  for (const field of fields) checkField(field, TEXT_RULES, exceptions, report);
  const cache = options.cache;
  for (const paper of data.papers) {
    const known = cache?.textFindings(paper.source);
    if (known) {
      for (const problem of known) found.push(problem);
      continue;
    }
    const own: Problem[] = [];
    const keep = (finding: RuleFinding) => own.push(toProblem(finding, unplaced));
    for (const field of paperFields(paper.source, paper.entry)) checkField(field, TEXT_RULES, exceptions, keep);
    // The cache's record holds every finding's place, a silenced one's too.
    if (cache) {
      place(own, unplaced);
      cache.setTextFindings(paper.source, own);
    }
    // One push per finding, not a spread: a paper with very many authors must not overflow the call stack.
    for (const problem of own) found.push(problem);
  }

  const views = buildViews(inListOrder(data.papers, data.categories));
  const ctx: RuleContext = {
    data,
    papers: views.papers,
    raws: views.raws,
    pairs: duplicatePairs(views.papers, views.groups),
    fileCategories: [...data.papers.map((p) => p.category), ...(options.unloaded ?? []).map((f) => f.category)],
    options,
    report,
    at: deferredAt,
  };
  for (const rule of LIST_RULES) rule(ctx);
  if (options.templates && options.templates.length > 0) {
    for (const rule of await loadTemplateRules()) rule(ctx);
  }

  // A load problem means the file is not in the list: silencing it would drop a paper from the README
  // without a word, so no exception applies to it (an exception naming its rule is then unused).
  const { kept, silenced } = applyExceptions(exceptions, [...found, ...(options.extraProblems ?? [])]);
  place(kept, unplaced);
  kept.push(...(options.loadProblems ?? []));
  kept.push(...exceptionProblems(exceptions, new Set([...OFFLINE_RULES, ...(options.extraRules ?? [])])));
  return { value: { entries: data.papers.length, silenced: silenced.length }, problems: sortProblems(kept) };
}

import type { Problem } from '../core/problem.js';
import { hasErrors } from '../core/problem.js';
import { displayPath, type LoadedPaper } from '../data/load.js';
import { Paper } from '../data/schema.js';
import { parseSource } from '../data/source.js';
import { validate } from '../data/validate.js';
import { lintData } from '../lint/check-list.js';
import type { LoadedForLint } from '../lint/load-for-lint.js';
import { duplicateReason, findDuplicate } from './duplicates.js';
import { placeEntry, type Placement } from './place.js';

/** A paper to add, and how the report names where it came from ("arXiv 2402.08268", "refs.bib:12 @article{key}"). */
export interface Candidate {
  label: string;
  paper: Paper;
}

export interface Added {
  label: string;
  paper: Paper;
  placement: Placement;
  /** Display path of the new file. */
  file: string;
  /** Lint warnings the entry brings; they do not stop it, as they do not fail lint-list. */
  warnings: Problem[];
}

export interface Refused {
  label: string;
  reason: string;
  /** Lint or schema errors behind the refusal, when those are the reason. */
  problems?: Problem[];
}

export interface Plan {
  added: Added[];
  refused: Refused[];
}

export interface PlanContext {
  cwd: string;
  category: string;
  /** Files already in the category's folder. */
  names: Iterable<string>;
  /** The $schema path for the modeline. */
  schema: string;
}

const keyOf = (p: Problem) => `${p.rule}\u0000${p.severity}\u0000${p.file}\u0000${p.line}\u0000${p.column}\u0000${p.message}`;

/** Problems in `after` that `before` does not have (as a multiset: the same finding twice counts twice). */
export function newProblems(before: readonly Problem[], after: readonly Problem[]): Problem[] {
  const seen = new Map<string, number>();
  for (const p of before) seen.set(keyOf(p), (seen.get(keyOf(p)) ?? 0) + 1);
  return after.filter((p) => {
    const n = seen.get(keyOf(p)) ?? 0;
    if (n === 0) return true;
    seen.set(keyOf(p), n - 1);
    return false;
  });
}

/** The list with `paper` where its folder puts it: loadData reads category folders in name order. */
function withPaper(papers: readonly LoadedPaper[], paper: LoadedPaper): LoadedPaper[] {
  let at = papers.length;
  while (at > 0 && papers[at - 1]!.category > paper.category) at--;
  return [...papers.slice(0, at), paper, ...papers.slice(at)];
}

/**
 * Decide, one candidate after the other, which to add: each must pass the paper schema, must not
 * repeat an entry (of the list or added before it), and must bring no new lint-list error. Lint
 * runs over the whole list with the entry in place, and only what the entry adds counts, so the
 * list's own unfixed problems neither block an addition nor get blamed on it. Writes nothing.
 */
export async function planAdditions(list: LoadedForLint, candidates: readonly Candidate[], context: PlanContext): Promise<Plan> {
  const plan: Plan = { added: [], refused: [] };
  const names = new Set(context.names);
  const lintOptions = { loadProblems: list.problems, unloaded: list.unloaded };
  let papers = list.data.papers;
  let previous = (await lintData(list.data, lintOptions)).problems;

  for (const { label, paper } of candidates) {
    const placement = placeEntry(paper, context.category, list.data.dataDir, names, context.schema);
    const file = displayPath(placement.absPath, context.cwd);
    const parsed = parseSource(file, placement.absPath, placement.text);
    const checked = parsed.problems.length > 0 ? { value: undefined, problems: parsed.problems } : validate(Paper, parsed.source);
    if (checked.value === undefined) {
      plan.refused.push({ label, reason: 'the entry does not fit the paper schema', problems: checked.problems });
      continue;
    }
    const loaded: LoadedPaper = { source: parsed.source, category: context.category, entry: checked.value };
    const duplicate = findDuplicate(papers, loaded);
    if (duplicate) {
      const earlier = plan.added.find((a) => a.file === duplicate.file);
      const reason = earlier ? `repeats ${earlier.label} of the same input (${earlier.file}).` : duplicateReason(duplicate);
      plan.refused.push({ label, reason });
      continue;
    }
    const next = withPaper(papers, loaded);
    const after = (await lintData({ ...list.data, papers: next }, lintOptions)).problems;
    const added = newProblems(previous, after);
    if (hasErrors(added)) {
      plan.refused.push({ label, reason: 'lint-list would report errors for it', problems: added.filter((p) => p.severity === 'error') });
      continue;
    }
    papers = next;
    previous = after;
    names.add(placement.name);
    plan.added.push({ label, paper: checked.value, placement, file, warnings: added });
  }
  return plan;
}

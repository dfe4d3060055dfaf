import type { Problem } from '../core/problem.js';
import type { Added, Refused } from '../add/plan.js';
import { readmeLine } from '../add/readme-line.js';

/** The text add-paper prints; the command decides where it goes. */

function problemLine(p: Problem): string {
  return `    ${p.file}:${p.line}:${p.column}  ${p.severity}  ${p.message}  ${p.rule}\n`;
}

/** "Added data/papers/x/0690-y.yaml (arXiv 2502.17129):" and the README line; with `dryRun`, the YAML too. */
export function addedText(added: Added, dryRun: boolean): string {
  if (!dryRun) return `Added ${added.file} (${added.label}):\n  ${readmeLine(added.paper)}\n`;
  return `Would add ${added.file} (${added.label}):\n\n${added.placement.text}\nREADME line:\n${readmeLine(added.paper)}\n\n`;
}

/** Warnings do not stop an entry (lint-list passes with them), but the user should see them. */
export function warningsText(added: Added, dryRun: boolean): string {
  if (added.warnings.length === 0) return '';
  return `add-paper: ${added.label}: ${dryRun ? 'would be added' : 'added'}, but lint-list will warn:\n${added.warnings.map(problemLine).join('')}`;
}

export function refusedText(refused: Refused): string {
  return `add-paper: not added: ${refused.label}: ${refused.reason}${refused.problems?.length ? ':' : ''}\n${(refused.problems ?? []).map(problemLine).join('')}`;
}

/** The closing line of a BibTeX run. */
export function bibtexSummary(added: number, refused: number, dryRun: boolean): string {
  const total = added + refused;
  const verb = dryRun ? 'would add' : 'added';
  return `BibTeX: ${verb} ${added} of ${total} record${total === 1 ? '' : 's'}${refused > 0 ? `; ${refused} refused (see above)` : ''}.\n`;
}

/** Pull requests hold only data/: what to commit, and how to look at the READMEs (the same directories as this run). */
export function buildHint(args: readonly string[]): string {
  const extra = args.length > 0 ? ` -- ${args.join(' ')}` : '';
  return `Commit only the new file: main regenerates the READMEs after the merge. To look at them first, run npm run build-readme${extra} (and leave them out of the commit).\n`;
}

/** After --build: the READMEs are there to look at, not to commit. */
export const BUILT_NOTE = 'The READMEs are rebuilt for you to look at; commit only the new file: main regenerates them after the merge.\n';

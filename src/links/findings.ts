import type { Problem, Severity } from '../core/problem.js';
import { RULES, type RuleId } from '../core/rules.js';
import type { ArxivRecord } from './atom.js';
import type { ArxivFailure } from './arxiv-api.js';
import { sameTitle, titleSimilarity } from './title.js';
import type { ArxivIdentityRef, LinkRef, LinkResult, LinkState } from './types.js';

/** Pure: verdicts to problems, one per occurrence, at the occurrence's file and line. */

function problem(rule: RuleId, at: { file: string; line: number; column: number }, message: string, severity: Severity = RULES[rule].severity): Problem {
  return { rule, severity, file: at.file, line: at.line, column: at.column, message };
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The fix value keeps the link's fragment when the redirect target has none. */
function fixedUrl(original: string, finalUrl: string): string {
  const hash = original.indexOf('#');
  if (hash < 0 || finalUrl.includes('#')) return finalUrl;
  return finalUrl + original.slice(hash);
}

export function linkProblem(ref: LinkRef, result: LinkResult, timeoutMs: number): Problem | undefined {
  switch (result.state) {
    case 'ok':
      return undefined;
    case 'redirected': {
      const target = fixedUrl(ref.url, result.finalUrl ?? ref.url);
      const p = problem('link-redirected', ref, `${ref.url} permanently redirects to ${target}${ref.fixPath ? '; --fix updates it' : '; update the link'}.`);
      if (ref.fixPath) p.fix = { path: ref.fixPath, value: target };
      return p;
    }
    case 'unverifiable':
      return problem('link-unverifiable', ref, `Could not verify ${ref.url}: ${result.detail}.`);
    case 'rate-limited':
      return problem('link-rate-limited', ref, `${ref.url} was rate-limited (${result.detail}); deferred, not checked: run again later.`);
    case 'timeout': {
      const repeated = (result.timeoutStreak ?? 1) >= 2;
      return problem(
        'link-timeout',
        ref,
        `${ref.url} did not answer within ${seconds(timeoutMs)}${repeated ? ', on this run and the previous one' : ''}.`,
        repeated ? 'error' : 'warning',
      );
    }
    case 'dead':
      return problem('link-dead', ref, `Dead link ${ref.url}: ${result.detail}.`);
    case 'private-address':
      return problem('private-address', ref, `${ref.url} is not fetched: ${result.detail}; only public addresses are checked.`);
  }
}

/** What the API said about one identity, as problems (none when all is well). */
export type ArxivOutcome = { kind: 'found'; record: ArxivRecord } | { kind: 'missing' } | { kind: 'failed'; failure: ArxivFailure };

export function arxivProblems(ref: ArxivIdentityRef, outcome: ArxivOutcome): Problem[] {
  const name = `arXiv ${ref.id}`;
  if (outcome.kind === 'missing') return [problem('arxiv-not-found', ref, `${name} does not exist: arXiv has no such paper (${ref.url}).`)];
  if (outcome.kind === 'failed') {
    const rule: RuleId = outcome.failure.state === 'timeout' ? 'link-timeout' : outcome.failure.state === 'rate-limited' ? 'link-rate-limited' : 'link-unverifiable';
    return [problem(rule, ref, `Could not verify ${name}: ${outcome.failure.detail}.`)];
  }
  const record = outcome.record;
  const problems: Problem[] = [];
  const pinned = ref.version ? Number(ref.version.slice(1)) : undefined;
  if (pinned !== undefined && pinned > record.version) {
    problems.push(problem('arxiv-not-found', ref, `${name} has no version ${ref.version}: the latest is v${record.version} (${ref.url}).`));
  }
  if (ref.paper && !sameTitle(ref.paper.title, record.title)) {
    const renamed = titleSimilarity(ref.paper.title, record.title) >= 0.5;
    problems.push(
      problem(
        'arxiv-title-mismatch',
        ref,
        renamed
          ? `The title differs from ${name}'s: "${record.title}"; use arXiv's current title.`
          : `The link points at another paper: ${name} is "${record.title}".`,
      ),
    );
  }
  if (record.withdrawn) {
    problems.push(problem('arxiv-withdrawn', ref, `${name} has been withdrawn${record.comment ? `: "${record.comment}"` : ''}.`));
  }
  const preprint = ref.paper?.venue !== undefined && /\barxiv\s+preprint\b/i.test(ref.paper.venue);
  if (preprint && (record.journalRef || record.doi)) {
    const where = [record.journalRef ? `journal reference "${record.journalRef}"` : '', record.doi ? `DOI ${record.doi}` : ''].filter(Boolean).join(', ');
    problems.push(problem('arxiv-published', ref, `${name} has been published (${where}), but the entry still says arXiv preprint.`));
  }
  return problems;
}

/** How an identity counts in the summary's per-state table. */
export function arxivState(outcome: ArxivOutcome): LinkState {
  if (outcome.kind === 'found') return 'ok';
  if (outcome.kind === 'missing') return 'dead';
  return outcome.failure.state;
}

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../core/problem.js';
import { rule as relativeLinkRule } from './rules/relative-link.js';

/**
 * The relative-link rule's check, apart from finding the links (which needs the Markdown parser and
 * is cached with the anchor rule's findings): whether each target exists in the repository, exactly
 * as GitHub resolves it. Existence is checked on every run, since files come and go without any
 * template changing.
 */

/** A relative link or image of a template, where it stands. */
export interface RelativeRef {
  file: string;
  line: number;
  column: number;
  url: string;
}

/** Relative: not an in-page #anchor (the anchor rule's), not a scheme (https:, mailto:) nor //host. */
export function isRelativeUrl(url: string): boolean {
  return url !== '' && !url.startsWith('#') && !url.startsWith('//') && !/^[a-z][a-z0-9+.-]*:/i.test(url);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

type Resolution = { kind: 'found' } | { kind: 'missing' } | { kind: 'case'; actual: string } | { kind: 'outside' };

/**
 * Walk the path from the root one name at a time and compare names exactly: macOS and Windows file
 * systems ignore case, GitHub does not. `generated` names files the build writes at the root.
 */
function resolveExactly(root: string, url: string, generated: ReadonlySet<string>, listing: (dir: string) => string[] | undefined): Resolution {
  const path = url.replace(/[?#].*$/s, '');
  // "/x" in a README is resolved from the repository root on GitHub, like "x".
  const segments = path.split('/').map(decode).filter((s) => s !== '' && s !== '.');
  const stack: string[] = [];
  for (const segment of segments) {
    if (segment === '..') {
      if (stack.length === 0) return { kind: 'outside' };
      stack.pop();
    } else stack.push(segment);
  }
  if (stack.length === 1 && generated.has(stack[0]!)) return { kind: 'found' };
  const actual: string[] = [];
  let wrongCase = false;
  for (const segment of stack) {
    const names = listing(join(root, ...actual));
    if (!names) return { kind: 'missing' };
    if (names.includes(segment)) actual.push(segment);
    else {
      const folded = names.find((name) => name.toLowerCase() === segment.toLowerCase());
      if (folded === undefined) return { kind: 'missing' };
      wrongCase = true;
      actual.push(folded);
    }
  }
  return wrongCase ? { kind: 'case', actual: actual.join('/') } : { kind: 'found' };
}

/**
 * Problems for relative links whose target the repository lacks. `root` is where the generated
 * READMEs land (the repository root), which links resolve from; `generated` are the file names the
 * build writes there (README.md, README_zh.md …), present or not yet.
 */
export function relativeLinkProblems(refs: readonly RelativeRef[], root: string, generated: readonly string[]): Problem[] {
  const listings = new Map<string, string[] | undefined>();
  const listing = (dir: string) => {
    if (!listings.has(dir)) {
      let names: string[] | undefined;
      try {
        names = readdirSync(dir);
      } catch {
        // Not a directory, or absent: nothing can be found under it.
        names = undefined;
      }
      listings.set(dir, names);
    }
    return listings.get(dir);
  };
  const made = new Set(generated);
  const problems: Problem[] = [];
  for (const ref of refs) {
    const resolved = resolveExactly(root, ref.url, made, listing);
    if (resolved.kind === 'found') continue;
    const message =
      resolved.kind === 'outside'
        ? `"${ref.url}" points outside the repository.`
        : resolved.kind === 'case'
          ? `"${ref.url}" differs in case from the file "${resolved.actual}": GitHub matches file names case-sensitively, so readers get a broken link.`
          : `"${ref.url}" points to no file in the repository (relative links resolve from the repository root, where the README is generated).`;
    problems.push({ rule: 'relative-link', severity: relativeLinkRule.severity, file: ref.file, line: ref.line, column: ref.column, message });
  }
  return problems;
}

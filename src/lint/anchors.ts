import type { Html, Root } from 'mdast';
import type { Problem } from '../core/problem.js';
import type { ListData } from '../data/load.js';
import { placeOf } from '../data/source.js';
import { readmeTrees, templateTree, type Template } from '../render/fill-template.js';
import { localized } from '../render/language.js';
import { parseMarkdown } from '../markdown/parse.js';
import { headingsOf } from '../render/toc.js';
import type { ListRule } from './context.js';
import { rule as anchorRule } from './rules/anchor.js';

/**
 * In-page links (#…) in the templates, the news and the generated READMEs must land on a heading.
 * Loaded only when templates are checked: it needs the Markdown parser.
 */

interface InPageLink {
  target: string;
  /** Line and column inside the Markdown text the link was found in. */
  line: number;
  column: number;
}

const HREF = /\bhref\s*=\s*(["'])#([^"']*)\1/gi;
const ID_ATTRIBUTE = /\b(?:id|name)\s*=\s*(["'])([^"']+)\1/gi;

function decode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Every #link of a Markdown tree: links, link definitions and href="#…" in raw HTML. */
function inPageLinks(tree: Root): InPageLink[] {
  const links: InPageLink[] = [];
  const visit = (node: { type: string; url?: string; value?: string; children?: unknown[]; position?: { start: { line: number; column: number } } }) => {
    const start = node.position?.start ?? { line: 1, column: 1 };
    if ((node.type === 'link' || node.type === 'definition') && node.url?.startsWith('#')) {
      links.push({ target: decode(node.url.slice(1)), line: start.line, column: start.column });
    }
    if (node.type === 'html' && node.value) {
      for (const match of node.value.matchAll(HREF)) {
        const before = node.value.slice(0, match.index);
        const newlines = before.split('\n').length - 1;
        const column = newlines === 0 ? start.column + match.index : match.index - before.lastIndexOf('\n');
        links.push({ target: decode(match[2]!), line: start.line + newlines, column });
      }
    }
    for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
  };
  visit(tree);
  return links;
}

/** What a #fragment may land on: GitHub's heading anchors, and ids or names in raw HTML. */
function targetsOf(tree: Root): Set<string> {
  const targets = new Set(headingsOf(tree).map((h) => h.slug));
  // "#" and "#top" go to the top of the page on GitHub.
  targets.add('');
  targets.add('top');
  const visit = (node: { type: string; value?: string; children?: unknown[] }) => {
    if (node.type === 'html') for (const match of (node as Html).value.matchAll(ID_ATTRIBUTE)) targets.add(match[2]!);
    for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
  };
  visit(tree);
  return targets;
}

function anchorProblem(file: string, line: number, column: number, message: string): Problem {
  return { rule: 'anchor', severity: anchorRule.severity, file, line, column, message };
}

function checkTemplate(data: ListData, template: Template, output: Root, problems: Problem[]): void {
  const targets = targetsOf(output);
  const attributed = new Set<string>();
  const missing = (target: string) => !targets.has(target);
  const hint = (target: string) => `#${target} does not match any heading of the generated ${template.name}`;

  for (const link of inPageLinks(templateTree(template))) {
    attributed.add(link.target);
    if (!missing(link.target)) continue;
    problems.push(anchorProblem(template.file, link.line, link.column, `The link to ${hint(link.target)}.`));
  }

  const newsSource = data.newsSource;
  data.news.forEach((item, i) => {
    const lang = template.lang in item.text ? template.lang : 'en';
    const text = localized(item.text, template.lang);
    // Parsing is the cost here; news without a "#" link has nothing to check.
    if (!text.includes('#')) return;
    for (const link of inPageLinks(parseMarkdown(text))) {
      attributed.add(link.target);
      if (!missing(link.target) || !newsSource) continue;
      const at = placeOf(newsSource, ['news', i, 'text', lang]);
      problems.push(anchorProblem(newsSource.file, at.line, at.column, `The news link to ${hint(link.target)}.`));
    }
  });

  // Whatever else links in-page was generated (the table of contents); if it misses, the generator is wrong.
  const toc = /<!--\s*generated:toc\s*-->/.exec(template.text);
  const tocLine = toc ? template.text.slice(0, toc.index).split('\n').length : 1;
  for (const link of inPageLinks(output)) {
    if (attributed.has(link.target) || !missing(link.target)) continue;
    attributed.add(link.target);
    problems.push(anchorProblem(template.file, tocLine, 1, `The generated table of contents links to ${hint(link.target)}.`));
  }
}

/** In-page links of the templates and news that miss, and the templates' own problems (a missing marker). */
export function anchorProblems(data: ListData, templates: readonly Template[]): Problem[] {
  const problems: Problem[] = [];
  // Headings come from the templates and categories only (papers and news are list items): rendering
  // without them gives the same anchors at a fraction of the cost.
  // The trees are checked as built: serialising and parsing them again would only cost time.
  const rendered = readmeTrees({ ...data, papers: [], news: [] }, templates);
  problems.push(...rendered.problems);
  for (const { template, tree } of rendered.value) checkTemplate(data, template, tree, problems);
  return problems;
}

export const anchor: ListRule = (ctx) => {
  const templates = ctx.options.templates;
  if (!templates || templates.length === 0) return;
  for (const problem of anchorProblems(ctx.data, templates)) ctx.report(problem);
};

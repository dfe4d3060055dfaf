import type { Html, Root, RootContent } from 'mdast';
import type { Problem, Result } from '../core/problem.js';
import type { ListData } from '../data/load.js';
import { categorySections, papersByCategory } from './categories.js';
import { newsList } from './news.js';
import { parseMarkdown } from '../markdown/parse.js';
import { headingsOf, tocList } from './toc.js';

export interface Template {
  /** File name, e.g. README_zh.md; the output gets the same name. */
  name: string;
  lang: string;
  /** Display path for problems. */
  file: string;
  absPath: string;
  text: string;
}

export const MARKERS = ['news', 'toc', 'papers'] as const;
export type Marker = (typeof MARKERS)[number];
const MARKER = /^<!--\s*generated:([a-z-]+)\s*-->$/;

export function markerComment(marker: Marker): string {
  return `<!-- generated:${marker} -->`;
}

import { GENERATED_MARK } from './names.js';
export { GENERATED_MARK } from './names.js';

/** The comment every generated file starts with. */
export function generatedNotice(dataPath: string, templatePath: string): string {
  return (
    `${GENERATED_MARK}${dataPath}/ and ${templatePath} by \`npm run build-readme\`. ` +
    'Do not edit it by hand: edit the data or the template, then run `npm run build-readme`. -->'
  );
}

/**
 * Parsed templates by text. A cold build-readme asked for each template's tree four times (the
 * anchor rule's README, its template links, the relative links, the render), at 10-25 ms a parse.
 * Bounded: a test process sees many small templates.
 */
const templateTrees = new Map<string, Root>();
const TEMPLATE_TREES_KEPT = 8;

/**
 * The template's Markdown as mdast, parsed once per process and shared: callers only read it.
 * assemble() puts its top-level nodes in a new root and never changes them; a caller that must
 * change the tree clones it first (structuredClone).
 */
export function templateTree(template: Pick<Template, 'text'>): Root {
  let tree = templateTrees.get(template.text);
  if (!tree) {
    tree = parseMarkdown(template.text);
    if (templateTrees.size >= TEMPLATE_TREES_KEPT) templateTrees.delete(templateTrees.keys().next().value!);
    templateTrees.set(template.text, tree);
  }
  return tree;
}

/**
 * Each template's README as an mdast tree, before serialising and without splitting into pages.
 * Checks that only need the headings and links (lint's anchor rule) stop here.
 */
export function readmeTrees(data: ListData, templates: readonly Template[]): Result<{ template: Template; tree: Root }[]> {
  const problems: Problem[] = [];
  const groups = papersByCategory(data.papers);
  const notice: Html = { type: 'html', value: '' };
  const trees: { template: Template; tree: Root }[] = [];
  for (const template of templates) {
    const tree = assemble(template, templateTree(template), notice, problems, data, (depth) =>
      categorySections(data.categories, groups, template.lang, depth),
    );
    if (tree) trees.push({ template, tree });
  }
  return { value: trees, problems };
}

/** The template's tree with its markers replaced; undefined (and a problem) when it has no papers marker. */
export function assemble(
  template: Template,
  tree: Root,
  notice: Html,
  problems: Problem[],
  data: ListData,
  papers: (depth: number) => RootContent[],
): Root | undefined {
  const found = new Map<Marker, number>();
  let lastHeadingDepth = 1;
  const children: RootContent[] = [notice];
  for (const node of tree.children) {
    if (node.type === 'heading') lastHeadingDepth = node.depth;
    const marker = node.type === 'html' ? MARKER.exec(node.value.trim())?.[1] : undefined;
    if (marker === undefined) {
      children.push(node);
      continue;
    }
    const line = node.position?.start.line ?? 1;
    const column = node.position?.start.column ?? 1;
    if (!(MARKERS as readonly string[]).includes(marker)) {
      problems.push(templateProblem(template, line, column, `Unknown marker "generated:${marker}"; the markers are ${MARKERS.map((m) => `"generated:${m}"`).join(', ')}.`));
      continue;
    }
    if (found.has(marker as Marker)) {
      problems.push(templateProblem(template, line, column, `Marker "generated:${marker}" appears twice; each part is generated once.`));
      continue;
    }
    found.set(marker as Marker, children.length);
    if (marker === 'news') children.push(newsList(data.news, template.lang));
    else if (marker === 'papers') children.push(...papers(lastHeadingDepth + 1));
    else children.push(placeholder());
  }
  if (!found.has('papers')) {
    problems.push(templateProblem(template, 1, 1, `The template has no ${markerComment('papers')} marker, so the list has nowhere to go.`));
    return undefined;
  }
  const root: Root = { type: 'root', children };
  const tocIndex = found.get('toc');
  if (tocIndex !== undefined) children[tocIndex] = tocList(headingsOf(root));
  return root;
}

function placeholder(): Html {
  return { type: 'html', value: '' };
}

function templateProblem(template: Template, line: number, column: number, message: string): Problem {
  return { rule: 'template', severity: 'error', file: template.file, line, column, message };
}

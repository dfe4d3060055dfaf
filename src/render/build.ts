import { relative, sep } from 'node:path';
import type { Html, Root, RootContent } from 'mdast';
import type { Problem, Result } from '../core/problem.js';
import type { ListData } from '../data/load.js';
import { categorySections, papersByCategory, type ListCache } from './categories.js';
import { serialize } from './markdown.js';
import { newsList } from './news.js';
import { parseMarkdown } from './parse.js';
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

export interface OutputFile {
  name: string;
  lang: string;
  content: string;
}

export const MARKERS = ['news', 'toc', 'papers'] as const;
export type Marker = (typeof MARKERS)[number];
const MARKER = /^<!--\s*generated:([a-z-]+)\s*-->$/;

export function markerComment(marker: Marker): string {
  return `<!-- generated:${marker} -->`;
}

/** The comment every generated file starts with. */
export function generatedNotice(dataPath: string, templatePath: string): string {
  return (
    `<!-- This file is generated from ${dataPath}/ and ${templatePath} by \`npm run build-readme\`. ` +
    'Do not edit it by hand: edit the data or the template, then run `npm run build-readme`. -->'
  );
}

/** Render every template with the list; nothing is written here. */
export function renderReadmes(data: ListData, templates: readonly Template[], outDir: string): Result<OutputFile[]> {
  const problems: Problem[] = [];
  const files: OutputFile[] = [];
  const groups = papersByCategory(data.papers);
  const lists: ListCache = new Map();
  for (const template of templates) {
    const tree = parseMarkdown(template.text);
    const found = new Map<Marker, number>();
    let paperDepth = 2;
    let lastHeadingDepth = 1;
    const children: RootContent[] = [];
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
      else if (marker === 'papers') {
        paperDepth = lastHeadingDepth + 1;
        children.push(...categorySections(data.categories, groups, template.lang, paperDepth, lists));
      } else children.push(placeholder());
    }
    if (!found.has('papers')) {
      problems.push(templateProblem(template, 1, 1, `The template has no ${markerComment('papers')} marker, so the list has nowhere to go.`));
      continue;
    }
    const root: Root = { type: 'root', children };
    const tocIndex = found.get('toc');
    if (tocIndex !== undefined) children[tocIndex] = tocList(headingsOf(root));
    const templatePath = relative(outDir, template.absPath).split(sep).join('/');
    const dataPath = relative(outDir, data.dataDir).split(sep).join('/') || '.';
    root.children.unshift({ type: 'html', value: generatedNotice(dataPath, templatePath) });
    files.push({ name: template.name, lang: template.lang, content: serialize(root) });
  }
  return { value: files, problems };
}

function placeholder(): Html {
  return { type: 'html', value: '' };
}

function templateProblem(template: Template, line: number, column: number, message: string): Problem {
  return { rule: 'template', severity: 'error', file: template.file, line, column, message };
}

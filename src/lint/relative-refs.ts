import { dirname } from 'node:path';
import { urlsInTree } from '../links/collect.js';
import { templateTree, type Template } from '../render/fill-template.js';
import type { ListRule } from './context.js';
import { isRelativeUrl, relativeLinkProblems, type RelativeRef } from './relative-links.js';

/**
 * Relative links and images of the templates (Markdown and raw HTML) must point to a file of the
 * repository; the READMEs, section pages and web page carry the templates' links, so checking the
 * templates checks them all. Loaded only when templates are checked: it needs the Markdown parser.
 */

/** Every relative link, image and HTML src/href of the templates, where it stands. */
export function relativeRefs(templates: readonly Template[]): RelativeRef[] {
  return templates.flatMap((template) => urlsInTree(templateTree(template), isRelativeUrl).map(({ url, line, column }) => ({ file: template.file, line, column, url })));
}

export const relativeLink: ListRule = (ctx) => {
  const templates = ctx.options.templates;
  if (!templates || templates.length === 0) return;
  // Without a root given, the READMEs land next to the templates folder.
  const root = ctx.options.root ?? dirname(dirname(templates[0]!.absPath));
  const generated = templates.map((t) => t.name);
  for (const problem of relativeLinkProblems(relativeRefs(templates), root, generated)) ctx.report(problem);
};

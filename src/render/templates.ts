import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath } from '../data/load.js';
import type { Template } from './build.js';
import { templateLanguage } from './language.js';

export class TemplatesDirError extends Error {}

/** Every README*.md in the templates folder, English first then by name. */
export function loadTemplates(dir: string, cwd: string): Template[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new TemplatesDirError(`${displayPath(dir, cwd) || '.'}: no such templates directory`);
  }
  const templates = names
    .map((name) => ({ name, lang: templateLanguage(name) }))
    .filter((t): t is { name: string; lang: string } => t.lang !== undefined)
    .sort((a, b) => (a.name === 'README.md' ? -1 : b.name === 'README.md' ? 1 : a.name < b.name ? -1 : 1))
    .map(({ name, lang }) => {
      const absPath = join(dir, name);
      return { name, lang, absPath, file: displayPath(absPath, cwd), text: readFileSync(absPath, 'utf8') };
    });
  if (templates.length === 0) throw new TemplatesDirError(`${displayPath(dir, cwd) || '.'}: no README.md or README_<lang>.md templates`);
  return templates;
}

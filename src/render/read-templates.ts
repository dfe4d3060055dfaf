import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath, notRegular } from '../data/read.js';
import { decodeUtf8, utf8FailureMessage } from '../text/utf8.js';
import type { Template } from './build.js';
import { templateLanguage } from './language.js';

export class TemplatesDirError extends Error {}

/** A template's text: a regular file (never a link followed), strict UTF-8. */
function readTemplate(absPath: string, file: string): string {
  const kind = notRegular(lstatSync(absPath));
  if (kind) throw new TemplatesDirError(`${file}: is ${kind}, not a regular file; templates are read from regular files only (stray-file)`);
  const decoded = decodeUtf8(readFileSync(absPath));
  if ('text' in decoded) return decoded.text;
  const { line, column } = decoded.failure;
  throw new TemplatesDirError(`${file}:${line}:${column}: ${utf8FailureMessage(decoded.failure)} (encoding)`);
}

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
      const file = displayPath(absPath, cwd);
      return { name, lang, absPath, file, text: readTemplate(absPath, file) };
    });
  if (templates.length === 0) throw new TemplatesDirError(`${displayPath(dir, cwd) || '.'}: no README.md or README_<lang>.md templates`);
  return templates;
}

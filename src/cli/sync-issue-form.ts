#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { displayPath } from '../data/load.js';
import { CategoriesFile } from '../data/schema.js';
import { parseSource } from '../data/source.js';
import { validate } from '../data/validate.js';
import { categoryOptions, ISSUE_FORM_PATH, syncIssueForm } from '../github/issue-form.js';
import { shortDiff } from '../render/diff.js';
import { parseCommandLine, readOptions, typedPaths } from './args.js';
import { formatText, useColor } from './format.js';
import type { Io } from './io.js';
import { fileFailure, isMainModule, runAsProcess, writeFilesStoppably } from './io.js';

export const USAGE = `Usage: npm run sync-issue-form -- [--check] [--data <dir>] [--form <file>]

Sets the category dropdown of the "Suggest a paper" issue form to the categories of data/categories.yaml,
keeping the rest of the form and its comments.
  --check   write nothing; exit 1 with a short diff if the form's options differ
  --data    the data directory (default: data)
  --form    the issue form (default: ${ISSUE_FORM_PATH})
`;

export interface SyncIssueFormOptions {
  data: string;
  form: string;
  check: boolean;
}

export const DEFAULT_SYNC_ISSUE_FORM_OPTIONS: SyncIssueFormOptions = { data: 'data', form: ISSUE_FORM_PATH, check: false };

export async function syncIssueFormCommand(argv: string[], io: Io): Promise<number> {
  const read = readOptions('sync-issue-form', USAGE, io, () => {
    const { values } = parseCommandLine(argv, {
      data: { type: 'string' },
      form: { type: 'string' },
      check: { type: 'boolean' },
      help: { type: 'boolean' },
    });
    if (values.help) return 'help';
    const typed = typedPaths(io);
    return {
      data: values.data === undefined ? DEFAULT_SYNC_ISSUE_FORM_OPTIONS.data : typed(values.data),
      form: values.form === undefined ? DEFAULT_SYNC_ISSUE_FORM_OPTIONS.form : typed(values.form),
      check: values.check ?? DEFAULT_SYNC_ISSUE_FORM_OPTIONS.check,
    };
  });
  if ('exit' in read) return read.exit;
  const options: SyncIssueFormOptions = read.options;
  const color = useColor(io.stderr, io.env);
  const categoriesPath = join(resolve(io.cwd, options.data), 'categories.yaml');
  const formPath = resolve(io.cwd, options.form);
  const categoriesName = displayPath(categoriesPath, io.cwd);
  const formName = displayPath(formPath, io.cwd);

  let categoriesText: string;
  let formText: string;
  let reading = categoriesName;
  try {
    categoriesText = readFileSync(categoriesPath, 'utf8');
    reading = formName;
    formText = readFileSync(formPath, 'utf8');
  } catch (error) {
    const failed = fileFailure('cannot read', error, reading, io.cwd);
    if (failed === undefined) throw error;
    io.stderr.write(`sync-issue-form: ${failed}\n`);
    return 2;
  }

  const parsed = parseSource(categoriesName, categoriesPath, categoriesText);
  const checked = parsed.problems.length === 0 ? validate(CategoriesFile, parsed.source) : { value: undefined, problems: [] };
  const loadProblems = [...parsed.problems, ...checked.problems];
  if (!checked.value || loadProblems.length > 0) {
    io.stderr.write(formatText(loadProblems, color));
    io.stderr.write('sync-issue-form: nothing written; fix data/categories.yaml first.\n');
    return 1;
  }
  const wanted = categoryOptions(checked.value.categories);
  const synced = syncIssueForm(formText, formName, wanted);
  if (!synced.value) {
    io.stderr.write(formatText(synced.problems, color));
    io.stderr.write('sync-issue-form: nothing written.\n');
    return 1;
  }
  const count = `${wanted.length} categories`;
  if (!synced.value.changed) {
    io.stdout.write(`${formName}: the category options match ${categoriesName} (${count}).\n`);
    return 0;
  }
  if (options.check) {
    io.stdout.write(shortDiff(formName, formText, synced.value.text));
    io.stderr.write(
      `sync-issue-form --check: the category options of ${formName} differ from ${categoriesName}; run npm run sync-issue-form.\n`,
    );
    return 1;
  }
  try {
    const written = await writeFilesStoppably('sync-issue-form', io, new Map([[formPath, synced.value.text]]));
    if (written !== 0) return written;
  } catch (error) {
    const failed = fileFailure('could not write', error, formName, io.cwd);
    if (failed === undefined) throw error;
    io.stderr.write(`sync-issue-form: ${failed}\n`);
    return 2;
  }
  io.stdout.write(`Updated the category options of ${formName} from ${categoriesName} (${count}).\n`);
  return 0;
}

if (isMainModule(import.meta.url, 'sync-issue-form')) runAsProcess(syncIssueFormCommand);

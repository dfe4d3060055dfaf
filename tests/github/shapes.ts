import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ROOT } from '../helpers.js';

/** Just enough of the GitHub Actions workflow syntax to read what the tests look at. */
export const Step = z.looseObject({
  name: z.string().optional(),
  id: z.string().optional(),
  if: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  env: z.record(z.string(), z.string()).optional(),
});
export const Permissions = z.record(z.string(), z.enum(['read', 'write', 'none']));
export const Job = z.looseObject({
  name: z.string(),
  'runs-on': z.string(),
  'timeout-minutes': z.number().int().positive(),
  permissions: Permissions.optional(),
  steps: z.array(Step).min(1),
});
export const Workflow = z.strictObject({
  name: z.string().min(1),
  on: z.record(z.string(), z.unknown()),
  permissions: Permissions,
  concurrency: z.looseObject({ group: z.string() }).optional(),
  jobs: z.record(z.string(), Job),
});
export type Workflow = z.infer<typeof Workflow>;
export type Step = z.infer<typeof Step>;

/** GitHub's issue forms (https://docs.github.com/…/syntax-for-githubs-form-schema), the parts this repo uses. */
const FieldId = z.string().regex(/^[A-Za-z0-9_-]+$/);
const Validations = z.strictObject({ required: z.boolean() });
const Label = z.string().min(1);
export const IssueForm = z.strictObject({
  name: z.string().min(1),
  description: z.string().min(1),
  title: z.string().optional(),
  labels: z.array(z.string().min(1)).optional(),
  assignees: z.array(z.string()).optional(),
  body: z
    .array(
      z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('markdown'), attributes: z.strictObject({ value: z.string().min(1) }) }),
        z.strictObject({
          type: z.literal('input'),
          id: FieldId,
          attributes: z.strictObject({
            label: Label,
            description: z.string().optional(),
            placeholder: z.string().optional(),
            value: z.string().optional(),
          }),
          validations: Validations.optional(),
        }),
        z.strictObject({
          type: z.literal('textarea'),
          id: FieldId,
          attributes: z.strictObject({
            label: Label,
            description: z.string().optional(),
            placeholder: z.string().optional(),
            value: z.string().optional(),
            render: z.string().optional(),
          }),
          validations: Validations.optional(),
        }),
        z.strictObject({
          type: z.literal('dropdown'),
          id: FieldId,
          attributes: z.strictObject({
            label: Label,
            description: z.string().optional(),
            multiple: z.boolean().optional(),
            // GitHub requires unique options and reserves "None".
            options: z
              .array(z.string().min(1).refine((o) => o !== 'None', 'None is reserved'))
              .min(1)
              .refine((options) => new Set(options).size === options.length, 'options must be unique'),
            default: z.number().int().nonnegative().optional(),
          }),
          validations: Validations.optional(),
        }),
        z.strictObject({
          type: z.literal('checkboxes'),
          id: FieldId.optional(),
          attributes: z.strictObject({
            label: Label,
            description: z.string().optional(),
            options: z.array(z.strictObject({ label: Label, required: z.boolean().optional() })).min(1),
          }),
        }),
      ]),
    )
    .min(1),
});
export type IssueForm = z.infer<typeof IssueForm>;

export const IssueTemplateConfig = z.strictObject({
  blank_issues_enabled: z.boolean(),
  contact_links: z
    .array(z.strictObject({ name: z.string().min(1), url: z.url({ protocol: /^https$/ }), about: z.string().min(1) }))
    .optional(),
});

export const Dependabot = z.strictObject({
  version: z.literal(2),
  updates: z
    .array(
      z.strictObject({
        'package-ecosystem': z.enum(['npm', 'github-actions', 'pip', 'docker', 'cargo', 'gomod']),
        directory: z.string().startsWith('/'),
        schedule: z.strictObject({ interval: z.enum(['daily', 'weekly', 'monthly']), day: z.string().optional(), time: z.string().optional() }),
        'open-pull-requests-limit': z.number().int().nonnegative().optional(),
        groups: z
          .record(
            z.string(),
            z.strictObject({
              patterns: z.array(z.string()).optional(),
              'update-types': z.array(z.enum(['major', 'minor', 'patch'])).optional(),
            }),
          )
          .optional(),
      }),
    )
    .min(1),
});

export function readYaml(relative: string): unknown {
  return parse(readFileSync(join(ROOT, relative), 'utf8'));
}

export const WORKFLOW_DIR = '.github/workflows';

/** Every workflow file, by path relative to the repository. */
export function workflowFiles(): string[] {
  return readdirSync(join(ROOT, WORKFLOW_DIR))
    .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
    .sort()
    .map((name) => `${WORKFLOW_DIR}/${name}`);
}

export function workflow(relative: string): Workflow {
  return Workflow.parse(readYaml(relative));
}

/**
 * The npm commands a shell script runs, one per invocation, whitespace collapsed and npm's own
 * --silent/-s dropped: `npm run --silent lint-list -- --links` gives `npm run lint-list -- --links`.
 * Stops at comments, redirections, pipes and command separators.
 */
export function npmCommands(script: string): string[] {
  const commands: string[] = [];
  for (const raw of script.replace(/\\\n\s*/g, ' ').split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '');
    for (const match of line.matchAll(/(?:^|[\s;&|(])(npm\s[^;&|<>()#\n]*)/g)) {
      const words = match[1]!.trim().split(/\s+/);
      const dashes = words.indexOf('--');
      const kept = words.filter((word, i) => (dashes !== -1 && i > dashes) || (word !== '--silent' && word !== '-s'));
      commands.push(kept.join(' '));
    }
  }
  return commands;
}

/** Scripts in the repository that a `run:` text calls by path (`.github/scripts/<name>.sh`). */
export function calledScripts(run: string): string[] {
  return [...run.matchAll(/(?:^|[\s;&|(])(\.github\/scripts\/[\w.-]+\.sh)\b/g)].map((m) => m[1]!);
}

/** The npm commands of every `run:` step of a workflow, in order, and of the scripts it calls. */
export function workflowNpmCommands(wf: Workflow): string[] {
  return Object.values(wf.jobs).flatMap((job) =>
    job.steps.flatMap((step) =>
      step.run
        ? [...npmCommands(step.run), ...calledScripts(step.run).flatMap((script) => npmCommands(readFileSync(join(ROOT, script), 'utf8')))]
        : [],
    ),
  );
}

/** The npm commands in the fenced code blocks of a Markdown text. */
export function markdownNpmCommands(markdown: string): string[] {
  const commands: string[] = [];
  for (const block of markdown.matchAll(/^(```|~~~)[^\n]*\n([\s\S]*?)^\1\s*$/gm)) {
    for (const line of block[2]!.split('\n')) {
      const command = line.replace(/^\s*\$\s+/, '').trim();
      if (/^npm\s/.test(command)) commands.push(...npmCommands(command));
    }
  }
  return commands;
}

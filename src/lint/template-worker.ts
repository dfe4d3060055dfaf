import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ListData } from '../data/read.js';
import { readTopFiles } from '../data/read.js';
import type { Template } from '../render/fill-template.js';
import type { TemplateFindings } from './anchor-cache.js';

/*
 * The templates' anchors and relative links (anchor-cache.ts) depend on the templates,
 * categories.yaml and news.yaml only, and cost a Markdown parse that, in a cold run, takes as long as
 * loading a small list: a worker thread works them out while the main thread loads the papers. It
 * reads categories.yaml and news.yaml itself, as the main thread does (readTopFiles); what it found
 * is used only when the main thread's own read of those files gave the same texts, and a worker that
 * fails or never answers leaves the work to the main thread, as without it.
 *
 * This module is imported lazily (its URL is the worker's module): a command's entry file must never
 * be what a worker runs. The parsers load only in the worker.
 */

const TOOL = 'lint-list-templates';

/** This module's own file: what startTemplateWorker starts. */
export const TEMPLATE_WORKER_URL = import.meta.url;

/** The texts the findings were worked out from, as anchor-cache.ts keys them. */
export function inputsOf(data: Pick<ListData, 'categoriesSource' | 'newsSource'>): string[] {
  return [data.categoriesSource, data.newsSource].map((source) => (source ? `${source.file}\n${source.text}` : '-'));
}

/** The findings of the anchor and relative-link rules for these templates and this list's categories and news. */
export async function computeTemplateFindings(data: ListData, templates: readonly Template[]): Promise<TemplateFindings> {
  const [{ anchorProblems }, { relativeRefs }] = await Promise.all([import('./anchors.js'), import('./relative-refs.js')]);
  return { anchors: anchorProblems({ ...data, papers: [] }, templates), relativeRefs: relativeRefs(templates) };
}

export interface TemplateWorkerAnswer {
  found: TemplateFindings;
  /** inputsOf the data the worker read. */
  inputs: string[];
}

/** The worker: the findings for the list in dataDir, or undefined when it failed or could not start. */
export function startTemplateWorker(dataDir: string, cwd: string, templates: readonly Template[]): { answer: Promise<TemplateWorkerAnswer | undefined>; close(): void } {
  let worker: Worker | undefined;
  const answer = new Promise<TemplateWorkerAnswer | undefined>((resolve) => {
    try {
      worker = new Worker(new URL(TEMPLATE_WORKER_URL), {
        workerData: { tool: TOOL, dataDir, cwd, templates: templates.map(({ name, lang, file, absPath, text }) => ({ name, lang, file, absPath, text })) },
      });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (message: TemplateWorkerAnswer | { failed: true }) => resolve('failed' in message ? undefined : message));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return {
    answer,
    close() {
      void worker?.terminate();
    },
  };
}

async function serve(data: { dataDir: string; cwd: string; templates: Template[] }): Promise<void> {
  let message: TemplateWorkerAnswer | { failed: true };
  try {
    const { parseDataFile } = await import('../data/parse.js');
    const { value } = readTopFiles(data.dataDir, data.cwd, parseDataFile);
    message = { found: await computeTemplateFindings(value, data.templates), inputs: inputsOf(value) };
  } catch {
    message = { failed: true };
  }
  parentPort?.postMessage(message);
}

if (!isMainThread && (workerData as { tool?: unknown } | null)?.tool === TOOL) {
  void serve(workerData as { dataDir: string; cwd: string; templates: Template[] });
}

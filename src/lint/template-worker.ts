import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ListData } from '../data/read.js';
import { lazySource } from '../data/source.js';
import type { Template } from '../render/fill-template.js';
import type { TemplateFindings } from './anchor-cache.js';

/*
 * The templates' anchors and relative links (anchor-cache.ts) depend on the templates,
 * categories.yaml and news.yaml only, and cost a Markdown parse that, in a cold run, takes as long as
 * loading a small list: a worker thread works them out while the main thread loads the papers, from
 * the categories and news the main thread loaded first (values, and texts for places: no parser of
 * data in the worker). What it found is used only when worked out from the texts of the list as
 * loaded, and a worker that fails or never answers leaves the work to the main thread, as without it.
 *
 * This module is imported lazily (its URL is the worker's module): a command's entry file must never
 * be what a worker runs. The parsers load only in the worker.
 */

const TOOL = 'lint-list-templates';

/** This module's own file: what templateWorker starts. */
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
  /** inputsOf the data the worker worked from. */
  inputs: string[];
}

/** A source as it crosses to the worker: its text, from which the worker finds places as the main thread would. */
interface PlainSource {
  file: string;
  absPath: string;
  text: string;
}

interface WorkerInput {
  tool: typeof TOOL;
  templates: Template[];
  dataDir: string;
  categories: ListData['categories'];
  news: ListData['news'];
  categoriesSource: PlainSource | undefined;
  newsSource: PlainSource | undefined;
}

/** The template findings being worked out on a worker thread, once the list's categories and news are loaded (start). */
export interface TemplateWorker {
  /**
   * Start with the loaded categories.yaml and news.yaml (the loader's onTopFiles), for a list of at
   * least `minFiles` papers; only the first call counts.
   */
  start(data: ListData, paperFiles?: number): void;
  /** The worker's answer; undefined when it was not started, failed or could not start. */
  readonly answer: Promise<TemplateWorkerAnswer | undefined>;
  close(): void;
}

/**
 * Below this many paper files the main thread checks the templates itself: a worker's start-up and its
 * own loading of the Markdown modules cost about what it saves, and more on a busy machine.
 */
export const TEMPLATE_WORKER_MIN_FILES = 2000;

export function templateWorker(templates: readonly Template[], minFiles = TEMPLATE_WORKER_MIN_FILES): TemplateWorker {
  let worker: Worker | undefined;
  let answer: Promise<TemplateWorkerAnswer | undefined> | undefined;
  const plain = (source: ListData['categoriesSource']): PlainSource | undefined => source && { file: source.file, absPath: source.absPath, text: source.text };
  return {
    start(data, paperFiles = 0) {
      if (answer || paperFiles < minFiles) return;
      answer = new Promise((resolve) => {
        const input: WorkerInput = {
          tool: TOOL,
          templates: templates.map(({ name, lang, file, absPath, text }) => ({ name, lang, file, absPath, text })),
          dataDir: data.dataDir,
          categories: data.categories,
          news: data.news,
          categoriesSource: plain(data.categoriesSource),
          newsSource: plain(data.newsSource),
        };
        try {
          worker = new Worker(new URL(TEMPLATE_WORKER_URL), { workerData: input });
        } catch {
          resolve(undefined);
          return;
        }
        worker.once('message', (message: TemplateWorkerAnswer | { failed: true }) => resolve('failed' in message ? undefined : message));
        worker.once('error', () => resolve(undefined));
        worker.once('exit', () => resolve(undefined));
      });
    },
    get answer() {
      return answer ?? Promise.resolve(undefined);
    },
    close() {
      void worker?.terminate();
    },
  };
}

async function serve(input: WorkerInput): Promise<void> {
  let message: TemplateWorkerAnswer | { failed: true };
  try {
    const source = (plain: PlainSource | undefined) => plain && lazySource(plain.file, plain.absPath, plain.text);
    const data: ListData = {
      dataDir: input.dataDir,
      categories: input.categories,
      categoriesSource: source(input.categoriesSource),
      news: input.news,
      newsSource: source(input.newsSource),
      papers: [],
    };
    message = { found: await computeTemplateFindings(data, input.templates), inputs: inputsOf(data) };
  } catch {
    message = { failed: true };
  }
  parentPort?.postMessage(message);
}

if (!isMainThread && (workerData as { tool?: unknown } | null)?.tool === TOOL) {
  void serve(workerData as WorkerInput);
}

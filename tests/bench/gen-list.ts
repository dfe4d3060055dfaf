/**
 * A synthetic paper list for the lint benchmark: N entries across the list's categories, with
 * realistic titles, authors, venues and arXiv ids, and a known number of planted duplicates.
 * Deterministic: the same seed and size give byte-identical files.
 *
 * Planted, one of each kind per PLANT_EVERY entries:
 * - the same arXiv paper again, linked as /pdf/<id>vN (duplicate-arxiv-id, plus arxiv-url for the form);
 * - a preprint's published version under another link, the title re-cased (duplicate-title).
 * Everything else is clean, so linting the list reports exactly these.
 *
 *   node dist/tests/bench/gen-list.js <dir> [entries] [seed]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PLANT_EVERY = 1000;

const CATEGORIES: { id: string; en: string; children?: { id: string; en: string }[] }[] = [
  { id: 'survey-technical-report', en: 'Survey & Technical Report' },
  {
    id: 'architecture',
    en: 'Architecture',
    children: [
      { id: 'length-extrapolation', en: 'Length Extrapolation' },
      { id: 'kv-cache-optimization', en: 'KV Cache Optimization' },
      { id: 'memory-management', en: 'Memory Management' },
      { id: 'architecture-innovation', en: 'Architecture Innovation' },
    ],
  },
  {
    id: 'infrastructure',
    en: 'Infrastructure',
    children: [
      { id: 'training-infrastructure', en: 'Training Infrastructure' },
      { id: 'inference-infrastructure', en: 'Inference Infrastructure' },
    ],
  },
  {
    id: 'training',
    en: 'Training',
    children: [
      { id: 'long-context-pre-training', en: 'Long-Context Pre-Training' },
      { id: 'long-context-post-training', en: 'Long-Context Post-Training' },
      { id: 'long-context-mllm', en: 'Long-Context MLLM' },
    ],
  },
  { id: 'long-context-evaluation', en: 'Long-Context Evaluation' },
  { id: 'unanswered-question', en: 'Unanswered Question' },
];

const LEAVES = CATEGORIES.flatMap((c) => (c.children ? c.children.map((k) => k.id) : [c.id]));

const NAMES = ['Ring', 'Flash', 'Long', 'Infini', 'Star', 'Mega', 'Lightning', 'Sparse', 'Streaming', 'Hyper', 'Quest', 'Snap', 'Yarn', 'Rope', 'Echo', 'Orbit', 'Prism', 'Cascade', 'Delta', 'Nova'];
const SUFFIXES = ['Attention', 'Former', 'Cache', 'LM', 'Mamba', 'KV', 'Serve', 'Bench', 'Mem', 'Retriever', 'Net', 'Scale'];
const ADJECTIVES = ['Efficient', 'Scalable', 'Linear-Time', 'Memory-Efficient', 'Training-Free', 'Lossless', 'Adaptive', 'Hierarchical', 'Dynamic', 'Robust', 'Sparse', 'Hardware-Aware', 'Length-Generalizable', 'Retrieval-Augmented'];
const NOUNS = ['Attention', 'Context Extension', 'KV Cache Compression', 'Sequence Parallelism', 'Positional Encoding', 'State Space Models', 'Memory Retrieval', 'Long-Context Evaluation', 'Speculative Decoding', 'Context Compression', 'Prefill Scheduling', 'Instruction Tuning'];
const GOALS = ['Million-Token Contexts', 'Large Language Models', 'Long Video Understanding', 'Multi-Document QA', 'Streaming Inference', 'Code Repositories', 'Agents', 'Long-Form Generation', 'Distributed Training', 'Edge Devices'];
const FIRST = ['Wei', 'Xiaoran', 'Yu', 'Ana', 'Tomáš', 'Łukasz', 'Chen', 'Maria', 'Hao', 'Jun', 'Sofia', 'Rui', 'Amir', 'Léa', 'Kenji', 'Priya', 'Ivan', 'Zoë', 'Mateo', 'Ying'];
const LAST = ['Zhang', 'Liu', 'Wang', 'Kočiský', 'Kuciński', 'Rivière', 'Smith', 'García', 'Chen', 'Li', 'Tanaka', 'Müller', 'Singh', 'Rossi', 'Novak', 'Kim', 'Dao', 'Gu', 'Qiu', 'Huang'];
const VENUES = [
  'Advances in Neural Information Processing Systems, 37',
  'Proceedings of the 41st International Conference on Machine Learning',
  'The Twelfth International Conference on Learning Representations',
  'Proceedings of the 62nd Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)',
  'Findings of the Association for Computational Linguistics: EMNLP 2024',
  '18th USENIX Symposium on Operating Systems Design and Implementation (OSDI 24)',
];

/** mulberry32: small, fast, and the same sequence on every platform. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Entry {
  title: string;
  url: string;
  authors: string[];
  others: boolean;
  venue: string;
  year: number;
  arxiv?: string;
}

export interface GeneratedList {
  dir: string;
  entries: number;
  /** How many of each planted duplicate the list holds; also the findings lint must report. */
  planted: { 'duplicate-arxiv-id': number; 'arxiv-url': number; 'duplicate-title': number };
}

function slug(title: string): string {
  return title.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).slice(0, 6).join('-');
}

function yaml(entry: Entry): string {
  const lines = ['# yaml-language-server: $schema=../../../schema/paper.schema.json', '', `title: ${JSON.stringify(entry.title)}`, `url: ${entry.url}`, 'authors:'];
  for (const name of entry.authors) lines.push(`  - ${JSON.stringify(name)}`);
  if (entry.others) lines.push('others: true');
  lines.push(`venue: ${JSON.stringify(entry.venue)}`, `year: ${entry.year}`);
  if (entry.arxiv) lines.push(`arxiv: "${entry.arxiv}"`);
  return `${lines.join('\n')}\n`;
}

function categoriesYaml(): string {
  const out = ['# yaml-language-server: $schema=../schema/categories.schema.json', '', 'categories:'];
  for (const c of CATEGORIES) {
    out.push(`  - id: ${c.id}`, '    name:', `      en: ${JSON.stringify(c.en)}`);
    if (c.children) {
      out.push('    children:');
      for (const k of c.children) out.push(`      - id: ${k.id}`, '        name:', `          en: ${JSON.stringify(k.en)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Write a data directory of `entries` papers into `dir` (which should not exist yet). */
export function generateList(dir: string, entries: number, seed = 20250227): GeneratedList {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const titles = new Set<string>();
  const perMonth = new Map<string, number>();
  const arxivEntries: Entry[] = [];
  const planted = { 'duplicate-arxiv-id': 0, 'arxiv-url': 0, 'duplicate-title': 0 };
  const files = new Map<string, string>();
  const counters = new Map<string, number>();

  const freshTitle = (): string => {
    for (;;) {
      const title = `${pick(NAMES)}${pick(SUFFIXES)}: ${pick(ADJECTIVES)} ${pick(NOUNS)} for ${pick(GOALS)}`;
      // Titles must not collide by accident: only planted duplicates may share one (after folding).
      const key = title.toLowerCase().replace(/[^a-z0-9]+/g, '');
      const unique = titles.has(key) ? `${title} ${titles.size}` : title;
      const uniqueKey = unique.toLowerCase().replace(/[^a-z0-9]+/g, '');
      if (!titles.has(uniqueKey)) {
        titles.add(uniqueKey);
        return unique;
      }
    }
  };
  const freshArxivId = (year: number): string => {
    const month = `${String(year % 100).padStart(2, '0')}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}`;
    const n = (perMonth.get(month) ?? 0) + 1;
    perMonth.set(month, n);
    return `${month}.${String(n).padStart(5, '0')}`;
  };
  const authors = (): { authors: string[]; others: boolean } => {
    const count = 1 + Math.floor(rand() * 8);
    return { authors: Array.from({ length: count }, () => `${pick(FIRST)} ${pick(LAST)}`), others: rand() < 0.3 };
  };

  for (let i = 1; i <= entries; i++) {
    let entry: Entry;
    const plant = i % PLANT_EVERY;
    if (plant === 0 && arxivEntries.length > 0) {
      // The same arXiv paper again, as a versioned PDF link.
      const original = pick(arxivEntries);
      entry = { ...original, url: `https://arxiv.org/pdf/${original.arxiv}v2`, authors: [...original.authors] };
      planted['duplicate-arxiv-id']++;
      planted['arxiv-url']++;
    } else if (plant === PLANT_EVERY / 2 && arxivEntries.length > 0) {
      // The published version of an earlier preprint: another link, the title in lower case.
      const original = pick(arxivEntries);
      entry = {
        title: original.title.toLowerCase(),
        url: `https://openreview.net/forum?id=pub${i}`,
        authors: [...original.authors],
        others: original.others,
        venue: pick(VENUES),
        year: original.year + 1,
      };
      planted['duplicate-title']++;
    } else {
      const year = 2015 + Math.floor(rand() * 11);
      const who = authors();
      if (rand() < 0.7) {
        const id = freshArxivId(year);
        entry = { title: freshTitle(), url: `https://arxiv.org/abs/${id}`, ...who, venue: `arXiv preprint arXiv:${id}`, year, arxiv: id };
        arxivEntries.push(entry);
      } else {
        entry = { title: freshTitle(), url: `https://openreview.net/forum?id=p${i.toString(36)}x${Math.floor(rand() * 1e6).toString(36)}`, ...who, venue: pick(VENUES), year };
      }
    }
    const category = LEAVES[i % LEAVES.length]!;
    const order = (counters.get(category) ?? 0) + 10;
    counters.set(category, order);
    files.set(join('papers', category, `${String(order).padStart(6, '0')}-${slug(entry.title)}.yaml`), yaml(entry));
  }

  files.set('categories.yaml', categoriesYaml());
  files.set('news.yaml', '# yaml-language-server: $schema=../schema/news.schema.json\n\nnews:\n  - date: 2025-03-27\n    text:\n      en: A synthetic list for the benchmark.\n');
  for (const [relative, text] of files) {
    const path = join(dir, relative);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
  return { dir, entries, planted };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, entries = '50000', seed] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('Usage: node dist/tests/bench/gen-list.js <dir> [entries] [seed]\n');
    process.exit(2);
  }
  const list = generateList(resolve(dir), Number(entries), seed === undefined ? undefined : Number(seed));
  process.stdout.write(`${JSON.stringify(list)}\n`);
}

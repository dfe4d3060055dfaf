/**
 * A synthetic paper list for the lint benchmark: N entries across the list's categories, with
 * realistic titles, authors, venues and arXiv ids, and a known number of planted duplicates.
 * Deterministic: the same seed and size give byte-identical files.
 *
 * Planted, one of each kind per PLANT_EVERY entries:
 * - the same arXiv paper again, linked as /pdf/<id>vN (duplicate-arxiv-id, plus arxiv-url for the form);
 * - a preprint's published version under another link, the title re-cased (duplicate-title).
 * Each plant copies a different original (never one twice), and every other title, arXiv id and
 * link is unique, so linting the list reports exactly these: `plants` names each planted file and
 * the original it copies (a duplicate is reported on whichever of the two comes later in the list).
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
  {
    id: 'evaluation',
    en: 'Evaluation',
    children: [
      { id: 'long-context-evaluation', en: 'Long-Context Evaluation' },
      { id: 'unanswered-question', en: 'Unanswered Question' },
    ],
  },
];

/** The real list's Chinese names, so README_zh.md renders as it does for the real list. */
const ZH: Record<string, string> = {
  'survey-technical-report': '综述和技术报告',
  architecture: '架构',
  'length-extrapolation': '长度外推',
  'kv-cache-optimization': '高效缓存',
  'memory-management': '记忆管理',
  'architecture-innovation': '新架构',
  infrastructure: '框架',
  'training-infrastructure': '训练框架',
  'inference-infrastructure': '推理框架',
  training: '训练',
  'long-context-pre-training': '长文预训练',
  'long-context-post-training': '长文后训练',
  'long-context-mllm': '多模态长文',
  evaluation: '评测',
  'long-context-evaluation': '长文评测',
  'unanswered-question': '未作回答的问题',
};

const LEAVES = CATEGORIES.flatMap((c) => (c.children ? c.children.map((k) => k.id) : [c.id]));

const NAMES = ['Ring', 'Flash', 'Long', 'Infini', 'Star', 'Mega', 'Lightning', 'Sparse', 'Streaming', 'Hyper', 'Quest', 'Snap', 'Yarn', 'Rope', 'Echo', 'Orbit', 'Prism', 'Cascade', 'Delta', 'Nova', 'Tree', 'Pyramid', 'Needle', 'Chunk', 'Lookahead', 'Focus', 'Zebra', 'Atlas', 'Gist', 'Sage'];
const SUFFIXES = ['Attention', 'Former', 'Cache', 'LM', 'Mamba', 'KV', 'Serve', 'Bench', 'Mem', 'Retriever', 'Net', 'Scale', 'Infer', 'Agent', 'Eval', 'Quant'];
const ADJECTIVES = ['Efficient', 'Scalable', 'Linear-Time', 'Memory-Efficient', 'Training-Free', 'Lossless', 'Adaptive', 'Hierarchical', 'Dynamic', 'Robust', 'Sparse', 'Hardware-Aware', 'Length-Generalizable', 'Retrieval-Augmented'];
const NOUNS = ['Attention', 'Context Extension', 'KV Cache Compression', 'Sequence Parallelism', 'Positional Encoding', 'State Space Models', 'Memory Retrieval', 'Long-Context Evaluation', 'Speculative Decoding', 'Context Compression', 'Prefill Scheduling', 'Instruction Tuning'];
const GOALS = ['Million-Token Contexts', 'Large Language Models', 'Long Video Understanding', 'Multi-Document QA', 'Streaming Inference', 'Code Repositories', 'Agents', 'Long-Form Generation', 'Distributed Training', 'Edge Devices'];
const VERBS = ['Scaling', 'Extending', 'Compressing', 'Rethinking', 'Accelerating', 'Revisiting', 'Benchmarking', 'Understanding', 'Distilling', 'Pruning'];
const METHODS = ['Learned Token Eviction', 'Chunked Prefill', 'Block-Sparse Kernels', 'Rotary Interpolation', 'Recurrent Memory', 'Low-Rank Projection', 'Hierarchical Retrieval', 'Test-Time Training', 'Landmark Tokens', 'Grouped-Query Attention', 'Sliding Windows', 'Activation Beacons'];
const PROPERTIES = ['Limits', 'Robustness', 'Length Generalization', 'Attention Sinks', 'Lost-in-the-Middle Effect', 'Scaling Laws', 'Effective Context Length', 'Failure Modes'];
const LENGTHS = ['32K', '128K', '256K', '1M', '4M', '10M'];
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

export type PlantedRule = 'duplicate-arxiv-id' | 'arxiv-url' | 'duplicate-title';

/** One finding lint must report: on `file`, or for a duplicate on `file` or `original` (whichever is listed later). */
export interface Plant {
  rule: PlantedRule;
  /** The planted file, relative to the data directory (papers/<category>/<name>.yaml). */
  file: string;
  /** The entry it duplicates, relative to the data directory; absent for arxiv-url, always on the planted file. */
  original?: string;
}

export interface GeneratedList {
  dir: string;
  entries: number;
  seed: number;
  /** How many of each planted duplicate the list holds; also the findings lint must report. */
  planted: Record<PlantedRule, number>;
  /** Every planted finding, with its files. */
  plants: Plant[];
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
    out.push(`  - id: ${c.id}`, '    name:', `      en: ${JSON.stringify(c.en)}`, `      zh: ${ZH[c.id]}`);
    if (c.children) {
      out.push('    children:');
      for (const k of c.children) out.push(`      - id: ${k.id}`, '        name:', `          en: ${JSON.stringify(k.en)}`, `          zh: ${ZH[k.id]}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * Write a data directory of `entries` papers into `dir` (which should not exist yet). With
 * `plants: false` the list has no duplicate at all: build-readme refuses a list with errors, so its
 * benchmark needs a clean one.
 */
export function generateList(dir: string, entries: number, seed = 20250227, options: { plants?: boolean } = {}): GeneratedList {
  const withPlants = options.plants ?? true;
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const titles = new Set<string>();
  const perMonth = new Map<string, number>();
  const arxivEntries: Entry[] = [];
  const planted: Record<PlantedRule, number> = { 'duplicate-arxiv-id': 0, 'arxiv-url': 0, 'duplicate-title': 0 };
  const files = new Map<string, string>();
  const counters = new Map<string, number>();

  const system = () => `${pick(NAMES)}${pick(SUFFIXES)}`;
  /** Title shapes seen in the real list, weighted towards the "System: what it does" form. */
  const shapes: (() => string)[] = [
    () => `${system()}: ${pick(ADJECTIVES)} ${pick(NOUNS)} for ${pick(GOALS)}`,
    () => `${system()}: ${pick(ADJECTIVES)} ${pick(NOUNS)} for ${pick(GOALS)}`,
    () => `${system()}: Towards ${pick(ADJECTIVES)} ${pick(NOUNS)} in ${pick(GOALS)}`,
    () => `${system()}: ${pick(VERBS)} ${pick(GOALS)} to ${pick(LENGTHS)} Tokens`,
    () => `${pick(VERBS)} ${pick(NOUNS)} via ${pick(METHODS)} for ${pick(GOALS)}`,
    () => `${pick(ADJECTIVES)} ${pick(NOUNS)} with ${pick(METHODS)}`,
    () => `On the ${pick(PROPERTIES)} of ${pick(NOUNS)} in ${pick(GOALS)}`,
  ];
  const titleKey = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const freshTitle = (): string => {
    // Titles must not collide by accident: only planted duplicates may share one (after folding).
    // The shapes give over a million titles, so a retry is rare; a numbered title rarer still.
    for (let attempt = 0; ; attempt++) {
      const drawn = pick(shapes)();
      const title = attempt < 50 ? drawn : `${drawn} ${titles.size}`;
      const key = titleKey(title);
      if (!titles.has(key)) {
        titles.add(key);
        return title;
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
    const names = new Set<string>();
    // 400 names: one entry never lists the same person twice.
    while (names.size < count) names.add(`${pick(FIRST)} ${pick(LAST)}`);
    return { authors: [...names], others: rand() < 0.3 };
  };
  /** An earlier arXiv entry no plant has copied yet, so plants never overlap. */
  const copied = new Set<Entry>();
  const original = (): Entry | undefined => {
    if (copied.size >= arxivEntries.length) return undefined;
    for (;;) {
      const entry = pick(arxivEntries);
      if (copied.has(entry)) continue;
      copied.add(entry);
      return entry;
    }
  };

  const fileOf = new Map<Entry, string>();
  const plantsOf: { entry: Entry; original: Entry; rules: PlantedRule[] }[] = [];

  for (let i = 1; i <= entries; i++) {
    let entry: Entry;
    const plant = i % PLANT_EVERY;
    const from = withPlants && (plant === 0 || plant === PLANT_EVERY / 2) ? original() : undefined;
    if (from && plant === 0) {
      // The same arXiv paper again, as a versioned PDF link.
      entry = { ...from, url: `https://arxiv.org/pdf/${from.arxiv}v2`, authors: [...from.authors] };
      planted['duplicate-arxiv-id']++;
      planted['arxiv-url']++;
      plantsOf.push({ entry, original: from, rules: ['duplicate-arxiv-id', 'arxiv-url'] });
    } else if (from) {
      // The published version of an earlier preprint: another link, the title in lower case.
      entry = {
        title: from.title.toLowerCase(),
        url: `https://openreview.net/forum?id=pub${i}`,
        authors: [...from.authors],
        others: from.others,
        venue: pick(VENUES),
        year: from.year + 1,
      };
      planted['duplicate-title']++;
      plantsOf.push({ entry, original: from, rules: ['duplicate-title'] });
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
    const file = join('papers', category, `${String(order).padStart(6, '0')}-${slug(entry.title)}.yaml`);
    fileOf.set(entry, file);
    files.set(file, yaml(entry));
  }
  const plants: Plant[] = plantsOf.flatMap(({ entry, original: from, rules }) =>
    rules.map((rule) => ({ rule, file: fileOf.get(entry)!, ...(rule === 'arxiv-url' ? {} : { original: fileOf.get(from)! }) })),
  );

  files.set('categories.yaml', categoriesYaml());
  files.set(
    'news.yaml',
    '# yaml-language-server: $schema=../schema/news.schema.json\n\nnews:\n  - date: 2025-03-27\n    text:\n      en: A synthetic list for the benchmark.\n      zh: 用于基准测试的合成列表。\n',
  );
  const made = new Set<string>();
  for (const [relative, text] of files) {
    const path = join(dir, relative);
    const folder = join(path, '..');
    // Once per folder: at 100,000 files the repeated mkdir calls were a good part of generating.
    if (!made.has(folder)) mkdirSync(folder, { recursive: true });
    made.add(folder);
    writeFileSync(path, text);
  }
  return { dir, entries, seed, planted, plants };
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

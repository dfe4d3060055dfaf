import type { SiteLanguage } from './config.js';

/** Every word the page itself writes, per language. The client reads the ones it needs from the page. */
export const UI = {
  en: {
    title: 'Thus Spake Long-Context Large Language Model',
    subtitle: 'A paper list on long-context LLMs: architecture, infrastructure, training and evaluation.',
    otherLanguage: '中文',
    repository: 'GitHub repository',
    bib: 'All papers as BibTeX',
    skip: 'Skip to the papers',
    news: 'News',
    structure: 'The structure of the survey',
    structureAlt: 'The structure of the survey: architecture, infrastructure, training and evaluation of long-context LLMs',
    chart: 'Papers per year, by part of the list',
    chartHint: 'Select a bar to show those papers.',
    search: 'Search titles, authors and venues',
    searchPlaceholder: 'Search (press / to focus)',
    from: 'From year',
    to: 'To year',
    kind: 'Kind',
    kindAll: 'All papers',
    kindVenue: 'Published at a venue',
    kindPreprint: 'arXiv preprint',
    sort: 'Order',
    sortList: 'List order',
    sortNew: 'Newest first',
    clear: 'Clear filters',
    categories: 'Categories',
    allCategories: 'All categories',
    papers: 'Papers',
    count: '{n} papers',
    countOne: '{n} paper',
    countOf: '{n} of {total} papers',
    copyBib: 'Copy BibTeX',
    copyLine: 'Copy README line',
    copied: 'Copied to the clipboard.',
    copyFailed: 'Could not copy; select the text and copy it by hand.',
    abs: 'arXiv',
    pdf: 'PDF',
    hf: 'HF',
    footer: 'Built from data/ by npm run build-site. Suggest a paper or a fix on GitHub.',
    chartYear: '{name}, {year}: {n} papers',
    chartYearOne: '{name}, {year}: {n} paper',
  },
  zh: {
    title: '长上下文大语言模型如是说',
    subtitle: '长上下文大语言模型论文列表：架构、框架、训练与评测。',
    otherLanguage: 'English',
    repository: 'GitHub 仓库',
    bib: '全部论文的 BibTeX',
    skip: '跳到论文列表',
    news: '新闻',
    structure: '综述的结构',
    structureAlt: '综述的结构：长上下文大语言模型的架构、框架、训练与评测',
    chart: '各年论文数（按列表部分）',
    chartHint: '点击柱形即可筛选这些论文。',
    search: '搜索标题、作者和会议',
    searchPlaceholder: '搜索（按 / 聚焦）',
    from: '起始年份',
    to: '结束年份',
    kind: '类型',
    kindAll: '全部论文',
    kindVenue: '已发表于会议或期刊',
    kindPreprint: 'arXiv 预印本',
    sort: '排序',
    sortList: '列表顺序',
    sortNew: '最新优先',
    clear: '清除筛选',
    categories: '分类',
    allCategories: '全部分类',
    papers: '论文列表',
    count: '{n} 篇论文',
    countOne: '{n} 篇论文',
    countOf: '{total} 篇中的 {n} 篇',
    copyBib: '复制 BibTeX',
    copyLine: '复制 README 条目',
    copied: '已复制到剪贴板。',
    copyFailed: '无法复制，请手动选择文本复制。',
    abs: 'arXiv',
    pdf: 'PDF',
    hf: 'HF',
    footer: '由 npm run build-site 从 data/ 生成。欢迎在 GitHub 上推荐论文或提出修改。',
    chartYear: '{name}，{year}：{n} 篇论文',
    chartYearOne: '{name}，{year}：{n} 篇论文',
  },
} satisfies Record<SiteLanguage, Record<string, string>>;

export type UiKey = keyof (typeof UI)['en'];

/** A phrase with its {placeholders} left in, for the client script to fill. */
export function uiTemplate(lang: SiteLanguage, key: UiKey): string {
  return UI[lang][key];
}

export function ui(lang: SiteLanguage, key: UiKey, values: Record<string, string | number> = {}): string {
  return UI[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** The phrases that count papers, each with its form for one ("1 paper"); Chinese has one form for both. */
export type CountKey = 'count' | 'chartYear';

/** A counting phrase in the form `n` takes: "1 paper", "2 papers". */
export function uiCount(lang: SiteLanguage, key: CountKey, n: number, values: Record<string, string | number> = {}): string {
  return ui(lang, n === 1 ? `${key}One` : key, { ...values, n });
}

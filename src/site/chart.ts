import type { Element } from 'hast';
import { h, s } from 'hastscript';
import type { Category } from '../data/schema.js';
import { localized } from '../render/language.js';
import type { SiteLanguage } from './config.js';
import { ui, uiCount } from './phrases.js';

export interface ChartPaper {
  /** The paper's top-level category. */
  top: string;
  year: number;
}

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 34, right: 8, top: 10, bottom: 26 };

/** A round step for the y axis: 1, 2 or 5 times a power of ten, about four lines. */
function step(max: number): number {
  const raw = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= raw)!;
}

/**
 * Papers per year per top-level category as a stacked bar chart, drawn here so the page needs no
 * chart runtime. Every bar segment and legend entry links to the filter that shows its papers.
 */
export function yearChart(categories: readonly Category[], papers: readonly ChartPaper[], lang: SiteLanguage): Element {
  const tops = categories.map((c) => c.id);
  const years = papers.map((p) => p.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const counts = new Map<string, number>();
  const totals = new Map<number, number>();
  for (const p of papers) {
    counts.set(`${p.top}/${p.year}`, (counts.get(`${p.top}/${p.year}`) ?? 0) + 1);
    totals.set(p.year, (totals.get(p.year) ?? 0) + 1);
  }
  const max = Math.max(1, ...totals.values());
  const unit = step(max);
  const top = Math.ceil(max / unit) * unit;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const span = last - first + 1;
  const slot = (WIDTH - PAD.left - PAD.right) / span;
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const round = (v: number) => Math.round(v * 10) / 10;

  const grid: Element[] = [];
  for (let v = 0; v <= top; v += unit) {
    grid.push(s('line', { class: 'grid', x1: PAD.left, x2: WIDTH - PAD.right, y1: round(y(v)), y2: round(y(v)) }));
    grid.push(s('text', { class: 'axis', x: PAD.left - 4, y: round(y(v)) + 4, 'text-anchor': 'end' }, String(v)));
  }
  const bars: Element[] = [];
  const labelEvery = Math.ceil(span / 14);
  for (let year = first; year <= last; year++) {
    const x = round(PAD.left + (year - first) * slot + (slot - barW) / 2);
    let base = 0;
    tops.forEach((id, index) => {
      const n = counts.get(`${id}/${year}`) ?? 0;
      if (n === 0) return;
      const name = localized(categories[index]!.name, lang);
      const label = uiCount(lang, 'chartYear', n, { name, year });
      bars.push(
        s('a', { href: `?cat=${id}&from=${year}&to=${year}`, 'aria-label': label, class: 'bar' }, [
          s('title', label),
          s('rect', { class: `c${index % 8}`, x, width: round(barW), y: round(y(base + n)), height: round(y(base) - y(base + n)) }),
        ]),
      );
      base += n;
    });
    if ((year - first) % labelEvery === 0) {
      bars.push(s('text', { class: 'axis', x: round(x + barW / 2), y: HEIGHT - 8, 'text-anchor': 'middle' }, String(year)));
    }
  }
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'group', 'aria-label': ui(lang, 'chart'), class: 'chart' }, [...grid, ...bars]);
  const legend = h(
    'ul',
    { class: 'legend' },
    categories.map((c, index) => h('li', [h('a', { href: `?cat=${c.id}` }, [h('span', { class: `swatch c${index % 8}`, 'aria-hidden': 'true' }), localized(c.name, lang)])])),
  );
  return h('figure', { class: 'chart-box' }, [h('figcaption', [ui(lang, 'chart'), ' ', h('small', ui(lang, 'chartHint'))]), svg, legend]);
}

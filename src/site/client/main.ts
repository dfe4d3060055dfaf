/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The page's script: search, filters, URL state and copy actions over the papers the HTML already
 * holds. Without it the page is a complete list; with it nothing is fetched, everything is in the page.
 */
import MiniSearch from 'minisearch';

/** Per paper id: [BibTeX, README line]; see CopyData in ../page.ts. */
type CopyData = Record<string, [string, string]>;

/** assets/papers.json sits next to this script, whichever page loaded it. */
const COPY_DATA_URL = new URL('papers.json', (document.currentScript as HTMLScriptElement | null)?.src ?? location.href).href;

interface State {
  q: string;
  cat: string;
  from: string;
  to: string;
  type: string;
  sort: string;
}

interface Item {
  el: HTMLElement;
  home: HTMLElement;
  cat: string;
  id: string;
  /** The paper's category and every category above it. */
  cats: string[];
  year: number;
  pre: boolean;
  title: string;
  authors: string;
  venue: string;
  marked: boolean;
}

const DEFAULTS: State = { q: '', cat: '', from: '', to: '', type: 'all', sort: 'list' };
const KEYS = Object.keys(DEFAULTS) as (keyof State)[];

/** Words, with "RingAttention" also as "ring" and "attention", so camel-case names are found by their parts. */
function tokenize(text: string): string[] {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const out: string[] = [];
  for (const word of words) {
    out.push(word);
    const parts = word.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u);
    if (parts.length > 1) out.push(...parts);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function start(): void {
  document.documentElement.classList.remove('no-js');
  const form = document.getElementById('controls') as HTMLFormElement;
  const input = form.elements.namedItem('q') as HTMLInputElement;
  const selects = {
    from: form.elements.namedItem('from') as HTMLSelectElement,
    to: form.elements.namedItem('to') as HTMLSelectElement,
    type: form.elements.namedItem('type') as HTMLSelectElement,
    sort: form.elements.namedItem('sort') as HTMLSelectElement,
  };
  const status = document.getElementById('count')!;
  const flat = document.getElementById('flat')!;
  const sectionsBox = document.getElementById('papers')!;
  const sections = [...sectionsBox.querySelectorAll<HTMLElement>('section[data-cat]')];
  const catLinks = [...document.querySelectorAll<HTMLAnchorElement>('#cats a[data-cat]')];
  const text = (key: string) => status.dataset[key] ?? '';

  // A category's parent is the section around its section.
  const parents = new Map<string, string>();
  for (const section of sections) {
    const outer = section.parentElement?.closest<HTMLElement>('section[data-cat]');
    if (outer) parents.set(section.dataset.cat!, outer.dataset.cat!);
  }
  const ancestors = (cat: string): string[] => {
    const out = [cat];
    for (let c = parents.get(cat); c; c = parents.get(c)) out.push(c);
    return out;
  };
  const items: Item[] = [...sectionsBox.querySelectorAll<HTMLElement>('[data-paper]')].map((el) => {
    const id = el.dataset.paper!;
    const cat = id.split('/')[0]!;
    const get = (sel: string) => el.querySelector(sel)?.textContent ?? '';
    return {
      el,
      id,
      home: el.parentElement!,
      cat,
      cats: ancestors(cat),
      year: Number(el.dataset.year ?? 0),
      pre: el.dataset.pre !== undefined,
      title: get('.t'),
      authors: get('.au'),
      venue: get('.v'),
      marked: false,
    };
  });

  // Copy buttons exist only where they work: with this script.
  const addButtons = (item: Item, i: number) => {
    const actions = item.el.querySelector('.actions');
    if (!actions) return;
    for (const [kind, label] of [['b', text('copyBib')], ['m', text('copyLine')]] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.dataset.copy = `${kind}${i}`;
      actions.append(button);
    }
  };
  // In slices between frames, so that a long list paints and answers keys first.
  const later = (fn: () => void) => setTimeout(fn, 0);
  const eachInSlices = (count: number, size: number, fn: (i: number) => void, stillWanted: () => boolean = () => true) => {
    const slice = (from: number) => {
      if (!stillWanted()) return;
      const end = Math.min(count, from + size);
      for (let i = from; i < end; i++) fn(i);
      if (end < count) later(() => slice(end));
    };
    slice(0);
  };
  later(() => eachInSlices(items.length, 400, (i) => addButtons(items[i]!, i)));


  // Built on first use (a query in the URL, or the first key in the search box), not before the first paint.
  let search: MiniSearch<{ id: number; title: string; authors: string; venue: string }> | undefined;
  const index = () => {
    if (search) return search;
    search = new MiniSearch<{ id: number; title: string; authors: string; venue: string }>({
    fields: ['title', 'authors', 'venue'],
    tokenize,
    // Typos are forgiven from five letters on: shorter words would match too many others ("ring", "ying").
    // A one-letter prefix would match most of a long list: prefixes count from two letters.
    searchOptions: { prefix: (term) => term.length > 1, fuzzy: (term) => (term.length > 4 ? 0.2 : false), combineWith: 'AND', boost: { title: 2 } },
  });
    search.addAll(items.map((item, id) => ({ id, title: item.title, authors: item.authors, venue: item.venue })));
    return search;
  };
  input.addEventListener('focus', () => later(index), { once: true });

  const read = (): State => {
    const params = new URLSearchParams(location.search);
    const state = { ...DEFAULTS };
    for (const key of KEYS) state[key] = params.get(key) ?? DEFAULTS[key];
    return state;
  };
  const toUrl = (state: State): string => {
    const params = new URLSearchParams();
    for (const key of KEYS) if (state[key] !== DEFAULTS[key]) params.set(key, state[key]);
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
  };
  const fromForm = (): State => ({
    q: input.value,
    cat: current.cat,
    from: selects.from.value === selects.from.options[0]?.value ? '' : selects.from.value,
    to: selects.to.value === selects.to.options[0]?.value ? '' : selects.to.value,
    type: selects.type.value,
    sort: selects.sort.value,
  });
  const toForm = (state: State) => {
    input.value = state.q;
    selects.from.value = state.from || (selects.from.options[0]?.value ?? '');
    selects.to.value = state.to || (selects.to.options[0]?.value ?? '');
    selects.type.value = state.type;
    selects.sort.value = state.sort;
  };

  let current = read();

  const highlight = (item: Item, pattern: RegExp | undefined) => {
    if (!pattern && !item.marked) return;
    for (const [sel, value] of [['.t', item.title], ['.au', item.authors], ['.v', item.venue]] as const) {
      const el = item.el.querySelector(sel);
      if (!el) continue;
      if (!pattern) {
        el.textContent = value;
        continue;
      }
      const parts = value.split(pattern);
      const nodes = parts.map((part, index) => {
        if (index % 2 === 0) return document.createTextNode(part);
        const mark = document.createElement('mark');
        mark.textContent = part;
        return mark;
      });
      el.replaceChildren(...nodes);
    }
    item.marked = pattern !== undefined;
  };

  /**
   * The full list, under its headings, is the default view. Any search, filter or sort shows a flat
   * list of the matches instead, filled in slices: the first screenfuls at the keystroke, the rest
   * between frames, so a key costs the same at 600 papers and at 10,000.
   */
  const FIRST_SLICE = 100;
  let flatMode = false;
  let generation = 0;
  const isDefault = (state: State) => KEYS.every((key) => (key === 'q' ? !state.q.trim() : state[key] === DEFAULTS[key]));
  const apply = (state: State) => {
    // Every word, or the words run together: "ring attention" also finds "ringattention".
    const words = state.q.trim().split(/\s+/).filter(Boolean);
    const results =
      words.length === 0
        ? undefined
        : index().search(words.length === 1 ? words[0]! : { combineWith: 'OR', queries: [{ combineWith: 'AND', queries: words }, words.join('')] });
    const matched = results ? new Map(results.map((r) => [r.id as number, r])) : undefined;
    const patterns = new Map<string, RegExp>();
    const patternFor = (terms: string[]) => {
      const key = terms.join('\u0000');
      let pattern = patterns.get(key);
      if (!pattern) patterns.set(key, (pattern = new RegExp(`(${[...terms].map(escapeRegExp).sort((a, b) => b.length - a.length).join('|')})`, 'gi')));
      return pattern;
    };
    const from = state.from ? Number(state.from) : -Infinity;
    const to = state.to ? Number(state.to) : Infinity;
    const counts = new Map<string, number>();
    let inAnyCat = 0;
    const shown: [Item, RegExp | undefined][] = [];
    items.forEach((item, id) => {
      const passes =
        (!matched || matched.has(id)) &&
        item.year >= from &&
        item.year <= to &&
        (state.type === 'all' || (state.type === 'preprint') === item.pre);
      if (!passes) return;
      inAnyCat++;
      for (const c of item.cats) counts.set(c, (counts.get(c) ?? 0) + 1);
      if (state.cat && !item.cats.includes(state.cat)) return;
      const result = matched?.get(id);
      shown.push([item, result ? patternFor(result.terms) : undefined]);
    });
    if (state.sort === 'new') shown.sort((a, b) => b[0].year - a[0].year);
    for (const link of catLinks) {
      const cat = link.dataset.cat!;
      const n = link.querySelector('.n');
      if (n) n.textContent = `(${cat ? (counts.get(cat) ?? 0) : inAnyCat})`;
      link.setAttribute('aria-current', String(cat === state.cat));
    }
    const run = ++generation;
    const stillWanted = () => run === generation;
    if (isDefault(state)) {
      if (flatMode) {
        flat.replaceChildren();
        for (const item of items) item.home.append(item.el);
        for (const section of sections) section.hidden = false;
        flat.hidden = true;
        flatMode = false;
      }
      const marked = items.filter((item) => item.marked);
      later(() => eachInSlices(marked.length, 300, (i) => highlight(marked[i]!, undefined), stillWanted));
    } else {
      if (!flatMode) {
        for (const section of sections) section.hidden = true;
        flat.hidden = false;
        flatMode = true;
      }
      const first = shown.slice(0, FIRST_SLICE);
      for (const [item, pattern] of first) highlight(item, pattern);
      flat.replaceChildren(...first.map(([item]) => item.el));
      const rest = shown.slice(FIRST_SLICE);
      const SLICE = 400;
      later(() =>
        eachInSlices(
          Math.ceil(rest.length / SLICE),
          1,
          (k) => {
            const slice = rest.slice(k * SLICE, (k + 1) * SLICE);
            for (const [item, pattern] of slice) highlight(item, pattern);
            flat.append(...slice.map(([item]) => item.el));
          },
          stillWanted,
        ),
      );
    }
    const message = shown.length === items.length ? text(shown.length === 1 ? 'countOne' : 'count') : text('countOf');
    status.textContent = message.replace('{n}', String(shown.length)).replace('{total}', String(items.length));
    current = state;
  };

  /** Typing replaces the history entry; any other change adds one, so Back undoes it. */
  const update = (state: State, push: boolean) => {
    const url = toUrl(state);
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    apply(state);
  };

  input.addEventListener('input', () => update(fromForm(), false));
  for (const select of Object.values(selects)) select.addEventListener('change', () => update(fromForm(), true));
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    toForm(DEFAULTS);
    update({ ...DEFAULTS }, true);
  });
  for (const link of catLinks) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      update({ ...fromForm(), cat: link.dataset.cat! }, true);
    });
  }
  // The chart's bars and legend link to filters: apply them here rather than reload.
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.chart-box a')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const params = new URLSearchParams(link.getAttribute('href')!.slice(1));
      const state = { ...fromForm(), cat: params.get('cat') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
      toForm(state);
      update(state, true);
      status.scrollIntoView({ block: 'start' });
    });
  }
  window.addEventListener('popstate', () => {
    const state = read();
    toForm(state);
    apply(state);
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    } else if (event.key === 'Escape' && target === input) {
      event.preventDefault();
      input.value = '';
      update(fromForm(), true);
    }
  });

  const copy = async (value: string) => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Older browsers, or no permission: the selection route.
      const area = document.createElement('textarea');
      area.value = value;
      document.body.append(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      if (!ok) throw new Error('copy refused');
    }
  };
  // Fetched once, when the reader first points at or tabs into the list, so it is there by the click.
  let copyData: Promise<CopyData> | undefined;
  const loadCopyData = () =>
    (copyData ??= fetch(COPY_DATA_URL).then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json() as Promise<CopyData>;
    }));
  const warm = () => void loadCopyData().catch(() => (copyData = undefined));
  sectionsBox.addEventListener('pointerover', warm, { once: true });
  sectionsBox.addEventListener('focusin', warm, { once: true });
  sectionsBox.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-copy]');
    if (!button) return;
    const spec = button.dataset.copy!;
    const item = items[Number(spec.slice(1))];
    if (!item) return;
    loadCopyData()
      .then((all) => {
        const value = all[item.id]?.[spec[0] === 'b' ? 0 : 1];
        if (!value) throw new Error('nothing to copy');
        return copy(value);
      })
      .then(
      () => (status.textContent = text('copied')),
      () => (status.textContent = text('copyFailed')),
    );
  });

  toForm(current);
  // The page as served already shows the default state; only a shared link needs work now.
  if (toUrl(current) !== toUrl(DEFAULTS)) apply(current);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

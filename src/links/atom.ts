/**
 * A small reader for the arXiv API's Atom feed. The feed is flat and machine-written, so a
 * careful scan over the text is enough: entries, a handful of child elements (any namespace
 * prefix), CDATA, and XML entities decoded once (so "&amp;lt;" stays "&lt;").
 */

export interface ArxivRecord {
  /** Without version: "2402.08268", "hep-th/9901001". */
  id: string;
  /** The latest version's number. */
  version: number;
  /** Whitespace folded. */
  title: string;
  authors: string[];
  /** When version 1 appeared (ISO 8601). */
  published: string;
  /** When the latest version appeared (ISO 8601). */
  updated: string;
  journalRef?: string;
  doi?: string;
  /** The latest version is a withdrawal notice. */
  withdrawn: boolean;
  comment?: string;
}

export interface AtomFeed {
  entries: ArxivRecord[];
  /** The API's error entries ("incorrect id format for …"), by message. */
  errors: string[];
  totalResults?: number;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
  return text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (match, cdata: string | undefined, entity: string | undefined) => {
    if (cdata !== undefined) return cdata;
    const name = entity!;
    if (name.startsWith('#x') || name.startsWith('#X')) return codePoint(parseInt(name.slice(2), 16), match);
    if (name.startsWith('#')) return codePoint(parseInt(name.slice(1), 10), match);
    return NAMED_ENTITIES[name] ?? match;
  });
}

function codePoint(n: number, fallback: string): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : fallback;
}

export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Inner XML of every `<[prefix:]name …>…</[prefix:]name>` in `xml`; self-closing elements give "". */
function elements(xml: string, name: string): string[] {
  const tag = `(?:[A-Za-z_][\\w.-]*:)?${escapeRegExp(name)}`;
  const pattern = new RegExp(`<${tag}(?:\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</${tag}\\s*>)`, 'g');
  return [...xml.matchAll(pattern)].map((match) => match[1] ?? '');
}

/** The attributes of every `<[prefix:]name …/>` (or opening tag). */
function elementAttributes(xml: string, name: string): Record<string, string>[] {
  const pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${escapeRegExp(name)}(\\s[^>]*?)?/?>`, 'g');
  return [...xml.matchAll(pattern)].map((match) => {
    const attrs: Record<string, string> = {};
    for (const attr of (match[1] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attrs[attr[1]!] = decodeXmlText(attr[2] ?? attr[3] ?? '');
    }
    return attrs;
  });
}

function text(xml: string, name: string): string | undefined {
  const found = elements(xml, name)[0];
  return found === undefined ? undefined : foldWhitespace(decodeXmlText(found));
}

/** "http://arxiv.org/abs/2402.08268v2" → id and version. */
export function idFromEntryId(entryId: string): { id: string; version: number } | undefined {
  const match = /arxiv\.org\/abs\/(.+?)(?:v(\d+))?$/i.exec(entryId.trim());
  if (!match) return undefined;
  return { id: match[1]!, version: match[2] ? Number(match[2]) : 1 };
}

/**
 * arXiv marks a withdrawal in the latest version's comment ("This paper has been withdrawn by
 * the author…", "withdrawn by arXiv administrators…") and often in the abstract as well.
 */
export function isWithdrawal(comment: string | undefined, summary: string | undefined): boolean {
  if (comment && /\b(?:has been|was|is)\s+withdrawn\b|^\s*withdrawn\b/i.test(comment)) return true;
  return Boolean(summary && /^\s*(?:this|the)\s+(?:paper|submission|article|manuscript)\s+(?:has been|was|is)\s+withdrawn\b/i.test(summary));
}

function without<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

export function parseArxivAtom(xml: string): AtomFeed {
  const entries: ArxivRecord[] = [];
  const errors: string[] = [];
  // Comments could hide or fake elements; drop them first.
  const clean = xml.replace(/<!--[\s\S]*?-->/g, '');
  for (const entry of elements(clean, 'entry')) {
    const entryId = text(entry, 'id') ?? '';
    if (/\/api\/errors/.test(entryId)) {
      errors.push(text(entry, 'summary') || text(entry, 'title') || 'the arXiv API reported an error');
      continue;
    }
    const parsed = idFromEntryId(entryId);
    const title = text(entry, 'title') ?? '';
    // The API answers an unknown id with nothing or with an empty entry: neither is a paper.
    if (!parsed || title === '') continue;
    const comment = text(entry, 'comment');
    const summary = text(entry, 'summary');
    const doiLink = elementAttributes(entry, 'link').find((a) => a.title === 'doi')?.href;
    const doi = text(entry, 'doi') || (doiLink ? doiLink.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '') : undefined) || undefined;
    entries.push(
      without({
        id: parsed.id,
        version: parsed.version,
        title,
        authors: elements(entry, 'author')
          .map((author) => text(author, 'name') ?? '')
          .filter((name) => name !== ''),
        published: text(entry, 'published') ?? '',
        updated: text(entry, 'updated') ?? '',
        journalRef: text(entry, 'journal_ref') || undefined,
        doi,
        withdrawn: isWithdrawal(comment, summary),
        comment: comment || undefined,
      }) as ArxivRecord,
    );
  }
  const total = text(clean, 'totalResults');
  return total !== undefined && /^\d+$/.test(total) ? { entries, errors, totalResults: Number(total) } : { entries, errors };
}

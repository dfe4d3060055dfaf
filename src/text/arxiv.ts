/**
 * arXiv identifiers in every form a paper list meets them. New-style ids are YYMM.NNNN(N)
 * (four digits until 2014, five since 2015); old-style ids are archive[.SUBJ]/YYMMNNN.
 */

const NEW_ID = String.raw`\d{4}\.\d{4,5}`;
const OLD_ID = String.raw`[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7}`;
const ID = `(${NEW_ID}|${OLD_ID})(v\\d+)?`;

const ARXIV_HOST = /^(?:www\.|export\.|browse\.)?arxiv\.org$/i;
const PATH_FORMS = new RegExp(`^/(?:abs|pdf|html|format|ps)/${ID}(?:\\.pdf)?/?$`);
const HF_PATH = new RegExp(`^/papers/(${NEW_ID})/?$`);
/** alphaXiv mirrors arXiv under the same ids: /abs/<id>, /overview/<id>, /pdf/<id>. */
const ALPHAXIV_HOST = /^(?:www\.)?alphaxiv\.org$/i;
const ALPHAXIV_PATH = new RegExp(`^/(?:abs|overview|pdf)/${ID}(?:\\.pdf)?/?$`);
const DOI_PATH = new RegExp(`^/10\\.48550/arxiv\\.(${NEW_ID})$`, 'i');
/** ADS bibcodes: 2024arXiv240208268L encodes 2402.08268; 2014arXiv1401.1234S encodes 1401.1234. */
const BIBCODE = /\b(\d{4})arXiv(\d{4})\.?(\d{4,5})[A-Z.]/;

export interface ArxivRef {
  id: string;
  /** The version suffix ("v2") when the URL pins one. */
  version?: string;
}

/** What the list reads of a parsed URL. */
export type UrlParts = Pick<URL, 'hostname' | 'port' | 'pathname' | 'search'>;

/**
 * An http(s) URL whose WHATWG parse changes nothing: a lower-case host name whose last label starts
 * with a letter (not an IPv4 address) and with no "--" (no punycode to check); no user, port or
 * fragment; path segments of unreserved characters that do not start with a dot (no "." or ".." to
 * resolve, no escapes); at most a query of unreserved characters, "=" and "&" (OpenReview's
 * "forum?id=…"). Nearly every link of a list has this form; the rest goes to `new URL`.
 */
const SIMPLE_URL = /^https?:\/\/((?:[a-z0-9]+(?:-[a-z0-9]+)*\.)*[a-z][a-z0-9]*(?:-[a-z0-9]+)*)((?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*\/?)(\?[A-Za-z0-9_.~=&-]+)?$/;

/** The parts of a URL of the simple form above, undefined for any other text. */
export function simpleUrlParts(text: string): UrlParts | undefined {
  const simple = SIMPLE_URL.exec(text);
  return simple ? { hostname: simple[1]!, port: '', pathname: simple[2] || '/', search: simple[3] ?? '' } : undefined;
}

/**
 * `text` parsed as a URL, or undefined when it is not one. The last answer is kept: lint asks for the
 * same link's arXiv id and its comparison key one after the other, and parsing is most of either.
 * Callers only read the parts, never change them.
 */
let lastUrl: { text: string; url: UrlParts | undefined } | undefined;
export function parsedUrl(text: string): UrlParts | undefined {
  if (lastUrl?.text === text) return lastUrl.url;
  let url = simpleUrlParts(text);
  if (!url) {
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
  }
  lastUrl = { text, url };
  return url;
}

/** The arXiv paper a URL points at, whatever its form; undefined for other URLs. */
export function arxivFromUrl(url: string): ArxivRef | undefined {
  const parsed = parsedUrl(url);
  if (!parsed) return undefined;
  const host = parsed.hostname.toLowerCase();
  let path: string;
  try {
    path = parsed.pathname.includes('%') ? decodeURIComponent(parsed.pathname) : parsed.pathname;
  } catch {
    // A malformed escape ("%ZZ"): no id to find in it, and never an error (it stopped lint-list).
    return undefined;
  }
  if (ARXIV_HOST.test(host)) {
    const match = PATH_FORMS.exec(path);
    if (match) return withVersion(match[1]!, match[2]);
    return undefined;
  }
  if (host === 'huggingface.co' || host === 'www.huggingface.co') {
    const match = HF_PATH.exec(path);
    return match ? { id: match[1]! } : undefined;
  }
  if (ALPHAXIV_HOST.test(host)) {
    const match = ALPHAXIV_PATH.exec(path);
    return match ? withVersion(match[1]!, match[2]) : undefined;
  }
  if (host === 'doi.org' || host === 'dx.doi.org') {
    const match = DOI_PATH.exec(path);
    return match ? { id: match[1]! } : undefined;
  }
  if (host.endsWith('adsabs.harvard.edu')) {
    const match = BIBCODE.exec(path);
    return match ? { id: `${match[2]}.${match[3]}` } : undefined;
  }
  return undefined;
}

function withVersion(id: string, version: string | undefined): ArxivRef {
  return version ? { id, version } : { id };
}

const TEXT_ID = new RegExp(String.raw`\barXiv:\s*(${NEW_ID}|${OLD_ID})(?:v\d+)?`, 'gi');

/** arXiv ids that a venue or other free text names ("arXiv preprint arXiv:2311.12351"). */
export function arxivIdsInText(text: string): string[] {
  const ids = new Set<string>();
  for (const match of text.matchAll(TEXT_ID)) ids.add(match[1]!);
  const bibcode = BIBCODE.exec(text);
  if (bibcode) ids.add(`${bibcode[2]}.${bibcode[3]}`);
  return [...ids];
}

/** Accepts a bare id, "arXiv:<id>", an id with version, or any URL form above. */
export function parseArxivInput(input: string): ArxivRef | undefined {
  const trimmed = input.trim();
  const bare = new RegExp(`^(?:arxiv:)?${ID}$`, 'i').exec(trimmed);
  if (bare) return withVersion(bare[1]!, bare[2]);
  return arxivFromUrl(trimmed);
}

export function canonicalArxivUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

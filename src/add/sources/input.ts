import { parseArxivInput, type ArxivRef } from '../../text/arxiv.js';

/**
 * What a contributor may give add-paper: an arXiv ID or link, a DOI, an ACL Anthology page, an
 * OpenReview forum, a NeurIPS proceedings page. Each form is matched strictly (its identifier
 * has a fixed alphabet), so nothing else of the text ever reaches a request URL.
 */
export type PaperInput =
  | { kind: 'arxiv'; ref: ArxivRef }
  | { kind: 'doi'; doi: string }
  | { kind: 'acl'; id: string }
  | { kind: 'openreview'; id: string }
  | { kind: 'neurips'; prefix: string; year: string; hash: string; track: string };

/** Crossref's recommended pattern for the DOIs it holds (74.4M of 74.9M): no spaces, quotes or shell characters. */
const DOI = /^10\.\d{4,9}\/[-._;()/:A-Za-z0-9]+$/;
const ACL_ID = /^(?:\d{4}\.[a-z][a-z0-9-]*\.\d{1,4}|[A-Z]\d{2}-\d{4})$/;
const OPENREVIEW_ID = /^[A-Za-z0-9_-]{6,40}$/;
const NEURIPS_PATH = /^\/(paper|paper_files\/paper)\/(\d{4})\/(?:hash|file)\/([0-9a-f]{32})-(?:Abstract|Paper|Bibtex|Supplemental)((?:-[A-Za-z_]+)?)\.(?:html|pdf|bib|zip)$/;

export const SUPPORTED_FORMS = `an arXiv ID or link (2402.08268, https://arxiv.org/abs/2402.08268), a DOI or doi.org link (10.1145/3600006.3613165), an ACL Anthology page (https://aclanthology.org/2024.acl-long.172/), an OpenReview forum (https://openreview.net/forum?id=<id>) or a NeurIPS proceedings page (https://proceedings.neurips.cc/paper_files/paper/2023/hash/<hash>-Abstract-Conference.html)`;

function doiOf(text: string): string | undefined {
  const bare = /^(?:doi:\s*)?(10\.\S+)$/i.exec(text)?.[1];
  if (bare !== undefined) return DOI.test(bare) ? bare : undefined;
  return undefined;
}

function fromUrl(url: URL): PaperInput | undefined {
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (host === 'doi.org' || host === 'dx.doi.org') {
    const doi = doiOf(path.slice(1));
    return doi === undefined ? undefined : { kind: 'doi', doi };
  }
  if (host === 'aclanthology.org' || host === 'aclweb.org') {
    const id = /^(?:\/anthology)?\/([^/]+?)(?:v\d+)?(?:\.pdf|\.bib)?\/?$/.exec(path)?.[1];
    return id !== undefined && ACL_ID.test(id) ? { kind: 'acl', id } : undefined;
  }
  if (host === 'openreview.net') {
    const id = url.searchParams.get('id') ?? '';
    return /^\/(?:forum|pdf)\/?$/.test(path) && OPENREVIEW_ID.test(id) ? { kind: 'openreview', id } : undefined;
  }
  if (host === 'proceedings.neurips.cc' || host === 'papers.nips.cc') {
    const m = NEURIPS_PATH.exec(path);
    return m ? { kind: 'neurips', prefix: m[1]!, year: m[2]!, hash: m[3]!, track: m[4]! } : undefined;
  }
  return undefined;
}

/** The paper `text` names, or undefined when it is none of the supported forms. */
export function parsePaperInput(input: string): PaperInput | undefined {
  const text = input.trim();
  if (text === '' || text.length > 2000) return undefined;
  const arxiv = parseArxivInput(text);
  if (arxiv) return { kind: 'arxiv', ref: arxiv };
  const doi = doiOf(text);
  if (doi !== undefined) {
    // arXiv's own DOIs name an arXiv paper: the arXiv path keeps its ID.
    const viaArxiv = parseArxivInput(`https://doi.org/${doi}`);
    return viaArxiv ? { kind: 'arxiv', ref: viaArxiv } : { kind: 'doi', doi };
  }
  if (!/^https?:\/\//i.test(text) || !URL.canParse(text)) return undefined;
  return fromUrl(new URL(text));
}

/** How the report names the input: "DOI 10.1145/…", "ACL Anthology 2024.acl-long.172". */
export function inputLabel(input: PaperInput): string {
  switch (input.kind) {
    case 'arxiv':
      return `arXiv ${input.ref.id}`;
    case 'doi':
      return `DOI ${input.doi}`;
    case 'acl':
      return `ACL Anthology ${input.id}`;
    case 'openreview':
      return `OpenReview ${input.id}`;
    case 'neurips':
      return `NeurIPS ${input.year} ${input.hash}`;
  }
}

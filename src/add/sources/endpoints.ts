import { DEFAULT_ARXIV_API } from '../../links/policy.js';

/** Where each metadata source is asked; every one can be moved by an environment variable (tests aim them at 127.0.0.1). */
export interface Endpoints {
  arxiv: string;
  crossref: string;
  openreview: string;
  anthology: string;
  neurips: string;
  semanticScholar: string;
}

export const DEFAULT_ENDPOINTS: Endpoints = {
  arxiv: DEFAULT_ARXIV_API,
  crossref: 'https://api.crossref.org',
  openreview: 'https://api2.openreview.net',
  anthology: 'https://aclanthology.org',
  neurips: 'https://proceedings.neurips.cc',
  semanticScholar: 'https://api.semanticscholar.org/graph/v1',
};

export const ENDPOINT_ENV: Record<keyof Endpoints, string> = {
  arxiv: 'ARXIV_API_URL',
  crossref: 'CROSSREF_API_URL',
  openreview: 'OPENREVIEW_API_URL',
  anthology: 'ACL_ANTHOLOGY_URL',
  neurips: 'NEURIPS_PROCEEDINGS_URL',
  semanticScholar: 'SEMANTIC_SCHOLAR_API_URL',
};

/**
 * Minimum time between two requests to each source, from its documentation: Crossref's public
 * pool allows 5 requests a second, one at a time; OpenReview and Semantic Scholar's shared pool
 * are asked at most once a second; the Anthology and the proceedings are static sites (the link
 * checker's host table gives them 250 ms).
 */
export const INTERVAL_MS: Record<Exclude<keyof Endpoints, 'arxiv'>, number> = {
  crossref: 250,
  openreview: 1000,
  anthology: 250,
  neurips: 250,
  semanticScholar: 1000,
};

const isHttpUrl = (text: string) => /^https?:\/\/[^\s/]+/.test(text) && URL.canParse(text);

/** The endpoints from the environment; a value that is not an http(s) URL is an error naming its variable. */
export function endpointsFrom(env: NodeJS.ProcessEnv, overrides: Partial<Endpoints> = {}): Endpoints | { error: string } {
  const out = { ...DEFAULT_ENDPOINTS };
  for (const key of Object.keys(DEFAULT_ENDPOINTS) as (keyof Endpoints)[]) {
    const fromEnv = env[ENDPOINT_ENV[key]];
    const value = overrides[key] ?? (fromEnv ? fromEnv : DEFAULT_ENDPOINTS[key]);
    if (!isHttpUrl(value)) return { error: `${overrides[key] !== undefined ? 'the URL given' : `$${ENDPOINT_ENV[key]}`} must be an http(s) URL, not "${value}"` };
    out[key] = value.replace(/\/+$/, '');
  }
  return out;
}

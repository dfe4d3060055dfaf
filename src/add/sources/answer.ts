import type { Paper } from '../../data/schema.js';
import type { ApiAnswer } from '../../links/api-client.js';

export type SourceOutcome = { paper: Paper } | { reason: string };

/** The user's words for an answer that is not metadata: not found, rate-limited, unreachable. */
export function failureReason(answer: Extract<ApiAnswer, { ok: false }>, source: string, url: string, notFound: string): string {
  switch (answer.state) {
    case 'not-found':
      return `${notFound} (asked ${url}).`;
    case 'rate-limited':
      return `${source} is rate-limiting requests (429 Too Many Requests from ${url}), also after retrying; wait a few minutes, then run the command again.`;
    case 'timeout':
      return `${source} (${url}) did not answer in time; try again later.`;
    default:
      return `could not look it up: ${source} ${answer.detail} (${url}).`;
  }
}

/** JSON, or undefined when the answer is not JSON (a captive portal, a changed API). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

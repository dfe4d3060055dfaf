import { request, type Dispatcher } from 'undici';
import type { Attempt } from './classify.js';
import { USER_AGENT } from './policy.js';

/**
 * One request to a metadata API (arXiv, Crossref, OpenReview, …), as the arXiv client and the shared
 * API client send it: the project's User-Agent, a deadline, and an answer read only up to a size.
 * Retries, pacing and verdicts are the callers'.
 */

export class BodyTooLargeError extends Error {
  readonly code = 'LINKCHECK_BODY_TOO_LARGE';
}

/** A response body as text, refused past `maxBytes` so a hostile server cannot fill memory. */
export async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new BodyTooLargeError(`the answer exceeds ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface ApiRequest {
  url: string;
  /** Minimum time between two request starts to this API (its documented rate limit). */
  intervalMs: number;
  method?: 'GET' | 'POST';
  body?: string;
  accept?: string;
  headers?: Record<string, string>;
}

export type Sent = { kind: 'body'; text: string } | Attempt;

export async function sendOnce(req: Omit<ApiRequest, 'intervalMs'>, dispatcher: Dispatcher, timeoutMs: number, maxBytes: number): Promise<Sent> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
  try {
    const response = await request(req.url, {
      dispatcher,
      method: req.method ?? 'GET',
      headers: { 'user-agent': USER_AGENT, accept: req.accept ?? 'application/json', ...req.headers },
      ...(req.body === undefined ? {} : { body: req.body }),
      signal: controller.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    if (response.statusCode !== 200) {
      response.body.on('error', () => {});
      response.body.destroy();
      return { kind: 'response', status: response.statusCode, headers: response.headers };
    }
    return { kind: 'body', text: await readCapped(response.body, maxBytes) };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'error', code: 'LINKCHECK_TIMEOUT', message: `no answer within ${timeoutMs} ms` };
    const e = error as { code?: string; message?: string };
    return { kind: 'error', code: e.code ?? 'Error', message: e.message ?? String(error) };
  } finally {
    clearTimeout(timer);
  }
}


import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arxivMatchKey, fetchArxivMetadata } from '../../src/links/arxiv-api.js';
import { decodeXmlText, isWithdrawal, parseArxivAtom } from '../../src/links/atom.js';
import { arxivFeedFor, FIXTURES, fakeArxivApi, startServer, virtualClock, type TestServer } from './helpers.js';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'arxiv', name), 'utf8');

describe('parseArxivAtom', () => {
  it('reads an entry: id without version, folded title, authors, dates', () => {
    const feed = parseArxivAtom(fixture('2402.08268.xml'));
    expect(feed.errors).toEqual([]);
    expect(feed.totalResults).toBe(1);
    expect(feed.entries).toEqual([
      {
        id: '2402.08268',
        version: 3,
        title: 'World Model on Million-Length Video And Language With Blockwise RingAttention',
        authors: ['Hao Liu', 'Wilson Yan', 'Matei Zaharia', 'Pieter Abbeel'],
        published: '2024-02-13T08:30:33Z',
        updated: '2024-07-23T17:43:02Z',
        withdrawn: false,
      },
    ]);
  });

  it('reads the journal reference, DOI and comment', () => {
    const [record] = parseArxivAtom(fixture('2307.03172.xml')).entries;
    expect(record).toMatchObject({
      id: '2307.03172',
      journalRef: 'Transactions of the Association for Computational Linguistics, Volume 12 (2024)',
      doi: '10.1162/tacl_a_00638',
      withdrawn: false,
    });
    expect(record!.comment).toMatch(/^18 pages, 16 figures\. Accepted/);
  });

  it('recognises a withdrawal and decodes entities once', () => {
    const [record] = parseArxivAtom(fixture('2401.01234.xml')).entries;
    expect(record).toMatchObject({ withdrawn: true, title: 'A Study of Context Windows & Their Limits', version: 2 });
    expect(decodeXmlText('&amp;lt; &#233; &#xE9; &quot;')).toBe('&lt; é é "');
  });

  it('reads old-style ids, CDATA and numeric entities', () => {
    const [record] = parseArxivAtom(fixture('hep-th_9901001.xml')).entries;
    expect(record).toMatchObject({ id: 'hep-th/9901001', version: 1, title: 'Schr\\"odinger Operators <and> Strings', authors: ['José García'] });
  });

  it('an empty feed has no entries; an error entry is an error, not a paper', () => {
    expect(parseArxivAtom(fixture('empty.xml'))).toEqual({ entries: [], errors: [], totalResults: 0 });
    const error = parseArxivAtom(fixture('error.xml'));
    expect(error.entries).toEqual([]);
    expect(error.errors).toEqual(['incorrect id format for 1234']);
  });

  it('treats an empty entry (the API answer for some unknown ids) as no paper', () => {
    const xml = '<feed><entry><id>http://arxiv.org/abs/2402.99999</id><title></title></entry></feed>';
    expect(parseArxivAtom(xml).entries).toEqual([]);
  });

  it('withdrawal wording', () => {
    expect(isWithdrawal('This submission has been withdrawn by arXiv administrators', undefined)).toBe(true);
    expect(isWithdrawal('Withdrawn: duplicate of 2401.00001', undefined)).toBe(true);
    expect(isWithdrawal('12 pages; accepted at ICLR', undefined)).toBe(false);
    expect(isWithdrawal(undefined, 'This paper has been withdrawn due to an error.')).toBe(true);
  });

  it('match keys drop the subject class and version', () => {
    expect(arxivMatchKey('math.GT/0309136')).toBe('math/0309136');
    expect(arxivMatchKey('2402.08268v2')).toBe('2402.08268');
  });
});

describe('fetchArxivMetadata', () => {
  let api: TestServer;
  const clock = virtualClock();
  const dispatcher = new Agent();
  beforeAll(async () => {
    api = await fakeArxivApi(clock);
  });
  afterAll(async () => {
    await api.close();
    await dispatcher.close();
  });

  it('POSTs id_list in batches with max_results set, one at a time, 3 s apart', async () => {
    const before = api.received.length;
    const ids = ['2402.08268', '2307.03172', '2401.01234', '2402.99999', 'hep-th/9901001'];
    const result = await fetchArxivMetadata(ids, { dispatcher, apiUrl: `${api.origin}/api/query`, batchSize: 2, clock });
    const sent = api.received.slice(before);
    expect(sent).toHaveLength(3);
    expect(result.requests).toBe(3);
    for (const request of sent) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      const params = new URLSearchParams(request.body);
      expect(Number(params.get('max_results'))).toBe(params.get('id_list')!.split(',').length);
    }
    expect(sent.map((r) => new URLSearchParams(r.body).get('id_list'))).toEqual(['2402.08268,2307.03172', '2401.01234,2402.99999', 'hep-th/9901001']);
    // Virtual arrival times: at least 3000 ms between requests.
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(3000);
    expect(sent[2]!.at - sent[1]!.at).toBeGreaterThanOrEqual(3000);

    expect([...result.value.keys()].sort()).toEqual(['2307.03172', '2401.01234', '2402.08268', 'hep-th/9901001']);
    expect(result.missing).toEqual(['2402.99999']);
    expect(result.failed.size).toBe(0);
    expect(result.problems).toEqual([]);
    expect(result.value.get('2401.01234')!.withdrawn).toBe(true);
  });

  it('retries a 503 honouring Retry-After, and reports a batch that keeps failing', async () => {
    const flaky = await startServer((_req, res, body, nth) => {
      if (nth === 1) return void res.writeHead(503, { 'retry-after': '5' }).end();
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(arxivFeedFor(new URLSearchParams(body).get('id_list')!.split(',')));
    }, clock);
    const down = await startServer((_req, res) => void res.writeHead(500).end(), clock);
    try {
      const ok = await fetchArxivMetadata(['2402.08268'], { dispatcher, apiUrl: `${flaky.origin}/q`, clock });
      expect(ok.value.has('2402.08268')).toBe(true);
      expect(flaky.received).toHaveLength(2);
      expect(flaky.received[1]!.at - flaky.received[0]!.at).toBeGreaterThanOrEqual(5000);

      const failed = await fetchArxivMetadata(['2402.08268', '2307.03172'], { dispatcher, apiUrl: `${down.origin}/q`, clock, retries: 1 });
      expect(down.received).toHaveLength(2);
      expect(failed.value.size).toBe(0);
      expect(failed.missing).toEqual([]);
      expect(failed.failed.get('2307.03172')).toMatchObject({ state: 'unverifiable' });
      expect(failed.problems).toHaveLength(1);
      expect(failed.problems[0]).toMatchObject({ rule: 'link-unverifiable', severity: 'warning' });
    } finally {
      await flaky.close();
      await down.close();
    }
  });
});

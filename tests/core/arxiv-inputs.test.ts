import { describe, expect, it } from 'vitest';
import { arxivFromUrl, arxivIdsInText, canonicalArxivUrl, parseArxivInput } from '../../src/text/arxiv.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureList, runInProcess } from '../helpers.js';

/** The arXiv identifiers the toolchain accepts, in every form, and the look-alikes it must not. */

const ID = { id: '2402.08268' };

describe('arxivFromUrl', () => {
  it.each<[string, { id: string; version?: string } | undefined]>([
    ['https://arxiv.org/abs/2402.08268', ID],
    ['https://arxiv.org/abs/2402.08268v3', { id: '2402.08268', version: 'v3' }],
    ['https://www.arxiv.org/pdf/2402.08268v2.pdf', { id: '2402.08268', version: 'v2' }],
    ['https://arxiv.org/pdf/2402.08268.pdf', ID],
    ['https://export.arxiv.org/abs/hep-th/9901001', { id: 'hep-th/9901001' }],
    ['https://browse.arxiv.org/html/2402.08268/', ID],
    ['https://ARXIV.ORG/format/1401.1234', { id: '1401.1234' }],
    ['https://arxiv.org/ps/math.GT/0309136', { id: 'math.GT/0309136' }],
    ['http://arxiv.org/abs/2402.08268', ID],
    // Not a paper, or not arXiv's: no id, and no error.
    ['https://arxiv.org/list/cs.CL/recent', undefined],
    ['https://arxiv.org/list/cs.CL/2402.08268', undefined],
    ['https://arxiv.org/abs/2402.08268/extra', undefined],
    ['https://arxiv.org/abs/x2402.08268', undefined],
    ['https://arxiv.org/absx/2402.08268', undefined],
    ['https://arxiv.org/abs/2402.082', undefined],
    ['https://arxiv.org/abs/2402.082681', undefined],
    ['https://arxiv.org/abs/24020.08268', undefined],
    ['https://notarxiv.org/abs/2402.08268', undefined],
    ['https://arxiv.org.example.com/abs/2402.08268', undefined],
    ['https://mirror.www.arxiv.org/abs/2402.08268', undefined],
    ['https://huggingface.co/papers/2402.08268', ID],
    ['https://www.alphaxiv.org/abs/2402.08268', ID],
    ['https://alphaxiv.org/overview/2402.08268v2', { id: '2402.08268', version: 'v2' }],
    ['https://alphaxiv.org/pdf/2402.08268.pdf', ID],
    ['https://alphaxiv.org/papers/2402.08268', undefined],
    ['https://alphaxiv.org.example.com/abs/2402.08268', undefined],
    ['https://notalphaxiv.org/abs/2402.08268', undefined],
    ['https://mirror.www.alphaxiv.org/abs/2402.08268', undefined],
    ['https://www.huggingface.co/papers/2402.08268/', ID],
    ['https://huggingface.co/papers/2402.08268v2', undefined],
    ['https://huggingface.co/papers/2402.08268/discussion', undefined],
    ['https://huggingface.co/xpapers/2402.08268', undefined],
    ['https://huggingface.co/datasets/2402.08268', undefined],
    ['https://hf.huggingface.co/papers/2402.08268', undefined],
    ['https://doi.org/10.48550/arXiv.2402.08268', ID],
    ['https://dx.doi.org/10.48550/ARXIV.2402.08268', ID],
    ['https://doi.org/10.1145/2402.08268', undefined],
    ['https://doi.org/10.48550/arXiv.2402.08268/x', undefined],
    ['https://doi.org/x/10.48550/arXiv.2402.08268', undefined],
    ['https://www.doi.org/10.48550/arXiv.2402.08268', undefined],
    ['https://ui.adsabs.harvard.edu/abs/2024arXiv240208268L/abstract', ID],
    ['https://adsabs.harvard.edu/abs/2014arXiv1401.1234S', { id: '1401.1234' }],
    ['https://ui.adsabs.harvard.edu/abs/2024arXiv240208268/abstract', undefined],
    ['https://ui.adsabs.harvard.edu/abs/2024ApJ...960L...1L/abstract', undefined],
    ['https://example.org/abs/2402.08268', undefined],
    // A bibcode counts only on ADS.
    ['https://example.org/abs/2024arXiv240208268L', undefined],
    ['not a url', undefined],
  ])('%s → %j', (url, expected) => {
    expect(arxivFromUrl(url)).toStrictEqual(expected);
  });
});

describe('arxivIdsInText', () => {
  it.each<[string, string[]]>([
    ['arXiv preprint arXiv:2311.12351', ['2311.12351']],
    ['arXiv:2311.12351v2, then ARXIV: 2402.08268, then arXiv:2311.12351 again', ['2311.12351', '2402.08268']],
    ['arXiv:hep-th/9901001', ['hep-th/9901001']],
    ['ADS 2024arXiv240208268L', ['2402.08268']],
    ['arXiv:2311.12351 and 2014arXiv1401.1234S', ['2311.12351', '1401.1234']],
    // "arXiv:" must start a word.
    ['xarXiv:2311.12351', []],
    ['NeurIPS 2024', []],
  ])('%s → %j', (text, expected) => {
    expect(arxivIdsInText(text)).toEqual(expected);
  });
});

describe('parseArxivInput', () => {
  it.each<[string, { id: string; version?: string } | undefined]>([
    ['2402.08268', ID],
    ['  2402.08268  ', ID],
    ['\t2402.08268v2\n', { id: '2402.08268', version: 'v2' }],
    ['arXiv:2402.08268v2', { id: '2402.08268', version: 'v2' }],
    ['ARXIV:hep-th/9901001', { id: 'hep-th/9901001' }],
    ['https://huggingface.co/papers/2402.08268', ID],
    [' https://arxiv.org/abs/2402.08268 ', ID],
    ['2402.08268v', undefined],
    ['x2402.08268', undefined],
    ['2402.08268x', undefined],
    ['arxiv 2402.08268', undefined],
    ['https://arxiv.org/list/cs.CL/recent', undefined],
  ])('%j → %j', (input, expected) => {
    expect(parseArxivInput(input)).toStrictEqual(expected);
  });

  it('links an id to its abstract page', () => {
    expect(canonicalArxivUrl('2402.08268')).toBe('https://arxiv.org/abs/2402.08268');
  });
});

describe('links with a malformed escape', () => {
  it('are no arXiv link, and lint-list reports on the list instead of stopping', async () => {
    expect(arxivFromUrl('https://arxiv.org/abs/%ZZ2401.01234')).toBeUndefined();
    expect(arxivFromUrl('https://example.org/a%ZZb')).toBeUndefined();
    // The same text again (the parsed URL is kept for the next question) gives the same answer.
    expect(arxivFromUrl('https://arxiv.org/abs/2401.01234v2')).toEqual({ id: '2401.01234', version: 'v2' });
    expect(arxivFromUrl('https://arxiv.org/abs/2401.01234v2')).toEqual({ id: '2401.01234', version: 'v2' });
    const dir = fixtureList();
    writeFileSync(join(dir, 'data', 'papers', 'architecture-innovation', '9999-bad-escape.yaml'), 'title: "Bad Escape"\nurl: https://example.org/a%ZZb\nyear: 2024\n');
    const run = await runInProcess('lint-list', [], { cwd: dir });
    expect(run.stderr).not.toMatch(/internal error|URIError/);
    expect(run.code).toBe(0);
  });
});

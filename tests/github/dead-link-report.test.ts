import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEAD_LINK_REPORT_TITLE, deadLinkReport, hostOf, MAX_BODY_LENGTH, REPORT_MARKER } from '../../src/github/dead-link-report.js';
import { parseFindingsJson } from '../../src/github/findings.js';
import type { JsonLinksSummary, LintJsonOutput } from '../../src/core/findings-json.js';
import { RULE_IDS } from '../../src/core/rules.js';
import { runCli, runInProcess, tempDir } from '../helpers.js';

const P = 'data/papers';
const summary = { errors: 0, warnings: 0, infos: 0, fixable: 0, files: 0, entries: 0, silenced: 0 };

/** `summary.links` as lint-list --links writes it, with the counts a test cares about. */
function linksSummary(counts: Partial<JsonLinksSummary> & { arxivIds?: number }): JsonLinksSummary {
  const { arxivIds = 0, ...rest } = counts;
  const arxiv = { ids: arxivIds, cached: 0, requests: 0, notFound: 0, titleMismatch: 0, withdrawn: 0, published: 0, unverified: 0 };
  return { references: 0, urls: 0, cached: 0, requests: 0, states: {}, arxiv, elapsedMs: 0, ...rest };
}

/** Findings as `npm run lint-list -- --links --format json` prints them (messages as src/links words them). */
const FINDINGS: LintJsonOutput = {
  findings: [
    { rule: 'link-dead', severity: 'error', file: `${P}/length-extrapolation/0020-b.yaml`, line: 3, column: 6, message: 'Dead link https://example.org/gone: 404 Not Found.' },
    { rule: 'arxiv-not-found', severity: 'error', file: `${P}/kv-cache-optimization/0010-a.yaml`, line: 3, column: 6, message: 'arXiv 2499.00001 does not exist: arXiv has no such paper (https://arxiv.org/abs/2499.00001).' },
    { rule: 'link-rate-limited', severity: 'warning', file: `${P}/kv-cache-optimization/0030-c.yaml`, line: 3, column: 6, message: 'https://openreview.net/forum?id=x was rate-limited (429 | Retry-After 600) beyond the time budget; not checked, run again later.' },
    { rule: 'link-unverifiable', severity: 'warning', file: `${P}/kv-cache-optimization/0040-d.yaml`, line: 3, column: 6, message: 'Could not verify https://www.sciencedirect.com/science/article/pii/1: 403 Forbidden.' },
    { rule: 'link-timeout', severity: 'error', file: `${P}/memory-management/0010-e.yaml`, line: 3, column: 6, message: 'https://www.sciencedirect.com/science/article/pii/2 did not answer within 30 s, on this run and the previous one.' },
    { rule: 'link-unverifiable', severity: 'warning', file: `${P}/memory-management/0015-h.yaml`, line: 9, column: 8, message: 'Could not verify arXiv 2401.00002: 503 Service Unavailable.' },
    { rule: 'link-redirected', severity: 'warning', file: `${P}/memory-management/0020-f.yaml`, line: 3, column: 6, message: 'http://a.org/x permanently redirects to <https://a.org/x>; --fix updates it.', fix: { path: ['url'], value: 'https://a.org/x' } },
    // Not link findings: lint-list may report them alongside, the report leaves them out.
    { rule: 'arxiv-url', severity: 'warning', file: `${P}/memory-management/0030-g.yaml`, line: 3, column: 6, message: 'The URL points at arXiv 2401.00003 but the entry has no arxiv field; add arxiv: "2401.00003".' },
    { rule: 'schema', severity: 'error', file: `${P}/memory-management/0030-g.yaml`, line: 1, column: 1, message: 'Field "year" is missing.' },
  ],
  summary,
};

const EXPECTED = `${REPORT_MARKER}

**2 dead links** in 2 files. 4 links on 3 hosts could not be checked (blocked, rate-limited or timed out); they are listed apart and do not count as dead. 1 finding to review.

From [this run of the link check](https://github.com/o/r/actions/runs/7).

## Dead links (2)

| Where | Rule | Problem |
| --- | --- | --- |
| [data/papers/kv-cache-optimization/0010-a.yaml:3](https://github.com/o/r/blob/abc/data/papers/kv-cache-optimization/0010-a.yaml#L3) | \`arxiv-not-found\` | arXiv 2499.00001 does not exist: arXiv has no such paper (https://arxiv.org/abs/2499.00001). |
| [data/papers/length-extrapolation/0020-b.yaml:3](https://github.com/o/r/blob/abc/data/papers/length-extrapolation/0020-b.yaml#L3) | \`link-dead\` | Dead link https://example.org/gone: 404 Not Found. |

Correct the URL in the paper file, or remove the paper. If the link is right after all, silence the finding in that file with a reason: \`exceptions: [{rule: <rule>, reason: "…"}]\`.

## Blocked and rate-limited hosts (4 links on 3 hosts)

These hosts refused or delayed the automated check. They are not dead links; open them in a browser if in doubt.

| Host | Links | Why |
| --- | --- | --- |
| www.sciencedirect.com | 2 | blocked, timed out twice in a row |
| arXiv API | 1 | blocked |
| openreview.net | 1 | rate-limited |

<details><summary>The 4 links</summary>

| Where | Rule | Problem |
| --- | --- | --- |
| [data/papers/kv-cache-optimization/0030-c.yaml:3](https://github.com/o/r/blob/abc/data/papers/kv-cache-optimization/0030-c.yaml#L3) | \`link-rate-limited\` | https://openreview.net/forum?id=x was rate-limited (429 \\| Retry-After 600) beyond the time budget; not checked, run again later. |
| [data/papers/kv-cache-optimization/0040-d.yaml:3](https://github.com/o/r/blob/abc/data/papers/kv-cache-optimization/0040-d.yaml#L3) | \`link-unverifiable\` | Could not verify https://www.sciencedirect.com/science/article/pii/1: 403 Forbidden. |
| [data/papers/memory-management/0010-e.yaml:3](https://github.com/o/r/blob/abc/data/papers/memory-management/0010-e.yaml#L3) | \`link-timeout\` | https://www.sciencedirect.com/science/article/pii/2 did not answer within 30 s, on this run and the previous one. |
| [data/papers/memory-management/0015-h.yaml:9](https://github.com/o/r/blob/abc/data/papers/memory-management/0015-h.yaml#L9) | \`link-unverifiable\` | Could not verify arXiv 2401.00002: 503 Service Unavailable. |

</details>

## To review (1)

Not dead, but worth a look: redirects, withdrawn papers, titles that differ from arXiv, published versions.

| Where | Rule | Problem |
| --- | --- | --- |
| [data/papers/memory-management/0020-f.yaml:3](https://github.com/o/r/blob/abc/data/papers/memory-management/0020-f.yaml#L3) | \`link-redirected\` | http://a.org/x permanently redirects to &lt;https://a.org/x>; --fix updates it. |
`;

const OPTIONS = { runUrl: 'https://github.com/o/r/actions/runs/7', fileUrl: 'https://github.com/o/r/blob/abc/' };

describe('deadLinkReport', () => {
  it('lists dead links, then blocked and rate-limited hosts apart, then what to review', () => {
    const report = deadLinkReport(FINDINGS, OPTIONS);
    expect(report.title).toBe('Dead-link report');
    expect(report.hasDead).toBe(true);
    expect(report.counts).toEqual({ dead: 2, unchecked: 4, hosts: 3, review: 1 });
    expect(report.body).toBe(EXPECTED);
  });

  it('is not dead when links could merely not be verified', () => {
    const unverifiable = FINDINGS.findings.filter((f) => ['link-unverifiable', 'link-rate-limited'].includes(f.rule));
    const report = deadLinkReport({ findings: unverifiable, summary });
    expect(report.hasDead).toBe(false);
    expect(report.body.split('\n').slice(0, 3)).toEqual([
      REPORT_MARKER,
      '',
      '**No dead links.** 3 links on 3 hosts could not be checked (blocked, rate-limited or timed out); they are listed apart and do not count as dead.',
    ]);
    expect(report.body).toContain('\n| `data/papers/kv-cache-optimization/0040-d.yaml:3` | `link-unverifiable` | ');
    expect(report.body).not.toContain('## Dead links');
  });

  it('says so when all is well, whatever else lint-list found', () => {
    const report = deadLinkReport({ findings: FINDINGS.findings.filter((f) => f.rule === 'schema'), summary });
    expect(report).toEqual({
      title: DEAD_LINK_REPORT_TITLE,
      body: `${REPORT_MARKER}\n\n**No dead links.** Every link answered.\n`,
      hasDead: false,
      unreachable: false,
      counts: { dead: 0, unchecked: 0, hosts: 0, review: 0 },
    });
  });

  it('from a run that found the network unreachable, says so and nothing about the links', () => {
    const links = linksSummary({
      references: 700,
      urls: 150,
      arxivIds: 490,
      network: { hosts: 60, failed: 58, dns: 58, refused: 0, connectTimeout: 0, noRoute: 0, unreachable: true },
    });
    // Findings of the offline rules may come along; they say nothing about links either.
    const report = deadLinkReport({ findings: FINDINGS.findings.filter((f) => f.rule === 'schema'), summary: { ...summary, links } }, OPTIONS);
    expect(report).toEqual({
      title: DEAD_LINK_REPORT_TITLE,
      body:
        `${REPORT_MARKER}\n\n**The network looked unreachable**: 58 of 60 hosts failed at DNS or connect, so no link was judged. ` +
        'The dead-link issue is left as it was; run the link check again later.\n\nFrom [this run of the link check](https://github.com/o/r/actions/runs/7).\n',
      hasDead: false,
      unreachable: true,
      counts: { dead: 0, unchecked: 0, hosts: 0, review: 0 },
    });
  });

  it('says what was checked when lint-list\'s summary has its link counts', () => {
    const links = linksSummary({ references: 1203, urls: 612, cached: 500, requests: 150, arxivIds: 1, elapsedMs: 1000 });
    expect(deadLinkReport({ findings: [], summary: { ...summary, links } }).body).toBe(
      `${REPORT_MARKER}\n\n**No dead links.** Every link answered.\n\nChecked 612 URLs and 1 arXiv identifier (1203 links in data/ and templates/).\n`,
    );
  });

  it('cuts long tables, so the body stays within what an issue holds', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ ...FINDINGS.findings[0]!, line: i + 1 }));
    const body = deadLinkReport({ findings: many, summary }, { maxRows: 2 }).body;
    expect(body.match(/`link-dead`/g)?.length).toBe(2);
    expect(body).toContain('\n\n…and 3 more: run `npm run lint-list -- --links` to see them all.\n');
  });

  it('keeps the body within what an issue holds, however many links are dead', () => {
    const long = 'x'.repeat(300);
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...FINDINGS.findings[0]!, line: i + 1, message: `Dead link https://example.org/${long}: 404.` }));
    const report = deadLinkReport({ findings: many, summary }, OPTIONS);
    expect(report.body.length).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    expect(report.body).toContain('\n\n…and 900 more: run `npm run lint-list -- --links` to see them all.\n');
    expect(report.counts.dead).toBe(1000);
  });

  it('classifies every rule of the link check, and no offline rule, whatever its name', () => {
    const linkRules = ['link-dead', 'link-redirected', 'link-unverifiable', 'link-rate-limited', 'link-timeout', 'private-address', 'arxiv-not-found', 'arxiv-title-mismatch', 'arxiv-withdrawn', 'arxiv-published'];
    expect(RULE_IDS).toEqual(expect.arrayContaining(linkRules));
    const counted = (rule: string) => {
      const finding = { rule, severity: 'warning' as const, file: 'f.yaml', line: 1, column: 1, message: 'https://x.org/ something' };
      const { counts } = deadLinkReport({ findings: [finding], summary });
      return counts.dead + counts.unchecked + counts.review;
    };
    for (const rule of linkRules) expect(counted(rule), rule).toBe(1);
    for (const rule of ['arxiv-url', 'arxiv-id-mismatch', 'http-url', 'schema']) expect(counted(rule), rule).toBe(0);
  });

  it('finds the host in a message', () => {
    expect(hostOf('Dead link https://www.example.org:8443/a/b?c=d: 404 Not Found.')).toBe('www.example.org:8443');
    expect(hostOf('Could not verify arXiv 2401.00002: 503.')).toBe('arXiv API');
    expect(hostOf('no url')).toBe('(no URL in the message)');
  });
});

describe('parseFindingsJson', () => {
  it('reads lint-list JSON and says what is wrong with anything else', () => {
    expect(parseFindingsJson(JSON.stringify(FINDINGS)).value).toEqual(FINDINGS);
    // Neither JSON.parse's words nor zod's reach the user.
    expect(parseFindingsJson('{').error).toBe('not JSON; give it the file that npm run lint-list -- --format json writes');
    expect(parseFindingsJson('{"findings":[{"rule":"link-dead"}],"summary":{}}').error).toBe(
      'not lint-list JSON output: at findings.0.severity: missing',
    );
    // The same schema as lint-list's output: no rule it does not know, no field it does not write.
    expect(parseFindingsJson('{"findings":[{"rule":"x"}],"summary":{}}').error).toBe('not lint-list JSON output: at findings.0.rule: not a rule id of lint-list');
    expect(parseFindingsJson('{"findings":[{"rule":"link-dead","severity":"fatal"}],"summary":{}}').error).toBe(
      'not lint-list JSON output: at findings.0.severity: must be "error" or "warning" or "info"',
    );
    expect(parseFindingsJson('{"findings":{},"summary":{}}').error).toBe('not lint-list JSON output: at findings: must be a list');
    expect(parseFindingsJson(JSON.stringify({ ...FINDINGS, summary: { ...summary, extra: 1 } })).error).toBe(
      'not lint-list JSON output: at summary: unknown field "extra"',
    );
  });
});

describe('npm run link-report', () => {
  // link-report as a process (through the launcher); the other cases call it in-process.
  it('writes the body to --out and prints title and dead for $GITHUB_OUTPUT', () => {
    const dir = tempDir('link-report-');
    writeFileSync(join(dir, 'links.json'), JSON.stringify(FINDINGS));
    const run = runCli('link-report', ['links.json', '--out', 'out/report.md', '--run-url', OPTIONS.runUrl, '--file-url', OPTIONS.fileUrl], { cwd: dir });
    expect(run).toEqual({
      code: 0,
      stdout: 'title=Dead-link report\ndead=true\nunreachable=false\n',
      stderr: 'link-report: 2 dead, 4 unchecked on 3 blocked or rate-limited hosts, 1 to review; wrote out/report.md.\n',
    });
    expect(readFileSync(join(dir, 'out', 'report.md'), 'utf8')).toBe(EXPECTED);
  });

  it('prints dead=false, and exits 0, when nothing is dead', async () => {
    const dir = tempDir('link-report-');
    writeFileSync(join(dir, 'links.json'), JSON.stringify({ findings: [], summary }));
    const run = await runInProcess('link-report', ['links.json', '--out', 'report.md'], { cwd: dir });
    expect(run).toEqual({
      code: 0,
      stdout: 'title=Dead-link report\ndead=false\nunreachable=false\n',
      stderr: 'link-report: 0 dead, 0 unchecked on 0 blocked or rate-limited hosts, 0 to review; wrote report.md.\n',
    });
  });

  it('prints unreachable=true when the run found the network unreachable', async () => {
    const dir = tempDir('link-report-');
    const links = linksSummary({ references: 3, urls: 3, network: { hosts: 3, failed: 3, dns: 3, refused: 0, connectTimeout: 0, noRoute: 0, unreachable: true } });
    writeFileSync(join(dir, 'links.json'), JSON.stringify({ findings: [], summary: { ...summary, links } }));
    const run = await runInProcess('link-report', ['links.json', '--out', 'report.md'], { cwd: dir });
    expect(run).toEqual({
      code: 0,
      stdout: 'title=Dead-link report\ndead=false\nunreachable=true\n',
      stderr: 'link-report: the network looked unreachable, no link was judged; wrote report.md.\n',
    });
  });

  it('exits 2 on bad usage and on input that is not lint-list JSON', async () => {
    const dir = tempDir('link-report-');
    writeFileSync(join(dir, 'bad.json'), '[]');
    const noOut = await runInProcess('link-report', ['bad.json'], { cwd: dir });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/^link-report: --out <report\.md> is required\n\nUsage: npm run --silent link-report -- /);
    expect(await runInProcess('link-report', ['missing.json', '--out', 'r.md'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'link-report: cannot read missing.json: no such file or folder\n',
    });
    expect(await runInProcess('link-report', ['bad.json', '--out', 'r.md'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'link-report: bad.json: not lint-list JSON output: at the top level: must be an object\n',
    });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/core/problem.js';
import { writeTreeAtomic } from '../../src/fs/write.js';
import { decodeReadme } from '../../src/import/decode.js';
import { importReadme } from '../../src/import/readme.js';
import { dataFiles } from '../../src/import/write-data.js';
import { lintDataDir } from '../../src/lint/load-for-lint.js';
import { loadTemplates } from '../../src/render/read-templates.js';
import { runCli, SEED, tempDir } from '../helpers.js';
import { LintJsonOutput } from '../../src/core/findings-json.js';

/**
 * The seed README, imported as it came, holds the defects the list really had. Linting the import
 * must find each of them, and nothing else.
 */
let dir: string;
let problems: Problem[];

beforeAll(async () => {
  dir = tempDir('seed-lint-');
  const decoded = decodeReadme(readFileSync(SEED), 'README.seed.md');
  const imported = importReadme(decoded.text, 'README.seed.md');
  writeTreeAtomic(join(dir, 'data'), dataFiles(imported.value, '../schema'));
  writeTreeAtomic(join(dir, 'templates'), new Map([['README.md', imported.value.template]]));
  const result = await lintDataDir(join(dir, 'data'), {
    cwd: dir,
    templates: loadTemplates(join(dir, 'templates'), dir),
    now: new Date('2025-06-01T00:00:00Z'),
  });
  problems = result.problems;
});

function at(p: Problem): string {
  return `${p.file}:${p.line}:${p.column} ${p.rule}`;
}

describe('linting the imported seed', () => {
  it('finds its real defects, by rule', () => {
    const counts: Record<string, number> = {};
    for (const p of problems) counts[p.rule] = (counts[p.rule] ?? 0) + 1;
    expect(counts).toEqual({
      // Authors (and two titles) exported from BibTeX: R{\'e}, Mi{\l}o{\'s}, 2\%, Vision \& Language.
      'latex-markup': 42,
      // Six titles with "$\$", a title ending ".(2023)", a venue "URL https://…",
      // two venues "arXiv e-prints, arXiv--24xx", and 117 venues with a page range "1--67".
      'bibtex-debris': 127,
      // An ADS bibcode link and an /abs/…v5 link.
      'arxiv-url': 2,
      'duplicate-arxiv-id': 1,
      'duplicate-title': 1,
      'url-title-conflict': 1,
      'missing-url': 1,
      'unparsed-entry': 1,
      // The title "….." (two periods) is the importer's to report and repair, with the same rule (import-fidelity.test.ts).
      // "Qwen, :, An Yang, …": the colon of "Qwen: An Yang" became an author.
      'author-shape': 1,
      // The structure figure paper_structure.png, which the repository never had, and README_zh.md,
      // which no template of the import generates.
      'relative-link': 2,
    });
  });

  it('names both places of each duplicate and conflict', () => {
    const identity = problems.filter((p) => ['duplicate-arxiv-id', 'duplicate-title', 'url-title-conflict'].includes(p.rule));
    expect(identity.map((p) => `${at(p)}: ${p.message}`)).toEqual([
      'data/papers/architecture-innovation/0290-gated-slot-attention-for-efficient-linear.yaml:3:8 duplicate-title: The same title is listed at data/papers/architecture-innovation/0110-gated-slot-attention-for-efficient-linear.yaml:3 with another link (https://proceedings.neurips.cc/paper_files/paper/2024/hash/d3f39e51f5f634fb16cc3e658f8512b9-Abstract-Conference.html); keep one entry, e.g. the published version.',
      'data/papers/length-extrapolation/0390-cd-pos-long-context-generalization-in.yaml:4:6 url-title-conflict: https://proceedings.neurips.cc/paper_files/paper/2023/hash/8511d06d5590f4bda24d42087802cc81-Abstract-Conference.html is also listed at data/papers/length-extrapolation/0330-focused-transformer-contrastive-training-for-context.yaml:4 under another title ("Focused transformer: Contrastive training for context scaling"); one of the two points at the wrong paper.',
      'data/papers/long-context-evaluation/0810-a-benchmark-for-long-form-medical.yaml:4:6 duplicate-arxiv-id: arXiv 2411.09834 is listed twice: here and at data/papers/long-context-evaluation/0620-a-benchmark-for-long-form-medical.yaml:4; keep one entry.',
    ]);
  });

  it('places text defects at their field', () => {
    const located = problems.map(at);
    expect(located).toContain('data/papers/training-infrastructure/0510-zero-offload-democratizing-billion-scale-model.yaml:3:8 bibtex-debris');
    expect(located).toContain('data/papers/long-context-mllm/0390-long-context-transfer-from-language-to.yaml:16:8 bibtex-debris');
    expect(located).toContain('data/papers/training-infrastructure/0150-efficient-large-scale-language-model-training.yaml:4:6 arxiv-url');
    expect(located).toContain('data/papers/survey-technical-report/0310-world-model-on-million-length-video.yaml:4:6 arxiv-url');
    expect(located).toContain('data/papers/long-context-post-training/0110-long-context-understanding-using-self-generated.yaml:3:6 unparsed-entry');
    const figure = problems.find((p) => p.rule === 'relative-link' && p.message.startsWith('"paper_structure.png"'));
    expect(figure && `${at(figure)}: ${figure.message}`).toBe(
      'templates/README.md:46:15 relative-link: "paper_structure.png" points to no file in the repository (relative links resolve from the repository root, where the README is generated).',
    );
    const latex = problems.find((p) => p.rule === 'latex-markup' && p.file.endsWith('0290-splitwise-efficient-generative-llm-inference-using.yaml'));
    expect(latex && `${at(latex)}: ${latex.message}`).toBe(
      'data/papers/inference-infrastructure/0290-splitwise-efficient-generative-llm-inference-using.yaml:10:5 latex-markup: Field "authors[4]" holds LaTeX markup: "{\\\'I}{\\~n}igo Goiri" should read "Íñigo Goiri".',
    );
  });

  it('leaves, after --fix, exactly the defects that need a person', () => {
    const fix = runCli('lint-list', ['--fix', '--format', 'json'], { cwd: dir });
    const rules = LintJsonOutput.parse(JSON.parse(fix.stdout)).findings.map((p) => p.rule).sort();
    expect(rules).toEqual([
      'author-shape',
      'bibtex-debris',
      'bibtex-debris',
      'bibtex-debris',
      'duplicate-arxiv-id',
      'duplicate-title',
      'missing-url',
      'relative-link',
      'relative-link',
      'unparsed-entry',
      'url-title-conflict',
    ]);
    // 168, not 169: the README title of 0530 ending in ".." was already repaired by the importer (the same title-style rule).
    expect(fix.stderr.split('\n')[0]).toBe('Fixed 168 fields in 141 files:');
    expect(fix.code).toBe(1);
  });
});

import type { Problem } from '../core/problem.js';

/** GitHub stops rendering a README above 512 KiB; warn well before. */
export const GITHUB_README_LIMIT = 512 * 1024;
export const SIZE_WARNING_RATIO = 0.8;

/** A warning for each generated file (name and size in bytes) GitHub may not render. */
export function sizeProblems(outputs: readonly { name: string; bytes: number }[], display: (name: string) => string): Problem[] {
  const problems: Problem[] = [];
  for (const file of outputs) {
    const { bytes } = file;
    if (bytes < GITHUB_README_LIMIT * SIZE_WARNING_RATIO) continue;
    const kib = Math.round(bytes / 1024);
    problems.push({
      rule: 'readme-size',
      severity: 'warning',
      file: display(file.name),
      line: 1,
      column: 1,
      message:
        bytes > GITHUB_README_LIMIT
          ? `${file.name} is ${kib} KiB; GitHub does not render a README above 512 KiB.`
          : `${file.name} is ${kib} KiB, over 80 % of the 512 KiB GitHub renders.`,
    });
  }
  return problems;
}

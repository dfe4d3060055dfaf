/**
 * Fallback for peak memory where /usr/bin/time is missing: loaded into every node process of a
 * measured command with NODE_OPTIONS=--import, it appends the process's max RSS (KiB) to the file
 * named by BENCH_RSS_FILE when the process exits. The harness takes the largest line.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // Measuring must never break the measured command.
    }
  });
}

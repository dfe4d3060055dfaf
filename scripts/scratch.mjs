// Where a test run keeps its temporary files: shared by scripts/test.mjs (npm test) and
// tests/global-setup.ts (a bare `vitest`). Plain JavaScript: test.mjs runs without a build step.
import { accessSync, constants, readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The run's temporary files take a few hundred MiB at most; a smaller /dev/shm (a container's 64 MiB) is not used. */
const MIN_MEMORY_TEMP_BYTES = 1024 ** 3;

/** A run's scratch folder is <base>/thus-spake-tests-XXXXXX. */
export const SCRATCH_PREFIX = 'thus-spake-tests-';

/** A run's scratch folder changes whenever a test file makes a temporary folder: one untouched this long is a killed run's. */
const ABANDONED_MS = 60 * 60 * 1000;

/**
 * A memory-backed folder for the run's temporary files, where the system has one with room (Linux:
 * /dev/shm): the tests copy, write and remove tens of thousands of small files, 24-52 s of kernel CPU
 * time a run on this machine's disk, 12-15 s in memory. Undefined: use the system's temporary folder.
 */
export function scratchBase() {
  try {
    accessSync('/dev/shm', constants.W_OK);
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize < MIN_MEMORY_TEMP_BYTES) return undefined;
  } catch {
    return undefined;
  }
  removeAbandoned('/dev/shm');
  return '/dev/shm';
}

/** Removes what killed runs left (a killed run skips every cleanup): in memory, it would stay until a reboot. */
function removeAbandoned(base) {
  for (const name of readdirSync(base)) {
    if (!name.startsWith(SCRATCH_PREFIX)) continue;
    try {
      if (Date.now() - statSync(join(base, name)).mtimeMs > ABANDONED_MS) rmSync(join(base, name), { recursive: true, force: true });
    } catch {
      // Another run removed it first, or it is not ours to remove.
    }
  }
}

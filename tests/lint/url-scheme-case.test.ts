import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintListCommand } from '../../src/cli/lint-list.js';
import { memoryIo, tempDir, writeFiles } from '../helpers.js';

const CATEGORIES = 'categories:\n  - id: alpha\n    name:\n      en: Alpha\n';
const paper = (url: string) => `title: A paper\nurl: ${url}\nauthors:\n  - Ada Lovelace\nyear: 2024\n`;

describe('url-scheme-case: a URL scheme in capitals', () => {
  it('is a warning, not a schema error: the entry loads, and --fix writes the scheme in lowercase, the rest as it was', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'categories.yaml': CATEGORIES, 'papers/alpha/0010-a.yaml': paper('HTTPS://example.org/X?Q=HTTPS://') });
    const io = memoryIo(dir);
    expect(await lintListCommand(['--data', '.'], io)).toBe(0);
    expect(io.out()).toBe(
      'papers/alpha/0010-a.yaml\n' +
        'papers/alpha/0010-a.yaml:2:6  warning  Field "url" writes its scheme as "HTTPS:"; the list writes it in lowercase, "https:".  url-scheme-case\n' +
        '\n' +
        '0 errors, 1 warning in 1 file (1 fixable with --fix)\n',
    );
    const fix = memoryIo(dir);
    expect(await lintListCommand(['--data', '.', '--fix'], fix)).toBe(0);
    expect(readFileSync(join(dir, 'papers/alpha/0010-a.yaml'), 'utf8')).toBe(paper('https://example.org/X?Q=HTTPS://'));
  });

  it('leaves another scheme in capitals to url-scheme, an error with no fix', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'categories.yaml': CATEGORIES, 'papers/alpha/0010-a.yaml': paper('FTP://example.org/x') });
    const io = memoryIo(dir);
    expect(await lintListCommand(['--data', '.', '--fix'], io)).toBe(1);
    expect(io.out() + io.err()).toContain(
      'papers/alpha/0010-a.yaml:2:6  error  Field "url" must be an https: or http: URL without spaces, but is "FTP://example.org/x".  url-scheme\n',
    );
    expect(readFileSync(join(dir, 'papers/alpha/0010-a.yaml'), 'utf8')).toBe(paper('FTP://example.org/x'));
  });
});

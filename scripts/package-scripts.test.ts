import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };

describe('package.json', () => {
  // `npm run serve` once ran bin/broadsheet.ts, which does not exist.
  it('names only files that exist in its scripts and bin', () => {
    for (const [name, command] of Object.entries(pkg.scripts)) {
      for (const file of command.match(/[\w./-]+\.(?:ts|js|mjs|cjs)\b/g) ?? []) {
        if (file.includes('*') || file === 'electron.config.ts' || file === 'tsconfig.json') continue;
        expect(existsSync(join(root, file)), `${name}: ${file}`).toBe(true);
      }
    }
    for (const file of Object.values(pkg.bin)) expect(existsSync(join(root, file)), file).toBe(true);
  });
});

import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import direction between folders', () => {
  it('keeps core free of Node, Electron, pdf.js and the processes that use it', async () => {
    expect(await restrictedImports('core/x.ts', "import { readFileSync } from 'node:fs';\nreadFileSync('a');\n")).toHaveLength(1);
    expect(await restrictedImports('core/x.ts', "import 'electron';\n")).toHaveLength(1);
    expect(await restrictedImports('core/x.ts', "import 'pdfjs-dist';\n")).toHaveLength(1);
    expect(await restrictedImports('core/x.ts', "import '../src-main/main.ts';\n")).toHaveLength(1);
    expect(await restrictedImports('core/x.ts', "import { z } from 'zod';\nz.string();\n")).toHaveLength(0);
  });

  it('keeps the renderer away from Node and main-process code', async () => {
    expect(await restrictedImports('src-renderer/x.ts', "import 'node:fs';\n")).toHaveLength(1);
    expect(await restrictedImports('src-renderer/x.ts', "import '../src-main/host/server.ts';\n")).toHaveLength(1);
    expect(await restrictedImports('src-renderer/x.ts', "import '../core/page-model.ts';\n")).toHaveLength(0);
  });

  it('keeps Electron out of the CLI and browser host', async () => {
    expect(await restrictedImports('src-main/host/x.ts', "import 'electron';\n")).toHaveLength(1);
    expect(await restrictedImports('src-main/electron/x.ts', "import 'electron';\n")).toHaveLength(0);
  });
});

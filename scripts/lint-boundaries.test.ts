import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  return violations(file, code, 'no-restricted-imports');
}

async function violations(file: string, code: string, rule: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
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

  it('catches every Node built-in in core, bare names too', async () => {
    expect(await restrictedImports('core/x.ts', "import { inspect } from 'util';\ninspect(1);\n")).toHaveLength(1);
    expect(await restrictedImports('core/x.ts', "import { StringDecoder } from 'string_decoder';\nnew StringDecoder();\n")).toHaveLength(1);
    expect(await restrictedImports('core/x.ts', "import { promises } from 'fs/promises';\nvoid promises;\n")).toHaveLength(1);
  });

  it('catches dynamic import() and require() of Node and of other layers', async () => {
    expect(await violations('core/x.ts', "export const f = () => import('node:fs');\n", 'no-restricted-syntax')).toHaveLength(1);
    expect(await violations('core/x.ts', "export const f = () => import('util');\n", 'no-restricted-syntax')).toHaveLength(1);
    expect(await violations('core/x.ts', "export const f = () => require('fs');\n", 'no-restricted-syntax')).toHaveLength(1);
    expect(await violations('core/x.ts', "export const f = () => import('../src-main/cli/main.ts');\n", 'no-restricted-syntax')).toHaveLength(1);
    expect(await violations('src-renderer/x.ts', "export const f = () => import('../src-main/host/server.ts');\n", 'no-restricted-syntax')).toHaveLength(1);
    expect(await violations('src-renderer/x.ts', "export const f = () => import('node:path');\n", 'no-restricted-syntax')).toHaveLength(1);
    expect(await violations('src-renderer/x.ts', "export const f = () => import('./lib/pdf.ts');\n", 'no-restricted-syntax')).toHaveLength(0);
    expect(await violations('core/x.ts', "export const f = () => import('./page-model.ts');\n", 'no-restricted-syntax')).toHaveLength(0);
  });

  it('keeps DOM and Node globals out of core, and Node globals out of the renderer', async () => {
    for (const name of ['document', 'window', 'process', 'Buffer']) {
      expect(await violations('core/x.ts', `export const v = ${name};\n`, 'no-restricted-globals'), name).toHaveLength(1);
    }
    expect(await violations('src-renderer/x.ts', 'export const v = process.env;\n', 'no-restricted-globals')).toHaveLength(1);
    expect(await violations('src-renderer/x.ts', 'export const v = document.title;\n', 'no-restricted-globals')).toHaveLength(0);
  });

  it('keeps the Electron side, services and host from importing the CLI', async () => {
    expect(await restrictedImports('src-main/electron/x.ts', "import '../cli/args.ts';\n")).toHaveLength(1);
    expect(await restrictedImports('src-main/main.ts', "import './cli/main.ts';\n")).toHaveLength(1);
    expect(await restrictedImports('src-main/services/x.ts', "import '../cli/serve-command.ts';\n")).toHaveLength(1);
    expect(await restrictedImports('src-main/cli/x.ts', "import '../services/app-services.ts';\n")).toHaveLength(0);
  });

  it('keeps test helpers out of production code', async () => {
    expect(await restrictedImports('core/layout/x.ts', "import '../../test-support/synthetic-page.ts';\n")).toHaveLength(1);
    expect(await restrictedImports('src-main/extract/x.ts', "import '../../test-support/edit-distance.ts';\n")).toHaveLength(1);
    expect(await restrictedImports('src-main/extract/x.test.ts', "import '../../test-support/edit-distance.ts';\n")).toHaveLength(0);
    expect(await restrictedImports('core/layout/x.test.ts', "import '../../test-support/synthetic-page.ts';\n")).toHaveLength(0);
  });
});

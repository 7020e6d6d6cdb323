import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/**
 * The per-layer tsconfigs make the type checker refuse what a layer's
 * runtime lacks. Each probe is compiled alone (plus the default libs)
 * under that layer's options, so this stays quick.
 */
function typeErrors(layer: 'core' | 'renderer' | 'main', file: string, code: string): string[] {
  const configPath = join(root, `tsconfig.${layer}.json`);
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath);
  const probe = join(root, file);
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) => (name === probe ? ts.createSourceFile(name, code, lang) : read(name, lang, ...rest));
  const program = ts.createProgram([probe], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('one tsconfig per layer', () => {
  it('core has neither DOM nor Node', () => {
    expect(typeErrors('core', 'core/probe.ts', 'export const t = document.title;')).toEqual([expect.stringMatching(/Cannot find name 'document'/)]);
    expect(typeErrors('core', 'core/probe.ts', 'export const t = process.env.HOME;')).toEqual([expect.stringMatching(/Cannot find name 'process'/)]);
    expect(typeErrors('core', 'core/probe.ts', "export const t = Buffer.from('a');")).toEqual([expect.stringMatching(/Cannot find name 'Buffer'/)]);
    expect(typeErrors('core', 'core/probe.ts', 'export const t = [1, 2].at(-1);')).toEqual([]);
  });

  it('the renderer has the DOM but not Node', () => {
    expect(typeErrors('renderer', 'src-renderer/probe.ts', 'export const t = document.title;')).toEqual([]);
    expect(typeErrors('renderer', 'src-renderer/probe.ts', 'export const t = process.env.HOME;')).toEqual([expect.stringMatching(/Cannot find name 'process'/)]);
  });

  it('main has Node but not the DOM', () => {
    expect(typeErrors('main', 'src-main/probe.ts', 'export const t = process.env.HOME;')).toEqual([]);
    expect(typeErrors('main', 'src-main/probe.ts', 'export const t = window.name;')).toEqual([expect.stringMatching(/Cannot find name 'window'/)]);
  });
});

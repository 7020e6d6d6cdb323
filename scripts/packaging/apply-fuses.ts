import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { flipFuses, getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { BROADSHEET_FUSES } from './fuses.ts';

/**
 * Flips Broadsheet's fuses in a packaged Electron binary (or a macOS .app),
 * then reads them back and fails unless every fuse is as configured.
 * Run by electron-builder's afterPack hook (electron-builder.config.mjs), or
 * by hand: `node scripts/packaging/apply-fuses.ts path/to/Broadsheet`.
 * Never run it on node_modules/electron: OnlyLoadAppFromAsar would stop
 * `npm start` from loading the unpacked app.
 */
export async function applyFuses(binary: string): Promise<Record<string, boolean>> {
  if (!existsSync(binary)) throw new Error(`no Electron binary at ${binary}: package the app first`);
  await flipFuses(binary, BROADSHEET_FUSES);
  const wire = await getCurrentFuseWire(binary);
  const result: Record<string, boolean> = {};
  for (const [key, wanted] of Object.entries(BROADSHEET_FUSES)) {
    const index = Number(key);
    if (!Number.isInteger(index)) continue;
    const state = wire[index as FuseV1Options] as unknown as number;
    const actual = state === 49; // '1'
    const name = FuseV1Options[index];
    if (actual !== wanted) throw new Error(`fuse ${name} is ${actual ? 'on' : 'off'} in ${binary} after flipping; wanted ${wanted ? 'on' : 'off'}`);
    result[name] = actual;
  }
  return result;
}

if (import.meta.main) {
  const binary = process.argv[2];
  if (!binary) {
    console.error('usage: node scripts/packaging/apply-fuses.ts PATH_TO_PACKAGED_BINARY_OR_APP');
    process.exit(2);
  }
  try {
    const fuses = await applyFuses(resolve(binary));
    console.log(`fuses set in ${binary}: ${Object.entries(fuses).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`).join(', ')}`);
  } catch (err) {
    console.error(`apply-fuses: ${(err as Error).message}`);
    process.exit(1);
  }
}

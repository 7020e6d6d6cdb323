// Packaging configuration for electron-builder (not a dependency: install it where you package,
// `npx electron-builder --config electron-builder.config.mjs`, after `npm run build`).
import { join } from 'node:path';

/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'org.broadsheet.reader',
  productName: 'Broadsheet',
  directories: { output: 'dist' },
  files: ['out/**', 'assets/sample/**', 'package.json', '!**/*.map'],
  asar: true,
  // pdf.js workers and the extraction worker are loaded as files; sharp (page previews) loads native libvips binaries,
  // @napi-rs/canvas (typeset previews) its own .node file.
  asarUnpack: ['out/main/chunks/**', 'out/main/*worker*', '**/node_modules/sharp/**', '**/node_modules/@img/**', '**/node_modules/@napi-rs/**'],
  linux: { target: ['AppImage'], category: 'Office' },
  mac: { target: ['dmg'], category: 'public.app-category.productivity', hardenedRuntime: true },
  win: { target: ['nsis'] },
  // Fuses are flipped in the packaged binary before it is signed and wrapped.
  afterPack: async (context) => {
    const { applyFuses } = await import('./scripts/packaging/apply-fuses.ts');
    const name = context.packager.appInfo.productFilename;
    const binary = {
      darwin: join(context.appOutDir, `${name}.app`),
      win32: join(context.appOutDir, `${name}.exe`),
      linux: join(context.appOutDir, context.packager.executableName ?? name),
    }[context.electronPlatformName];
    const fuses = await applyFuses(binary);
    console.log(`  • fuses set: ${Object.entries(fuses).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`).join(', ')}`);
  },
};

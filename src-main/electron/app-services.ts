import { app } from 'electron';
import { join, resolve } from 'node:path';
import { parseArgs } from '../cli/args.ts';
import { createProcessor } from '../library/processor.ts';
import { openAppServices, type AppServices } from '../services/app-services.ts';
import { SAMPLE_DIR } from '../services/paths.ts';
// electron-vite emits the worker as its own bundle and gives us its path.
import extractWorkerPath from '../extract/extract-worker.ts?modulePath';

/** `--library DIR` on the command line wins over the platform's userData folder. */
function libraryDirFromArgv(argv: string[]): string {
  const dashIndex = argv.findIndex((a) => a === '--library' || a.startsWith('--library='));
  if (dashIndex >= 0) {
    const { flags } = parseArgs(argv.slice(dashIndex, dashIndex + (argv[dashIndex].includes('=') ? 1 : 2)), ['library'], []);
    return resolve(flags.get('library') as string);
  }
  return process.env.BROADSHEET_LIBRARY ? resolve(process.env.BROADSHEET_LIBRARY) : join(app.getPath('userData'), 'library');
}

export async function registerServices(): Promise<{ services: AppServices; processor: ReturnType<typeof createProcessor> }> {
  const processor = createProcessor({ workerUrl: extractWorkerPath });
  const services = await openAppServices({
    libraryDir: libraryDirFromArgv(process.argv),
    host: 'electron',
    version: app.getVersion(),
    processor,
    sampleDir: SAMPLE_DIR,
  });
  app.on('will-quit', () => void services.close());
  return { services, processor };
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../host/server.ts';
import { createProcessor } from '../library/processor.ts';
import { openAppServices } from '../services/app-services.ts';
import { RENDERER_DIR, SAMPLE_DIR } from '../services/paths.ts';
import { version } from '../services/version.ts';

export async function serveCommand(opts: { libraryDir: string; port: number; rendererDir?: string }): Promise<RunningHost> {
  const rendererDir = opts.rendererDir ?? RENDERER_DIR;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`renderer not built (${rendererDir} has no index.html): run "npm run build" first`);
  }
  const services = await openAppServices({
    libraryDir: opts.libraryDir,
    host: 'browser',
    version,
    processor: createProcessor(),
    sampleDir: SAMPLE_DIR,
  });
  const host = await startHost({ services, rendererDir, port: opts.port });
  const close = host.close;
  host.close = async () => {
    await close();
    await services.close();
  };
  return host;
}

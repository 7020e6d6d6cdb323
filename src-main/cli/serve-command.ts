import { startHost, type RunningHost } from '../host/server.ts';
import { createProcessor } from '../library/processor.ts';
import { openAppServices } from '../services/app-services.ts';
import { RENDERER_DIR, SAMPLE_DIR } from '../services/paths.ts';
import { version } from '../services/version.ts';
import { ensureRendererBuilt } from './renderer-build.ts';

export async function serveCommand(opts: { libraryDir: string; port: number; rendererDir?: string }): Promise<RunningHost> {
  const rendererDir = opts.rendererDir ?? RENDERER_DIR;
  ensureRendererBuilt(rendererDir);
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

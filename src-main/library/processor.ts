import type { PageProcessor } from './import-service.ts';
import { inThreadProcessor } from './in-thread-processor.ts';

/** The processor the app hosts use. */
export function createProcessor(): PageProcessor & { close(): Promise<void> } {
  return { process: inThreadProcessor.process, close: async () => {} };
}

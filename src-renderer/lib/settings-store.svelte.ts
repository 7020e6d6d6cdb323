import type { Settings, SettingsPatch } from '../../core/settings.ts';
import { defaultSettings } from '../../core/settings-defaults.ts';
import { createPatchSaver } from './patch-saver.ts';

/**
 * The reader's settings: applied at once (the window follows the splitter
 * and the zoom as they move) and written after a quiet period, so a drag
 * costs one write. Only the keys changed go out: a partial patch never
 * resets the others.
 */
export interface SettingsBackend {
  read: () => Promise<Settings>;
  write: (patch: SettingsPatch) => Promise<unknown>;
  fail: (err: unknown) => void;
  delayMs?: number;
}

export class SettingsStore {
  value = $state<Settings>(structuredClone(defaultSettings));
  private readonly saver;
  private readonly backend: SettingsBackend;

  constructor(backend: SettingsBackend) {
    this.backend = backend;
    this.saver = createPatchSaver<SettingsPatch>(backend.write, backend.delayMs ?? 400, backend.fail);
  }

  /** Stored settings replace the defaults; on failure the defaults stay and the error is shown. */
  async load(): Promise<void> {
    try {
      this.value = await this.backend.read();
    } catch (err) {
      this.backend.fail(err);
    }
  }

  set(patch: SettingsPatch): void {
    Object.assign(this.value, patch);
    this.saver.save(patch);
  }

  /** Writes what is pending now (the window is going away). */
  flush(): Promise<void> {
    return this.saver.flush();
  }
}

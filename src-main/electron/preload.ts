import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ArchiveBridge, EventName, Params, Reply, RequestName } from '../../core/contract.ts';
import { APP_ORIGIN, EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels.ts';

/**
 * The only thing the preload exposes: `window.archive`, a typed door with two
 * channels. No ipcRenderer, no Node, no generic send reaches the page.
 */
const bridge: ArchiveBridge = {
  invoke<N extends RequestName>(name: N, params: Params<N>): Promise<Reply<N>> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, name, params) as Promise<Reply<N>>;
  },
  on(event, listener) {
    const handler = (_e: IpcRendererEvent, name: EventName, payload: unknown) => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
  fileUrl(id: string): string {
    return `${APP_ORIGIN}/files/${encodeURIComponent(id)}`;
  },
};

contextBridge.exposeInMainWorld('archive', bridge);

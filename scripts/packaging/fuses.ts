import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';

/**
 * Electron fuses for the packaged app, flipped in the binary at packaging time
 * (they cannot be changed at run time, by the app or by an attacker):
 * - no ELECTRON_RUN_AS_NODE, NODE_OPTIONS or --inspect: the signed binary
 *   cannot be turned into a general Node runtime or a debugger target;
 * - the app loads only from its ASAR archive, whose integrity is checked
 *   (macOS and Windows; electron-builder embeds the hash);
 * - cookies are encrypted at rest with the OS keychain;
 * - file:// gets no extra privileges (we load from app://bundle only).
 * strictlyRequireAllFuses: an Electron upgrade that adds a fuse fails the
 * packaging step until the new fuse is decided here.
 */
export const BROADSHEET_FUSES: FuseConfig = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  resetAdHocDarwinSignature: process.platform === 'darwin',
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
};

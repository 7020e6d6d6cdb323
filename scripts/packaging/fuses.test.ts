import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFuses } from './apply-fuses.ts';
import { BROADSHEET_FUSES } from './fuses.ts';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A stand-in for an Electron binary: bytes around a fuse wire laid out as Electron lays it (sentinel, version, length, states). */
function fakeBinary(states: string): Buffer {
  return Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL), Buffer.from([1, states.length]), Buffer.from(states), Buffer.alloc(4096, 0x90)]);
}

describe('Electron fuses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-fuses-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('decide every fuse, with Node entry points closed and the app loaded only from a checked ASAR', () => {
    expect(BROADSHEET_FUSES.strictlyRequireAllFuses).toBe(true);
    const c = BROADSHEET_FUSES as unknown as Record<number, boolean>;
    expect(c[FuseV1Options.RunAsNode]).toBe(false);
    expect(c[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(c[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(c[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(c[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(c[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(c[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    const numeric = Object.values(FuseV1Options).filter((v) => typeof v === 'number');
    for (const index of numeric) expect(typeof c[index as number], FuseV1Options[index as number]).toBe('boolean');
  });

  it('are flipped in the binary and read back, leaving every other byte as it was', async () => {
    // Electron's defaults: RunAsNode, NODE_OPTIONS, --inspect on; ASAR checks off; wasm trap handlers on.
    const before = fakeBinary('101100011');
    const binary = join(dir, 'electron');
    writeFileSync(binary, before);
    const fuses = await applyFuses(binary);
    expect(fuses).toMatchObject({ RunAsNode: false, EnableNodeCliInspectArguments: false, OnlyLoadAppFromAsar: true, EnableCookieEncryption: true });
    const after = readFileSync(binary);
    const at = after.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(after.subarray(at, at + 9).toString()).toBe('010011001');
    expect(Buffer.concat([after.subarray(0, at), after.subarray(at + 9)])).toEqual(Buffer.concat([before.subarray(0, at), before.subarray(at + 9)]));
  });

  it('refuse a binary with a fuse this configuration has not decided (an Electron upgrade)', async () => {
    const binary = join(dir, 'newer-electron');
    writeFileSync(binary, fakeBinary('1011000111'));
    await expect(applyFuses(binary)).rejects.toThrow(/strictlyRequireAllFuses/);
    await expect(applyFuses(join(dir, 'absent'))).rejects.toThrow(/no Electron binary at/);
  });
});

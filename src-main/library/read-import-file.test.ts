import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAltoBytes, readAltoBytesAsync } from './alto-sidecar.ts';
import { readImportFile, readImportFileAsync } from './import-paths.ts';

describe('reading a file for import off the main thread gives what the synchronous read gives', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-read-import-'));
    writeFileSync(join(dir, 'page.pdf'), '%PDF-1.4 a page\n%%EOF\n');
    writeFileSync(join(dir, 'empty.pdf'), '');
    mkdirSync(join(dir, 'folder.pdf'));
    symlinkSync(join(dir, 'gone.pdf'), join(dir, 'dangling.pdf'));
    execFileSync('mkfifo', [join(dir, 'pipe.pdf')]);
    writeFileSync(join(dir, 'page.alto.xml'), '<alto/>');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['page.pdf', 'empty.pdf', 'folder.pdf', 'dangling.pdf', 'missing.pdf', 'pipe.pdf'])('%s', async (name) => {
    const file = join(dir, name);
    const sync = readImportFile(file);
    const async = await readImportFileAsync(file);
    expect(async).toEqual(sync);
    if (name === 'page.pdf') expect(new TextDecoder().decode((async as { bytes: Uint8Array }).bytes)).toBe('%PDF-1.4 a page\n%%EOF\n');
    if (name === 'pipe.pdf') expect(async).toEqual({ status: 'skipped', reason: 'a FIFO: skipped' });
    if (name === 'dangling.pdf') expect(async).toEqual({ status: 'failed', reason: 'dangling symbolic link (its target does not exist)' });
  });

  it('the ALTO beside a scan, and the reason naming it when it cannot be read', async () => {
    const pdf = join(dir, 'page.pdf');
    expect(await readAltoBytesAsync(pdf)).toEqual(readAltoBytes(pdf));
    expect(new TextDecoder().decode((await readAltoBytesAsync(pdf))!)).toBe('<alto/>');
    const missing = join(dir, 'missing.alto.xml');
    let message = '';
    try {
      readAltoBytes(pdf, missing);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(`${missing}: no such file or folder`);
    await expect(readAltoBytesAsync(pdf, missing)).rejects.toThrow(message);
  });
});

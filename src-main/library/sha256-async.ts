import { webcrypto } from 'node:crypto';

/**
 * sha256 (library-store.ts) on libuv's thread pool: Node runs WebCrypto's
 * digest there, so the calling thread goes on meanwhile. Import hashes every
 * file it is given (~3 ms a megabyte); on the main thread that held up the
 * pages and the next file of a batch the workers were waiting for.
 */
export async function sha256Async(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

/**
 * Requests that carry file bytes (library.import) cross HTTP as one binary
 * body instead of JSON with base64 (which grew every file by a third and,
 * decoded, held it three times over). Electron needs none of this: its IPC
 * clones a Uint8Array as it is.
 *
 * Layout: a 4-byte little-endian length N, N bytes of UTF-8 JSON (the params,
 * each Uint8Array replaced by {"$bytes": its length}), then the bytes of
 * every Uint8Array, in the order the JSON names them. The decoder trusts
 * nothing: the lengths must add up to exactly the rest of the body.
 */

// Every runtime core runs in (browser, Electron, Node) has these; lib ES2024 does not declare them.
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new (label: 'utf-8', opts: { fatal: boolean }) => { decode(bytes: Uint8Array): string };

export const ENVELOPE_TYPE = 'application/vnd.broadsheet.envelope';

/** Largest JSON part: file names and flags, never data. */
export const MAX_ENVELOPE_HEADER = 1024 * 1024;

type Marker = { $bytes: number };

function isMarker(v: unknown): v is Marker {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === '$bytes';
}

/** The envelope's parts, to be sent one after another (a Blob or a stream joins them without copying). */
export function encodeEnvelope(params: unknown): Uint8Array[] {
  const parts: Uint8Array[] = [];
  // `this[key]`, not `value`: a Node Buffer has turned itself into {type, data} by then (toJSON).
  const json = JSON.stringify(params, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (raw instanceof Uint8Array) {
      parts.push(raw);
      return { $bytes: raw.byteLength } satisfies Marker;
    }
    return value;
  });
  const head = new TextEncoder().encode(json);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, head.byteLength, true);
  return [length, head, ...parts];
}

/** True when params hold bytes anywhere (only then is an envelope needed). */
export function holdsBytes(value: unknown, depth = 0): boolean {
  if (value instanceof Uint8Array) return true;
  if (depth > 8 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((v) => holdsBytes(v, depth + 1));
}

/**
 * The params an envelope carries, with each marker replaced by a view into
 * `body` (no copy). Throws Error("<reason>") on anything malformed.
 */
export function decodeEnvelope(body: Uint8Array): unknown {
  if (body.byteLength < 4) throw new Error('envelope too short');
  const headLength = new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true);
  if (headLength > MAX_ENVELOPE_HEADER) throw new Error(`envelope header too large (limit ${MAX_ENVELOPE_HEADER} bytes)`);
  if (4 + headLength > body.byteLength) throw new Error('envelope header runs past the body');
  let params: unknown;
  try {
    params = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(4, 4 + headLength)));
  } catch (err) {
    throw new Error(`envelope header is not JSON (${(err as Error).message.split('\n')[0]})`, { cause: err });
  }
  let at = 4 + headLength;
  const take = (length: unknown): Uint8Array => {
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) throw new Error('envelope byte length is not a whole number');
    if (at + length > body.byteLength) throw new Error('envelope bytes run past the body');
    const view = body.subarray(at, at + length);
    at += length;
    return view;
  };
  // In document order, as JSON.stringify wrote them (object keys keep their order).
  const revive = (value: unknown, depth: number): unknown => {
    if (depth > 16) throw new Error('envelope header nested too deeply');
    if (isMarker(value)) return take(value.$bytes);
    if (Array.isArray(value)) return value.map((v) => revive(v, depth + 1));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      // defineProperty: a "__proto__" key in hostile JSON stays a plain (refused) field, not a prototype.
      for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: revive(v, depth + 1), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return value;
  };
  const revived = revive(params, 0);
  if (at !== body.byteLength) throw new Error(`envelope has ${body.byteLength - at} bytes no field claims`);
  return revived;
}

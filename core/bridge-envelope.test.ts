import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope, holdsBytes, MAX_ENVELOPE_HEADER } from './bridge-envelope.ts';

const join = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

const header = (json: string, extra: number[] = []) => {
  const head = new TextEncoder().encode(json);
  const len = new Uint8Array(4);
  new DataView(len.buffer).setUint32(0, head.byteLength, true);
  return join([len, head, new Uint8Array(extra)]);
};

describe('bridge envelope', () => {
  it('carries bytes as they are, beside the JSON params, and gives them back equal', () => {
    const a = new Uint8Array([0, 1, 2, 255, 37, 80, 68, 70]);
    const b = new Uint8Array(0);
    const c = new Uint8Array(70_000).map((_, i) => (i * 7) & 255);
    const params = { files: [{ name: 'a.pdf', data: a }, { name: 'empty.txt', data: b }, { name: 'c.pdf', data: c }] };
    const body = join(encodeEnvelope(params));
    // No base64 anywhere: the body is the header plus exactly the bytes.
    const headLength = new DataView(body.buffer).getUint32(0, true);
    expect(body.byteLength).toBe(4 + headLength + a.byteLength + c.byteLength);
    expect(new TextDecoder().decode(body.subarray(4, 4 + headLength))).toBe(
      '{"files":[{"name":"a.pdf","data":{"$bytes":8}},{"name":"empty.txt","data":{"$bytes":0}},{"name":"c.pdf","data":{"$bytes":70000}}]}',
    );
    const back = decodeEnvelope(body) as typeof params;
    expect(back.files.map((f) => f.name)).toEqual(['a.pdf', 'empty.txt', 'c.pdf']);
    expect(back.files[0].data).toEqual(a);
    expect(back.files[1].data).toEqual(b);
    expect(back.files[2].data).toEqual(c);
  });

  it('encodes a Node Buffer as bytes, not as its JSON form', () => {
    const body = join(encodeEnvelope({ data: Buffer.from('%PDF-1.7') }));
    expect((decodeEnvelope(body) as { data: Uint8Array }).data).toEqual(new Uint8Array(Buffer.from('%PDF-1.7')));
  });

  it('says whether params hold bytes', () => {
    expect(holdsBytes({ files: [{ name: 'x', data: new Uint8Array(1) }] })).toBe(true);
    expect(holdsBytes({ q: 'x', limit: 3 })).toBe(false);
  });

  it('refuses malformed envelopes with a reason', () => {
    expect(() => decodeEnvelope(new Uint8Array(2))).toThrow('envelope too short');
    const huge = new Uint8Array(4);
    new DataView(huge.buffer).setUint32(0, MAX_ENVELOPE_HEADER + 1, true);
    expect(() => decodeEnvelope(huge)).toThrow(/header too large/);
    const past = new Uint8Array(8);
    new DataView(past.buffer).setUint32(0, 100, true);
    expect(() => decodeEnvelope(past)).toThrow('envelope header runs past the body');
    expect(() => decodeEnvelope(header('{not json'))).toThrow(/header is not JSON/);
    expect(() => decodeEnvelope(header('{"data":{"$bytes":10}}', [1, 2, 3]))).toThrow('envelope bytes run past the body');
    expect(() => decodeEnvelope(header('{"data":{"$bytes":1}}', [1, 2, 3]))).toThrow('envelope has 2 bytes no field claims');
    expect(() => decodeEnvelope(header('{"data":{"$bytes":-1}}'))).toThrow(/whole number/);
    expect(() => decodeEnvelope(header('{"data":{"$bytes":1.5}}', [1]))).toThrow(/whole number/);
    expect(() => decodeEnvelope(header('[' .repeat(40) + ']'.repeat(40)))).toThrow(/nested too deeply/);
  });

  it('keeps a "__proto__" key a plain field', () => {
    const out = decodeEnvelope(header('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

/**
 * Integers packed into plain text: zigzag (so small negatives stay small),
 * then 5 bits a character with a continuation bit, in the URL-safe base64
 * alphabet. The result is a JSON string that needs no escaping and travels
 * unchanged through IPC (structured clone) and HTTP (JSON); most of the
 * numbers a page model holds, once delta-coded, take one or two characters.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Collects integers (safe integers, either sign) into a varint string. */
export class IntWriter {
  private readonly parts: string[] = [];
  private chunk = '';

  push(n: number): void {
    if (!Number.isSafeInteger(n)) throw new Error(`varint: not a safe integer: ${n}`);
    // Zigzag without 32-bit operators: values may exceed 2^31.
    this.pushUnsigned(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  /** A value known to be ≥ 0 (a length, a header): one bit shorter than push. */
  pushUnsigned(u: number): void {
    if (!Number.isSafeInteger(u) || u < 0) throw new Error(`varint: not an unsigned safe integer: ${u}`);
    let out = '';
    do {
      const low = u % 32;
      u = Math.floor(u / 32);
      out += ALPHABET[u > 0 ? low + 32 : low];
    } while (u > 0);
    this.chunk += out;
    // Bounded string concatenation: join large outputs once.
    if (this.chunk.length > 4096) {
      this.parts.push(this.chunk);
      this.chunk = '';
    }
  }

  toString(): string {
    return this.parts.join('') + this.chunk;
  }
}

/** Reads integers back in order; throws on a malformed string rather than inventing numbers. */
export class IntReader {
  private at = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  get done(): boolean {
    return this.at >= this.text.length;
  }

  next(): number {
    const u = this.nextUnsigned();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  nextUnsigned(): number {
    let u = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.text.length) throw new Error('varint: string ends inside a number');
      const code = this.text.charCodeAt(this.at++);
      const v = code < 128 ? VALUE[code] : -1;
      if (v < 0) throw new Error(`varint: unexpected character at ${this.at - 1}`);
      u += (v & 31) * scale;
      if (v < 32) break;
      scale *= 32;
      if (scale > 2 ** 55) throw new Error('varint: number too large');
    }
    return u;
  }
}

export function encodeInts(values: Iterable<number>): string {
  const w = new IntWriter();
  for (const v of values) w.push(v);
  return w.toString();
}

export function decodeInts(text: string): number[] {
  const r = new IntReader(text);
  const out: number[] = [];
  while (!r.done) out.push(r.next());
  return out;
}

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
const CODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
/** Characters an IntWriter gathers before making them a string (well under the argument limit of String.fromCharCode.apply). */
const CHUNK = 8192;

/** Collects integers (safe integers, either sign) into a varint string. */
export class IntWriter {
  private readonly parts: string[] = [];
  /** Character codes not yet turned into a string (a page's boxes are ~100,000 characters: no string per number). */
  private codes = new Uint8Array(64);
  private used = 0;

  push(n: number): void {
    if (!Number.isSafeInteger(n)) throw new Error(`varint: not a safe integer: ${n}`);
    // Zigzag without 32-bit operators: values may exceed 2^31.
    this.pushUnsigned(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  /** A value known to be ≥ 0 (a length, a header): one bit shorter than push. */
  pushUnsigned(u: number): void {
    if (!Number.isSafeInteger(u) || u < 0) throw new Error(`varint: not an unsigned safe integer: ${u}`);
    // A safe integer takes at most 11 characters. Small writers (one per block map) stay small.
    if (this.used > this.codes.length - 11) {
      if (this.codes.length < CHUNK) {
        const grown = new Uint8Array(this.codes.length * 4);
        grown.set(this.codes.subarray(0, this.used));
        this.codes = grown;
      } else this.flush();
    }
    const codes = this.codes;
    let at = this.used;
    if (u < 0x80000000) {
      // Within 31 bits (nearly every value a page codes): the same digits by bit operations, not double division.
      do {
        const low = u & 31;
        u >>>= 5;
        codes[at++] = CODE[u > 0 ? low + 32 : low];
      } while (u > 0);
    } else {
      do {
        const low = u % 32;
        u = Math.floor(u / 32);
        codes[at++] = CODE[u > 0 ? low + 32 : low];
      } while (u > 0);
    }
    this.used = at;
  }

  private flush(): void {
    this.parts.push(String.fromCharCode.apply(null, this.codes.subarray(0, this.used) as unknown as number[]));
    this.used = 0;
  }

  toString(): string {
    if (this.used) this.flush();
    if (this.parts.length > 1) this.parts.splice(0, this.parts.length, this.parts.join(''));
    return this.parts[0] ?? '';
  }
}

/** Characters of an unsigned value's varint (IntWriter.pushUnsigned), without writing it. */
export function unsignedLength(u: number): number {
  // Most values a page codes are small: compared, not divided.
  if (u < 32) return 1;
  if (u < 1024) return 2;
  if (u < 32768) return 3;
  let n = 1;
  while (u >= 32) {
    u = Math.floor(u / 32);
    n++;
  }
  return n;
}

/** Characters of a signed value's varint (IntWriter.push), without writing it. */
export function signedLength(n: number): number {
  return unsignedLength(n >= 0 ? n * 2 : -n * 2 - 1);
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

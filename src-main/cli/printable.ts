/**
 * Makes text safe to print on a terminal: control characters (newlines,
 * escape sequences, C1 codes) and bidirectional overrides in a file name
 * could forge output lines or drive the terminal. They print as escapes.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[ch] ?? `\\u{${ch.codePointAt(0)!.toString(16)}}`;
  });
}

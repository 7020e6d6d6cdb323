/**
 * What the host answers a request Node's HTTP parser refused before any
 * handler saw it (the server's 'clientError'). Node's own reply is a bare
 * status line; this one says what was refused and why, in one line, so a
 * 400 in the app or a log names its cause (a malformed request line or
 * header, junk after a request's declared body on a kept-alive connection,
 * headers that took too long). The status follows Node's defaults: 408 for a
 * timeout, 431 for oversize headers, 400 otherwise.
 */
export function clientErrorReply(err: Error & { code?: string; reason?: string }): string {
  const code = typeof err.code === 'string' ? err.code : 'unknown';
  const status = code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const title = status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  // The reason is the parser's (ASCII, short); cut and stripped of anything that could break the reply's framing.
  const why = (err.reason ?? err.message ?? '').replace(/[^\x20-\x7e]/g, ' ').slice(0, 200);
  const body = `request refused before it was read: ${code}${why ? ` (${why})` : ''}\n`;
  return `HTTP/1.1 ${status} ${title}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

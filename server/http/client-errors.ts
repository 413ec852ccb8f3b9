import { type Server, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody } from './errors';

/**
 * Node's own limit on the request line plus headers (bytes): beyond it the HTTP parser refuses the
 * request before express sees it (431). Node's default, stated here so it is a decision.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

/** What the HTTP parser's refusal becomes: [status, code, message]. */
function parserRefusal(code: string | undefined): [number, string, string] {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return [431, 'http.headers_too_large', `The URL and headers exceed ${MAX_HEADER_BYTES / 1024} kB`];
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'http.request_timeout', 'The request took too long to arrive'];
  return [400, 'http.bad_request', 'The request is not valid HTTP'];
}

/**
 * Requests Node's HTTP parser refuses (a 20 kB URL, oversized headers, malformed HTTP) never reach
 * express: Node would answer a bare `431`/`400` with no body. This answers them in the SPEC §10
 * error shape instead, then closes the connection. Attach to every server that serves the app.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, message] = parserRefusal(err.code);
    const body = JSON.stringify(errorBody(code, message));
    socket.end(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'X-Content-Type-Options: nosniff',
        'Cache-Control: no-store',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}

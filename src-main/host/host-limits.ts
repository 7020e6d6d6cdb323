import { MAX_ENVELOPE_HEADER } from '../../core/bridge-envelope.ts';
import { MAX_IMPORT_BYTES } from '../../core/contract.ts';

/** The browser host's bounds on what any client may hold or send. */
export interface HostLimits {
  /** Largest request body: one file at the contract's import limit, as bytes, plus the envelope's JSON header. */
  maxBody: number;
  /** Open TCP connections at once (HTTP and WebSocket); more are refused, so file handles are never exhausted. */
  maxConnections: number;
  /** Connected event sockets at once; one tab needs one. */
  maxWebSockets: number;
  /** Largest WebSocket frame a client may send: events flow one way. */
  maxWebSocketPayload: number;
  /** Time to send the request headers (a connection that says nothing is closed after it). */
  headersTimeoutMs: number;
  /** Time to send a whole request, body included. */
  requestTimeoutMs: number;
  /** Keep-alive idle time between requests. */
  keepAliveTimeoutMs: number;
  /** Inactivity after which a socket with no request in progress is closed. */
  idleTimeoutMs: number;
}

export const HOST_LIMITS: HostLimits = {
  maxBody: MAX_IMPORT_BYTES + MAX_ENVELOPE_HEADER + 4,
  maxConnections: 128,
  maxWebSockets: 32,
  maxWebSocketPayload: 4 * 1024,
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 10 * 60_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
};

import type { ServerOptions } from "node:http";

/**
 * How long a connection may take over each part of an exchange. A client slower than this, or one
 * gone without closing, loses its connection, so slow or idle connections cannot pile up. Node
 * answers a request past `headersTimeout` or `requestTimeout` with 408 and closes the connection,
 * and closes a kept-alive connection idle for `keepAliveTimeout`
 * (https://nodejs.org/docs/latest-v20.x/api/http.html#serverheaderstimeout, #serverrequesttimeout,
 * #serverkeepalivetimeout). README.md, "Limits", lists the values.
 */
export interface ConnectionTimeouts {
  /** From a request's first byte (or the connection's opening) to the end of its headers. */
  readonly headersTimeoutMs: number;
  /** From a request's first byte to the end of its body. */
  readonly requestTimeoutMs: number;
  /** Idle time after a response before the next request on a kept-alive connection. */
  readonly keepAliveTimeoutMs: number;
  /** How often Node checks open requests against the first two (`connectionsCheckingInterval`). */
  readonly checkIntervalMs: number;
}

export const CONNECTION_TIMEOUTS: ConnectionTimeouts = {
  // Headers are a few hundred bytes, one packet from any client; 10 s allows for a congested link.
  headersTimeoutMs: 10_000,
  // A body is at most MAX_BODY_BYTES: 30 s is 1 MiB at about 300 kbit/s, and the usual body of a
  // few kilobytes on any link. The discarding of a refused body (refuseBody) ends here too.
  requestTimeoutMs: 30_000,
  // Longer than the idle timeout of a load balancer in front (60 s by default on AWS's, which asks
  // for a longer one on the target, or it may send a request on a connection the target is closing
  // and answer 502: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout).
  // Node announces it (`Keep-Alive: timeout=65`), and Node's own client, under the AWS SDK,
  // closes an idle connection a second before that.
  keepAliveTimeoutMs: 65_000,
  // Node's default, 30 s, would let a request overstay the timeouts above by up to that much.
  checkIntervalMs: 1_000,
};

export interface HttpServerOptions {
  /** CONNECTION_TIMEOUTS unless given (tests use short ones). */
  readonly timeouts?: ConnectionTimeouts;
}

export function nodeServerOptions(timeouts: ConnectionTimeouts): ServerOptions {
  return {
    headersTimeout: timeouts.headersTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
  };
}

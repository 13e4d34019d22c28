import { createHash } from "node:crypto";
import { type Agent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import type { Agent as HttpsAgent } from "node:https";
import { request as httpsRequest } from "node:https";
import { EMPTY_SHA256 } from "../../auth/index.js";
import { refuse } from "../refusal.js";
import { callerResponseHeaders } from "./headers.js";

/** API Gateway's integration timeout, and its message when an upstream takes longer. */
export const UPSTREAM_TIMEOUT_MS = 29_000;

export interface UpstreamTarget {
  readonly url: URL;
  readonly agent: Agent | HttpsAgent;
}

/** The request to the upstream, and how its last write goes out. */
export interface UpstreamRequest {
  readonly path: string;
  readonly headers: OutgoingHttpHeaders;
  readonly hasBody: boolean;
  /** Given the body's SHA-256 in hex; throws the refusal when the body does not match its signature. */
  readonly checkBody: (sha256Hex: string) => void;
  /**
   * Runs the request's last write, which sends it on, with the other writes of its turn of the
   * event loop (server/write-batch.ts): the upstream's reader is woken as a caller is.
   */
  readonly schedule: (write: () => void) => void;
}

/** What the caller gets: the upstream's answer, relayed once the body has been verified. */
export interface Relay {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: IncomingMessage;
}

/**
 * Streams the caller's body to the upstream while hashing it, holding the last chunk back until
 * `checkBody` (given the body's SHA-256 in hex) has accepted it: an upstream never receives the
 * whole of a body whose hash does not match its signature, so it never acts on a tampered or
 * wrongly signed request, and the gateway needs no buffer beyond one chunk. When the check fails
 * the upstream request is destroyed (the upstream sees an aborted request) and the refusal is
 * thrown; the upstream's answer, even an early one, is relayed only after the check.
 */
export function forward(caller: IncomingMessage, target: UpstreamTarget, request: UpstreamRequest): Promise<Relay> {
  const { path, headers, hasBody, checkBody, schedule } = request;
  return new Promise<Relay>((resolve, reject) => {
    const send = target.url.protocol === "https:" ? httpsRequest : httpRequest;
    const upstream = send({
      protocol: target.url.protocol,
      hostname: target.url.hostname,
      port: target.url.port,
      method: caller.method,
      path,
      headers,
      agent: target.agent,
      timeout: UPSTREAM_TIMEOUT_MS,
    });
    let verified = false;
    let answer: IncomingMessage | undefined;
    const settle = () => {
      if (!verified || !answer) return;
      resolve({ status: answer.statusCode ?? 502, headers: callerResponseHeaders(answer.headers), body: answer });
    };
    const fail = (error: unknown) => {
      upstream.destroy();
      reject(error);
    };
    upstream.on("response", (res) => {
      answer = res;
      settle();
    });
    upstream.on("timeout", () => fail(refuse("Endpoint request timed out", 504)));
    upstream.on("error", (err) => {
      if (!verified || !answer) reject(refuse(`The upstream could not be reached: ${err.message}`, 502));
    });
    caller.on("error", fail);
    /** The body is all there: forward its held-back end only if its hash passes. */
    const finish = (sha256Hex: string, last: Buffer | undefined) => {
      try {
        checkBody(sha256Hex);
      } catch (error) {
        fail(error);
        return;
      }
      verified = true;
      schedule(() => {
        try {
          upstream.end(last);
        } catch (error) {
          fail(error);
        }
      });
      settle();
    };
    if (!hasBody) {
      // Nothing to stream or hash (no Content-Length, no Transfer-Encoding: RFC 9112 §6.3).
      finish(EMPTY_SHA256, undefined);
      caller.resume();
      return;
    }
    caller.on("close", () => {
      if (!caller.complete) fail(new Error("the caller went away before sending its whole body"));
    });
    const hash = createHash("sha256");
    let held: Buffer | undefined;
    caller.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      if (held && !upstream.write(held)) {
        caller.pause();
        upstream.once("drain", () => caller.resume());
      }
      held = chunk;
    });
    caller.on("end", () => finish(hash.digest("hex"), held));
  });
}

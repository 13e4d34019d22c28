import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { sharedTestCa } from "./test-ca.js";

/**
 * A local stand-in for the token-inspection APIs of Facebook (Graph `/app`, `/me`) and Login with
 * Amazon (`/auth/o2/tokeninfo`), over HTTPS with the test CA's `localhost` certificate. Tokens are
 * registered with the app they belong to and the user they name.
 */
export interface SocialStandIn {
  readonly url: string;
  addToken(token: string, appId: string, userId: string): void;
  /** Requests seen, by path. */
  count(path: string): number;
  stop(): Promise<void>;
}

export async function startSocialStandIn(): Promise<SocialStandIn> {
  const ca = await sharedTestCa();
  const tokens = new Map<string, { appId: string; userId: string }>();
  const counts = new Map<string, number>();
  const server: Server = createServer({ key: ca.leaf.keyPem, cert: ca.leafChainPem }, (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const known = bearer === undefined ? undefined : tokens.get(bearer);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (!known) return send(401, { error: { message: "Invalid OAuth access token.", type: "OAuthException" } });
    if (path === "/app") return send(200, { id: known.appId, name: "stand-in app" });
    if (path === "/me") return send(200, { id: known.userId });
    if (path === "/auth/o2/tokeninfo") return send(200, { aud: known.appId, user_id: known.userId, exp: 3600 });
    return send(404, { error: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}`,
    addToken: (token, appId, userId) => tokens.set(token, { appId, userId }),
    count: (path) => counts.get(path) ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

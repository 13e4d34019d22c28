// Your own API, behind `idpool gateway`: it trusts the x-idpool-* headers because only the gateway
// can reach it (listen on loopback or a private network), and the gateway removes any a caller sent.
//
//   PORT=8080 node examples/gateway/api.mjs
import { createServer } from "node:http";

const server = createServer((req, res) => {
  const caller = {
    identityId: req.headers["x-idpool-identity-id"],
    roleArn: req.headers["x-idpool-role-arn"],
    principalTags: JSON.parse(req.headers["x-idpool-principal-tags"] ?? "{}"),
  };
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ method: req.method, path: req.url, caller }));
});
server.listen(Number(process.env.PORT ?? 8080), "127.0.0.1", () => {
  console.log(`api listening on http://127.0.0.1:${server.address().port}`);
});

import { beforeAll, describe, expect, it } from "vitest";
import {
  answer,
  codeRequest,
  form,
  type Harness,
  harness,
  parts,
  REDIRECT_URI,
  request,
  submitLogin,
  verifyAgainstJwks,
} from "./test-support.js";

let h: Harness;
beforeAll(async () => {
  h = await harness();
});

const getPage = (query: Record<string, string>) =>
  answer(h.providers, request("GET", "/dev/idp/dev/authorize", { query }));
const postPage = (fields: Record<string, string>) =>
  answer(h.providers, request("POST", "/dev/idp/dev/authorize", form(fields)));

describe("the login page", () => {
  it("is plain HTML with labelled fields, the predefined users and a strict CSP", async () => {
    const response = await getPage(codeRequest());
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers["content-security-policy"]).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://localhost:3000; frame-ancestors 'none'; base-uri 'none'",
    );
    const body = String(response.body);
    expect(body).toContain('<form method="post" action="/dev/idp/dev/authorize">');
    expect(body).toContain('<label for="user">User</label>');
    expect(body).toContain('<input id="user" name="user" list="users" value="alice" required');
    expect(body).toContain('<datalist id="users"><option value="alice">alice@example.com</option><option value="bob">');
    expect(body).toContain('<label for="extra_claims">Extra claims (JSON)</label>');
    expect(body).toContain('<button type="submit">Sign in</button>');
    expect(body).toContain('<input type="hidden" name="state" value="s-1">');
    expect(body).toContain('<input type="hidden" name="code_challenge_method" value="S256">');
    expect(body).not.toMatch(/<script|<link|<img|src=/);
  });

  it("escapes every value it shows", async () => {
    const body = String(
      (await getPage(codeRequest({ state: `"><script>alert(1)</script>`, login_hint: "<b>x</b>" }))).body,
    );
    expect(body).not.toContain("<script>");
    expect(body).toContain('name="state" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(body).toContain('value="&lt;b&gt;x&lt;/b&gt;"');
  });

  it("allows the form's redirect to an IPv6 loopback, which CSP host sources cannot name", async () => {
    const response = await getPage(codeRequest({ redirect_uri: "http://[::1]:3000/cb" }));
    expect(response.headers["content-security-policy"]).toContain("form-action 'self' http:;");
  });

  it("is also the answer to an authorization request sent as a form POST", async () => {
    const response = await postPage(codeRequest());
    expect(response.status).toBe(200);
    expect(String(response.body)).toContain('<label for="user">User</label>');
  });

  it.each([
    [{ client_id: "other" }, "client_id other is not a client of this provider"],
    [{ client_id: "" }, "no client_id"],
    [{ redirect_uri: "https://app.example.com/cb" }, "must be a loopback URL"],
    [{ redirect_uri: "http://localhost.example.com/cb" }, "must be a loopback URL"],
    [{ redirect_uri: "" }, "no redirect_uri"],
  ])("refuses %j with a 400 page and never redirects", async (overrides, words) => {
    for (const response of [
      await getPage(codeRequest(overrides)),
      await postPage({ ...codeRequest(overrides), user: "alice" }),
    ]) {
      expect(response.status).toBe(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.headers["content-security-policy"]).toContain("form-action 'none'");
      expect(String(response.body)).toContain(words);
    }
  });

  it.each([
    [{ code_challenge: "" }, "invalid_request", "code_challenge is required"],
    [{ code_challenge_method: "plain" }, "invalid_request", "code_challenge_method must be S256"],
    [{ code_challenge: "short" }, "invalid_request", "43 to 128"],
    [{ scope: "email" }, "invalid_scope", "scope must include openid"],
    [{ response_type: "token" }, "unsupported_response_type", "code (with PKCE) or id_token"],
    [{ response_mode: "fragment" }, "invalid_request", "can only be query"],
    [{ prompt: "none" }, "login_required", "always shows its login page"],
  ])("sends %j back to the client as %s, with the state", async (overrides, error, words) => {
    const response = await getPage(codeRequest(overrides));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.location ?? "");
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get("error")).toBe(error);
    expect(location.searchParams.get("error_description")).toContain(words);
    expect(location.searchParams.get("state")).toBe("s-1");
  });

  it("requires a nonce for response_type id_token, answering in the fragment", async () => {
    const response = await getPage({
      client_id: "dev-client",
      redirect_uri: REDIRECT_URI,
      response_type: "id_token",
      scope: "openid",
      state: "s",
    });
    const location = response.headers.location ?? "";
    expect(location.startsWith(`${REDIRECT_URI}#`)).toBe(true);
    const fragment = new URLSearchParams(location.slice(location.indexOf("#") + 1));
    expect(fragment.get("error")).toBe("invalid_request");
    expect(fragment.get("error_description")).toContain("nonce is required");
  });
});

describe("signing in", () => {
  it("shows bad JSON beside the extra-claims field, keeping what was typed", async () => {
    const response = await postPage({ ...codeRequest(), user: "alice", extra_claims: '{"groups": [<oops>' });
    expect(response.status).toBe(400);
    const body = String(response.body);
    expect(body).toContain('aria-describedby="claims-help claims-error" aria-invalid="true"');
    expect(body).toContain('<p id="claims-error" class="error" role="alert">Extra claims are not valid JSON');
    expect(body).toContain("{&quot;groups&quot;: [&lt;oops&gt;</textarea>");
    expect(body).not.toContain('id="user-error"');
  });

  it.each([
    ['{"iss": "x"}', "extra claims.iss: may not be set"],
    ['["a"]', "must be a JSON object of claims"],
  ])("refuses extra claims %s", async (claims, words) => {
    const body = String((await postPage({ ...codeRequest(), user: "alice", extra_claims: claims })).body);
    expect(body).toContain(words);
  });

  it("shows an empty user beside the user field", async () => {
    const response = await postPage({ ...codeRequest(), user: "", extra_claims: "{}" });
    expect(response.status).toBe(400);
    expect(String(response.body)).toContain(
      '<p id="user-error" class="error" role="alert">User must be a non-empty string',
    );
  });

  it("redirects with 303, the code and the state, keeping the redirect URI's own query", async () => {
    const location = await submitLogin(h.providers, {
      ...codeRequest({ redirect_uri: `${REDIRECT_URI}?tenant=a` }),
      user: "carol",
    });
    const url = new URL(location);
    expect(url.searchParams.get("tenant")).toBe("a");
    expect(url.searchParams.get("code")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")).toBe("s-1");
    expect(location.startsWith(`${REDIRECT_URI}?tenant=a&code=`)).toBe(true);
  });

  it("answers response_type id_token with the token and state in the fragment, nonce inside", async () => {
    const location = await submitLogin(h.providers, {
      client_id: "dev-client",
      redirect_uri: REDIRECT_URI,
      response_type: "id_token",
      scope: "openid",
      state: "st",
      nonce: "n-0S6_WzA2Mj",
      user: "bob",
      extra_claims: '{"groups": ["admin"]}',
    });
    expect(location).toMatch(new RegExp(`^${REDIRECT_URI}#id_token=[^&]+&state=st$`));
    const idToken = new URLSearchParams(location.slice(location.indexOf("#") + 1)).get("id_token") ?? "";
    const { payload } = await verifyAgainstJwks(h, idToken);
    expect(payload).toMatchObject({
      sub: "bob",
      aud: "dev-client",
      nonce: "n-0S6_WzA2Mj",
      email: "bob@example.com",
      groups: ["admin"],
    });
    expect(parts(idToken).header.alg).toBe("RS256");
  });
});

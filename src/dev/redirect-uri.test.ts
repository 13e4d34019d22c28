import { describe, expect, it } from "vitest";
import { redirectUriProblem } from "./redirect-uri.js";

describe("redirect URIs", () => {
  it.each([
    "http://localhost:3000/callback",
    "http://localhost/cb",
    "http://127.0.0.1:5173/",
    "http://[::1]:8080/cb?keep=this",
    "http://LOCALHOST:3000/cb",
  ])("accepts the loopback URI %s", (uri) => {
    expect(redirectUriProblem(uri)).toBeUndefined();
  });

  it.each([
    ["https://localhost:3000/cb", "must be a loopback URL"],
    ["http://example.com/cb", "must be a loopback URL"],
    ["http://localhost.example.com/cb", "must be a loopback URL"],
    ["http://127.0.0.1.nip.io/cb", "must be a loopback URL"],
    ["http://evil.example@localhost:3000/cb", "user name or password"],
    ["http://localhost:3000/cb#frag", "fragment"],
    ["/callback", "not an absolute URL"],
    ["javascript:alert(1)", "must be a loopback URL"],
  ])("refuses %s", (uri, words) => {
    expect(redirectUriProblem(uri)).toContain(words);
  });
});

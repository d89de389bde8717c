import { describe, expect, it } from "vitest";
import { checkRequest, guardPolicy, isLoopbackHost, tokenMatches } from "../../src/mcp/http-guard.js";

describe("http guard", () => {
  it("knows loopback hosts", () => {
    for (const h of ["127.0.0.1", "127.5.0.9", "localhost", "LOCALHOST", "::1", "[::1]", "app.localhost"]) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of ["0.0.0.0", "::", "10.0.0.5", "example.com", "128.0.0.1", "localhost.evil.example"]) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });

  const policy = guardPolicy({ host: "127.0.0.1", port: 3917, allowedHosts: ["Spend.Internal"] });

  it("allows loopback names on the bound port and configured hosts", () => {
    for (const host of [
      "127.0.0.1:3917",
      "localhost:3917",
      "[::1]:3917",
      "spend.internal",
      "spend.internal:443",
    ]) {
      expect(checkRequest({ host }, policy), host).toBeNull();
    }
  });

  it("refuses other hosts, other ports and a missing Host", () => {
    for (const host of ["evil.example", "localhost:3918", "127.0.0.1", "evil.example:3917", undefined]) {
      expect(checkRequest({ host }, policy)?.status, String(host)).toBe(403);
    }
  });

  it("checks Origin only when a browser sends one", () => {
    expect(checkRequest({ host: "localhost:3917", origin: "http://localhost:3917" }, policy)).toBeNull();
    expect(checkRequest({ host: "localhost:3917", origin: "http://localhost:8080" }, policy)?.status).toBe(
      403,
    );
    expect(checkRequest({ host: "localhost:3917", origin: "null" }, policy)?.status).toBe(403);
  });

  it("admits the specific bind address but not a wildcard one", () => {
    expect(checkRequest({ host: "10.1.2.3:80" }, guardPolicy({ host: "10.1.2.3", port: 80 }))).toBeNull();
    expect(checkRequest({ host: "10.1.2.3:80" }, guardPolicy({ host: "0.0.0.0", port: 80 }))?.status).toBe(
      403,
    );
  });

  it("requires the exact bearer token when one is set", () => {
    const p = guardPolicy({ host: "127.0.0.1", port: 1, token: "s3cret" });
    const at = (authorization?: string) => checkRequest({ host: "127.0.0.1:1", authorization }, p);
    expect(at("Bearer s3cret")).toBeNull();
    expect(at("bearer s3cret")).toBeNull();
    for (const a of [undefined, "", "Bearer", "Bearer s3cre", "Bearer s3cret2", "Basic s3cret", "s3cret"]) {
      const r = at(a);
      expect(r?.status, String(a)).toBe(401);
      expect(r?.message).not.toContain("s3cret");
    }
    expect(tokenMatches("a", "a")).toBe(true);
    expect(tokenMatches("a", "ab")).toBe(false);
  });
});

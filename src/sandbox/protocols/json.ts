import { randomUUID } from "node:crypto";
import type { SandboxRequest, SandboxResponse } from "../types.js";

/**
 * awsJson1_0 / awsJson1_1 (CloudWatch, CloudWatch Logs, Pricing): POST `/` with
 * `X-Amz-Target: <ServicePrefix>.<Operation>`, JSON bodies, timestamps as epoch seconds.
 * CloudWatch is `awsQueryCompatible`: its errors also carry `x-amzn-query-error: Code;Sender`,
 * from which the SDK takes the query-era error code (e.g. `Throttling`).
 * https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
 */
export function jsonTarget(req: SandboxRequest): string {
  const target = String(req.headers["x-amz-target"] ?? "");
  return target.slice(target.lastIndexOf(".") + 1) || "Unknown";
}

export function jsonBody<T = Record<string, unknown>>(req: SandboxRequest): T {
  const text = req.body.toString("utf8");
  return (text ? JSON.parse(text) : {}) as T;
}

export function jsonResponse(version: "1.0" | "1.1", body: unknown): SandboxResponse {
  return {
    status: 200,
    headers: { "content-type": `application/x-amz-json-${version}`, "x-amzn-requestid": randomUUID() },
    body: JSON.stringify(body),
  };
}

export function jsonError(
  version: "1.0" | "1.1",
  status: number,
  type: string,
  message: string,
  queryCode?: string,
): SandboxResponse {
  const headers: Record<string, string> = {
    "content-type": `application/x-amz-json-${version}`,
    "x-amzn-requestid": randomUUID(),
  };
  if (queryCode) headers["x-amzn-query-error"] = `${queryCode};${status >= 500 ? "Receiver" : "Sender"}`;
  return { status, headers, body: JSON.stringify({ __type: type, message }) };
}

/** JSON-protocol timestamps arrive as epoch seconds (number); accept ISO strings defensively. */
export function parseEpoch(v: unknown): Date | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number") return new Date(v * 1000);
  const d = new Date(String(v));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export const epochSeconds = (ms: number): number => ms / 1000;

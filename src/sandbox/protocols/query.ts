import { randomUUID } from "node:crypto";
import type { SandboxRequest, SandboxResponse } from "../types.js";
import { toXml, type XmlValue, xmlEscape } from "./xml.js";

/**
 * awsQuery (STS, IAM): form-encoded POST bodies with `Action`, lists flattened as
 * `Name.member.N`, XML responses wrapped in `<ActionResponse><ActionResult>`.
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 */
export function queryParams(req: SandboxRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  if (req.body.length) for (const [k, v] of new URLSearchParams(req.body.toString("utf8"))) params.set(k, v);
  return params;
}

export function queryAction(req: SandboxRequest): string {
  return queryParams(req).get("Action") ?? "Unknown";
}

/** `ActionNames.member.1..N` → string[] (in index order). */
export function queryList(params: URLSearchParams, name: string): string[] {
  const out: [number, string][] = [];
  const prefix = `${name}.member.`;
  for (const [k, v] of params) if (k.startsWith(prefix)) out.push([Number(k.slice(prefix.length)), v]);
  return out.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

export function queryResponse(action: string, xmlns: string, result: XmlValue): SandboxResponse {
  const body =
    `<${action}Response xmlns="${xmlns}"><${action}Result>${toXml(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { "content-type": "text/xml" }, body };
}

export function queryError(status: number, code: string, message: string): SandboxResponse {
  const type = status >= 500 ? "Receiver" : "Sender";
  const body =
    `<ErrorResponse><Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code>` +
    `<Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  return { status, headers: { "content-type": "text/xml" }, body };
}

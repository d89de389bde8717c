import { PRICING_SERVICE_CODES, type PriceProduct, priceProducts } from "../org-pricing.js";
import { serviceError } from "../protocols/errors.js";
import { jsonBody, jsonResponse, jsonTarget } from "../protocols/json.js";
import type { SandboxState } from "../state.js";
import type { SandboxRequest, SandboxResponse } from "../types.js";
import type { SandboxService } from "./service.js";

interface Filter {
  Type: string;
  Field: string;
  Value: string;
}

/** Price List Query API (awsJson1_1, `AWSPriceListService.GetProducts`): PriceList is JSON STRINGS. */
export function createPricingService(state: SandboxState): SandboxService {
  const publicationDate = new Date(Date.UTC(state.org.now.getUTCFullYear(), state.org.now.getUTCMonth(), 1))
    .toISOString()
    .replace(".000", "");
  let products: PriceProduct[] | undefined;
  return {
    service: "pricing",
    actionOf: jsonTarget,
    async handle(req) {
      if (jsonTarget(req) !== "GetProducts")
        return serviceError("pricing", "invalid", `sandbox Pricing does not implement ${jsonTarget(req)}`);
      products ??= priceProducts(publicationDate);
      return getProducts(req, products);
    },
  };
}

function matches(p: PriceProduct, f: Filter): boolean {
  const v = f.Field === "ServiceCode" ? p.serviceCode : p.attributes[f.Field];
  if (v === undefined) return f.Type === "NONE_OF";
  const values = f.Value.split(",").map((s) => s.trim());
  switch (f.Type) {
    case "TERM_MATCH":
    case "EQUALS":
      return v.toLowerCase() === f.Value.toLowerCase();
    case "CONTAINS":
      return v.toLowerCase().includes(f.Value.toLowerCase());
    case "ANY_OF":
      return values.includes(v);
    case "NONE_OF":
      return !values.includes(v);
    default:
      return false;
  }
}

function getProducts(req: SandboxRequest, all: PriceProduct[]): SandboxResponse {
  const q = jsonBody<{
    ServiceCode?: string;
    Filters?: Filter[];
    MaxResults?: number;
    NextToken?: string;
    FormatVersion?: string;
  }>(req);
  if (!q.ServiceCode)
    return serviceError("pricing", "invalid", "ServiceCode is required", "InvalidParameterException");
  if ((q.Filters?.length ?? 0) > 50)
    return serviceError("pricing", "invalid", "At most 50 filters", "InvalidParameterException");
  const max = q.MaxResults ?? 100;
  if (max < 1 || max > 100)
    return serviceError(
      "pricing",
      "invalid",
      "MaxResults must be between 1 and 100",
      "InvalidParameterException",
    );
  const known = PRICING_SERVICE_CODES.includes(q.ServiceCode);
  const hits = known
    ? all.filter((p) => p.serviceCode === q.ServiceCode && (q.Filters ?? []).every((f) => matches(p, f)))
    : [];
  const offset = q.NextToken
    ? Number(Buffer.from(q.NextToken, "base64").toString("utf8").replace(/^o:/, ""))
    : 0;
  if (!Number.isInteger(offset) || offset < 0)
    return serviceError("pricing", "invalid", "Invalid NextToken", "InvalidNextTokenException");
  const next = offset + max < hits.length ? Buffer.from(`o:${offset + max}`).toString("base64") : undefined;
  return jsonResponse("1.1", {
    FormatVersion: "aws_v1",
    PriceList: hits.slice(offset, offset + max).map((p) => JSON.stringify(p.record)),
    NextToken: next,
  });
}

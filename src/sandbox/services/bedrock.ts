import {
  foundationModels,
  inferenceProfiles,
  provisionedThroughputs,
  resourceTags,
} from "../org-inventory.js";
import { serviceError } from "../protocols/errors.js";
import { compileRoutes, matchRoute, type RestRoute, restJson } from "../protocols/rest-json.js";
import type { SandboxState } from "../state.js";
import type { SandboxRequest, SandboxResponse } from "../types.js";
import type { SandboxService } from "./service.js";

const notFound = (what: string) => serviceError("bedrock", "notFound", `${what} not found`);

/** `maxResults`/`nextToken` paging over a list (tokens are opaque offsets). */
function page<T>(
  req: SandboxRequest,
  items: T[],
  max = 1000,
): { items: T[]; nextToken?: string } | SandboxResponse {
  const size = Number(req.query.get("maxResults") ?? max);
  if (!Number.isInteger(size) || size < 1 || size > max)
    return serviceError("bedrock", "invalid", `maxResults must be between 1 and ${max}`);
  const token = req.query.get("nextToken");
  const offset = token ? Number(Buffer.from(token, "base64").toString("utf8").replace(/^o:/, "")) : 0;
  if (!Number.isInteger(offset) || offset < 0) return serviceError("bedrock", "invalid", "invalid nextToken");
  const next =
    offset + size < items.length ? Buffer.from(`o:${offset + size}`).toString("base64") : undefined;
  return { items: items.slice(offset, offset + size), nextToken: next };
}

const isResponse = (x: unknown): x is SandboxResponse => typeof x === "object" && x !== null && "status" in x;

/** Bedrock control plane (restJson1), the read APIs bedrock-spend uses. */
export function createBedrockService(state: SandboxState): SandboxService {
  const { org } = state;
  const who = (req: SandboxRequest) => {
    const id = state.identities.lookup(req.accessKeyId);
    return id.ok ? id.identity.account : "";
  };
  const routes = compileRoutes([
    {
      method: "GET",
      path: "/foundation-models",
      action: "ListFoundationModels",
      handle: (req) => {
        const q = req.query;
        const models = foundationModels(req.region, org.models).filter(
          (m) =>
            (!q.get("byProvider") ||
              String(m.providerName).toLowerCase() === q.get("byProvider")!.toLowerCase()) &&
            (!q.get("byOutputModality") ||
              (m.outputModalities as string[]).includes(q.get("byOutputModality")!)) &&
            (!q.get("byInferenceType") ||
              (m.inferenceTypesSupported as string[]).includes(q.get("byInferenceType")!)),
        );
        return restJson({ modelSummaries: models });
      },
    },
    {
      method: "GET",
      path: "/foundation-models/{id}",
      action: "GetFoundationModel",
      handle: (req, p) => {
        const m = foundationModels(req.region, org.models).find(
          (x) => x.modelId === p.id || x.modelArn === p.id,
        );
        return m ? restJson({ modelDetails: m }) : notFound(`Model ${p.id}`);
      },
    },
    {
      method: "GET",
      path: "/provisioned-model-throughputs",
      action: "ListProvisionedModelThroughputs",
      handle: (req) => {
        const status = req.query.get("statusEquals");
        const all = provisionedThroughputs(org, who(req), req.region).filter(
          (x) => !status || x.status === status,
        );
        const p = page(req, all);
        return isResponse(p) ? p : restJson({ provisionedModelSummaries: p.items, nextToken: p.nextToken });
      },
    },
    {
      method: "GET",
      path: "/provisioned-model-throughput/{id}",
      action: "GetProvisionedModelThroughput",
      handle: (req, p) => {
        const pt = provisionedThroughputs(org, who(req), req.region).find(
          (x) =>
            x.provisionedModelArn === p.id ||
            x.provisionedModelName === p.id ||
            String(x.provisionedModelArn).endsWith(`/${p.id}`),
        );
        return pt ? restJson(pt) : notFound(`Provisioned model ${p.id}`);
      },
    },
    {
      method: "GET",
      path: "/inference-profiles",
      action: "ListInferenceProfiles",
      handle: (req) => {
        const type = req.query.get("type");
        const all = inferenceProfiles(org, who(req), req.region).filter((x) => !type || x.type === type);
        const p = page(req, all);
        return isResponse(p) ? p : restJson({ inferenceProfileSummaries: p.items, nextToken: p.nextToken });
      },
    },
    {
      method: "GET",
      path: "/inference-profiles/{id}",
      action: "GetInferenceProfile",
      handle: (req, p) => {
        const all = inferenceProfiles(org, who(req), req.region);
        const x = all.find((i) => i.inferenceProfileId === p.id || i.inferenceProfileArn === p.id);
        return x ? restJson(x) : notFound(`Inference profile ${p.id}`);
      },
    },
    {
      method: "POST",
      path: "/listTagsForResource",
      action: "ListTagsForResource",
      handle: (req) => {
        const arn = String(
          (JSON.parse(req.body.toString("utf8") || "{}") as { resourceARN?: string }).resourceARN ?? "",
        );
        const tags = resourceTags(org, who(req), req.region, arn);
        return tags ? restJson({ tags }) : notFound(`Resource ${arn}`);
      },
    },
    {
      method: "GET",
      path: "/logging/modelinvocations",
      action: "GetModelInvocationLoggingConfiguration",
      handle: (req) => {
        const setup = org.logging(who(req), req.region);
        // Logging off: the response carries no loggingConfig at all.
        if (!setup) return restJson({});
        const { s3, logGroupName, textDataDeliveryEnabled } = setup;
        const roleArn = `arn:aws:iam::${who(req)}:role/BedrockLoggingRole`;
        return restJson({
          loggingConfig: {
            ...(s3 ? { s3Config: s3 } : {}),
            ...(logGroupName ? { cloudWatchConfig: { logGroupName, roleArn } } : {}),
            textDataDeliveryEnabled,
            imageDataDeliveryEnabled: false,
            embeddingDataDeliveryEnabled: false,
            videoDataDeliveryEnabled: false,
          },
        });
      },
    },
  ] satisfies RestRoute[]);

  return {
    service: "bedrock",
    actionOf: (req) => matchRoute(routes, req)?.route.action ?? `Unknown:${req.method} ${req.path}`,
    async handle(req) {
      const hit = matchRoute(routes, req);
      if (!hit)
        return serviceError(
          "bedrock",
          "invalid",
          `sandbox Bedrock does not implement ${req.method} ${req.path}`,
          "UnknownOperationException",
        );
      return hit.route.handle(req, hit.params);
    },
  };
}

/**
 * What `line_item_resource_id` says about the model (docs/aws-data.md §1.5): a Bedrock ARN whose resource
 * part is `foundation-model/<id>`, `inference-profile/<geo>.<id>[/…]`, `provisioned-model/<id>` or
 * `application-inference-profile/<id>` (the last names no model). Model ids contain ':' (`…-v1:0`),
 * so the resource part is everything after the 5th ':'.
 */
export interface ResourceModel {
  modelId: string | null;
  /** A provisioned-model ARN: the line is provisioned throughput (docs/architecture.md §4). */
  provisioned: boolean;
}

/** System inference profile prefixes (geo / global cross-region inference). */
const PROFILE_GEO = /^(?:us-gov|us|eu|apac|jp|au|ca|global)\.(?=[a-z0-9-]+\.)/i;

export function resourceModel(resourceId: string | null): ResourceModel {
  if (!resourceId) return { modelId: null, provisioned: false };
  const resource = resourceId.startsWith("arn:") ? resourceId.split(":").slice(5).join(":") : resourceId;
  const slash = resource.indexOf("/");
  if (slash < 0) return { modelId: null, provisioned: false };
  const type = resource.slice(0, slash).toLowerCase();
  const id = resource.slice(slash + 1);
  if (type === "foundation-model") return { modelId: id || null, provisioned: false };
  if (type === "inference-profile") {
    const profile = id.split("/")[0]!;
    return { modelId: profile.replace(PROFILE_GEO, "") || null, provisioned: false };
  }
  return { modelId: null, provisioned: type === "provisioned-model" };
}

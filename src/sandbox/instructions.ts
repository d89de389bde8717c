import { DEMO_ACCOUNTS } from "../synthetic/org.js";
import type { Sandbox } from "./server.js";

/**
 * What to paste to try bedrock-spend against a running sandbox: shell exports (stdout, eval-able)
 * and, as shell comments, a config whose accounts assume the sandbox org's read-only roles.
 * The keys are the sandbox's fixed fake management keys, not secrets.
 */
export function sandboxInstructions(sb: Sandbox): string {
  const exports = Object.entries(sb.env).map(([k, v]) => `export ${k}=${v}`);
  const config = [
    "accounts:",
    ...DEMO_ACCOUNTS.flatMap((a) => [
      `  - id: "${a.id}"`,
      `    name: ${a.name}`,
      `    roleArn: arn:aws:iam::${a.id}:role/${a.roleName}`,
      `    externalId: "${a.externalId}"`,
      `    regions: [${a.regions.join(", ")}]`,
    ]),
  ];
  return [
    `# bedrock-spend AWS sandbox at ${sb.url} (data folder ${sb.dataDir})`,
    ...exports,
    "# bedrock-spend.config.yaml for the sandbox org:",
    ...config.map((l) => `#   ${l}`),
    "",
  ].join("\n");
}

import type { SandboxState } from "../state.js";
import { createBedrockService } from "./bedrock.js";
import { createCloudWatchService } from "./cloudwatch.js";
import { createIamService } from "./iam.js";
import { createLogsService } from "./logs.js";
import { createPricingService } from "./pricing.js";
import { createS3Service } from "./s3.js";
import type { SandboxService } from "./service.js";
import { createStsService } from "./sts.js";

/** Every service the sandbox speaks, keyed by SigV4 signing name. */
export function createServices(state: SandboxState, dataDir: string): Map<string, SandboxService> {
  const list: SandboxService[] = [
    createStsService(state),
    createCloudWatchService(state),
    createBedrockService(state),
    createLogsService(state),
    createIamService(state),
    createPricingService(state),
    createS3Service(dataDir),
  ];
  return new Map(list.map((s) => [s.service, s]));
}

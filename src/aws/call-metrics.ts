import type { InitializeMiddleware, MetadataBearer, Pluggable } from "@smithy/types";
import { telemetry } from "../util/telemetry.js";

/** Counts each API call (retries included in one call) by service and outcome. */
export function callMetricsPlugin(service: string): Pluggable<object, MetadataBearer> {
  const middleware: InitializeMiddleware<object, MetadataBearer> = (next) => async (args) => {
    try {
      const out = await next(args);
      telemetry().count("aws_calls", { service, outcome: "ok" });
      return out;
    } catch (err) {
      telemetry().count("aws_calls", { service, outcome: "error" });
      throw err;
    }
  };
  return {
    applyToStack(stack) {
      stack.add(middleware, { step: "initialize", priority: "low", name: "bedrockSpendCallMetrics" });
    },
  };
}

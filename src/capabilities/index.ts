import { getSpendByModel } from "./spend.js";
import type { AnyCapability } from "./types.js";

/**
 * Every capability, in the order surfaces list them. MCP registers each as a tool; the CLI
 * mirrors each as `report <capability.report>`. Add new capabilities here.
 */
export const capabilities: AnyCapability[] = [
  getSpendByModel, // get_spend_by_model · report spend
];

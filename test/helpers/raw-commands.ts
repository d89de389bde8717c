import { makeBuilder } from "@smithy/core/client";
import { getEndpointPlugin } from "@smithy/core/endpoints";

/**
 * Hand-built bedrock-runtime commands (client-bedrock-runtime is not installed), made the way the
 * generated SDK makes its own (makeBuilder + endpoint plugin + operation schema). They are
 * complete: a client WITHOUT the read-only guard really serializes and sends them — the control
 * that makes "refused before sending" a meaningful assertion.
 */
const ns = "com.amazonaws.bedrockruntime";
const commonParams = {
  UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
  Endpoint: { type: "builtInParams", name: "endpoint" },
  Region: { type: "builtInParams", name: "region" },
  UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};
// Member traits: 1 = httpLabel, 16 = httpPayload (smithy schema trait bitmask).
const InvokeModelRequest = [
  3,
  ns,
  "InvokeModelRequest",
  0,
  ["modelId", "body"],
  [
    [0, 1],
    [0, 16],
  ],
  2,
];
const InvokeModelResponse = [3, ns, "InvokeModelResponse", 0, ["body"], [[0, 16]]];
const ConverseRequest = [3, ns, "ConverseRequest", 0, ["modelId"], [[0, 1]], 1];
const ConverseResponse = [3, ns, "ConverseResponse", 0, [], []];

const op = (name: string, path: string, input: unknown, output: unknown) => [
  9,
  ns,
  name,
  { http: ["POST", path, 200] },
  () => input,
  () => output,
];

const noPlugins = () => [];
// biome-ignore lint/suspicious/noExplicitAny: raw commands are sent through any client
type AnyCommand = new (input: Record<string, unknown>) => any;

type Builder = Parameters<typeof makeBuilder>;
type MakeCommand = ReturnType<typeof makeBuilder>;

function build(clientName: string, opName: string, schema: unknown): AnyCommand {
  const make: MakeCommand = makeBuilder(
    commonParams as Builder[0],
    "AmazonBedrockFrontendService",
    clientName,
    getEndpointPlugin as Builder[3],
  );
  return make({}, noPlugins, opName, schema as Parameters<MakeCommand>[3]) as unknown as AnyCommand;
}

const invokeSchema = op("InvokeModel", "/model/{modelId}/invoke", InvokeModelRequest, InvokeModelResponse);

/** InvokeModel as if it were a BedrockClient command (the guard must still refuse it). */
export const InvokeModelCommand = build("BedrockClient", "InvokeModel", invokeSchema);

/** Converse under its real client name (a client the allow-list does not know at all). */
export const ConverseCommand = build(
  "BedrockRuntimeClient",
  "Converse",
  op("Converse", "/model/{modelId}/converse", ConverseRequest, ConverseResponse),
);

/** A disguised command: named like a read (`ListFoundationModelsCommand`) but serializing InvokeModel. */
export const DisguisedCommand = build("BedrockClient", "ListFoundationModels", invokeSchema);

import type { Logger } from "../util/log.js";

/** AWS SDK releases from January 2027 require this Node major; README recommends it. */
export const RECOMMENDED_NODE_MAJOR = 22;

/**
 * The SDK prints an eight-line NodeVersionSupportWarning (process.emitWarning) when a client is
 * built on Node < 22 and stays quiet when this variable is "true"; it reads process.env only.
 */
export const SDK_WARNING_SWITCH = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";

export function nodeMajor(version: string): number {
  return Number.parseInt(version.replace(/^v/, "").split(".")[0] ?? "", 10);
}

/**
 * Our one line in place of the SDK's warning, before the first client is built. The switch is
 * also the once-per-process flag; a user who set it already chose silence.
 */
export function replaceSdkNodeWarning(
  log: Logger,
  version: string = process.version,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (env[SDK_WARNING_SWITCH] === "true" || nodeMajor(version) >= RECOMMENDED_NODE_MAJOR) return;
  env[SDK_WARNING_SWITCH] = "true";
  log.warn(
    `Node ${version}: AWS SDK releases from January 2027 require Node ${RECOMMENDED_NODE_MAJOR}; install Node ${RECOMMENDED_NODE_MAJOR} LTS and run bedrock-spend with it`,
  );
}

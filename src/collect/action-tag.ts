import type { InitializeMiddleware, MetadataBearer } from "@smithy/types";
import { actionOf } from "../aws/read-only.js";

/**
 * Tags an SDK error with the `<prefix>:<Operation>` that failed, so describeAwsError can name the
 * missing permission. The innermost client wins: an AssumeRole failure surfacing through a
 * CloudWatch call stays `sts:AssumeRole`.
 */
export type TaggedError = Error & { $action?: string };

const NAME = "bedrockSpendActionTag";
const tagMiddleware: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
  try {
    return await next(args);
  } catch (err) {
    if (err && typeof err === "object" && !(err as TaggedError).$action)
      (err as TaggedError).$action = actionOf(context.clientName, context.commandName);
    throw err;
  }
};

interface Stackful {
  middlewareStack: {
    add(mw: typeof tagMiddleware, opts: { step: "initialize"; name: string; override?: boolean }): void;
  };
}

const tagged = new WeakSet<object>();

/** Adds the tagging middleware once per client and returns the client. */
export function withActionTags<C extends object>(client: C): C {
  if (tagged.has(client)) return client;
  (client as unknown as Stackful).middlewareStack.add(tagMiddleware, {
    step: "initialize",
    name: NAME,
    override: true,
  });
  tagged.add(client);
  return client;
}

export function actionOfError(err: unknown): string | undefined {
  return (err as TaggedError | undefined)?.$action;
}

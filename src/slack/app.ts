import type { AddressInfo } from "node:net";
import { App, SocketModeReceiver } from "@slack/bolt";
import { createDelivery, type Delivery } from "./delivery.js";
import { registerListeners } from "./listeners/index.js";
import { slackLogger } from "./logger.js";
import type { SlackDeps } from "./types.js";

export interface SlackAppOptions {
  /** `socket` needs appToken (SLACK_APP_TOKEN); `http` needs signingSecret and serves /slack/events. */
  mode: "socket" | "http";
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  /** Web API base URL including `/api/` (SLACK_API_URL); Slack's own when absent. */
  apiUrl?: string;
  /** HTTP port (0 = any free port) and host. */
  port?: number;
  host?: string;
  /** Minimum gap between posts to one channel (ms). */
  minIntervalMs?: number;
}

export interface SlackRuntime {
  app: App;
  delivery: Delivery;
  /** Starts the receiver; in HTTP mode resolves with the port actually bound. */
  start(): Promise<{ port: number | null }>;
  stop(): Promise<void>;
}

/** Built here (not by Bolt) so SLACK_API_URL also reaches apps.connections.open. */
function socketReceiver(opts: SlackAppOptions, logger: ReturnType<typeof slackLogger>): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: opts.appToken ?? "",
    logger,
    installerOptions: { clientOptions: opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {} },
  });
}

/** The Slack app: Bolt with signature verification on, our listeners, our paced delivery. */
export function createSlackApp(deps: SlackDeps, opts: SlackAppOptions): SlackRuntime {
  const logger = slackLogger(deps.log);
  const app = new App({
    token: opts.botToken,
    ...(opts.mode === "socket"
      ? { socketMode: true, receiver: socketReceiver(opts, logger) }
      : { signingSecret: opts.signingSecret, signatureVerification: true }),
    // 429s come back to delivery.ts, which waits Retry-After; no blind retries that could post twice.
    clientOptions: {
      ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    },
    logger,
  });
  const delivery = createDelivery({
    client: app.client,
    db: deps.db,
    now: deps.now,
    log: deps.log,
    minIntervalMs: opts.minIntervalMs,
  });
  registerListeners(app, { ...deps, delivery });
  return {
    app,
    delivery,
    async start() {
      if (opts.mode === "socket") {
        await app.start();
        return { port: null };
      }
      const server = (await app.start({ port: opts.port ?? 3000, host: opts.host ?? "127.0.0.1" })) as {
        address(): AddressInfo | string | null;
      };
      const addr = server.address();
      return { port: typeof addr === "object" && addr ? addr.port : null };
    },
    async stop() {
      await app.stop();
    },
  };
}

import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { iamActionFor } from "../aws/read-only.js";
import type { DemoScenario } from "../synthetic/scenario.js";
import { FaultInjector, faultsSchema, type SandboxFaults } from "./faults.js";
import { readBody, send, toSandboxRequest } from "./http.js";
import { BASE_ACCESS_KEY_ID, BASE_SECRET_ACCESS_KEY, IdentityStore, policyAllows } from "./identity.js";
import { buildOrg, type SandboxScale } from "./org-data.js";
import { InvocationLogStore } from "./org-logs.js";
import { serviceError } from "./protocols/errors.js";
import { createServices } from "./services/index.js";
import { DEFAULT_LIMITS, type SandboxLimits, type SandboxState } from "./state.js";

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** The org's "now": metrics, logs and lifecycle dates are relative to it. */
  now?: Date;
  /** Folder served as S3 buckets (invocation logs are written into it). Default: a temp folder. */
  dataDir?: string;
  faults?: SandboxFaults;
  seed?: number;
  /** Hours of invocation-log records to generate (default 48). */
  logHours?: number;
  limits?: Partial<SandboxLimits>;
  /** Load-test scale: every account serves the given regions and number of ModelIds (benchmarks). */
  scale?: SandboxScale;
  /** `on-call`: the alerting scenario (src/synthetic/scenario.ts); default `plain`. */
  scenario?: DemoScenario;
}

export interface CallLogEntry {
  service: string;
  /** `<iam-prefix>:<Operation>` */
  action: string;
  account: string | null;
  region: string;
  status: number;
}

export interface Sandbox {
  url: string;
  /** Env vars that point an AWS SDK at the sandbox with the management identity. */
  env: Record<string, string>;
  dataDir: string;
  state: SandboxState;
  callLog(): CallLogEntry[];
  clearCallLog(): void;
  setFaults(faults: SandboxFaults): void;
  close(): Promise<void>;
}

const PREFIX: Record<string, string> = { monitoring: "cloudwatch" };

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const org = buildOrg({
    now: opts.now ?? new Date(),
    seed: opts.seed,
    scale: opts.scale,
    scenario: opts.scenario,
  });
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "bedrock-spend-sandbox-"));
  const state: SandboxState = {
    org,
    identities: new IdentityStore(),
    logs: new InvocationLogStore(org, opts.logHours ?? 48),
    faults: faultsSchema.parse(opts.faults ?? {}),
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
  };
  state.logs.writeS3(dataDir);
  const services = createServices(state, dataDir);
  const injector = new FaultInjector(() => state.faults);
  const log: CallLogEntry[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (req.url?.startsWith("/__sandbox/faults") && req.method === "POST") {
      const parsed = faultsSchema.safeParse(JSON.parse(body.toString("utf8") || "{}"));
      if (!parsed.success) return send(res, { status: 400, body: parsed.error.message });
      state.faults = parsed.data;
      injector.reset();
      return send(res, { status: 204 });
    }
    const sreq = toSandboxRequest(req, body);
    const service = sreq && services.get(sreq.service);
    if (!sreq || !service)
      return send(res, { status: 400, body: "sandbox: unsigned request or unknown service" });
    const action = `${PREFIX[sreq.service] ?? sreq.service}:${service.actionOf(sreq)}`;
    const token = sreq.headers["x-amz-security-token"] ?? sreq.query.get("X-Amz-Security-Token");
    const who = state.identities.lookup(sreq.accessKeyId, typeof token === "string" ? token : null);
    const account = who.ok ? who.identity.account : null;
    const out = await (async () => {
      if (state.faults.latencyMs) await new Promise((r) => setTimeout(r, state.faults.latencyMs));
      if (!who.ok) {
        const kind = who.reason === "expired" ? "expired" : "badToken";
        return serviceError(
          sreq.service,
          kind,
          "The security token included in the request is invalid or expired.",
        );
      }
      const fault = injector.decide({ service: sreq.service, action, account: who.identity.account });
      if (fault === "throttle") return serviceError(sreq.service, "throttle", "Rate exceeded");
      const role = who.identity.role;
      const needsPolicy = action !== "sts:GetCallerIdentity";
      if (fault === "denied" || (role && needsPolicy && !policyAllows(role.allow, iamActionFor(action)))) {
        return serviceError(
          sreq.service,
          "denied",
          `User: ${who.identity.arn} is not authorized to perform: ${iamActionFor(action)} because no identity-based policy allows the ${iamActionFor(action)} action`,
        );
      }
      return service.handle(sreq);
    })().catch((err: Error) => serviceError(sreq.service, "invalid", `sandbox: ${err.message}`));
    log.push({ service: sreq.service, action, account, region: sreq.region, status: out.status });
    send(res, out);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => send(res, { status: 500, body: `sandbox: ${err.message}` }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host ?? "127.0.0.1"}:${port}`;
  return {
    url,
    env: {
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: BASE_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: BASE_SECRET_ACCESS_KEY,
      AWS_REGION: "us-east-1",
    },
    dataDir,
    state,
    callLog: () => log.slice(),
    clearCallLog: () => {
      log.length = 0;
    },
    setFaults(f) {
      state.faults = faultsSchema.parse(f);
      injector.reset();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

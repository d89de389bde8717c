import { parentPort, workerData } from "node:worker_threads";
import { capabilities } from "../capabilities/index.js";
import type { Deps } from "../capabilities/types.js";
import type { Config } from "../config.js";
import { openDb } from "../store/db.js";
import type { Logger } from "../util/log.js";
import { answerCall } from "./tool-result.js";
import type { WorkerReply, WorkerRequest } from "./worker-protocol.js";

/**
 * A worker thread that answers tool calls from its own connection to the store, so the server's
 * event loop keeps serving tools/list, initialize and 503s while a heavy call computes. Results
 * and errors go through the same two functions as in-process calls (tool-result.ts).
 */
const { dbPath, config } = workerData as { dbPath: string; config: Config };
const port = parentPort;
if (!port) throw new Error("tool-worker.ts runs as a worker thread only");

const post = (m: WorkerReply) => port.postMessage(m);
const log: Logger = {
  debug: (msg) => post({ log: "debug", msg }),
  info: (msg) => post({ log: "info", msg }),
  warn: (msg) => post({ log: "warn", msg }),
  error: (msg) => post({ log: "error", msg }),
};
const db = await openDb(dbPath);
const byName = new Map(capabilities.map((c) => [c.name, c]));

port.on("message", async (job: WorkerRequest) => {
  if ("exit" in job) {
    await db.destroy();
    port.close();
    return;
  }
  const cap = byName.get(job.tool);
  if (!cap) {
    post({ id: job.id, json: "", isError: true, failure: `unknown tool ${job.tool}` });
    return;
  }
  // One instant per call: every part of the answer is computed as of the same moment.
  const now = new Date(job.nowIso);
  const deps: Deps = { db, config, now: () => new Date(now.getTime()), log };
  const result = await answerCall(cap, deps, job.input);
  post({ id: job.id, json: JSON.stringify(result), isError: result.isError === true });
});
post({ ready: true });

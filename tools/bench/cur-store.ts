import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { EXPORTS, ensureExport } from "./cur-exports.js";
import { type ProcessRun, timedProcess } from "./processes.js";

/**
 * A store filled by `ingest-cur` from the 13-month high-cardinality export (2M lines a month,
 * principal, resource id and tags on every Bedrock line), built once into .bench/ and copied for
 * each bench run so no bench sees another's writes.
 */
const STORE = resolve(".bench/store-hc-13m.db");

/** Returns a fresh copy of the store, and how long the 13-month ingest took when it was built now. */
export async function highCardStore(copyTo: string): Promise<{ path: string; built?: ProcessRun }> {
  let built: ProcessRun | undefined;
  if (!existsSync(STORE)) {
    if (!existsSync("dist/cli.js"))
      throw new Error("run `npm run build` first (the store is filled by dist/cli.js)");
    const exp = await ensureExport(EXPORTS.high13);
    const partial = `${STORE}.partial`;
    rmSync(partial, { force: true });
    built = timedProcess(["dist/cli.js", "ingest-cur", exp.exportDir, "--db", partial], {
      BEDROCK_SPEND_LOG: "warn",
    });
    renameSync(partial, STORE);
  }
  copyFileSync(STORE, copyTo);
  return { path: copyTo, built };
}

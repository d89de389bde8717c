import { ingestBench } from "./ingest.js";
import type { Bench } from "./types.js";

/** Every benchmark, by name (`npm run bench -- <name>` runs one). */
export const benches: Bench[] = [ingestBench];

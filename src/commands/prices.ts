import type { Command } from "commander";
import { toAwsAppError } from "../aws/errors.js";
import type { CliContext } from "../cli/context.js";
import { bundledPriceRows } from "../prices/bundled.js";
import { ensureBundledPrices } from "../store/queries/prices.js";

/**
 * `bedrock-spend prices refresh`: adds changed Bedrock token prices from the AWS Price List API
 * (pricing:GetProducts, read-only) to the store, effective from today, so past estimates keep the
 * prices they were made with. The bundled snapshot is seeded first so every key has a history.
 */
export function register(program: Command, ctx: CliContext): void {
  const prices = program.command("prices").description("list prices used for estimated spend");
  prices
    .command("refresh")
    .description("add changed prices from the AWS Price List API (pricing:GetProducts) to the store")
    .option("--region <region...>", "only these regions (default: every region)")
    .option("--json", "print the refresh result as JSON")
    .action(async (opts: { region?: string[]; json?: boolean }) => {
      const db = await ctx.db();
      const now = ctx.now();
      await ensureBundledPrices(db, bundledPriceRows(), now.toISOString());
      // The SDK loads only for this command; ctx.close() closes the clients at exit.
      const { refreshPrices } = await import("../collect/prices/refresh.js");
      const aws = await ctx.aws();
      const res = await refreshPrices(db, aws.clients(null).pricing, {
        now,
        log: ctx.log,
        regions: opts.region,
      }).catch((err: unknown) => {
        throw toAwsAppError(err, { action: "pricing:GetProducts" });
      });
      for (const w of res.warnings.slice(0, 20)) ctx.log.warn(`prices: ${w}`);
      if (opts.json) process.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
      else
        process.stdout.write(
          `${res.prices} token prices read from ${res.products} Price List products (${res.apiCalls} calls): ` +
            `${res.inserted} added, ${res.unchanged} unchanged, ${res.skipped} non-token products skipped\n`,
        );
    });
}

import type { Command } from "commander";
import type { CliContext } from "../cli/context.js";

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
      // Loaded on use: the AWS SDK and the bundled price table are large.
      const [
        { createAwsAccess },
        { toAwsAppError },
        { refreshPrices },
        { bundledPriceRows },
        { ensureBundledPrices },
      ] = await Promise.all([
        import("../aws/access.js"),
        import("../aws/errors.js"),
        import("../collect/prices/refresh.js"),
        import("../prices/bundled.js"),
        import("../store/queries/prices.js"),
      ]);
      const db = await ctx.db();
      const now = ctx.now();
      await ensureBundledPrices(db, bundledPriceRows(), now.toISOString());
      const aws = createAwsAccess({ env: ctx.env, log: ctx.log });
      try {
        const res = await refreshPrices(db, aws.clients(null, "us-east-1").pricing, {
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
      } finally {
        aws.close();
      }
    });
}

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Drops the PostgreSQL test databases after a run with BEDROCK_SPEND_TEST_PG.
    globalSetup: ["test/helpers/pg-global.ts"],
  },
});

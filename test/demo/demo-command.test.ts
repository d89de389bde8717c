import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DemoSection } from "../../src/demo/outputs.js";
import { demoReport } from "../../src/demo/report.js";
import { DEMO_PROVISIONED, DEMO_SPIKE } from "../../src/synthetic/org.js";
import { DEMO_METRICS_DENIED, runawayHours } from "../../src/synthetic/scenario.js";
import { finished, REPO_ROOT } from "../helpers/cli.js";

/**
 * The README's first command, as a new user runs it: the real CLI, no AWS variables at all, a
 * fresh working directory (so ./data lands there), the clock pinned.
 */
const NOW = "2026-11-26T12:00:00Z";
const TSX = import.meta.resolve("tsx");
const CLI = join(REPO_ROOT, "src/cli.ts");
const dirs: string[] = [];

function demoEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith("AWS_") && !k.startsWith("BEDROCK_SPEND_")) env[k] = v;
  }
  // HOME in the temp dir: no ~/.aws profile of the developer can be picked up either.
  return { ...env, HOME: home, BEDROCK_SPEND_NOW: NOW };
}

function runDemo(args: string[] = [], prepare?: (cwd: string) => void) {
  const cwd = mkdtempSync(join(tmpdir(), "bedrock-spend-demo-test-"));
  dirs.push(cwd);
  prepare?.(cwd);
  const child: ChildProcess = spawn(process.execPath, ["--import", TSX, CLI, "demo", ...args], {
    cwd,
    env: demoEnv(cwd),
    stdio: "pipe",
  });
  return finished(child).then((r) => ({ ...r, cwd }));
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("bedrock-spend demo", { timeout: 180_000 }, () => {
  it("shows the spike with its driver, the budget crossing, the idle PT and the retiring model; only ./data/demo.db is written; --json is deterministic", async () => {
    // Three independent runs at once (the machine's cores are shared; this keeps the wall time down).
    const [text, json1, json2] = await Promise.all([runDemo(), runDemo(["--json"]), runDemo(["--json"])]);
    // The on-call scenario's planted gap: staging's role lacks GetMetricData, so its metrics unit fails.
    expect(text.stderr).toMatch(/collect 15\/16 units ok, 1 failed/);
    expect(text.stderr).toMatch(
      /collect metrics 222222222222 us-east-1 failed: .*lacks cloudwatch:GetMetricData/,
    );
    expect(text.code, text.stderr).toBe(0);

    const out = text.stdout;
    // Spend this month by model, billed vs estimated labelled, with totals.
    expect(out).toMatch(/billed \(CUR\) through 2026-11-25, estimated .* from 2026-11-26/);
    expect(out).toMatch(/model\s+cost\s+share\s+billed\s+estimated\s+tokens/);
    expect(out).toMatch(/^total\s+\$[\d,]+\.\d\d\s+100\.0%/m);
    expect(out).toContain(DEMO_SPIKE.principal);
    // Incidents, not one line per series: bob's billed runaway day with its driver chain…
    const lines = out.split("\n");
    const bob = lines.findIndex((l) =>
      /^• Spike: Claude Sonnet 4\.6 .*bob@example\.com.* on 2026-11-22 — /.test(l),
    );
    expect(bob).toBeGreaterThan(-1);
    expect(lines[bob]).toContain("(billed)");
    expect(lines[bob + 1]).toMatch(
      /driver: model Claude Sonnet 4\.6 → account research \(333333333333\) → .*bob@example\.com/,
    );
    // …today's runaway (the on-call scenario) as ONE estimated incident over its four hours…
    const runaway = lines.findIndex((l) =>
      l.startsWith("• Spike: Claude Sonnet 4.6 in prod (111111111111) us-east-1"),
    );
    expect(lines[runaway]).toMatch(/over 4 h — resolved at 11:00Z \(estimated\)$/);
    expect(lines[runaway + 1]).toContain("hours 07:00Z 08:00Z 09:00Z 10:00Z");
    // …and staging's missing metrics as a data gap with its fix, never as a drop.
    expect(out).toMatch(
      /! data gap: no CloudWatch metrics for staging \(222222222222\) us-east-1 since .* \(no data, not \$0\)/,
    );
    expect(out).toMatch(/ {4}fix: .*cloudwatch:GetMetricData/);
    expect(out).not.toMatch(/^• Drop/m);
    expect(out).toMatch(/! budget research-team crossed its \$1,500\.00 limit on 2026-11-\d\d/);
    expect(out).toContain(DEMO_PROVISIONED.name);
    expect(out).toMatch(/Claude 3\.5 Sonnet v2\s+LEGACY\s+end_of_life\s+2027-01-15/);
    expect(out).toMatch(/Reconciliation 2026-11-01 → 2026-11-26: billed \$/);
    // The top savings opportunities with dollars, confidence and arithmetic (docs/savings.md).
    expect(out).toContain("Savings opportunities (last 30 billed days)");
    expect(out).toMatch(/• \$4,118\.40\/month from 2027-01-20 \(certain\): Serve llama-70b-committed/);
    expect(out).toContain("= $4,118.40 in 30 days");
    expect(out).toContain("# Weekly savings");
    // Slack previews as plain text, then next steps.
    expect(out).toContain("# Bedrock spend digest · 2026-11-26");
    expect(out).toMatch(/Budget `research-team` has reached 100%/);
    // The alerts preview: the runaway as one incident message with buttons, the gap as one notice.
    const alerts = out.slice(out.indexOf("Slack alerts (preview)"));
    expect(alerts.match(/Spike: Claude Sonnet 4\.6 in prod \(111111111111\) us-east-1/g)).toHaveLength(1);
    expect(alerts).toContain("Resolved at 11:00Z · lasted 4 h (07:00Z–11:00Z)");
    expect(alerts.match(/Data gap: no CloudWatch metrics for staging/g)).toHaveLength(1);
    expect(out).toMatch(/Open incidents \(\d+\)/);
    expect(out).toMatch(/Data gaps \(1\): spend there is unknown, not \$0/);
    expect(out).toContain("npx bedrock-spend mcp --db ./data/demo.db");
    expect(out).toContain("report spend --db ./data/demo.db --by model,day");
    expect(out).toContain("bedrock-spend init");
    expect(out).not.toContain("\x1b[");

    expect(statSync(join(text.cwd, "data/demo.db")).size).toBeGreaterThan(0);
    expect(existsSync(join(text.cwd, "data/bedrock-spend.db"))).toBe(false);

    // Same clock, another run: the same JSON, byte for byte.
    expect(json1.code, json1.stderr).toBe(0);
    const parsed = JSON.parse(json1.stdout);
    expect(Object.keys(parsed)).toEqual(
      expect.arrayContaining([
        "spendByModel",
        "anomalies",
        "budgets",
        "idle",
        "lifecycle",
        "reconcile",
        "savings",
        "slack",
      ]),
    );
    expect(
      parsed.anomalies.output.anomalies.some((a: { key: string }) => a.key === DEMO_SPIKE.principal),
    ).toBe(true);
    // On the first estimated day: exactly the runaway, no drop, one data gap.
    const found = parsed.anomalies.output as {
      incidents: { source: string; direction: string; hours: string[] }[];
      dataGaps: { account: string; source: string }[];
    };
    const estimated = found.incidents.filter((i) => i.source === "estimated");
    expect(estimated.map((i) => [i.direction, i.hours])).toEqual([["spike", runawayHours(new Date(NOW))]]);
    expect(found.incidents.some((i) => i.direction === "drop")).toBe(false);
    expect(found.dataGaps.map((g) => [g.account, g.source])).toEqual([
      [DEMO_METRICS_DENIED.account, "metrics"],
    ]);
    // The text report is the same answers, rendered: rebuilt from the JSON run it matches byte for byte.
    const sections = Object.entries(parsed)
      .filter(([, v]) => typeof v === "object" && v !== null && "tool" in v)
      .map(([key, v]) => ({ key, ...(v as Omit<DemoSection, "key">) }));
    const outputs = { sections, slack: parsed.slack };
    expect(demoReport(outputs, { now: parsed.now, dbPath: parsed.db })).toBe(text.stdout);
    const blockKit = demoReport(outputs, { now: parsed.now, dbPath: parsed.db, slackJson: true });
    expect(blockKit).toContain(JSON.stringify(parsed.slack, null, 2));
    expect(blockKit).not.toContain("# Bedrock spend digest");

    expect(json2.code, json2.stderr).toBe(0);
    expect(json2.stdout).toBe(json1.stdout);
  });

  it("fails with exit 1 and one error line when ./data cannot hold the store", async () => {
    const r = await runDemo([], (cwd) => writeFileSync(join(cwd, "data"), "a file, not a folder"));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const errors = r.stderr.split("\n").filter((l) => l.startsWith("bedrock-spend:"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^bedrock-spend: cannot create the demo store \.\/data\/demo\.db: .* — run the demo from a folder/,
    );
  });
});

import type { Command } from "commander";
import { capabilities } from "../capabilities/index.js";
import { type AnyCapability, outputNotes } from "../capabilities/types.js";
import { alignedTable, type Row, toCsv } from "../util/table.js";
import type { CliContext } from "./context.js";
import { addInputFlags, inputFromFlags } from "./report-flags.js";

function summaryWithNotes(cap: AnyCapability, out: Record<string, unknown>): string {
  return [cap.summarize(out), ...outputNotes(out).map((n) => `note: ${n}`)].join("\n");
}

/** Prints a capability's output: --json the structured output, --csv its rows, else a table. */
export function printOutput(
  cap: AnyCapability,
  out: Record<string, unknown>,
  opts: { json?: boolean; csv?: boolean },
) {
  if (opts.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else if (opts.csv) process.stdout.write(toCsv((out[cap.rowsKey] as Row[]) ?? []));
  else if (cap.sections) {
    process.stdout.write(`${summaryWithNotes(cap, out)}\n`);
    for (const s of cap.sections(out)) {
      if (s.rows.length) process.stdout.write(`\n${s.title}\n\n${alignedTable(s.headers, s.rows)}\n`);
    }
  } else {
    const { headers, rows } = cap.table(out);
    process.stdout.write(`${summaryWithNotes(cap, out)}\n`);
    if (rows.length) process.stdout.write(`\n${alignedTable(headers, rows)}\n`);
  }
}

export function registerReport(program: Command, ctx: CliContext): void {
  const report = program
    .command("report")
    .description("answer one question from the local store (mirrors the MCP tools)");
  for (const cap of capabilities) {
    const cmd = report
      .command(cap.report)
      .description(`${cap.title} (MCP tool ${cap.name})`)
      .option("--json", "print the structured output (identical to the MCP tool)")
      .option("--csv", `print the ${cap.rowsKey} as CSV`);
    addInputFlags(cmd, cap.inputSchema);
    cmd.action(async (opts: Record<string, unknown>) => {
      const input = inputFromFlags(cap.inputSchema, opts);
      const out = await cap.run(await ctx.deps({ aws: cap.openWorld }), input);
      printOutput(cap, out, opts);
    });
  }
}

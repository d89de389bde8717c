import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLogText, parseRecords } from "../../../src/collect/logs/parse.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/invocation-logs/${name}`, import.meta.url), "utf8");
const where = { account: "000000000000", region: "us-east-1" };

describe("parseLogText", () => {
  it("reads real records: metadata and token counts, any key order", () => {
    const { rows, skipped } = parseLogText(fixture("claude-records-april2026.jsonl"), where);
    expect(skipped).toBe(0);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual({
      request_id: "5346af27-8f56-4fb8-a6de-058be7a50818",
      ts: "2026-04-19T23:57:01.000Z",
      account: "123456789012",
      region: "us-west-2",
      operation: "ConverseStream",
      model_id: "global.anthropic.claude-opus-4-6-v1",
      principal: "arn:aws:iam::123456789012:user/your-br-api-key",
      inference_region: "us-east-2",
      input_tokens: 3,
      output_tokens: 52,
      cache_read_tokens: 0,
      cache_write_tokens: 24479,
      error_code: null,
      request_metadata: "{}",
    });
    expect(rows[2].model_id).toBe(
      "arn:aws:bedrock:us-west-2:565521294060:inference-profile/global.anthropic.claude-opus-4-7",
    );
  });

  it("reads a pretty-printed record compacted to one line and a metadata-only record", () => {
    const one = JSON.stringify(JSON.parse(fixture("conversestream-nova-lite.json")));
    const meta = JSON.stringify(JSON.parse(fixture("metadata-only-record.json")));
    const { rows } = parseLogText(`${one}\n\n${meta}\n`, where);
    expect(rows.map((r) => [r.model_id, r.input_tokens, r.output_tokens, r.inference_region])).toEqual([
      ["amazon.nova-lite-v1:0", 4, 38, null],
      ["apac.amazon.nova-micro-v1:0", 1, 8, null],
    ]);
  });

  it("treats a line holding an array as several records and skips garbage", () => {
    const rec = (id: string) => ({
      requestId: id,
      timestamp: "2026-11-01T10:00:00Z",
      modelId: "amazon.nova-pro-v1:0",
    });
    const text = [
      JSON.stringify([rec("a"), rec("b")]),
      "{not json",
      JSON.stringify({ timestamp: "x" }),
      JSON.stringify(rec("c")),
    ].join("\n");
    const { rows, skipped } = parseLogText(text, where);
    expect(rows.map((r) => r.request_id)).toEqual(["a", "b", "c"]);
    expect(rows[0].account).toBe("000000000000");
    expect(skipped).toBe(2);
  });

  it("keeps errorCode and string requestMetadata, drops every body and unknown key", () => {
    const marker = "SECRET-PROMPT-MARKER-7731";
    const rec = {
      requestId: "r1",
      timestamp: "2026-11-01T10:00:00Z",
      errorCode: "ThrottlingException",
      requestMetadata: { team: "search", nested: { x: marker } },
      input: {
        inputBodyJson: { messages: [{ content: marker }] },
        inputBodyS3Path: `s3://b/${marker}`,
        inputTokenCount: 5,
      },
      output: { outputBodyJson: [marker], outputTokenCount: 2 },
      somethingNew: marker,
    };
    const { rows } = parseRecords(rec, where);
    expect(rows[0].error_code).toBe("ThrottlingException");
    expect(JSON.parse(rows[0].request_metadata as string)).toEqual({ team: "search" });
    expect(JSON.stringify(rows)).not.toContain(marker);
  });
});

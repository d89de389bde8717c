import type { OnboardingStatus } from "../capabilities/onboarding-status.js";

const MARK = { ok: "✓", warning: "!", missing: "!", error: "✗" } as const;

/** The doctor's checklist: one line per step, the fix indented under every step that is not ok. */
export function formatChecklist(out: OnboardingStatus, summary: string): string {
  const lines: string[] = [];
  for (const a of out.accounts) {
    lines.push(`${a.accountName ? `${a.accountName} ` : ""}(${a.accountId})`);
    const width = Math.max(...a.steps.map((s) => (s.id + (s.region ? ` ${s.region}` : "")).length));
    for (const s of a.steps) {
      const label = (s.id + (s.region ? ` ${s.region}` : "")).padEnd(width);
      lines.push(`  ${MARK[s.status]} ${label}  ${s.detail}`);
      if (s.fix) lines.push(`      fix: ${s.fix}`);
    }
    lines.push("");
  }
  lines.push(summary);
  return `${lines.join("\n")}\n`;
}

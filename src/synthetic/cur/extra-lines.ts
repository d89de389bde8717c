import { DEMO_ACCOUNTS, PAYER_ACCOUNT } from "../org.js";
import { marketplaceCode } from "./billing.js";
import type { GenLine } from "./types.js";

/**
 * Credits, refunds, discounts and tax on Bedrock (kept apart from cost by the ingester), plus a few
 * hand-written non-Bedrock lines that look close to Bedrock (a non-Bedrock Marketplace product,
 * EC2 credit and tax) so the filter is tested on near misses, not only on EC2 usage.
 */

function base(account: (typeof DEMO_ACCOUNTS)[number], day: string): Omit<GenLine, "lineItemType" | "cost"> {
  return {
    start: `${day}T00:00:00Z`,
    hours: 24,
    payer: PAYER_ACCOUNT,
    account: account.id,
    accountName: account.name,
    billingEntity: "AWS",
    productCode: "AmazonBedrock",
    productName: "Amazon Bedrock",
    productFamily: "Amazon Bedrock",
    region: account.regions[0],
    usageType: "",
    operation: "",
    description: "",
    pricingUnit: "",
    usageAmount: 0,
    listCost: 0,
    rate: "",
    resourceId: "",
    principal: "",
    resourceTags: {},
    tags: {},
    taxType: "",
  };
}

export interface Adjustment {
  line: GenLine;
  kind: "credit" | "refund" | "discount" | "tax";
}

/** Adjustments sized from each account's Bedrock cost of the period. */
export function bedrockAdjustments(
  firstDay: string,
  lastDay: string,
  costByAccount: Record<string, number>,
): Adjustment[] {
  const out: Adjustment[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const cost = costByAccount[a.id] ?? 0;
    if (cost <= 0) continue;
    const credit = -Math.min(250, cost * 0.1);
    out.push({
      kind: "credit",
      line: {
        ...base(a, firstDay),
        lineItemType: "Credit",
        cost: credit,
        usageType: "USE1-NovaPro-input-tokens",
        description: "AWS Activate Credits",
      },
    });
    out.push({
      kind: "tax",
      line: {
        ...base(a, firstDay),
        lineItemType: "Tax",
        cost: cost * 0.07,
        taxType: "VAT",
        description: "Tax for product code AmazonBedrock",
      },
    });
  }
  const prod = DEMO_ACCOUNTS[0];
  out.push({
    kind: "discount",
    line: {
      ...base(prod, lastDay),
      lineItemType: "EdpDiscount",
      cost: -(costByAccount[prod.id] ?? 0) * 0.03,
      usageType: "USE1-NovaLite-input-tokens",
      description: "Enterprise Discount Program discount",
    },
  });
  const research = DEMO_ACCOUNTS[2];
  const refundModel = "Claude 3.5 Sonnet v2";
  out.push({
    kind: "refund",
    line: {
      ...base(research, lastDay),
      billingEntity: "AWS Marketplace",
      productCode: marketplaceCode(refundModel),
      productName: `${refundModel} (Amazon Bedrock Edition)`,
      productFamily: "Machine Learning",
      lineItemType: "Refund",
      cost: -12.34,
      usageType: "USE1-MP:USE1_InputTokenCount-Units",
      description: "AWS Marketplace software usage|us-east-1|Million Input Tokens Regional",
      pricingUnit: "Units",
    },
  });
  return out;
}

/** Per day: non-Bedrock lines that share traits with Bedrock ones. */
export function nearMissLines(day: string): GenLine[] {
  const a = DEMO_ACCOUNTS[0];
  return [
    {
      ...base(a, day),
      billingEntity: "AWS Marketplace",
      productCode: "8a1kq4observability0001x",
      productName: "Observability Pro (SaaS)",
      productFamily: "SaaS",
      lineItemType: "Usage",
      usageType: "MP:ObservabilityPro-Hosts-Units",
      operation: "Usage",
      description: "AWS Marketplace software usage|us-east-1|Hosts",
      pricingUnit: "Units",
      usageAmount: 10,
      cost: 13.7,
      listCost: 13.7,
    },
    {
      ...base(a, day),
      productCode: "AmazonEC2",
      productName: "Amazon Elastic Compute Cloud",
      productFamily: "Compute Instance",
      lineItemType: "Credit",
      usageType: "USE1-BoxUsage:g5.xlarge",
      cost: -1.5,
    },
    {
      ...base(a, day),
      productCode: "AmazonEC2",
      productName: "Amazon Elastic Compute Cloud",
      productFamily: "",
      lineItemType: "Tax",
      taxType: "VAT",
      cost: 2.25,
    },
  ];
}

/**
 * Usage-type region prefixes (`USE1-NovaPro-input-tokens` → us-east-1). AWS uses the same short
 * codes across services; `EU` is the historical prefix of eu-west-1.
 * https://docs.aws.amazon.com/cur/latest/userguide/product-columns.html (product_usagetype)
 */
const REGION_PREFIXES: Readonly<Record<string, string>> = {
  USE1: "us-east-1",
  USE2: "us-east-2",
  USW1: "us-west-1",
  USW2: "us-west-2",
  UGW1: "us-gov-west-1",
  UGE1: "us-gov-east-1",
  CAN1: "ca-central-1",
  CAN2: "ca-west-1",
  EU: "eu-west-1",
  EUW2: "eu-west-2",
  EUW3: "eu-west-3",
  EUC1: "eu-central-1",
  EUC2: "eu-central-2",
  EUN1: "eu-north-1",
  EUS1: "eu-south-1",
  EUS2: "eu-south-2",
  APN1: "ap-northeast-1",
  APN2: "ap-northeast-2",
  APN3: "ap-northeast-3",
  APS1: "ap-southeast-1",
  APS2: "ap-southeast-2",
  APS3: "ap-south-1",
  APS4: "ap-southeast-3",
  APS5: "ap-south-2",
  APS6: "ap-southeast-4",
  APE1: "ap-east-1",
  SAE1: "sa-east-1",
  MES1: "me-south-1",
  MEC1: "me-central-1",
  AFS1: "af-south-1",
  ILC1: "il-central-1",
  MXC1: "mx-central-1",
};

/** Shape of a region prefix we may not know yet (new regions appear every year). */
const PREFIX_SHAPE = /^[A-Z]{2,4}\d?$/;

export interface RegionPrefix {
  /** The prefix as written (`USE1`), or null when the usage type has none. */
  code: string | null;
  /** AWS region name, or null when the prefix is absent or unknown. */
  region: string | null;
  /** The usage type without its region prefix. */
  rest: string;
}

export function regionForCode(code: string): string | null {
  return REGION_PREFIXES[code.toUpperCase()] ?? null;
}

/** Splits `USE1-Claude4.6Sonnet-input-tokens` into `USE1` / us-east-1 / `Claude4.6Sonnet-input-tokens`. */
export function splitRegionPrefix(usageType: string): RegionPrefix {
  const dash = usageType.indexOf("-");
  if (dash > 0) {
    const head = usageType.slice(0, dash);
    const region = regionForCode(head);
    if (region || PREFIX_SHAPE.test(head)) {
      return { code: head, region, rest: usageType.slice(dash + 1) };
    }
  }
  return { code: null, region: null, rest: usageType };
}

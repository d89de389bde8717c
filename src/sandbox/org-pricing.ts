import { channelsOf, REGION_NAMES, tokenKinds, usageLine } from "../synthetic/cur/billing.js";
import { DEMO_ACCOUNTS, DEMO_MODELS, DEMO_PRINCIPALS } from "../synthetic/org.js";
import { stableHex } from "./rng.js";

/**
 * Price List products for the org's models, one per usage type the CUR generator bills (same
 * grammar, same rates), split across the Bedrock offer codes as AWS does: AmazonBedrock (Nova,
 * Llama…), AmazonBedrockService (first-party Claude), AmazonBedrockFoundationModels (Marketplace).
 * Record shape: test/fixtures/price-list/ (one PriceList element, before JSON-stringifying).
 */
export const PRICING_SERVICE_CODES = [
  "AmazonBedrock",
  "AmazonBedrockService",
  "AmazonBedrockFoundationModels",
];

export interface PriceProduct {
  serviceCode: string;
  attributes: Record<string, string>;
  record: Record<string, unknown>;
}

const OFFER_TERM = "JRTCKXETXF";
const RATE_CODE = "6YS6EN2CT7";

export function priceProducts(publicationDate: string): PriceProduct[] {
  const regions = [...new Set(DEMO_ACCOUNTS.flatMap((a) => a.regions))].sort();
  const out: PriceProduct[] = [];
  for (const region of regions) {
    for (const model of DEMO_MODELS) {
      for (const ch of channelsOf(model)) {
        for (const k of tokenKinds(model, ch)) {
          const line = usageLine(
            {
              day: "2026-01-01",
              account: DEMO_ACCOUNTS[0],
              region,
              model,
              principal: DEMO_PRINCIPALS[0],
              tagged: false,
              streaming: false,
            },
            ch,
            k,
            1e6,
          );
          const mp = line.billingEntity === "AWS Marketplace";
          const serviceCode = mp ? "AmazonBedrockFoundationModels" : line.productCode;
          const attributes: Record<string, string> = {
            servicecode: serviceCode,
            servicename: line.productName,
            usagetype: line.usageType,
            regionCode: region,
            location: REGION_NAMES[region] ?? region,
            locationType: "AWS Region",
            operation: line.operation,
            ...(mp
              ? {}
              : {
                  model: model.model,
                  provider: model.provider,
                  feature: ch.tier === "batch" ? "Batch Inference" : "On-demand Inference",
                  inferenceType: `${k.kind.startsWith("cache") ? k.kind.replace(/_/g, " ") : k.kind === "input" ? "Input tokens" : "Output tokens"}${ch.tier === "on_demand" || ch.tier === "batch" ? "" : ` ${ch.tier}`}`,
                }),
          };
          out.push({
            serviceCode,
            attributes,
            record: record(
              serviceCode,
              attributes,
              line.pricingUnit,
              line.rate,
              line.description,
              publicationDate,
            ),
          });
        }
      }
    }
  }
  return out;
}

function record(
  serviceCode: string,
  attributes: Record<string, string>,
  unit: string,
  rate: string,
  description: string,
  publicationDate: string,
) {
  const sku = stableHex(`${serviceCode}/${attributes.usagetype}`, 16).toUpperCase();
  const term = `${sku}.${OFFER_TERM}`;
  return {
    product: {
      productFamily: serviceCode === "AmazonBedrockFoundationModels" ? "Machine Learning" : "Amazon Bedrock",
      attributes,
      sku,
    },
    serviceCode,
    terms: {
      OnDemand: {
        [term]: {
          priceDimensions: {
            [`${term}.${RATE_CODE}`]: {
              unit,
              endRange: "Inf",
              description,
              appliesTo: [],
              rateCode: `${term}.${RATE_CODE}`,
              beginRange: "0",
              pricePerUnit: { USD: rate },
            },
          },
          sku,
          effectiveDate: "2026-01-01T00:00:00Z",
          offerTermCode: OFFER_TERM,
          termAttributes: {},
        },
      },
    },
    version: publicationDate.replace(/\D/g, "").slice(0, 14),
    publicationDate,
  };
}

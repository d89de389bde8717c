export {
  CHAIN_ORDER,
  type ChainLink,
  compatibleChains,
  driverChain,
  identityLinks,
  sortChain,
} from "./chain.js";
export { anomalyId, type DetectInput, detectAnomalies, type KeyedSeries } from "./detect.js";
export {
  type DimensionChanges,
  type DriverOptions,
  type DriverSlice,
  driverChanges,
  explainDrivers,
  pickDrivers,
} from "./drivers.js";
export { adjacent, groupMembers, type IncidentMember, MAX_HOUR_GAP } from "./incident-group.js";
export {
  buildIncidents,
  type IncidentDraft,
  type IncidentOptions,
  type IncidentResult,
} from "./incidents.js";
export { type BucketScore, expectedAt, scoreBucket } from "./score.js";
export * from "./types.js";

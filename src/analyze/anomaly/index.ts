export { anomalyId, type DetectInput, detectAnomalies, type KeyedSeries } from "./detect.js";
export { type DriverOptions, type DriverSlice, explainDrivers } from "./drivers.js";
export { type BucketScore, expectedAt, scoreBucket } from "./score.js";
export * from "./types.js";

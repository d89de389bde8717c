/** What one collection unit (source × account × region) reports to collection_run. */
export interface UnitResult {
  items: number;
  apiCalls: number;
  /** GetMetricData metrics requested (billed $0.01 per 1,000); 0 for other sources. */
  metricsRequested: number;
}

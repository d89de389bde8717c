/** A benchmark reports named measurements; `ratio` compares against a reference in the same run. */
export interface BenchResult {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}

export interface Bench {
  name: string;
  run(): Promise<BenchResult[]>;
}

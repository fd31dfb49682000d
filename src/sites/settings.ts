import type { ServiceRule } from './ownership.js';

/** Everything a scan of files needs, as plain data so it can be sent to worker threads. */
export interface ScanSettings {
  /** Detector ids to run; all when empty. */
  detectorIds: string[];
  /** Occurrences below this confidence (0..1) are dropped before aggregation. */
  minConfidence: number;
  /** Example locations kept per finding; 0 keeps all. */
  maxLocations: number;
  /** Raw values in samples instead of masked ones. */
  showValues: boolean;
  /** JSON key naming the service in JSON log lines. */
  serviceField: string;
  services: ServiceRule[];
  /** Allow rules on raw values, applied inside the engine. */
  allowValues: ValueRule[];
  /** Date occurrences (line timestamps, path dates, modification times) for retention rules. Default false. */
  dates?: boolean;
}

/**
 * An allow rule on raw values, applied inside the engine: its index in `allow`, and its RE2 source
 * matched against the whole raw value.
 */
export interface ValueRule {
  rule: number;
  pattern: string;
}

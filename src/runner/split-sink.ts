/**
 * With a worker thread, the reading thread scans the columns whose names name no PII kind itself:
 * such a column costs stage one (one fast pass over bytes this thread has just copied) and its few
 * candidates, while every value of a named column (`email`, `phone_sha256`) is
 * judged, on the worker. A column always goes one way, so its site's findings come from one side.
 */
import type { RecordSink } from '../connectors/contract.js';
import { addHits, type ScanSink } from '../sites/record-scanner.js';
import { mergeLinkSamples } from '../sites/link-samples.js';
import type { ScanTotals, RecordStream } from './worker-pool.js';

/** A sink whose records are scanned on a worker (named columns) or here (the rest), then joined. */
export interface SplitSink extends RecordSink {
  end(): Promise<ScanTotals>;
}

export function splitSink(worker: RecordStream, local: ScanSink, named: (hint: string) => boolean): SplitSink {
  return {
    scan: (record) => (record.kind === 'values' && !named(record.hint) ? local.scan(record) : (worker.scan(record), 0)),
    wait: () => worker.wait(),
    end: async () => {
      const { findings, valueHits, links, pending, extras = [] } = await worker.end();
      const hits = { ...valueHits };
      addHits(hits, local.valueHits);
      if (links !== undefined) mergeLinkSamples(local.links, links);
      // A column goes one way, so the two sides' pending columns and findings are apart.
      const here = local.pending?.();
      const both =
        pending === undefined || here === undefined
          ? (pending ?? here)
          : {
              findings: [...pending.findings, ...here.findings],
              columns: [...pending.columns, ...here.columns],
              rows: {},
            };
      return {
        findings: [...findings, ...local.findings()],
        valueHits: hits,
        links: local.links,
        ...(both ? { pending: both } : {}),
        // A caller's own sinks: both sides' extras, the worker's first, for the caller to merge.
        ...(local.extra ? { extras: [...extras, local.extra()] } : {}),
      };
    },
  };
}

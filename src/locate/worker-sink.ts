/**
 * The locate sink on worker threads (runner/worker.ts loads this module by URL): the subject index
 * is the one the reading thread built, on its shared arrays, and each unit's traces go back with
 * the unit's result to be merged in plan order (collector.ts).
 */
import { compiledModule } from '../runner/worker-pool.js';
import type { ScanSink } from '../sites/record-scanner.js';
import { createLocateSink } from './locate-sink.js';
import { createMatcher } from './matcher.js';
import { subjectIndexFrom, type SharedIndex, type SubjectIndex } from './subject-index.js';

/** What a worker's locate sinks are made from. */
export interface LocateWorkerData {
  index: SharedIndex;
  maxLocations: number;
}

/** This module, as worker threads load it. */
export const LOCATE_WORKER_SINK = compiledModule(import.meta.url, 'worker-sink.js');

/** The sinks of a locate run, on whichever thread (a worker gives its data to createWorkerSink). */
export function locateSinks(index: SubjectIndex, maxLocations: number): () => ScanSink {
  const match = createMatcher(index);
  return () => createLocateSink(index, match, maxLocations);
}

export function createWorkerSink(data: unknown): () => ScanSink {
  const { index, maxLocations } = data as LocateWorkerData;
  return locateSinks(subjectIndexFrom(index), maxLocations);
}

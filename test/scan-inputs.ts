// Inputs for tests that drive the engine, a reader or the worker pool directly, shaped as the CLI
// and the connectors make them: scan settings, and the origin of a table's column or of a file.
import path from 'node:path';
import type { RecordOrigin } from '../src/connectors/records.js';
import type { ScanSettings } from '../src/sites/settings.js';

/** The CLI's default settings: every detector, no service or allow rules, masked samples. */
export const DEFAULT_SETTINGS: ScanSettings = {
  detectorIds: [],
  minConfidence: 0.5,
  maxLocations: 5,
  showValues: false,
  serviceField: 'service',
  services: [],
  allowValues: [],
};

/** The origin of a column of table `t` in PostgreSQL database `db`: `postgres://h/db/t.<column>`. */
export function columnOrigin(column = 'c'): RecordOrigin {
  const uri = `postgres://h/db/t.${column}`;
  return {
    siteKind: 'column',
    path: `db.t.${column}`,
    source: 'db',
    uri,
    siteUri: uri,
    defaultService: 'db',
    target: 'db',
  };
}

/** The origin of file `name` in folder `dir`, its site `file://<name>*`, under `target`. */
export function fileOrigin(
  dir: string,
  name: string,
  { service = 'x', target = '.' }: { service?: string; target?: string } = {},
): RecordOrigin {
  return {
    siteKind: 'file',
    path: name,
    source: path.join(dir, name),
    uri: `file://${name}`,
    siteUri: `file://${name}*`,
    defaultService: service,
    target,
  };
}

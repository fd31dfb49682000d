/**
 * Loads `node:sqlite` on the first SQLite target only. Node 22 warns on stderr that SQLite is
 * experimental when the module loads (Node 24 and 26 do not): that one warning is dropped, while
 * the module loads and only then, and every other warning goes through.
 */
type Sqlite = typeof import('node:sqlite');

let loading: Promise<Sqlite> | undefined;

/** Whether a `process.emitWarning` call is node:sqlite's ExperimentalWarning. */
export function isSqliteWarning(warning: unknown, typeOrOptions: unknown): boolean {
  const type =
    typeof typeOrOptions === 'string' ? typeOrOptions : (typeOrOptions as { type?: unknown } | undefined)?.type;
  const message = warning instanceof Error ? warning.message : String(warning);
  const name = warning instanceof Error ? warning.name : type;
  return name === 'ExperimentalWarning' && /^SQLite is an experimental feature/.test(message);
}

async function importQuietly(): Promise<Sqlite> {
  // Put back as it was (the same function, unbound) once node:sqlite is loaded.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    if (isSqliteWarning(warning, rest[0])) return;
    return (emitWarning as (...args: unknown[]) => void).call(this, warning, ...rest);
  };
  try {
    return await import('node:sqlite');
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** node:sqlite, imported once: callers that meet share one import, so the filter is put back exactly once. */
export function loadSqlite(): Promise<Sqlite> {
  loading ??= importQuietly();
  return loading;
}

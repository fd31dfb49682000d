/**
 * Loads `node:sqlite` on the first SQLite target only. Node 22 warns on stderr that SQLite is
 * experimental when the module loads (Node 24 and 26 do not): that one warning is dropped, while
 * the module loads and only then, and every other warning goes through.
 */
type Sqlite = typeof import('node:sqlite');

let loaded: Sqlite | undefined;

/** Whether a `process.emitWarning` call is node:sqlite's ExperimentalWarning. */
export function isSqliteWarning(warning: unknown, typeOrOptions: unknown): boolean {
  const type = typeof typeOrOptions === 'string' ? typeOrOptions : (typeOrOptions as { type?: unknown } | undefined)?.type;
  const message = warning instanceof Error ? warning.message : String(warning);
  const name = warning instanceof Error ? warning.name : type;
  return name === 'ExperimentalWarning' && /^SQLite is an experimental feature/.test(message);
}

export async function loadSqlite(): Promise<Sqlite> {
  if (loaded) return loaded;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    if (isSqliteWarning(warning, rest[0])) return;
    return (emitWarning as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    loaded = await import('node:sqlite');
  } finally {
    process.emitWarning = emitWarning;
  }
  return loaded;
}

/** ClickHouse SQL text: quoted names and string literals (old servers take no query parameters). */

/** A name between backquotes, backquotes and backslashes escaped. */
export function quoteName(name: string): string {
  return `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
}

/** A string literal, quotes and backslashes escaped. */
export function quoteString(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** The server's own databases, never scanned. */
export const SYSTEM_DATABASES = ['system', 'INFORMATION_SCHEMA', 'information_schema'];

/** Engines that hold no rows of their own: views read other tables, dictionaries load from elsewhere. */
export const ROWLESS_ENGINES = ['View', 'MaterializedView', 'Dictionary', 'Null', 'LiveView', 'WindowView'];

/** A log statement found in a service's code: what the matcher compares with a log site. */
export interface LogStatement {
  /** 1-based line and column of the call. */
  line: number;
  column: number;
  /** The call as written, on one line, clipped: what reports show. */
  call: string;
  /** The logging method called (`info`, `LogWarning`, `Infof`). */
  method: string;
  /** The constant text of the message between its substituted values, in order. */
  parts: string[];
  /** Names of structured fields the call attaches (`email=`, `{ cartId }`, `zap.String("phone", …)`). */
  keys: string[];
}

/** The log statements of one file, with the file's path in its repository. */
export interface FileStatements {
  /** Path relative to the repository root, with `/` separators. */
  path: string;
  statements: LogStatement[];
}

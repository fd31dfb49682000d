/** One-line messages for failing to reach a server, shared by every network source. */
interface NetworkError {
  code?: string;
  hostname?: string;
}

const BY_CODE: Record<string, (e: NetworkError, where: string) => string> = {
  ECONNREFUSED: (_e, where) => `connection refused by ${where}: is the server running and listening there?`,
  ENOTFOUND: (e) => `unknown host${e.hostname ? ` ${e.hostname}` : ''}: check the host name in the URL`,
  EAI_AGAIN: (e) => `cannot resolve host${e.hostname ? ` ${e.hostname}` : ''}: check the host name and DNS`,
  ETIMEDOUT: (_e, where) => `connection to ${where} timed out`,
  ECONNRESET: (_e, where) => `connection to ${where} was reset`,
};

/** The message for a network error, or undefined when the error is something else. */
export function describeNetworkError(error: unknown, where: string): string | undefined {
  const e = error as NetworkError;
  return e.code !== undefined && e.code in BY_CODE ? BY_CODE[e.code]!(e, where) : undefined;
}

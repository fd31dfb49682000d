/** One line for an Azure Blob Storage failure, credentials masked, saying what to do. */
import { describeNetworkError } from '../../errors/network-errors.js';
import { describeUnexpectedError } from '../../errors/unexpected-error.js';
import { maskAzureSecrets } from './secrets.js';

interface AzureError {
  name?: string;
  code?: string;
  statusCode?: number;
  message?: string;
}

const CREDENTIALS_HELP =
  'set AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_KEY, or sign in (`az login`, a managed identity, AZURE_CLIENT_ID with a secret or certificate)';

const BY_CODE: Record<string, (where: string) => string> = {
  ContainerNotFound: (where) => `no such container: ${where}`,
  BlobNotFound: (where) => `${where} no longer exists (deleted after it was listed)`,
  ResourceNotFound: (where) => `${where} not found: check the account and container names`,
  AuthenticationFailed: () => `access denied: the credentials were rejected (${CREDENTIALS_HELP})`,
  InvalidAuthenticationInfo: () => `access denied: the credentials were rejected (${CREDENTIALS_HELP})`,
  AuthorizationFailure: (where) => `access denied to ${where}: the credentials may not read it`,
  AuthorizationPermissionMismatch: (where) =>
    `access denied to ${where}: the identity needs the Storage Blob Data Reader role (or a SAS with read and list)`,
  ServerBusy: (where) => `Azure kept throttling requests for ${where} after retries: try a lower --concurrency`,
  BlobArchived: (where) => `${where} is in the Archive tier: rehydrate it before scanning`,
};

function describeCode(e: AzureError, where: string, endpoint: string): string | undefined {
  // The SDK wraps a failed connection as REQUEST_SEND_ERROR with the errno in its message.
  const errno = e.code === 'REQUEST_SEND_ERROR' ? /\b(E[A-Z_]{3,})\b/.exec(e.message ?? '')?.[1] : e.code;
  const network = describeNetworkError({ code: errno }, endpoint);
  if (network) return network;
  if (e.code !== undefined && e.code in BY_CODE) return BY_CODE[e.code]!(where);
  if (e.name === 'CredentialUnavailableError' || e.name === 'AggregateAuthenticationError')
    return `no Azure credentials found: ${CREDENTIALS_HELP}`;
  if (e.name === 'AuthenticationError') return `Azure sign-in failed: ${CREDENTIALS_HELP}`;
  if (e.statusCode === 403) return `access denied to ${where}`;
  if (e.statusCode === 404) return `${where} not found`;
  return undefined;
}

/** One line for a failure; `where` is the container or the blob, `endpoint` the service it was asked. */
export function describeAzureError(error: unknown, where: string, endpoint = 'Azure Blob Storage'): string {
  const e = (error ?? {}) as AzureError;
  const line =
    describeCode(e, where, endpoint) ??
    (e.code === 'Z_BUF_ERROR' || e.code === 'Z_DATA_ERROR'
      ? `${where}: corrupt or truncated gzip data (${e.message})`
      : `${where}: ${describeUnexpectedError(error)}`);
  return maskAzureSecrets(line);
}

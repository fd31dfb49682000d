/**
 * Azure Blob Storage and ADLS Gen2 targets as given on the command line, told apart and parsed
 * without loading the Azure SDK: `az://account/container/prefix` and the Hadoop form
 * `abfss://container@account.dfs.core.windows.net/path`. Both name the same blobs, so their
 * locations and sites are written one way, `az://account/container/key`.
 */
import type { SiteScope } from '../contract.js';
import { toPrefixScope } from '../object-store/scope.js';
import { maskAzureSecrets, maskSasSecrets } from './secrets.js';

export interface AzureTarget {
  account: string;
  container: string;
  /** Blob name prefix under the container ('' for the whole container). */
  prefix: string;
  /** The target as given, any credential in it shown as `***`. */
  display: string;
}

const AZ = /^az:\/\/([^/?#]*)\/?([^/?#]*)\/?([^?#]*)/i;
const ABFS = /^abfss?:\/\/([^@/?#]*)@([^./?#]*)\.dfs\.core\.windows\.net\/?([^?#]*)/i;

export function isAzureUrl(target: string): boolean {
  return /^(?:az|abfss?):\/\//i.test(target);
}

export function toAzureTarget(url: string): AzureTarget {
  const abfs = ABFS.exec(url);
  // In abfss:// the part before `@` is the container, no credential (a password is refused by checkAzureUrl).
  if (abfs) return { container: abfs[1]!, account: abfs[2]!, prefix: abfs[3]!, display: maskSasSecrets(url) };
  const display = maskAzureSecrets(url);
  const az = AZ.exec(url);
  return { account: az?.[1] ?? '', container: az?.[2] ?? '', prefix: az?.[3] ?? '', display };
}

/** Why an Azure target cannot be read as given, for a usage error. */
export function checkAzureUrl(target: string): string | undefined {
  if (/[?#]|^[a-z]+:\/\/[^/]*:[^/]*@/i.test(target))
    return 'an Azure URL takes no credentials (use AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_KEY or a signed-in identity)';
  if (/^abfss?:\/\//i.test(target) && !ABFS.test(target))
    return 'expected abfss://container@account.dfs.core.windows.net/path';
  const { account, container } = toAzureTarget(target);
  if (account === '' || container === '') return 'name an account and a container (az://account/container/prefix)';
  return undefined;
}

/** The container's URI, which locations and sites start with. */
export function toContainerUri(target: { account: string; container: string }): string {
  return `az://${target.account}/${target.container}`;
}

/** A container prefix covers the groups of the blobs under it. */
export function azureScope(target: string): SiteScope {
  const parsed = toAzureTarget(target);
  return toPrefixScope(toContainerUri(parsed), parsed.prefix);
}

// Azure targets, usage errors, error lines and the masking of Azure credentials, without a server.
import { describe, expect, it } from 'vitest';
import { checkAzureUrl, isAzureUrl, toAzureTarget } from '../../../src/connectors/azure/target.js';
import { maskAzureSecrets } from '../../../src/connectors/azure/secrets.js';
import { describeAzureError } from '../../../src/connectors/azure/errors.js';

describe('Azure targets', () => {
  it('reads both URL forms as the same account, container and prefix', () => {
    expect(toAzureTarget('az://acme/lake/bronze/users/')).toMatchObject({
      account: 'acme',
      container: 'lake',
      prefix: 'bronze/users/',
    });
    expect(toAzureTarget('abfss://lake@acme.dfs.core.windows.net/bronze/users/')).toMatchObject({
      account: 'acme',
      container: 'lake',
      prefix: 'bronze/users/',
      display: 'abfss://lake@acme.dfs.core.windows.net/bronze/users/',
    });
    expect(isAzureUrl('s3://x/y')).toBe(false);
  });

  it.each([
    ['az://acme', 'name an account and a container (az://account/container/prefix)'],
    ['abfss://lake@acme.blob.core.windows.net/x', 'expected abfss://container@account.dfs.core.windows.net/path'],
    ['az://acme/lake?sv=2024&sig=abc', expect.stringMatching(/^an Azure URL takes no credentials/)],
  ])('refuses %s', (target, message) => {
    expect(checkAzureUrl(target)).toEqual(message);
  });
});

describe('Azure credentials and errors', () => {
  it('masks SAS signatures, account keys and URL passwords', () => {
    const text =
      'https://acme.blob.core.windows.net/lake?sv=2024-08-04&sp=rl&sig=c2VjcmV0 AccountKey=a2V5PT0=; https://u:pw@h/';
    const masked = maskAzureSecrets(text);
    for (const secret of ['c2VjcmV0', 'a2V5PT0=', 'pw@']) expect(masked).not.toContain(secret);
  });

  it.each([
    [{ code: 'ContainerNotFound', statusCode: 404 }, 'no such container: az://acme/lake'],
    [{ code: 'AuthorizationPermissionMismatch', statusCode: 403 }, expect.stringMatching(/Storage Blob Data Reader/)],
    [{ name: 'CredentialUnavailableError' }, expect.stringMatching(/^no Azure credentials found/)],
    [
      { code: 'REQUEST_SEND_ERROR', message: 'connect ECONNREFUSED 127.0.0.1:9' },
      expect.stringMatching(/^connection refused/),
    ],
    [
      { message: 'boom at https://acme.blob.core.windows.net/lake?sig=c2VjcmV0' },
      expect.not.stringContaining('c2VjcmV0'),
    ],
  ])('%o', (error, line) => {
    expect(describeAzureError(error, 'az://acme/lake', 'acme.blob.core.windows.net')).toEqual(line);
  });
});

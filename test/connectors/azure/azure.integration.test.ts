// Azure Blob Storage / ADLS Gen2 against Azurite (test/servers/azurite.sh; .ci/run starts one): the
// formats, object groups, sampling and failures of S3, both URL forms, credentials never shown.
import { gzipSync } from 'node:zlib';
import {
  BlobServiceClient,
  ContainerSASPermissions,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReport, runCli } from '../../helpers.js';
import { writeUsersParquet } from '../parquet/fixture.js';

const ENDPOINT = process.env['PIISCAN_TEST_AZURITE_ENDPOINT'];
const ACCOUNT = 'devstoreaccount1';
/** Azurite's published development key: a well-known value, not a secret. */
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const CONNECTION = `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=${ENDPOINT};`;
const ENV_KEYS = ['AZURE_STORAGE_CONNECTION_STRING', 'AZURE_STORAGE_KEY', 'AZURE_STORAGE_SAS_TOKEN'];

const CSV = `id,customer_email,notes\n${Array.from({ length: 20 }, (_, i) => `${i},customer${i}@example.com,ok`).join('\n')}\n`;
const LOG = 'INFO start\nWARN password reset requested by ops.alerts@example.com\n';

const BLOBS: Record<string, Buffer | string> = {
  'users/dt=2026-11-01/part-00000.parquet': writeUsersParquet(300, 100),
  'users/dt=2026-11-02/part-00000.parquet': writeUsersParquet(30, 10),
  'exports/orders-2026-11-01.csv.gz': gzipSync(CSV),
  'app/logs/app-2026-11-01.log': LOG,
  'app/logs/app-2026-11-02.log': LOG,
};

const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
function useEnv(values: Record<string, string>): void {
  for (const k of ENV_KEYS) delete process.env[k];
  Object.assign(process.env, values);
}

async function scan(targets: string[], env: Record<string, string>, ...args: string[]) {
  useEnv(env);
  const result = await runCli(['scan', ...targets, '--format', 'json', '--quiet', ...args]);
  return { ...result, report: parseReport(result.stdout) };
}

describe.skipIf(!ENDPOINT && !process.env['CI'])('Azure Blob Storage', () => {
  beforeAll(async () => {
    expect(ENDPOINT, 'PIISCAN_TEST_AZURITE_ENDPOINT must be set in CI').toBeDefined();
    const container = BlobServiceClient.fromConnectionString(CONNECTION).getContainerClient('lake');
    await container.createIfNotExists();
    for (const [name, body] of Object.entries(BLOBS))
      await container.getBlockBlobClient(name).uploadData(Buffer.from(body));
    // An ADLS Gen2 folder, as a hierarchical namespace lists it: an empty blob marked as a folder.
    await container.getBlockBlobClient('app/logs').uploadData(Buffer.alloc(0), { metadata: { hdi_isfolder: 'true' } });
  }, 60_000);

  afterAll(() => useEnv(Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== undefined)) as never));

  it('reads Parquet, gzipped CSV and logs as object groups, with sampling', async () => {
    const env = { AZURE_STORAGE_CONNECTION_STRING: CONNECTION };
    const { exitCode, report, stdout } = await scan(
      [`az://${ACCOUNT}/lake`],
      env,
      '--sample-rows',
      '120',
      '--seed',
      '3',
    );
    expect(exitCode).toBe(1);
    expect(report.errors).toEqual([]);
    const root = `az://${ACCOUNT}/lake`;
    expect(
      report.findings.map((f) => `${f.service} ${f.site.uri}${f.site.jsonPath ?? ''} ${f.detector}`).sort(),
    ).toEqual([
      `app ${root}/app/logs/app-*.log email`,
      `exports ${root}/exports/orders-*.csv.gz#customer_email email`,
      `users ${root}/users/dt=*/part-*.parquet#aliases$.aliases[*] email`,
      `users ${root}/users/dt=*/part-*.parquet#contact$.contact.phone phone`,
      `users ${root}/users/dt=*/part-*.parquet#email email`,
      `users ${root}/users/dt=*/part-*.parquet#orders$.orders[*].card credit_card`,
    ]);
    expect(report.coverage.objects).toEqual([
      expect.objectContaining({ source: root, objectsListed: 5, objectsScanned: 5, groups: 3, sampled: false }),
    ]);
    expect(report.coverage.tables.map((t) => [t.rowsScanned, t.sampled])).toEqual([
      [120, true],
      [30, false],
    ]);
    for (const raw of ['customer3@example.com', 'ops.alerts@example.com', KEY]) expect(stdout).not.toContain(raw);

    const sampled = await scan([`az://${ACCOUNT}/lake/app/`], env, '--sample-objects', '1', '--seed', '3');
    expect(sampled.report.coverage.objects[0]).toMatchObject({ objectsListed: 2, objectsScanned: 1, sampled: true });
  });

  it('reads the abfss:// form of the same blobs into the same sites', async () => {
    const env = { AZURE_STORAGE_CONNECTION_STRING: CONNECTION };
    const { report } = await scan([`abfss://lake@${ACCOUNT}.dfs.core.windows.net/exports/`], env);
    expect(report.findings.map((f) => f.site.uri)).toEqual([
      `az://${ACCOUNT}/lake/exports/orders-*.csv.gz#customer_email`,
    ]);
    expect(report.coverage.objects[0]!.source).toBe(`abfss://lake@${ACCOUNT}.dfs.core.windows.net/exports/`);
  });

  it('names a missing container, rejected credentials, a SAS without list and a closed port, one line each', async () => {
    const good = `az://${ACCOUNT}/lake/exports/`;
    const missing = await scan([`az://${ACCOUNT}/nope`, good], { AZURE_STORAGE_CONNECTION_STRING: CONNECTION });
    expect(missing.exitCode).toBe(2);
    expect(missing.report.errors).toEqual([
      { source: `az://${ACCOUNT}/nope`, message: `no such container: az://${ACCOUNT}/nope` },
    ]);
    expect(missing.report.summary.plaintextFindings).toBe(1);

    const wrongKey = Buffer.alloc(64, 7).toString('base64');
    const rejected = await scan([good], { AZURE_STORAGE_KEY: wrongKey }, '--azure-endpoint', ENDPOINT!);
    expect(rejected.exitCode).toBe(2);
    expect(rejected.report.errors[0]!.message).toMatch(/^access denied/);
    expect(rejected.stdout).not.toContain(wrongKey);

    const sas = generateBlobSASQueryParameters(
      {
        containerName: 'lake',
        permissions: ContainerSASPermissions.parse('r'),
        expiresOn: new Date(Date.now() + 3600_000),
      },
      new StorageSharedKeyCredential(ACCOUNT, KEY),
    ).toString();
    const readOnly = await scan([good], { AZURE_STORAGE_SAS_TOKEN: sas }, '--azure-endpoint', ENDPOINT!);
    expect(readOnly.exitCode).toBe(2);
    expect(readOnly.report.errors[0]!.message).toMatch(/^access denied to az:\/\/devstoreaccount1\/lake/);
    const signature = new URLSearchParams(sas).get('sig')!;
    expect(readOnly.stdout).not.toContain(signature);

    const closed = await scan(
      [good],
      { AZURE_STORAGE_KEY: KEY },
      '--azure-endpoint',
      'http://127.0.0.1:9/devstoreaccount1',
    );
    expect(closed.exitCode).toBe(2);
    expect(closed.report.errors[0]!.message).toMatch(/^connection refused by http:\/\/127\.0\.0\.1:9/);
  }, 60_000);
});

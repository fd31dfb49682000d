// The deployment recipes of deploy/: Kubernetes manifests validated against the Kubernetes API
// schemas (kubernetes-models, generated from the API's OpenAPI), and the shard counts, security
// settings and credentials every recipe must agree on.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigMap, PersistentVolumeClaim, Secret } from 'kubernetes-models/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'batch/v1/Job': Job,
};

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec?: Record<string, unknown> };

function manifests(): Array<{ file: string; doc: Manifest }> {
  const folder = path.join(ROOT, 'deploy/kubernetes');
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(path.join(folder, file), 'utf8')).map((d) => ({
        file,
        doc: d.toJS() as Manifest,
      })),
    );
}

const jobNamed = (name: string) => manifests().find(({ doc }) => doc.kind === 'Job' && doc.metadata.name === name)!.doc;
type PodSpec = { securityContext: Record<string, unknown>; containers: Array<Record<string, unknown>> };
const podOf = (job: Manifest) => (job.spec!['template'] as { spec: PodSpec }).spec;

describe('deploy/kubernetes', () => {
  it('every manifest is valid for the Kubernetes API', () => {
    const all = manifests();
    expect(all.map(({ doc }) => doc.kind).sort()).toEqual([
      'ConfigMap',
      'Job',
      'Job',
      'PersistentVolumeClaim',
      'Secret',
    ]);
    for (const { file, doc } of all) {
      const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
      expect(Model, `${file}: ${doc.kind}`).toBeDefined();
      expect(() => new Model!(doc as never).validate(), `${file}: ${doc.kind} ${doc.metadata.name}`).not.toThrow();
    }
  });

  it('the schemas catch a mistake', () => {
    const job = structuredClone(jobNamed('piiscan-scan'));
    job.spec!['completions'] = 'sixty-four';
    expect(() => new Job(job as never).validate()).toThrow(/completions/);
  });

  it('the scan Job is Indexed, one shard per completion, retried per index, non-root and read-only', () => {
    const job = jobNamed('piiscan-scan');
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', backoffLimitPerIndex: 2 });
    const pod = podOf(job);
    const container = pod.containers[0]!;
    expect(container['args']).toContain(`--shards=${String(job.spec!['completions'])}`);
    expect(container['args']).toContain('--output=/parts/part-$(JOB_COMPLETION_INDEX).json');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(container['securityContext']).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(container['envFrom']).toEqual([{ secretRef: { name: 'piiscan-credentials' } }]);
    expect(container['resources']).toMatchObject({ requests: { cpu: '1' } });
  });

  it('the scan and merge Jobs share the link key, from the Secret', () => {
    const secret = manifests().find(({ doc }) => doc.kind === 'Secret')!.doc as unknown as {
      stringData: Record<string, string>;
    };
    expect(Object.keys(secret.stringData)).toContain('PIISCAN_LINK_KEY');
    const scan = podOf(jobNamed('piiscan-scan')).containers[0]!;
    const merge = podOf(jobNamed('piiscan-merge')).containers[0]!;
    for (const container of [scan, merge]) expect(container['args']).toContain('--link-key-env=PIISCAN_LINK_KEY');
    expect(merge['env']).toEqual([
      {
        name: 'PIISCAN_LINK_KEY',
        valueFrom: { secretKeyRef: { name: 'piiscan-credentials', key: 'PIISCAN_LINK_KEY' } },
      },
    ]);
  });

  it('the merge Job reads the folder the scan writes', () => {
    const merge = podOf(jobNamed('piiscan-merge')).containers[0]!;
    expect(merge['args']).toEqual(expect.arrayContaining(['merge', '/data/parts']));
    const scanMounts = podOf(jobNamed('piiscan-scan')).containers[0]!['volumeMounts'] as Array<Record<string, string>>;
    expect(scanMounts).toContainEqual({ name: 'parts', mountPath: '/parts', subPath: 'parts' });
  });
});

describe('deploy/aws-batch, deploy/github-actions and deploy/container', () => {
  const read = (file: string) => readFileSync(path.join(ROOT, 'deploy', file), 'utf8');

  it('the array size, the matrix and --shards agree', () => {
    const definition = JSON.parse(read('aws-batch/job-definition.json')) as {
      containerProperties: { command: string[]; readonlyRootFilesystem: boolean; user: string };
    };
    const shards = definition.containerProperties.command.find((a) => a.startsWith('--shards='))!.split('=')[1];
    expect(read('aws-batch/submit.sh')).toContain(`--array-properties size=${shards}`);
    expect(definition.containerProperties).toMatchObject({ readonlyRootFilesystem: true, user: '1000:1000' });
    expect(definition.containerProperties.command).toContain('--output=/parts/part-{index}.json');
    const workflow = parseAllDocuments(read('github-actions/sharded-scan.yml'))[0]!.toJS() as {
      jobs: { scan: { strategy: { matrix: { shard: number[] } } } };
    };
    const matrix = workflow.jobs.scan.strategy.matrix.shard;
    expect(matrix).toEqual(Array.from({ length: matrix.length }, (_, i) => i));
    expect(read('github-actions/sharded-scan.yml')).toContain(`--shard \${{ matrix.shard }}/${matrix.length}`);
  });

  it('every shard and the merge get the link key from a secret and pass --link-key-env', () => {
    const definition = JSON.parse(read('aws-batch/job-definition.json')) as {
      containerProperties: { command: string[]; secrets: Array<{ name: string; valueFrom: string }> };
    };
    expect(definition.containerProperties.command).toContain('--link-key-env=PIISCAN_LINK_KEY');
    expect(definition.containerProperties.secrets).toContainEqual({
      name: 'PIISCAN_LINK_KEY',
      valueFrom: expect.stringMatching(/^arn:aws:secretsmanager:/) as unknown,
    });
    expect(read('aws-batch/submit.sh')).toMatch(/"merge",[^\n]*"--link-key-env=PIISCAN_LINK_KEY"/);
    const workflow = parseAllDocuments(read('github-actions/sharded-scan.yml'))[0]!.toJS() as {
      jobs: Record<string, { steps: Array<{ run?: string; env?: Record<string, string> }> }>;
    };
    for (const [job, command] of [
      ['scan', 'piiscan.js scan'],
      ['merge', 'piiscan.js merge'],
    ] as const) {
      const step = workflow.jobs[job]!.steps.find((s) => s.run?.includes(command))!;
      expect(step.run, job).toContain('--link-key-env PIISCAN_LINK_KEY');
      expect(step.env?.['PIISCAN_LINK_KEY'], job).toBe('${{ secrets.PIISCAN_LINK_KEY }}');
    }
  });

  it('the image runs as a non-root user', () => {
    expect(read('container/Dockerfile')).toMatch(/^USER 1000:1000$/m);
  });
});

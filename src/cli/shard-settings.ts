/**
 * The settings that change what a scan finds, as a sharded scan's parts compare them: detectors,
 * confidence, ownership, value allow rules, sampling and its seed, includes and excludes. Not the
 * ones that change only speed or how to connect (concurrency, timeouts, endpoints), and never a
 * credential.
 */
import type { SourceSettings } from '../connectors/registry.js';
import { maskUrlCredentials } from '../errors/url-credentials.js';
import { toSettingsDigest, toSharedSeed } from '../runner/shard/digest.js';
import { selectDetectors } from '../sites/record-scanner.js';
import type { ScanSettings } from '../sites/settings.js';
import { VERSION } from '../version.js';

function toFindingSettings(settings: ScanSettings, sources: SourceSettings, seed: number | undefined) {
  const { database: db, s3, files } = sources;
  return {
    version: VERSION,
    ...settings,
    detectorIds: selectDetectors(settings.detectorIds).map((d) => d.id),
    files: { exclude: files.exclude, root: files.root },
    database: { sampleRows: db.sampleRows, full: db.full, include: db.include, exclude: db.exclude },
    s3: {
      include: s3.include,
      exclude: s3.exclude,
      excludeUris: s3.excludeUris,
      max: s3.maxObjectBytes,
      sample: s3.sampleObjects,
    },
    seed,
  };
}

/**
 * Gives a sharded scan's sources one seed: `--seed` when given, else one derived from the settings
 * and targets every shard shares (a random one would sample differently in each). Returns the
 * settings' digest, seed included.
 */
export function settleShardSettings(
  settings: ScanSettings,
  { sources, targets, seed }: { sources: SourceSettings; targets: readonly string[]; seed: number | undefined },
): string {
  const shared =
    seed ??
    toSharedSeed(
      toSettingsDigest(toFindingSettings(settings, sources, undefined)),
      targets.map((t) => maskUrlCredentials(t)),
    );
  sources.database.seed = shared;
  sources.s3.seed = shared;
  return toSettingsDigest(toFindingSettings(settings, sources, shared));
}

/**
 * Digests that tell whether parts belong together: the plan's (every unit's id and size, in plan
 * order) and the settings' (what changes findings). Parts of one scan have both equal; a merge
 * refuses a part whose plan or settings differ.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal settings give equal text. */
function toCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toCanonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${toCanonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of settings as canonical JSON. The caller leaves credentials out. */
export function toSettingsDigest(settings: unknown): string {
  return createHash('sha256').update(toCanonicalJson(settings)).digest('hex');
}

/**
 * The sampling seed of a sharded scan given no --seed: every shard must sample alike, so it comes
 * from what they share (the settings but the seed, and the targets) instead of chance.
 */
export function toSharedSeed(settingsDigest: string, targets: readonly string[]): number {
  const hash = createHash('sha256').update(settingsDigest).update(toCanonicalJson(targets)).digest();
  return hash.readUInt32BE(0) & 0x7fffffff;
}

/** Builds the plan digest unit by unit, so a plan of millions of units is never held as text. */
export function createPlanDigest() {
  const hash = createHash('sha256');
  return {
    add(target: string, unit: { id: string; size: object }): void {
      hash.update(`${target}\0${unit.id}\0${toCanonicalJson(unit.size)}\n`);
    },
    digest: () => hash.digest('hex'),
  };
}

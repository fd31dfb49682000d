import { createHash } from 'node:crypto';
import type { Form } from '../engine/detector.js';
import type { Site } from './finding.js';
import { toTemplateKey } from '../engine/template.js';

/**
 * A finding's identity: a hash of (service, site, detector, form). No value, line number or count
 * goes in, so it is stable across runs, rotations, machines and line order, and reveals nothing.
 */
export function toFingerprint(identity: Identity): string {
  return createHash('sha256').update(toIdentityKey(identity)).digest('hex').slice(0, 32);
}

/** What makes two occurrences the same leak site. */
export interface Identity {
  service: string;
  site: Site;
  detector: string;
  form: Form;
}

/**
 * The identity as one string: equal strings, equal fingerprints. A template counts by its key, so
 * templates that differ only in their placeholders' labels are one site.
 */
export function toIdentityKey({ service, site, detector, form }: Identity): string {
  return JSON.stringify([
    service,
    site.kind,
    site.uri,
    toTemplateKey(site.template),
    site.jsonPath ?? '',
    detector,
    form,
  ]);
}

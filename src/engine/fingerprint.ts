import { createHash } from 'node:crypto';
import type { Form, Site } from '../types.js';

/**
 * A finding's identity: a hash of (service, site, detector, form). No value, line number or count
 * goes in, so it is stable across runs, rotations, machines and line order, and reveals nothing.
 */
export function toFingerprint(parts: { service: string; site: Site; detector: string; form: Form }): string {
  const { service, site, detector, form } = parts;
  const key = JSON.stringify([service, site.kind, site.uri, site.template, site.jsonPath ?? '', detector, form]);
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

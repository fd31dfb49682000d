/**
 * Key groups: keys that differ only by ids, numbers, dates or addresses are one site, as object
 * keys are (`object-group.ts`), with `:` as Redis's separator.
 *   session:3f2a8c1e9b7d4e21a0c5      → session:*
 *   user:1042:profile                 → user:*:profile
 *   cart:alice@example.com            → cart:*
 */
import { toFolderGroup } from '../object-group.js';

/** The group pattern of a key: each `:` segment grouped as an object key's folder is. */
export function toKeyGroup(key: string): string {
  return key
    .split(':')
    .map((segment) => (segment.includes('@') ? '*' : toFolderGroup(segment)))
    .join(':');
}

/** The context a key's values are read with: the group's last segment that is a word (`profile`, `session`). */
export function toKeyHint(group: string): string {
  const words = group.split(':').filter((s) => s !== '*' && /[a-z]/i.test(s));
  return words.at(-1) ?? group;
}

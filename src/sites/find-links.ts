/** Which hashed sites of a scan a join re-identifies (link-matcher.ts), and their findings marked. */
import type { Finding, Linkable } from './finding.js';
import { toSiteKey, type LinkSamples } from './link-samples.js';
import { createLinkMatcher } from './link-matcher.js';

/** Hashed sites (by toSiteKey) that are unsalted digests of plaintext found elsewhere. */
export function findLinks(samples: LinkSamples): Map<string, Linkable> {
  const matcher = createLinkMatcher(samples.hashed);
  let rank = 0;
  for (const plain of samples.plain.values()) matcher.add(plain, [rank++], plain.keys);
  return matcher.links();
}

/**
 * The hashed findings a join re-identifies, marked `linkable`; any mark they had is replaced (a
 * merge's parts carry their shard's own).
 */
export function markLinkable(findings: readonly Finding[], links: ReadonlyMap<string, Linkable>): Finding[] {
  return findings.map((f) => {
    if (f.form !== 'hashed') return f;
    const link = links.get(
      toSiteKey({ uri: f.site.uri, ...(f.site.jsonPath ? { jsonPath: f.site.jsonPath } : {}), detector: f.detector }),
    );
    if (link !== undefined) return { ...f, linkable: link };
    if (f.linkable === undefined) return f;
    const unmarked = { ...f };
    delete unmarked.linkable;
    return unmarked;
  });
}

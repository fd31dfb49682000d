/**
 * Which hashed sites a join re-identifies: for each, the plaintext site whose values' digests
 * match most of its sampled digests. A single match could be a shared test value, so at least two
 * are needed (or every digest sampled, when there is one).
 */
import type { Finding, Linkable } from './finding.js';
import { toSiteKey, type LinkSamples } from './link-samples.js';

function toLabel(site: { uri: string; jsonPath?: string }): string {
  return site.jsonPath ? `${site.uri}#${site.jsonPath}` : site.uri;
}

/** The most common way the site's digests were written (`sha256-hex`). */
function mainKind(kinds: Record<string, number>): string {
  return Object.entries(kinds).sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0]![0];
}

/** Hashed sites (by toSiteKey) that are unsalted digests of plaintext found elsewhere. */
export function findLinks(samples: LinkSamples): Map<string, Linkable> {
  const links = new Map<string, Linkable>();
  for (const [key, hashed] of samples.hashed) {
    if (hashed.keys.length === 0) continue;
    let best: { label: string; matched: number } | undefined;
    for (const plain of samples.plain.values()) {
      if (plain.uri === hashed.uri && plain.jsonPath === hashed.jsonPath) continue;
      let matched = 0;
      for (const k of hashed.keys) if (plain.keys.has(k)) matched++;
      if (matched > (best?.matched ?? 0)) best = { label: toLabel(plain), matched };
    }
    if (best === undefined || (best.matched < 2 && best.matched < hashed.keys.length)) continue;
    links.set(key, {
      source: best.label,
      digest: mainKind(hashed.kinds),
      share: Math.round((best.matched / hashed.keys.length) * 1000) / 1000,
      sampled: hashed.keys.length,
    });
  }
  return links;
}

/** The hashed findings a join re-identifies, marked `linkable`. */
export function markLinkable(findings: readonly Finding[], samples: LinkSamples): Finding[] {
  const links = findLinks(samples);
  if (links.size === 0) return [...findings];
  return findings.map((f) => {
    if (f.form !== 'hashed') return f;
    const link = links.get(
      toSiteKey({ uri: f.site.uri, ...(f.site.jsonPath ? { jsonPath: f.site.jsonPath } : {}), detector: f.detector }),
    );
    return link === undefined ? f : { ...f, linkable: link };
  });
}
